//! Mailbox ids: which device a mailbox belongs to, without naming it. The id is a hash of the
//! device's two public keys, so the relay can route by it while its store and logs hold neither.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

const MAILBOX_DOMAIN: &[u8] = b"pristan-mailbox-v1\n";

/// `hex(SHA-256("pristan-mailbox-v1\n" || signing_key_hex || "\n" || recipient))`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MailboxId([u8; 32]);

/// The mailbox of the device with this Ed25519 key and this age recipient.
pub fn mailbox_id(signing_key: &VerifyingKey, recipient: &str) -> MailboxId {
    let digest = Sha256::new()
        .chain_update(MAILBOX_DOMAIN)
        .chain_update(hex::encode(signing_key.as_bytes()))
        .chain_update(b"\n")
        .chain_update(recipient.as_bytes())
        .finalize();
    MailboxId(digest.into())
}

impl MailboxId {
    /// The mailbox of a device named by its key in hex, as rosters carry it.
    pub fn of_hex_key(signing_key_hex: &str, recipient: &str) -> Result<MailboxId, MailboxIdError> {
        let key = crate::parse_verifying_key(signing_key_hex).ok_or(MailboxIdError)?;
        Ok(mailbox_id(&key, recipient))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MailboxIdError;

impl fmt::Display for MailboxIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a mailbox id or signing key: expected 64 lowercase hex digits")
    }
}

impl std::error::Error for MailboxIdError {}

impl fmt::Display for MailboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

// Debug shows only a prefix: a mailbox id is a stable identifier of a person's device, and a
// stray `{:?}` in a log line must not print it whole.
impl fmt::Debug for MailboxId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MailboxId({}…)", &hex::encode(&self.0[..2]))
    }
}

impl FromStr for MailboxId {
    type Err = MailboxIdError;

    fn from_str(text: &str) -> Result<MailboxId, MailboxIdError> {
        crate::parse_lower_hex::<32>(text)
            .map(MailboxId)
            .ok_or(MailboxIdError)
    }
}

impl Serialize for MailboxId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MailboxId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<MailboxId, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    #[test]
    fn the_id_is_the_documented_hash() {
        let key = SigningKey::from_bytes(&[7; 32]).verifying_key();
        let recipient = "age1example";
        let expected = Sha256::digest(
            format!(
                "pristan-mailbox-v1\n{}\n{}",
                hex::encode(key.as_bytes()),
                recipient
            )
            .as_bytes(),
        );
        let id = mailbox_id(&key, recipient);
        assert_eq!(id.to_string(), hex::encode(expected));
        assert_eq!(id.to_string().parse::<MailboxId>(), Ok(id));
        assert_eq!(
            MailboxId::of_hex_key(&hex::encode(key.as_bytes()), recipient),
            Ok(id)
        );
    }

    #[test]
    fn another_key_or_recipient_is_another_mailbox() {
        let a = SigningKey::from_bytes(&[1; 32]).verifying_key();
        let b = SigningKey::from_bytes(&[2; 32]).verifying_key();
        assert_ne!(mailbox_id(&a, "age1x"), mailbox_id(&b, "age1x"));
        assert_ne!(mailbox_id(&a, "age1x"), mailbox_id(&a, "age1y"));
    }

    #[test]
    fn uppercase_or_short_ids_are_refused() {
        let id = mailbox_id(&SigningKey::from_bytes(&[1; 32]).verifying_key(), "age1x");
        assert!(id.to_string().to_uppercase().parse::<MailboxId>().is_err());
        assert!(id.to_string()[1..].parse::<MailboxId>().is_err());
        assert!(!format!("{id:?}").contains(&id.to_string()));
    }
}
