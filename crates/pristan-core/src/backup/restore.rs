//! Restoring a backup into a new vault folder: copy into a hidden partial folder, check that the
//! person's secret opens it and that it is sound, mark it for a new device identity, fsync, rename
//! into place. An existing vault is never overwritten.

use std::fs;
use std::path::Path;

use super::files;
use super::{BackupError, RestoreReport, IDENTITY_ROTATION_KEY, IDENTITY_ROTATION_RESTORED};
use crate::error::{Error, Result};
use crate::vault::{self, Secret, DB_FILE, KEYSLOTS_FILE};

/// Restores the backup in `from` as a new vault in `to`, which must not hold anything yet. The
/// copy is opened with `secret` (its passphrase or recovery code, as when the backup was made)
/// and must pass both integrity checks before it is put in place.
pub fn restore(from: &Path, to: &Path, secret: &Secret) -> Result<RestoreReport> {
    if !from.join(DB_FILE).is_file() || !from.join(KEYSLOTS_FILE).is_file() {
        return Err(BackupError::NotABackup {
            path: from.to_owned(),
        }
        .into());
    }
    if vault::exists(to) {
        return Err(Error::VaultExists {
            path: to.to_owned(),
        });
    }
    if to.exists() && !is_empty_dir(to) {
        return Err(BackupError::DestinationNotEmpty {
            path: to.to_owned(),
        }
        .into());
    }
    let name = to
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Invalid {
            field: "vault folder",
            reason: "give a folder name made of ordinary letters".into(),
        })?;
    let parent = match to.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => Path::new(".").to_owned(),
    };
    fs::create_dir_all(&parent).map_err(Error::io("create the folder", &parent))?;
    files::remove_partials(&parent, &format!("{name}."))
        .map_err(Error::io("clear an unfinished restore in", &parent))?;
    let partial =
        files::partial_dir(&parent, name).map_err(Error::io("create a folder in", &parent))?;
    if let Err(err) = fill(from, &partial, secret) {
        let _ = fs::remove_dir_all(&partial);
        return Err(err);
    }
    // Renaming onto an empty folder replaces it; onto anything else it fails, so a vault that
    // appeared meanwhile is not overwritten.
    if let Err(err) = fs::rename(&partial, to) {
        let _ = fs::remove_dir_all(&partial);
        return Err(Error::io("put the restored vault in", to)(err));
    }
    files::sync_dir(&parent).map_err(Error::io("flush", &parent))?;
    Ok(RestoreReport {
        vault: to.to_owned(),
    })
}

/// Copies the backup into `partial`, opens and checks it, and marks it as restored.
fn fill(from: &Path, partial: &Path, secret: &Secret) -> Result<()> {
    for file in [DB_FILE, KEYSLOTS_FILE] {
        let (source, target) = (from.join(file), partial.join(file));
        files::copy_durably(&source, &target).map_err(Error::io("copy", &source))?;
    }
    // A vault folder copied by hand may still hold recent writes in its write-ahead log.
    let wal = from.join(format!("{DB_FILE}-wal"));
    if wal.is_file() {
        let target = partial.join(format!("{DB_FILE}-wal"));
        files::copy_durably(&wal, &target).map_err(Error::io("copy", &wal))?;
    }
    let conn = vault::open_database(partial, secret)?;
    let problems = vault::database_problems(&conn)?;
    if !problems.is_empty() {
        return Err(BackupError::Damaged {
            problems: problems.join("; "),
        }
        .into());
    }
    // Inside the encrypted database, before the folder becomes a vault: a restored vault is never
    // complete without it.
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (IDENTITY_ROTATION_KEY, IDENTITY_ROTATION_RESTORED),
    )?;
    vault::close_database(conn)?;
    for entry in fs::read_dir(partial).map_err(Error::io("read", partial))? {
        let path = entry.map_err(Error::io("read", partial))?.path();
        if path.is_file() {
            files::sync_file(&path).map_err(Error::io("flush", &path))?;
        }
    }
    files::sync_dir(partial).map_err(Error::io("flush", partial))
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_none())
}
