//! The `keyslots` file: the vault's database key (DEK), wrapped once per way in (passphrase,
//! recovery code) with XChaCha20-Poly1305 under an Argon2id-derived key.
//!
//! The file is small JSON so that a coordinator can inspect it; everything in a slot that affects
//! unwrapping (vault id, slot kind, KDF parameters, salt) is bound into the AEAD's associated data,
//! so changing any byte makes the slot fail instead of quietly deriving something else.

use std::fs;
use std::io::Read;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::kdf::{KdfParams, SALT_LEN};
use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

pub(crate) const FORMAT: &str = "pristan-keyslots";
pub(crate) const FORMAT_VERSION: u32 = 1;
/// A real keyslots file is well under 2 KiB; anything far larger is not ours.
const MAX_FILE_BYTES: u64 = 64 * 1024;
const NONCE_LEN: usize = 24;
const DEK_LEN: usize = 32;
const TAG_LEN: usize = 16;

/// The random key SQLCipher uses for the database. Wiped from memory when dropped.
pub(crate) type Dek = Zeroizing<[u8; DEK_LEN]>;

pub(crate) fn new_dek() -> Dek {
    let mut dek = Zeroizing::new([0u8; DEK_LEN]);
    rand::rng().fill_bytes(dek.as_mut());
    dek
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum SlotKind {
    Passphrase,
    Recovery,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct KeyslotFile {
    pub format: String,
    pub version: u32,
    /// 16 random bytes, hex. Ties every slot to this vault.
    pub vault_id: String,
    pub slots: Vec<Keyslot>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Keyslot {
    pub kind: SlotKind,
    /// Always "argon2id" (version 0x13); named so the file explains itself.
    pub kdf: String,
    pub params: KdfParams,
    pub salt: String,
    pub nonce: String,
    pub wrapped_key: String,
}

impl Keyslot {
    /// Wraps `dek` under a key derived from `secret`.
    pub fn seal(
        vault_id: &str,
        kind: SlotKind,
        secret: &[u8],
        params: KdfParams,
        dek: &Dek,
    ) -> Result<Keyslot> {
        let mut salt = [0u8; SALT_LEN];
        rand::rng().fill_bytes(&mut salt);
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let kek = params.derive(secret, &salt)?;
        let aad = associated_data(vault_id, kind, &params, &salt);
        let wrapped = XChaCha20Poly1305::new((&*kek).into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: dek.as_ref(),
                    aad: &aad,
                },
            )
            .expect("encrypting 32 bytes cannot fail");
        Ok(Keyslot {
            kind,
            kdf: "argon2id".into(),
            params,
            salt: B64.encode(salt),
            nonce: B64.encode(nonce),
            wrapped_key: B64.encode(wrapped),
        })
    }

    /// Everything `open` checks before the KDF runs: the KDF's name and parameters (within the
    /// floor and ceilings), then the salt, nonce and wrapped key's encodings and lengths.
    #[allow(clippy::type_complexity)]
    pub fn decode(
        &self,
    ) -> std::result::Result<([u8; SALT_LEN], [u8; NONCE_LEN], [u8; DEK_LEN + TAG_LEN]), &'static str>
    {
        if self.kdf != "argon2id" {
            return Err("unknown key-derivation function");
        }
        self.params
            .check()
            .map_err(|_| "key-derivation parameters out of range")?;
        let salt = decode_exact(&self.salt).ok_or("bad salt")?;
        let nonce = decode_exact(&self.nonce).ok_or("bad nonce")?;
        let wrapped = decode_exact(&self.wrapped_key).ok_or("bad wrapped key")?;
        Ok((salt, nonce, wrapped))
    }

    /// Unwraps the DEK with `secret`. `Ok(None)` means the secret is wrong (or the slot was
    /// tampered with: the two cannot be told apart, by design).
    pub fn open(&self, vault_id: &str, secret: &[u8], path: &Path) -> Result<Option<Dek>> {
        let damaged = |reason: &str| Error::DamagedKeyslots {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        if self.kdf != "argon2id" {
            return Err(damaged("unknown key-derivation function"));
        }
        // Checked before decoding anything else and before the KDF runs.
        self.params.check()?;
        let (salt, nonce, wrapped) = self.decode().map_err(damaged)?;
        let kek = self.params.derive(secret, &salt)?;
        let aad = associated_data(vault_id, self.kind, &self.params, &salt);
        let plain = XChaCha20Poly1305::new((&*kek).into()).decrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &wrapped,
                aad: &aad,
            },
        );
        let Ok(plain) = plain else { return Ok(None) };
        let plain = Zeroizing::new(plain);
        let mut dek = Zeroizing::new([0u8; DEK_LEN]);
        dek.copy_from_slice(&plain);
        Ok(Some(dek))
    }
}

fn associated_data(vault_id: &str, kind: SlotKind, params: &KdfParams, salt: &[u8]) -> Vec<u8> {
    let mut aad = Vec::with_capacity(96);
    aad.extend_from_slice(b"pristan-keyslot\0v1\0");
    aad.extend_from_slice(vault_id.as_bytes());
    aad.push(0);
    aad.push(match kind {
        SlotKind::Passphrase => 1,
        SlotKind::Recovery => 2,
    });
    for n in [params.m_kib, params.t, params.p] {
        aad.extend_from_slice(&n.to_le_bytes());
    }
    aad.extend_from_slice(salt);
    aad
}

fn decode_exact<const N: usize>(text: &str) -> Option<[u8; N]> {
    B64.decode(text).ok()?.try_into().ok()
}

impl KeyslotFile {
    pub fn new(vault_id: String, slots: Vec<Keyslot>) -> KeyslotFile {
        KeyslotFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            vault_id,
            slots,
        }
    }

    pub fn slot(&self, kind: SlotKind) -> Option<&Keyslot> {
        self.slots.iter().find(|s| s.kind == kind)
    }

    pub fn read(path: &Path) -> Result<KeyslotFile> {
        let damaged = |reason: String| Error::DamagedKeyslots {
            path: path.to_owned(),
            reason,
        };
        let file = fs::File::open(path).map_err(Error::io("open", path))?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| damaged(format!("not readable ({e})")))?;
        KeyslotFile::parse(&bytes).map_err(damaged)
    }

    /// Parses and checks a key file's bytes as read from disk (at most `MAX_FILE_BYTES + 1` of
    /// them). The reason of an error names the fault, never the file's contents. The fuzz target
    /// `keyslots` runs this on arbitrary bytes.
    pub fn parse(bytes: &[u8]) -> std::result::Result<KeyslotFile, String> {
        let damaged = |reason: String| reason;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(damaged("far larger than a key file can be".into()));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| "not readable as text".to_owned())?;
        let parsed: KeyslotFile = serde_json::from_str(text).map_err(|e| {
            damaged(format!(
                "not valid (line {} column {})",
                e.line(),
                e.column()
            ))
        })?;
        if parsed.format != FORMAT {
            return Err(damaged("not a Pristan key file".into()));
        }
        if parsed.version != FORMAT_VERSION {
            return Err(damaged(format!(
                "format version {} is not one this Pristan reads",
                parsed.version
            )));
        }
        if parsed.vault_id.len() != 32 || hex::decode(&parsed.vault_id).is_err() {
            return Err(damaged("bad vault id".into()));
        }
        for kind in [SlotKind::Passphrase, SlotKind::Recovery] {
            if parsed.slots.iter().filter(|s| s.kind == kind).count() != 1 {
                return Err(damaged(format!("expected exactly one {kind:?} slot")));
            }
        }
        Ok(parsed)
    }

    /// Replaces the file atomically: a crash leaves the old slots or the new ones.
    pub fn write(&self, path: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).expect("keyslots serialise");
        write_atomically(path, &json).map_err(Error::io("write", path))
    }
}
