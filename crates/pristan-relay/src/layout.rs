//! Where the relay keeps things in its store. Mailboxes are folders named by a hash of the
//! mailbox id, so the id a client sends in `Pristan-To` (and that the client can compute for any
//! device) never appears in the store's names; objects are named by the SHA-256 of their bytes.
//!
//! ```text
//! mailbox/<folder>/<sha256>       a bundle for one device
//! inbox/<sha256>                  a bundle for the coordinators
//! inbox-ack/<sha256>/<tag>        the coordinator <tag> (a hash of its key) has acknowledged it
//! roster/<version>-<hash>.json    every relay roster accepted (signed, as received)
//! ticket/<hash>                   how many uploads a join ticket has made
//! card/<name>                     a family status card (an armoured age file)
//! card-revoked/<name>             empty: the card under this code was revoked
//! ```
//!
//! A card's `<name>` is `hex(SHA-256("pristan-relay-card-v1\n" || lookup))`: the store holds
//! neither the card code nor the lookup a family's computer sends.

pub use object_store::path::Path;
use pristan_relay_proto::MailboxId;
use sha2::{Digest, Sha256};

const FOLDER_DOMAIN: &[u8] = b"pristan-relay-folder-v1\n";
const TICKET_DOMAIN: &[u8] = b"pristan-relay-ticket-v1\n";
const COORDINATOR_DOMAIN: &[u8] = b"pristan-relay-coordinator-v1\n";
const CARD_DOMAIN: &[u8] = b"pristan-relay-card-v1\n";

/// A mailbox's folder name: `hex(SHA-256("pristan-relay-folder-v1\n" || mailbox id))`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Folder(String);

impl Folder {
    pub fn of(mailbox: &MailboxId) -> Folder {
        let digest = Sha256::new()
            .chain_update(FOLDER_DOMAIN)
            .chain_update(mailbox.to_string())
            .finalize();
        Folder(hex::encode(digest))
    }

    /// A folder named in the store (the middle part of `mailbox/<folder>/<sha256>`).
    pub fn from_stored(name: &str) -> Folder {
        Folder(name.to_owned())
    }

    /// The organisation inbox's quota is kept under this name.
    pub fn inbox() -> Folder {
        Folder("inbox".into())
    }

    /// The published family cards' quota is kept under this name.
    pub fn cards() -> Folder {
        Folder("cards".into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn mailbox_prefix(folder: &Folder) -> Path {
    Path::from(format!("mailbox/{}", folder.0))
}

pub fn mailbox_object(folder: &Folder, sha256: &str) -> Path {
    Path::from(format!("mailbox/{}/{sha256}", folder.0))
}

pub fn inbox_prefix() -> Path {
    Path::from("inbox")
}

pub fn inbox_object(sha256: &str) -> Path {
    Path::from(format!("inbox/{sha256}"))
}

pub fn inbox_acks_prefix() -> Path {
    Path::from("inbox-ack")
}

/// Names a coordinator in the inbox's acknowledgements by a hash of its signing key.
pub fn coordinator_tag(signing_key_hex: &str) -> String {
    let digest = Sha256::new()
        .chain_update(COORDINATOR_DOMAIN)
        .chain_update(signing_key_hex.as_bytes())
        .finalize();
    hex::encode(digest)
}

pub fn inbox_ack(sha256: &str, coordinator_tag: &str) -> Path {
    Path::from(format!("inbox-ack/{sha256}/{coordinator_tag}"))
}

pub fn inbox_acks_of(sha256: &str) -> Path {
    Path::from(format!("inbox-ack/{sha256}"))
}

pub fn roster_prefix() -> Path {
    Path::from("roster")
}

pub fn roster_document(version: u64, json: &str) -> Path {
    let hash = hex::encode(Sha256::digest(json.as_bytes()));
    Path::from(format!("roster/{version:020}-{}.json", &hash[..16]))
}

pub fn ticket_prefix() -> Path {
    Path::from("ticket")
}

/// A ticket's use count, named by a hash of its id so the store does not hold the id itself.
pub fn ticket_record(ticket_id: &str) -> Path {
    let digest = Sha256::new()
        .chain_update(TICKET_DOMAIN)
        .chain_update(ticket_id.as_bytes())
        .finalize();
    Path::from(format!("ticket/{}", hex::encode(digest)))
}

fn card_name(lookup: &str) -> String {
    hex::encode(
        Sha256::new()
            .chain_update(CARD_DOMAIN)
            .chain_update(lookup.as_bytes())
            .finalize(),
    )
}

pub fn cards_prefix() -> Path {
    Path::from("card")
}

/// Where the card a family fetches with `lookup` is kept.
pub fn card_object(lookup: &str) -> Path {
    Path::from(format!("card/{}", card_name(lookup)))
}

/// The marker that the card under `lookup` was revoked.
pub fn card_revoked(lookup: &str) -> Path {
    Path::from(format!("card-revoked/{}", card_name(lookup)))
}

/// The last part of a stored name (an object's SHA-256, a folder).
pub fn last_part(path: &Path) -> Option<String> {
    path.filename().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_name_is_not_the_mailbox_id() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]).verifying_key();
        let mailbox = pristan_relay_proto::mailbox_id(&key, "age1x");
        let folder = Folder::of(&mailbox);
        assert_ne!(folder.as_str(), mailbox.to_string());
        assert_eq!(folder.as_str().len(), 64);
        assert!(!mailbox_object(&folder, "ab")
            .to_string()
            .contains(&mailbox.to_string()));
    }

    #[test]
    fn a_card_is_kept_under_neither_its_code_nor_its_lookup() {
        let lookup = "ab".repeat(32);
        let kept = card_object(&lookup).to_string();
        assert!(kept.starts_with("card/"));
        assert!(!kept.contains(&lookup));
        assert!(!card_revoked(&lookup).to_string().contains(&lookup));
        assert_ne!(card_object(&lookup), card_object(&"cd".repeat(32)));
    }
}
