//! Keys: this device's Ed25519 signing key and age X25519 identity (made on first need and kept
//! inside the vault), the parsing of keys others send, and the fingerprints people compare aloud.
//!
//! Secret keys exist in memory only inside `Zeroizing`/`SecretString` values or the crates' own
//! key types (which wipe themselves), and no type here prints one in its `Debug` output.

use std::str::FromStr;

use ed25519_dalek::{SigningKey, VerifyingKey};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::error::OrgError;
use super::store;
use super::types::DeviceIdentity;
use crate::error::Result;

/// Domain separation for device fingerprints, so a fingerprint can never be mistaken for the
/// hash of anything else Pristan computes.
const DEVICE_FINGERPRINT_DOMAIN: &[u8] = b"pristan-device-v1\n";
/// The same for the organisation's fingerprint, read out when checking an invitation.
const ORG_FINGERPRINT_DOMAIN: &[u8] = b"pristan-org-v1\n";
/// `age1` and 58 bech32 characters: the only length an X25519 recipient has.
const RECIPIENT_LEN: usize = 62;
/// The longest name a device or organisation may carry, in characters.
pub(crate) const MAX_NAME_CHARS: usize = 80;

/// A device's fingerprint: 20 decimal digits in five groups of four ("0412 8830 …"), short enough
/// to read aloud over the phone and compare digit by digit.
///
/// It is the first 128 bits of SHA-256 over `b"pristan-device-v1\n" || signing_key_hex || "\n" ||
/// recipient`, reduced modulo 10^20, so it binds both of the device's keys: an impostor must
/// match the signing key (to have bundles accepted) and the recipient (to receive case packets)
/// at once. Twenty digits carry about 66 bits. Someone who wants their own key pair to show the
/// same fingerprint as a given honest device must try about 2^66 key pairs, far beyond anyone
/// who might target a volunteer group; the comparison is only worth that much if all twenty
/// digits are compared.
pub fn fingerprint(identity: &DeviceIdentity) -> String {
    fingerprint_of(
        DEVICE_FINGERPRINT_DOMAIN,
        &identity.signing_key,
        &identity.recipient,
    )
}

/// The organisation's fingerprint, from its public keys, in the same form as a device's. A
/// volunteer compares it with the coordinator's before trusting an invitation that came by e-mail.
pub fn org_fingerprint(org_signing_key: &str, org_recipient: &str) -> String {
    fingerprint_of(ORG_FINGERPRINT_DOMAIN, org_signing_key, org_recipient)
}

fn fingerprint_of(domain: &[u8], signing_key: &str, recipient: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(domain);
    hash.update(signing_key.as_bytes());
    hash.update(b"\n");
    hash.update(recipient.as_bytes());
    let digest = hash.finalize();
    let mut first = [0u8; 16];
    first.copy_from_slice(&digest[..16]);
    // 2^128 is about 3.4 × 10^18 times 10^20, so the reduction's bias is negligible.
    let digits = format!("{:020}", u128::from_be_bytes(first) % 10u128.pow(20));
    let groups: Vec<&str> = (0..5).map(|i| &digits[i * 4..i * 4 + 4]).collect();
    groups.join(" ")
}

/// Parses an Ed25519 public key written as exactly 64 lowercase hex digits. One spelling per key
/// matters because fingerprints hash the text. Weak (small-order) keys are refused: they would
/// let one signature verify for many messages.
pub(crate) fn parse_verifying_key(text: &str, what: &'static str) -> Result<VerifyingKey> {
    let invalid = || OrgError::InvalidKey { what };
    if text.len() != 64 || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(invalid().into());
    }
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(text, &mut bytes).map_err(|_| invalid())?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| invalid())?;
    if key.is_weak() {
        return Err(invalid().into());
    }
    Ok(key)
}

/// Parses an age X25519 recipient in its canonical lowercase form (`age1…`).
pub(crate) fn parse_recipient(text: &str, what: &'static str) -> Result<age::x25519::Recipient> {
    let invalid = || OrgError::InvalidKey { what };
    if text.len() != RECIPIENT_LEN || !text.starts_with("age1") {
        return Err(invalid().into());
    }
    let recipient = age::x25519::Recipient::from_str(text).map_err(|_| invalid())?;
    if recipient.to_string() != text {
        return Err(invalid().into());
    }
    Ok(recipient)
}

/// Checks a name shown to people: 1 to 80 characters, not only spaces, no control characters
/// (a line break in a name could forge a line in a key file's comments or a log).
pub(crate) fn check_name(name: &str) -> std::result::Result<(), &'static str> {
    if name.trim().is_empty() {
        return Err("it is empty");
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err("use at most 80 characters");
    }
    if name.chars().any(char::is_control) {
        return Err("it contains a line break or another control character");
    }
    Ok(())
}

/// Checks a device's announced identity before it is kept or shown.
pub(crate) fn check_identity(identity: &DeviceIdentity) -> Result<()> {
    check_name(&identity.name).map_err(|reason| OrgError::InvalidDeviceName { reason })?;
    parse_verifying_key(&identity.signing_key, "device signing key")?;
    parse_recipient(&identity.recipient, "device encryption key")?;
    Ok(())
}

pub(crate) fn verifying_key_hex(key: &VerifyingKey) -> String {
    hex::encode(key.as_bytes())
}

/// A fresh Ed25519 key from the operating system's randomness (through the thread RNG). The
/// seed is built here rather than by `SigningKey::generate`, which wants an older `rand_core`.
pub(crate) fn new_signing_key() -> SigningKey {
    let mut seed = Zeroizing::new([0u8; 32]);
    rand::rng().fill_bytes(seed.as_mut());
    SigningKey::from_bytes(&seed)
}

/// The secret half as it is stored: 64 hex digits, in memory that is wiped when dropped.
pub(crate) fn signing_key_to_text(key: &SigningKey) -> Zeroizing<String> {
    let seed = Zeroizing::new(key.to_bytes());
    Zeroizing::new(hex::encode(&seed[..]))
}

pub(crate) fn signing_key_from_text(text: &str, what: &'static str) -> Result<SigningKey> {
    let mut seed = Zeroizing::new([0u8; 32]);
    if text.len() != 64 {
        return Err(OrgError::InvalidKey { what }.into());
    }
    hex::decode_to_slice(text, seed.as_mut()).map_err(|_| OrgError::InvalidKey { what })?;
    Ok(SigningKey::from_bytes(&seed))
}

pub(crate) fn age_identity_to_text(identity: &age::x25519::Identity) -> Zeroizing<String> {
    Zeroizing::new(identity.to_string().expose_secret().to_owned())
}

pub(crate) fn age_identity_from_text(
    text: &str,
    what: &'static str,
) -> Result<age::x25519::Identity> {
    // age's error text never contains the key, but it is not needed either.
    age::x25519::Identity::from_str(text).map_err(|_| OrgError::InvalidKey { what }.into())
}

/// This device's two secret keys.
pub(crate) struct DeviceKeys {
    pub(crate) signing: SigningKey,
    pub(crate) age: age::x25519::Identity,
}

impl std::fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceKeys")
            .field(
                "signing_key",
                &verifying_key_hex(&self.signing.verifying_key()),
            )
            .field("recipient", &self.age.to_public().to_string())
            .finish_non_exhaustive()
    }
}

impl DeviceKeys {
    /// The device's keys, made and stored on first need. Made lazily rather than at vault
    /// creation so vaults that never join an organisation carry no keys, and so an importer
    /// inside a transaction can ask for them too.
    pub(crate) fn load_or_create(conn: &Connection) -> Result<DeviceKeys> {
        if let Some(keys) = DeviceKeys::load(conn)? {
            return Ok(keys);
        }
        let signing = new_signing_key();
        let age = age::x25519::Identity::generate();
        conn.execute(
            "INSERT INTO device_keys (id, signing_secret, age_identity) VALUES (1, ?1, ?2)",
            (
                signing_key_to_text(&signing).as_str(),
                age_identity_to_text(&age).as_str(),
            ),
        )?;
        Ok(DeviceKeys { signing, age })
    }

    fn load(conn: &Connection) -> Result<Option<DeviceKeys>> {
        let row: Option<(String, String)> = conn
            .query_row(
                "SELECT signing_secret, age_identity FROM device_keys WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((signing, age)) = row else {
            return Ok(None);
        };
        let (signing, age) = (Zeroizing::new(signing), Zeroizing::new(age));
        let damaged = |_| OrgError::DamagedKeys { what: "device key" };
        Ok(Some(DeviceKeys {
            signing: signing_key_from_text(&signing, "device key").map_err(damaged)?,
            age: age_identity_from_text(&age, "device key").map_err(damaged)?,
        }))
    }

    /// The public half, as a bundle header or an approval shows it.
    pub(crate) fn identity(&self, device: crate::ops::DeviceId, name: String) -> DeviceIdentity {
        DeviceIdentity {
            device,
            name,
            signing_key: verifying_key_hex(&self.signing.verifying_key()),
            recipient: self.age.to_public().to_string(),
        }
    }
}

/// This device's Ed25519 signing key, for signing bundles (made on first need).
pub(crate) fn device_signing_key(conn: &Connection) -> Result<SigningKey> {
    Ok(DeviceKeys::load_or_create(conn)?.signing)
}

/// The identities that may open a received bundle: this device's own first, then, on a
/// coordinator's vault, the organisation's (which every member encrypts to).
pub(crate) fn decryption_identities(conn: &Connection) -> Result<Vec<age::x25519::Identity>> {
    let mut identities = vec![DeviceKeys::load_or_create(conn)?.age];
    if let Some(secrets) = store::load_org(conn)?.and_then(|org| org.secrets) {
        identities.push(secrets.age);
    }
    Ok(identities)
}

/// The organisation's age recipient, which every bundle is encrypted to.
pub(crate) fn org_recipient(conn: &Connection) -> Result<age::x25519::Recipient> {
    let org = store::require_org(conn)?;
    parse_recipient(&org.recipient, "organisation's encryption key")
}
