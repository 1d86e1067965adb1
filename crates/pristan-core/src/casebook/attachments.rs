//! Attachments: files kept inside the encrypted database, named by the SHA-256 of their bytes.
//! They are read into memory and handed to the caller; nothing is written to a temporary file.

use std::path::Path;

use rusqlite::OptionalExtension;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::atomic_file::write_atomically;
use crate::domain::{Attachment, ShortText, Stored};
use crate::error::{Error, Result};
use crate::ops::{EntityId, EntityType};
use crate::vault::Vault;

/// The largest file Pristan keeps: enough for a phone photo or a scanned court decision, small
/// enough that bundles stay sendable on a USB stick and the database stays quick to copy.
pub const MAX_ATTACHMENT_BYTES: usize = 20 * 1024 * 1024;

/// An attachment with its bytes, wiped from memory when dropped.
pub struct AttachmentContent {
    pub attachment: Stored<Attachment>,
    pub bytes: Zeroizing<Vec<u8>>,
}

impl Vault {
    /// Keeps `bytes` as an attachment of a case. The media type is read from the content, not
    /// taken from the file name; the name is cleaned so it is safe to show and to suggest.
    pub fn add_attachment(
        &mut self,
        case_id: EntityId,
        file_name: &str,
        caption: &str,
        bytes: &[u8],
    ) -> Result<EntityId> {
        if bytes.len() > MAX_ATTACHMENT_BYTES {
            return Err(Error::Invalid {
                field: "attachment",
                reason: format!(
                    "the file is {:.1} MB, and Pristan keeps files up to {} MB: take a smaller \
                     photo, or scan at a lower resolution",
                    bytes.len() as f64 / 1_048_576.0,
                    MAX_ATTACHMENT_BYTES / 1_048_576
                ),
            });
        }
        if bytes.is_empty() {
            return Err(Error::Invalid {
                field: "attachment",
                reason: "the file is empty".into(),
            });
        }
        let sha256 = hex::encode(Sha256::digest(bytes));
        let text = |value: &str, field: &'static str| {
            ShortText::new(value).map_err(|e| Error::Invalid {
                field,
                reason: e.to_string(),
            })
        };
        let attachment = Attachment {
            case_id: Some(case_id),
            sha256: text(&sha256, "attachment")?,
            file_name: text(&clean_file_name(file_name), "file name")?,
            media_type: text(sniff_media_type(bytes), "attachment")?,
            size: bytes.len() as u64,
            caption: text(caption, "caption")?,
        };
        let id = EntityId::random();
        let change = self.creation(&attachment)?;
        self.record_all(vec![(EntityType::Attachment, id, change)], |tx| {
            tx.execute(
                "INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?1, ?2)",
                (&sha256, bytes),
            )?;
            Ok(())
        })?;
        Ok(id)
    }

    /// The attachment and its bytes, checked against its SHA-256.
    pub fn attachment_content(&self, id: EntityId) -> Result<AttachmentContent> {
        let attachment = self.require::<Attachment>(id)?;
        let bytes: Option<Vec<u8>> = self
            .connection()
            .query_row(
                "SELECT data FROM blobs WHERE sha256 = ?1",
                [attachment.record.sha256.as_str()],
                |row| row.get(0),
            )
            .optional()?;
        let bytes = Zeroizing::new(bytes.ok_or_else(|| Error::Invalid {
            field: "attachment",
            reason: "this file's contents have not arrived on this device yet".into(),
        })?);
        if hex::encode(Sha256::digest(&bytes[..])) != attachment.record.sha256.as_str() {
            return Err(Error::Invalid {
                field: "attachment",
                reason: "the stored file does not match its checksum; it may be damaged".into(),
            });
        }
        Ok(AttachmentContent { attachment, bytes })
    }

    /// Writes an attachment to `path`, chosen by the person: all or nothing, never half a file.
    /// The copy is outside the vault and unencrypted; the interface says so before exporting.
    pub fn export_attachment(&self, id: EntityId, path: &Path) -> Result<()> {
        let content = self.attachment_content(id)?;
        write_atomically(path, &content.bytes).map_err(|source| Error::Io {
            action: "write",
            path: path.to_owned(),
            source,
        })
    }
}

/// The last path component of `name`, without control or bidirectional-override characters, at
/// most 120 characters; "attachment" if nothing is left.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .take(120)
        .collect();
    // Dots and spaces are removed from the start together, so that cleaning a clean name
    // changes nothing: received attachments are checked to carry a name this function kept.
    let cleaned = cleaned
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace())
        .trim_end()
        .to_owned();
    if cleaned.is_empty() {
        "attachment".to_owned()
    } else {
        cleaned
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The media types the interface can show, recognised by their first bytes.
fn sniff_media_type(bytes: &[u8]) -> &'static str {
    const SIGNATURES: [(&[u8], &str); 5] = [
        (b"\x89PNG\r\n\x1a\n", "image/png"),
        (b"\xff\xd8\xff", "image/jpeg"),
        (b"%PDF-", "application/pdf"),
        (b"GIF8", "image/gif"),
        (b"RIFF", "image/webp"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, kind)| {
            bytes.starts_with(magic) && (*kind != "image/webp" || bytes.get(8..12) == Some(b"WEBP"))
        })
        .map_or("application/octet-stream", |(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_controls_and_direction_overrides() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\x\\скан.pdf"), "скан.pdf");
        assert_eq!(clean_file_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(clean_file_name("a\0b"), "ab");
        assert_eq!(clean_file_name("/"), "attachment");
        assert_eq!(clean_file_name(".hidden"), "hidden");
        assert_eq!(clean_file_name(&"я".repeat(4000)).chars().count(), 120);
        assert_eq!(clean_file_name(". .x"), "x");
        for name in [
            "../../etc/passwd",
            ". .x",
            " . a.pdf ",
            "a\u{202E}b",
            "...",
            "x. ",
        ] {
            let once = clean_file_name(name);
            assert_eq!(clean_file_name(&once), once, "{name:?}");
        }
    }

    #[test]
    fn media_types_come_from_the_content() {
        assert_eq!(sniff_media_type(b"%PDF-1.7 ..."), "application/pdf");
        assert_eq!(sniff_media_type(b"\xff\xd8\xff\xe0"), "image/jpeg");
        assert_eq!(
            sniff_media_type(b"RIFF\0\0\0\0WAVE"),
            "application/octet-stream"
        );
        assert_eq!(sniff_media_type(b"hello"), "application/octet-stream");
    }
}
