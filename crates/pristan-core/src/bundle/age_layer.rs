//! The outer layer of a bundle: a standard binary age file encrypted to X25519 recipients only,
//! so a coordinator can also open it with `age` or `rage` and the organisation's key
//! (DESIGN.md §6). Before the age crate sees a file, its size and header are checked here within
//! fixed caps; the plaintext is read into memory that is wiped when dropped.

use std::io::Read;

use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::{BundleError, Limits};

/// The first line of every binary age file (age v1).
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
/// The tag of the only recipient type Pristan writes and accepts.
const X25519_TAG: &[u8] = b"X25519";
/// age adds one decoy stanza with a random tag ending like this to every file it writes, so that
/// readers keep ignoring stanzas they do not know. It carries no key.
const GREASE_SUFFIX: &[u8] = b"-grease";

/// Encrypts `plaintext` to `recipients` as a binary age file.
pub(crate) fn encrypt(
    plaintext: &[u8],
    recipients: &[age::x25519::Recipient],
) -> Result<Vec<u8>, BundleError> {
    if recipients.is_empty() {
        return Err(BundleError::NoRecipients);
    }
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|source| BundleError::Encrypt { source })?;
    // age adds a 16-byte nonce and a 16-byte tag per 64 KiB chunk, and a header of a few
    // hundred bytes: reserving a little more than the plaintext avoids copies.
    let mut file = Vec::with_capacity(plaintext.len() + plaintext.len() / 1024 + 4096);
    let io = |source: std::io::Error| BundleError::Encrypt {
        source: age::EncryptError::Io(source),
    };
    let mut writer = encryptor.wrap_output(&mut file).map_err(io)?;
    std::io::Write::write_all(&mut writer, plaintext).map_err(io)?;
    writer.finish().map_err(io)?;
    Ok(file)
}

/// Decrypts a bundle file with the first of `identities` that opens it, and returns the plaintext
/// with that identity's index, so the caller can check the identity is among the recipients the
/// signed header names.
pub(crate) fn decrypt(
    file: &[u8],
    identities: &[age::x25519::Identity],
    limits: &Limits,
) -> Result<(Zeroizing<Vec<u8>>, usize), BundleError> {
    let size = u64::try_from(file.len()).unwrap_or(u64::MAX);
    if size > limits.max_file_bytes {
        return Err(BundleError::TooLarge {
            size,
            max: limits.max_file_bytes,
        });
    }
    check_header(file, limits)?;

    // age tries all identities against all stanzas and does not say which one matched, so each
    // identity is tried on its own. Parsing the header again each time is cheap: it is small
    // and already in memory.
    for (index, identity) in identities.iter().enumerate() {
        let decryptor = age::Decryptor::new_buffered(file).map_err(refused)?;
        match decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)) {
            Ok(reader) => return read_plaintext(reader, file.len(), limits).map(|p| (p, index)),
            Err(age::DecryptError::NoMatchingKeys) => continue,
            Err(other) => return Err(refused(other)),
        }
    }
    Err(BundleError::NotForUs)
}

/// A short name for an age recipient that the signed header can list: lowercase hex of the first
/// 16 bytes of SHA-256 over a domain label and the recipient's `age1…` text. The label keeps the
/// hash from meaning anything outside Pristan.
pub fn recipient_fingerprint(recipient: &age::x25519::Recipient) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"pristan-recipient-v1\n");
    hasher.update(recipient.to_string().as_bytes());
    hex::encode(&hasher.finalize()[..16])
}

/// Checks the age header within `max_age_header_bytes`: the version line, at most `max_stanzas`
/// stanzas, every one of them X25519 (or age's decoy), and a `---` line that ends it. This keeps
/// a header of a million stanzas, or one protected by a passphrase (whose scrypt work factor the
/// file chooses), from ever reaching the age crate.
fn check_header(file: &[u8], limits: &Limits) -> Result<(), BundleError> {
    if !file.starts_with(AGE_MAGIC) {
        return Err(BundleError::NotAge);
    }
    let window = file.get(..limits.max_age_header_bytes).unwrap_or(file);
    let mut rest = window.get(AGE_MAGIC.len()..).unwrap_or_default();
    let mut stanzas = 0usize;
    let mut keys = 0usize;
    loop {
        let Some(end) = rest.iter().position(|&b| b == b'\n') else {
            return Err(header_error(
                "it is longer than allowed or cut short before its end",
            ));
        };
        let line = rest.get(..end).unwrap_or_default();
        rest = rest.get(end + 1..).unwrap_or_default();
        if line.starts_with(b"---") {
            break;
        }
        let Some(stanza) = line.strip_prefix(b"-> ") else {
            continue; // A stanza's body; age checks it.
        };
        stanzas += 1;
        if stanzas > limits.max_stanzas {
            return Err(BundleError::TooManyStanzas {
                found: count_stanzas(file),
                max: limits.max_stanzas,
            });
        }
        let tag = stanza.split(|&b| b == b' ').next().unwrap_or_default();
        if tag == X25519_TAG {
            keys += 1;
        } else if tag == b"scrypt" {
            return Err(header_error(
                "not encrypted to a key: it is protected by a passphrase, which Pristan does not use",
            ));
        } else if !tag.ends_with(GREASE_SUFFIX) {
            return Err(header_error(
                "encrypted to a kind of key Pristan does not use",
            ));
        }
    }
    if keys == 0 {
        return Err(header_error("not encrypted to a key"));
    }
    Ok(())
}

/// The number of stanza lines in the whole file, for the error message. Counting is linear and
/// allocates nothing, so it is safe on a file of any size.
fn count_stanzas(file: &[u8]) -> usize {
    let mut count = 0usize;
    let mut at_line_start = true;
    let mut header_ended = false;
    for window in file.windows(3) {
        if at_line_start {
            if window == b"-> " {
                count += 1;
            } else if window == b"---" {
                header_ended = true;
            }
        }
        if header_ended {
            break;
        }
        at_line_start = window.first() == Some(&b'\n');
    }
    count
}

/// Reads the plaintext into memory that is wiped on drop. It is never longer than the file (age
/// only adds to it), so reserving the file's length up front means the buffer is never
/// reallocated and no unwiped copy is left behind; the read is still capped in case it were.
fn read_plaintext<R: Read>(
    reader: R,
    file_len: usize,
    limits: &Limits,
) -> Result<Zeroizing<Vec<u8>>, BundleError> {
    let mut plaintext = Zeroizing::new(Vec::with_capacity(file_len));
    let cap = limits.max_file_bytes.min(file_len as u64);
    reader
        .take(cap.saturating_add(1))
        .read_to_end(&mut plaintext)
        .map_err(|_| BundleError::Damaged {
            reason: "its encrypted contents were changed or cut short".to_owned(),
        })?;
    if plaintext.len() as u64 > cap {
        return Err(BundleError::TooLarge {
            size: plaintext.len() as u64,
            max: cap,
        });
    }
    Ok(plaintext)
}

/// Maps an age failure to a reason that names what went wrong but never quotes the file.
fn refused(error: age::DecryptError) -> BundleError {
    let reason = match error {
        age::DecryptError::NoMatchingKeys => return BundleError::NotForUs,
        age::DecryptError::InvalidHeader | age::DecryptError::UnknownFormat => {
            return header_error("its structure is not valid")
        }
        age::DecryptError::InvalidMac => "its encryption header was changed",
        age::DecryptError::Io(_) => "it is cut short",
        age::DecryptError::ExcessiveWork { .. } => {
            return header_error("not encrypted to a key: it is protected by a passphrase")
        }
        _ => "its encryption could not be undone",
    };
    BundleError::Damaged {
        reason: reason.to_owned(),
    }
}

fn header_error(reason: &str) -> BundleError {
    BundleError::AgeHeader {
        reason: reason.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::x25519::Identity;

    fn small() -> Limits {
        Limits::DEFAULT
    }

    #[test]
    fn round_trip_reports_which_identity_opened_it() {
        let (a, b, c) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let file = encrypt(b"hello", &[a.to_public(), b.to_public()]).unwrap();
        let (plain, index) = decrypt(&file, &[c, b], &small()).unwrap();
        assert_eq!((plain.as_slice(), index), (&b"hello"[..], 1));
    }

    #[test]
    fn wrong_identity_is_not_for_us() {
        let file = encrypt(b"x", &[Identity::generate().to_public()]).unwrap();
        let err = decrypt(&file, &[Identity::generate()], &small()).unwrap_err();
        assert!(matches!(err, BundleError::NotForUs), "{err:?}");
        let err = decrypt(&file, &[], &small()).unwrap_err();
        assert!(matches!(err, BundleError::NotForUs), "{err:?}");
    }

    #[test]
    fn no_recipients_is_refused() {
        assert!(matches!(encrypt(b"x", &[]), Err(BundleError::NoRecipients)));
    }

    #[test]
    fn oversized_file_is_refused_before_parsing() {
        let limits = Limits {
            max_file_bytes: 10,
            ..Limits::DEFAULT
        };
        let err = decrypt(&[0; 11], &[], &limits).unwrap_err();
        assert!(matches!(err, BundleError::TooLarge { size: 11, max: 10 }));
    }

    #[test]
    fn non_age_and_armored_files_are_not_age() {
        for file in [
            &b""[..],
            b"PRISTAN\0",
            b"-----BEGIN AGE ENCRYPTED FILE-----\n",
        ] {
            assert!(matches!(
                decrypt(file, &[], &small()),
                Err(BundleError::NotAge)
            ));
        }
    }

    // A header of a thousand stanzas is refused by counting, before age parses any of it.
    #[test]
    fn thousand_stanzas_are_too_many() {
        let mut file = AGE_MAGIC.to_vec();
        for _ in 0..1000 {
            file.extend_from_slice(b"-> X25519 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
            file.extend_from_slice(b"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        }
        file.extend_from_slice(b"--- AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
        let err = decrypt(&file, &[Identity::generate()], &small()).unwrap_err();
        assert!(
            matches!(
                err,
                BundleError::TooManyStanzas {
                    found: 1000,
                    max: 32
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn passphrase_file_is_refused() {
        let mut recipient = age::scrypt::Recipient::new("correct horse".to_owned().into());
        recipient.set_work_factor(2); // Keeps the test fast; the file is refused unread anyway.
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .unwrap();
        let mut file = vec![];
        let mut writer = encryptor.wrap_output(&mut file).unwrap();
        std::io::Write::write_all(&mut writer, b"secret").unwrap();
        writer.finish().unwrap();
        let err = decrypt(&file, &[Identity::generate()], &small()).unwrap_err();
        let BundleError::AgeHeader { reason } = &err else {
            panic!("{err:?}")
        };
        assert!(reason.contains("not encrypted to a key"), "{reason}");
    }

    #[test]
    fn other_key_types_and_endless_headers_are_refused() {
        let mut ssh = AGE_MAGIC.to_vec();
        ssh.extend_from_slice(b"-> ssh-ed25519 abc def\nAAAA\n--- AAAA\n");
        let mut endless = AGE_MAGIC.to_vec();
        endless.extend(std::iter::repeat_n(b'A', 100_000));
        for file in [ssh, endless] {
            let err = decrypt(&file, &[Identity::generate()], &small()).unwrap_err();
            assert!(matches!(err, BundleError::AgeHeader { .. }), "{err:?}");
        }
    }

    #[test]
    fn fingerprint_is_32_lowercase_hex_digits_and_stable() {
        let recipient: age::x25519::Recipient =
            "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
                .parse()
                .unwrap();
        let fingerprint = recipient_fingerprint(&recipient);
        assert_eq!(fingerprint.len(), 32);
        assert!(fingerprint
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        let mut hasher = Sha256::new();
        hasher.update(
            b"pristan-recipient-v1\nage1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
        );
        assert_eq!(fingerprint, hex::encode(&hasher.finalize()[..16]));
    }
}
