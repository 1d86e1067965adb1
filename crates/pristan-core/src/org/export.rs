//! Taking the organisation's keys out of the vault: the organisation's age identity as a standard
//! identity file (so a coordinator can open any bundle with `rage -d -i FILE` even without
//! Pristan), and the coordinator key file that makes another device a coordinator.
//!
//! Both are passphrase-encrypted with age's scrypt recipient by default. A passphrase-encrypted
//! identity file is one `rage -i` accepts directly: it asks for the passphrase.

use std::io::{Read, Write};

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use super::error::OrgError;
use super::keys;
use super::store::{OrgRow, OrgSecrets};
use super::types::{OrgId, SignedRoster};
use crate::error::Result;

/// The coordinator key file's format marker, checked on import.
const KEY_FILE_FORMAT: &str = "pristan-coordinator-keys-v1";
/// A key file holds two keys and a roster, so it is bounded by the roster's cap.
const MAX_KEY_FILE: usize = super::roster::MAX_ROSTER_JSON + 64 * 1024;
/// The most scrypt work a key file may ask for: 2^22 needs 4 GiB and many seconds. A file asking
/// for more was not made by Pristan on an ordinary computer.
const MAX_SCRYPT_LOG_N: u8 = 22;

/// What a second coordinator's device needs: everything the first one holds about the
/// organisation except the cases. Wiped from memory when dropped.
#[derive(Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(deny_unknown_fields)]
pub(crate) struct CoordinatorKeyFile {
    format: String,
    #[zeroize(skip)]
    pub(crate) org: OrgId,
    pub(crate) org_name: String,
    org_signing_secret: String,
    org_age_identity: String,
    #[zeroize(skip)]
    pub(crate) roster: SignedRoster,
}

impl std::fmt::Debug for CoordinatorKeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CoordinatorKeyFile")
            .field("org", &self.org)
            .finish_non_exhaustive()
    }
}

impl CoordinatorKeyFile {
    pub(crate) fn new(org: &OrgRow, secrets: &OrgSecrets, roster: SignedRoster) -> Self {
        CoordinatorKeyFile {
            format: KEY_FILE_FORMAT.to_owned(),
            org: org.org,
            org_name: org.name.clone(),
            org_signing_secret: keys::signing_key_to_text(&secrets.signing).to_string(),
            org_age_identity: keys::age_identity_to_text(&secrets.age).to_string(),
            roster,
        }
    }

    /// The organisation row the file describes, with its secrets, after checking that the keys
    /// parse and that the roster is signed by the key in the file for the organisation it names.
    pub(crate) fn into_org(self) -> Result<(OrgRow, SignedRoster)> {
        let malformed = |reason| OrgError::KeyFileMalformed { reason };
        if self.format != KEY_FILE_FORMAT {
            return Err(malformed("it is of an unknown kind or version").into());
        }
        keys::check_name(&self.org_name).map_err(|_| malformed("its name is not valid"))?;
        let secrets = OrgSecrets {
            signing: keys::signing_key_from_text(&self.org_signing_secret, "organisation key")?,
            age: keys::age_identity_from_text(&self.org_age_identity, "organisation key")?,
        };
        let signing_key = keys::verifying_key_hex(&secrets.signing.verifying_key());
        let roster = super::roster::verify_roster(&signing_key, &self.roster)?;
        if roster.org != self.org {
            return Err(malformed("its roster belongs to another organisation").into());
        }
        let row = OrgRow {
            org: self.org,
            name: self.org_name.clone(),
            signing_key,
            recipient: secrets.age.to_public().to_string(),
            secrets: Some(secrets),
        };
        Ok((row, self.roster.clone()))
    }

    pub(crate) fn to_json(&self) -> Result<Zeroizing<Vec<u8>>> {
        // Reserved up front so the buffer is not reallocated, which would leave copies behind.
        let mut json = Zeroizing::new(Vec::with_capacity(1024 + self.roster.roster_json.len() * 2));
        serde_json::to_writer(&mut *json, self)
            .map_err(|e| OrgError::Encryption(std::io::Error::other(e)))?;
        Ok(json)
    }

    pub(crate) fn from_json(json: &[u8]) -> Result<CoordinatorKeyFile> {
        serde_json::from_slice(json).map_err(|_| {
            OrgError::KeyFileMalformed {
                reason: "its contents are not readable",
            }
            .into()
        })
    }
}

/// The organisation's age identity as an identity file: comment lines, then the secret key.
pub(crate) fn identity_file(org: &OrgRow, secrets: &OrgSecrets) -> Zeroizing<Vec<u8>> {
    let secret = keys::age_identity_to_text(&secrets.age);
    let text = Zeroizing::new(format!(
        "# Pristan organisation key for {name}\n\
         # organisation id: {id}\n\
         # created: {created}\n\
         # Whoever holds this key can read every bundle sent to the organisation. Keep it\n\
         # offline, and never send it unencrypted.\n\
         # public key: {public}\n\
         {secret}\n",
        name = org.name,
        id = org.org,
        created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        public = org.recipient,
        secret = secret.as_str(),
    ));
    Zeroizing::new(text.as_bytes().to_vec())
}

/// Encrypts `plaintext` to a passphrase as a standard (binary) age file.
pub(crate) fn encrypt_with_passphrase(
    plaintext: &[u8],
    passphrase: &SecretString,
) -> Result<Vec<u8>> {
    #[allow(unused_mut, reason = "only tests lower the work factor")]
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    // age calibrates scrypt to about a second on this machine; tests would spend minutes.
    #[cfg(test)]
    recipient.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| OrgError::Encryption(std::io::Error::other(e)))?;
    let mut out = Vec::with_capacity(plaintext.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .map_err(OrgError::Encryption)?;
    writer.write_all(plaintext).map_err(OrgError::Encryption)?;
    writer.finish().map_err(OrgError::Encryption)?;
    Ok(out)
}

/// Decrypts a passphrase-encrypted age file of at most [`MAX_KEY_FILE`] bytes.
pub(crate) fn decrypt_with_passphrase(
    file: &[u8],
    passphrase: &SecretString,
) -> Result<Zeroizing<Vec<u8>>> {
    let malformed = |reason| OrgError::KeyFileMalformed { reason };
    if file.len() > MAX_KEY_FILE {
        return Err(malformed("it is far larger than a key file").into());
    }
    let decryptor =
        age::Decryptor::new_buffered(file).map_err(|_| malformed("it is not an age file"))?;
    if !decryptor.is_scrypt() {
        return Err(malformed("it is not protected by a passphrase").into());
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_SCRYPT_LOG_N);
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                OrgError::WrongPassphrase
            }
            age::DecryptError::ExcessiveWork { .. } => {
                malformed("it asks for more work than this computer can do")
            }
            _ => malformed("it is damaged"),
        })?;
    let mut plaintext = Zeroizing::new(Vec::with_capacity(file.len()));
    reader
        .take(MAX_KEY_FILE as u64)
        .read_to_end(&mut plaintext)
        .map_err(|_| malformed("it is damaged or incomplete"))?;
    Ok(plaintext)
}
