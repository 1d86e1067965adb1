//! Making this laptop's vault unreadable on purpose (duress), and the optional policy that does
//! it after too many wrong passphrases in a row (docs/SECURITY.md §6–7).
//!
//! Both destroy the key files: each is overwritten in place with random bytes, synced and removed, and the folder synced. The database key exists nowhere else, so afterwards
//! neither the passphrase nor the recovery code opens `vault.db`; the database files are then
//! removed too, so the folder no longer looks like a vault. On an SSD or a copy-on-write file
//! system the old blocks of the key file may survive the overwrite: this is a fast second layer
//! after full-disk encryption, not a substitute for it.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::{DB_FILE, KEYSLOTS_FILE};
use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

/// The file holding the policy, beside the vault. Not secret.
pub const POLICY_FILE: &str = "unlock-policy.json";
/// The fewest wrong attempts in a row the policy may allow: with the growing waits, about a
/// minute of guessing, so a few typos never destroy a vault.
pub const MIN_WIPE_AFTER: u32 = 5;
pub const MAX_WIPE_AFTER: u32 = 100;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Policy {
    /// Destroy the key files after this many wrong attempts in a row; `None` (the default):
    /// never.
    wipe_after: Option<u32>,
}

/// What a destruction removed, for the confirmation shown afterwards.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Destroyed {
    /// Key files overwritten and removed (`keyslots`, `keyslots.pending`, leftovers of an
    /// interrupted write).
    pub key_files: usize,
    /// Other files of the vault removed (the database and its journal, the counters).
    pub other_files: usize,
}

/// After how many wrong attempts in a row the key files of the vault in `dir` are destroyed, if
/// the policy is on. A missing or damaged policy file means off: it must never destroy a vault
/// by mistake.
pub fn wipe_after(dir: &Path) -> Option<u32> {
    let bytes = fs::read(dir.join(POLICY_FILE)).ok()?;
    let policy: Policy = serde_json::from_slice(&bytes).ok()?;
    policy
        .wipe_after
        .filter(|n| (MIN_WIPE_AFTER..=MAX_WIPE_AFTER).contains(n))
}

/// Turns the policy on (`Some(n)`, `MIN_WIPE_AFTER..=MAX_WIPE_AFTER`) or off (`None`) for the
/// vault in `dir`. Needs the vault to exist; callers ask for its passphrase first.
pub fn set_wipe_after(dir: &Path, wipe_after: Option<u32>) -> Result<()> {
    if !super::exists(dir) {
        return Err(Error::NoVault {
            path: dir.to_owned(),
        });
    }
    if let Some(n) = wipe_after {
        if !(MIN_WIPE_AFTER..=MAX_WIPE_AFTER).contains(&n) {
            return Err(Error::Invalid {
                field: "wipe_after",
                reason: format!("choose a number from {MIN_WIPE_AFTER} to {MAX_WIPE_AFTER}"),
            });
        }
    }
    let path = dir.join(POLICY_FILE);
    let json = serde_json::to_vec(&Policy { wipe_after }).expect("a policy serialises");
    write_atomically(&path, &json).map_err(Error::io("write", &path))
}

/// Called with the count of wrong attempts in a row just recorded: destroys the keys if the
/// policy says so. Returns whether it did.
pub(crate) fn enforce(dir: &Path, failures: u32) -> Result<bool> {
    match wipe_after(dir) {
        Some(limit) if failures >= limit => {
            destroy(dir)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Destroys the key files of the vault in `dir` and removes its database files (duress). Works
/// whether the vault is locked or not; an open connection in this process keeps working on its
/// already-unlinked file until it is dropped, and nothing can open the vault again.
pub fn destroy(dir: &Path) -> Result<Destroyed> {
    if !super::exists(dir) && !dir.join(format!("{KEYSLOTS_FILE}.pending")).is_file() {
        return Err(Error::NoVault {
            path: dir.to_owned(),
        });
    }
    let mut destroyed = Destroyed::default();
    for path in key_files(dir)? {
        overwrite_and_remove(&path)?;
        destroyed.key_files += 1;
    }
    sync_dir(dir)?;
    for name in [
        DB_FILE.to_owned(),
        format!("{DB_FILE}-wal"),
        format!("{DB_FILE}-shm"),
        "unlock-attempts.json".to_owned(),
        "unlock-attempts.lock".to_owned(),
        POLICY_FILE.to_owned(),
    ] {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Ok(()) => destroyed.other_files += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("remove", &path)(e)),
        }
    }
    sync_dir(dir)?;
    Ok(destroyed)
}

/// `keyslots`, `keyslots.pending`, and the temporary files an interrupted atomic write of either
/// may have left (`.keyslots.*.tmp`), which hold a wrapped key too.
fn key_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = fs::read_dir(dir).map_err(Error::io("read", dir))?;
    for entry in entries {
        let entry = entry.map_err(Error::io("read", dir))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_key = name == KEYSLOTS_FILE
            || name == format!("{KEYSLOTS_FILE}.pending")
            || (name.starts_with(&format!(".{KEYSLOTS_FILE}")) && name.ends_with(".tmp"));
        if is_key && entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Overwrites the file's bytes in place with random ones (at least 4 KiB, a file-system block),
/// syncs, and removes it. (Not truncated first: the overwrite is what matters, and a link to the
/// same file left elsewhere then shows the noise, which the tests check.)
fn overwrite_and_remove(path: &Path) -> Result<()> {
    let io = |action| Error::io(action, path);
    let mut file = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(io("open"))?;
    let len = file.metadata().map_err(io("read"))?.len().max(4096);
    let mut noise = vec![0u8; usize::try_from(len).unwrap_or(4096)];
    rand::rng().fill_bytes(&mut noise);
    file.write_all(&noise).map_err(io("overwrite"))?;
    file.sync_all().map_err(io("sync"))?;
    drop(file);
    fs::remove_file(path).map_err(io("remove"))
}

fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("sync", dir))?;
    Ok(())
}
