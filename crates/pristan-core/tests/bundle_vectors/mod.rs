//! Shared by the hostile-bundle tests and their generator: where the vectors live, the vault
//! that reads them, and the bundle format taken apart and put together by hand, from
//! docs/bundle-format.md rather than from Pristan's own code.

#![allow(dead_code)] // each test binary uses a different part

pub mod craft;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use pristan_core::bundle::{FileOutcome, ImportSummary};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

/// The passphrase of the vaults made here and of the synthetic coordinator key file in
/// `tests/data/bundles/coordinator-keys.age`. Nothing real is protected by it.
pub const PASSPHRASE: &str = "maple orbit candle sixty harbor";
pub const KEY_FILE: &str = "coordinator-keys.age";

pub fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

/// `tests/data/bundles/` at the top of the repository.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bundles")
}

pub fn vector(name: &str) -> Vec<u8> {
    let path = vectors_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `*.pristan` files of the vectors folder whose names start with `prefix`, sorted.
pub fn vector_names(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vectors_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".pristan"))
        .collect();
    names.sort();
    names
}

/// A vault in its own temporary folder.
pub struct Device {
    pub tmp: tempfile::TempDir,
    pub vault: Vault,
}

impl Device {
    pub fn new(name: &str) -> Device {
        let tmp = tempfile::tempdir().unwrap();
        let (vault, _) =
            Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
        vault.set_device_name(name).unwrap();
        Device { tmp, vault }
    }

    /// A new coordinator of the vectors' organisation, restored from the key file alone.
    pub fn from_key_file() -> Device {
        let mut device = Device::new("Test coordinator");
        device
            .vault
            .join_as_coordinator(&vector(KEY_FILE), &passphrase())
            .unwrap();
        device
    }

    /// A copy of this vault in a new folder, unlocked: a fresh vault in the same state,
    /// without running the key file's key derivation again.
    pub fn copy(self) -> (Device, Device) {
        let from = self.vault.dir().to_owned();
        self.vault.lock().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let to = tmp.path().join("v");
        std::fs::create_dir(&to).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
            }
        }
        let reopened = Vault::unlock(&from, &passphrase()).unwrap();
        // A fresh vault in the same state, identity included (not a copy Pristan must move on).
        let copy = Vault::unlock_as_moved(&to, &passphrase()).unwrap();
        (
            Device {
                tmp: self.tmp,
                vault: reopened,
            },
            Device { tmp, vault: copy },
        )
    }

    pub fn import_path(&mut self, path: &Path) -> ImportSummary {
        self.vault
            .import_bundles(&[path.to_owned()], &mut |_| {})
            .unwrap()
    }

    /// Writes `bytes` to a file in this device's folder and imports it.
    pub fn import_bytes(&mut self, bytes: &[u8], name: &str) -> FileOutcome {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut summary = self.import_path(&path);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(summary.files.len(), 1, "{summary:?}");
        summary.files.remove(0).outcome
    }

    pub fn import_vector(&mut self, name: &str) -> FileOutcome {
        self.import_bytes(&vector(name), name)
    }

    /// The organisation's age identity, from the file a coordinator exports for `rage`.
    pub fn org_identity(&self) -> age::x25519::Identity {
        let file = self.vault.export_org_identity(None).unwrap();
        let text = std::str::from_utf8(&file).unwrap();
        let line = text
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
            .expect("an identity line");
        line.parse().unwrap()
    }

    pub fn org_recipient(&self) -> age::x25519::Recipient {
        let org = self.vault.org().unwrap().unwrap();
        org.org_recipient.parse().unwrap()
    }
}

/// The refusal's reason in English (as the command line prints it), or a panic naming what
/// happened instead.
pub fn refusal(outcome: &FileOutcome) -> (String, bool) {
    match outcome {
        FileOutcome::Quarantined { reason, waiting } => (reason.to_string(), *waiting),
        FileOutcome::Rejected { reason } => (reason.to_string(), false),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A reason is for people: not empty, and none of Rust's debug output in it.
pub fn assert_plain_reason(reason: &str) {
    assert!(!reason.trim().is_empty(), "an empty reason");
    for noise in [
        "{",
        "}",
        "Some(",
        "None",
        "Err(",
        "Ok(",
        "::",
        "panicked",
        "backtrace",
        "\\u",
        "0x",
    ] {
        assert!(!reason.contains(noise), "{noise:?} in the reason: {reason}");
    }
}

pub fn decrypt(file: &[u8], identity: &age::x25519::Identity) -> Vec<u8> {
    let decryptor = age::Decryptor::new_buffered(file).unwrap();
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .unwrap();
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).unwrap();
    plain
}

pub fn encrypt(plain: &[u8], recipients: &[age::x25519::Recipient]) -> Vec<u8> {
    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .unwrap();
    let mut file = Vec::new();
    let mut writer = encryptor.wrap_output(&mut file).unwrap();
    writer.write_all(plain).unwrap();
    writer.finish().unwrap();
    file
}

/// The envelope's parts (docs/bundle-format.md, "Layers").
pub struct Envelope {
    pub version: u16,
    pub header: Vec<u8>,
    pub signature: Vec<u8>,
    pub payload: Vec<u8>,
}

pub fn split_envelope(plain: &[u8]) -> Envelope {
    assert_eq!(&plain[..8], b"PRISTAN\0");
    let version = u16::from_be_bytes([plain[8], plain[9]]);
    let len = u32::from_be_bytes(plain[10..14].try_into().unwrap()) as usize;
    let header = plain[14..14 + len].to_vec();
    let signature = plain[14 + len..14 + len + 64].to_vec();
    let payload = plain[14 + len + 64..].to_vec();
    Envelope {
        version,
        header,
        signature,
        payload,
    }
}

/// The operations (as JSON) and attachment contents of a compressed payload.
pub fn unpack_payload(compressed: &[u8]) -> (Value, Vec<Vec<u8>>) {
    let raw = zstd::stream::decode_all(compressed).unwrap();
    assert_eq!(&raw[..4], b"PRPL");
    let ops_len = u32::from_be_bytes(raw[4..8].try_into().unwrap()) as usize;
    let ops = serde_json::from_slice(&raw[8..8 + ops_len]).unwrap();
    let mut rest = &raw[8 + ops_len..];
    let count = u32::from_be_bytes(rest[..4].try_into().unwrap());
    rest = &rest[4..];
    let mut blobs = Vec::new();
    for _ in 0..count {
        let len = u64::from_be_bytes(rest[32..40].try_into().unwrap()) as usize;
        blobs.push(rest[40..40 + len].to_vec());
        rest = &rest[40 + len..];
    }
    (ops, blobs)
}

/// Lays out and compresses operations (JSON text, taken as it is) and attachment contents.
pub fn pack_payload(ops_json: &[u8], blobs: &[&[u8]]) -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let mut raw = b"PRPL".to_vec();
    raw.extend_from_slice(&(ops_json.len() as u32).to_be_bytes());
    raw.extend_from_slice(ops_json);
    raw.extend_from_slice(&(blobs.len() as u32).to_be_bytes());
    for blob in blobs {
        raw.extend_from_slice(&Sha256::digest(blob));
        raw.extend_from_slice(&(blob.len() as u64).to_be_bytes());
        raw.extend_from_slice(blob);
    }
    zstd::bulk::compress(&raw, 3).unwrap()
}

/// A zstd frame of run-length blocks (4 bytes each for 128 KiB of zeros) that expands to
/// `total` bytes: 2 GiB take 64 KiB.
pub fn zstd_rle_bomb(total: u64) -> Vec<u8> {
    const BLOCK: u32 = 128 * 1024;
    // Magic, then a frame header with no content size, checksum or dictionary, and a window
    // descriptor of 2^(10 + 7) bytes.
    let mut frame = vec![0x28, 0xB5, 0x2F, 0xFD, 0x00, 7 << 3];
    let blocks = total.div_ceil(u64::from(BLOCK));
    for i in 0..blocks {
        let last = u32::from(i + 1 == blocks);
        let header = (BLOCK << 3) | (1 << 1) | last; // block type 1: RLE
        frame.extend_from_slice(&header.to_le_bytes()[..3]);
        frame.push(0);
    }
    frame
}

/// Every file below `dir`, as paths relative to it.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.strip_prefix(dir).unwrap().to_owned());
            }
        }
    }
    found.sort();
    found
}
