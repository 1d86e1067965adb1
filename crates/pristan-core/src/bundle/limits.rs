//! The bounds every bundle parser works within. A bundle comes from outside (a USB stick, an
//! e-mail, the relay), so each layer is read with a cap chosen before the first byte is looked
//! at: a hostile or broken file costs bounded memory and time, and fails with a reason.

/// Caps on a bundle's size and shape, checked layer by layer during import.
///
/// [`Limits::DEFAULT`] is what a device accepts; the exporter checks its own output against the
/// same values, so a bundle one device writes is one every other device can read. Tests pass
/// smaller limits to reach each refusal cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The whole encrypted file, checked before decrypting. The age plaintext is never larger,
    /// so this also caps the memory the decrypted envelope takes.
    pub max_file_bytes: u64,
    /// Recipient stanzas in the age header. Pristan encrypts to the organisation's coordinators
    /// and perhaps the sender itself, plus the one decoy ("grease") stanza age adds; each
    /// stanza costs a key exchange per identity we hold, so thousands would be slow for nothing.
    pub max_stanzas: usize,
    /// The age header, up to and including its `---` line. Thirty-two X25519 stanzas take about
    /// 4 KiB.
    pub max_age_header_bytes: usize,
    /// The signed JSON header. It carries the sender's roster, which grows by about 400 bytes a
    /// device: 1 MiB is room for over two thousand devices.
    pub max_header_bytes: u64,
    /// The compressed payload after the signature. Attachments are mostly scans and photos that
    /// do not compress, so this is as large as the file.
    pub max_payload_bytes: u64,
    /// The payload once decompressed, whatever the ratio allows. Together with the file cap this
    /// bounds the memory an import can take.
    pub max_decompressed_bytes: u64,
    /// With [`Limits::ratio_slack_bytes`], the most a payload may expand: at most
    /// `max_ratio × compressed + slack` bytes. Operations compress about 10:1 and photos 1:1, so
    /// 200:1 leaves genuine bundles far below it while a small "zstd bomb" stops within a few
    /// megabytes instead of filling memory.
    pub max_ratio: u64,
    /// Lets a small bundle of very repetitive operations (a few kilobytes that expand a lot)
    /// pass the ratio check.
    pub ratio_slack_bytes: u64,
    /// The JSON text of the operations. Parsed JSON can take up to 16 times the memory of its
    /// text (`[0,0,0]` is 2 bytes an element as text, 32 in memory), so the text gets its own,
    /// smaller cap: 32 MiB is about a hundred thousand operations, and at most 512 MiB parsed.
    pub max_ops_json_bytes: u64,
    /// Operations in one bundle. A volunteer's week is hundreds; a case packet for a busy
    /// caseload tens of thousands.
    pub max_ops: usize,
    /// Attachments in one bundle.
    pub max_blobs: usize,
    /// How deeply JSON arrays and objects may nest, in the header and in the operations. Ours
    /// nest about six deep; serde_json stops at 128 on its own, this is checked first with a
    /// scan that uses no recursion.
    pub max_json_depth: usize,
    /// One attachment's contents: the largest file Pristan keeps
    /// (`casebook::MAX_ATTACHMENT_BYTES`), so no bundle brings a larger one.
    pub max_blob_bytes: u64,
    /// What the quarantine keeps, in total: the files kept to be tried again (bundles waiting
    /// for an approval or a clock) may take at most this many bytes of the vault…
    pub max_quarantine_bytes: u64,
    /// …and the quarantine lists at most this many files, those kept and those listed by name,
    /// size and hash only. When either is reached, a file that would be added is not kept (the
    /// import says so: discard some, then import it again); the file itself is untouched.
    pub max_quarantine_files: u64,
    /// Devices waiting for approval. Anyone holding the invitation can make new devices; past
    /// this many, bundles from further unknown devices are refused, not listed.
    pub max_pending_devices: usize,
}

const MIB: u64 = 1024 * 1024;

impl Limits {
    pub const DEFAULT: Limits = Limits {
        max_file_bytes: 512 * MIB,
        max_stanzas: 32,
        max_age_header_bytes: 64 * 1024,
        max_header_bytes: MIB,
        max_payload_bytes: 512 * MIB,
        max_decompressed_bytes: 1024 * MIB,
        max_ratio: 200,
        ratio_slack_bytes: MIB,
        max_ops_json_bytes: 32 * MIB,
        max_ops: 100_000,
        max_blobs: 10_000,
        max_json_depth: 64,
        max_blob_bytes: crate::casebook::MAX_ATTACHMENT_BYTES as u64,
        max_quarantine_bytes: 1024 * MIB,
        max_quarantine_files: 500,
        max_pending_devices: 50,
    };

    /// The most `compressed_len` bytes of payload may expand to.
    pub fn decompressed_cap(&self, compressed_len: u64) -> u64 {
        let by_ratio = self
            .max_ratio
            .saturating_mul(compressed_len)
            .saturating_add(self.ratio_slack_bytes);
        by_ratio.min(self.max_decompressed_bytes)
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// Whether `json` nests arrays and objects at most `max_depth` deep. A linear scan without
/// recursion, so that even a file of a million `[` is refused without touching the stack; it
/// skips brackets inside strings, and leaves checking the JSON's validity to the parser.
pub(crate) fn json_depth_within(json: &[u8], max_depth: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in json {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return false;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_counts_nesting_outside_strings() {
        assert!(json_depth_within(br#"{"a":[1,{"b":[]}]}"#, 4));
        assert!(!json_depth_within(br#"{"a":[1,{"b":[]}]}"#, 3));
        // Brackets inside strings, escaped quotes included, are text.
        assert!(json_depth_within(br#"["[[[[\"[[[[", "]]"]"#, 1));
        assert!(!json_depth_within(&[b'['; 100_000], 64));
    }

    #[test]
    fn ratio_cap_is_bounded_by_the_absolute_cap() {
        let limits = Limits::DEFAULT;
        assert_eq!(limits.decompressed_cap(0), MIB);
        assert_eq!(limits.decompressed_cap(1000), 200_000 + MIB);
        assert_eq!(limits.decompressed_cap(u64::MAX), 1024 * MIB);
    }
}
