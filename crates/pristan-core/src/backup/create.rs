//! Writing a backup folder: `VACUUM INTO` a hidden partial folder, copy the key file, check the
//! copy, fsync, rename into place, fsync the parent.

use std::fs;
use std::path::Path;

use chrono::Utc;

use super::files::{self, PARTIAL};
use super::{settings, BackupError, BackupReport};
use crate::error::{Error, Result};
use crate::vault::{Vault, DB_FILE, KEYSLOTS_FILE};

const PREFIX: &str = "pristan-backup-";
/// The name the backup's copy of the database has while it is checked, attached to the vault's
/// connection.
const CHECK_SCHEMA: &str = "pristan_backup_check";

/// Backs up the open `vault` into a new folder inside `to` (which must exist): a consistent,
/// still-encrypted snapshot that the same passphrase or recovery code opens. The live vault is
/// only read; afterwards the time of this backup is stored in its settings.
pub fn create(vault: &Vault, to: &Path) -> Result<BackupReport> {
    if !to.is_dir() {
        return Err(BackupError::NoDestination {
            path: to.to_owned(),
        }
        .into());
    }
    files::remove_partials(to, PREFIX).map_err(Error::io("clear an unfinished backup in", to))?;
    let created_at = Utc::now();
    // The time in the name sorts backups on a drive; nothing in it names a person or a device.
    let base = format!("{PREFIX}{}", created_at.format("%Y-%m-%dT%H%MZ"));
    let name = files::free_name(to, &base);
    let partial = files::partial_dir(to, &name).map_err(Error::io("create a folder in", to))?;
    let bytes = match write_into(vault, &partial) {
        Ok(bytes) => bytes,
        Err(err) => {
            let _ = fs::remove_dir_all(&partial);
            return Err(err);
        }
    };
    let finished = to.join(&name);
    fs::rename(&partial, &finished).map_err(Error::io("finish the backup folder", &finished))?;
    files::sync_dir(to).map_err(Error::io("flush", to))?;
    settings::record_backup(vault, created_at)?;
    Ok(BackupReport {
        path: finished,
        bytes,
        created_at,
    })
}

/// Writes and checks the database and key file in `partial`; returns the bytes written.
fn write_into(vault: &Vault, partial: &Path) -> Result<u64> {
    let db = partial.join(DB_FILE);
    let db_text = db.to_str().ok_or_else(|| Error::Invalid {
        field: "backup folder",
        reason: "its path is not valid text: choose a folder whose name has ordinary letters"
            .into(),
    })?;
    debug_assert!(db_text.contains(PARTIAL));
    // A snapshot as of one read transaction; the target is attached under the vault's own key.
    vault.connection().execute("VACUUM INTO ?1", [db_text])?;
    files::sync_file(&db).map_err(Error::io("flush", &db))?;
    check(vault, db_text)?;
    let keys_path = vault.dir().join(KEYSLOTS_FILE);
    let keys = fs::read(&keys_path).map_err(Error::io("read", &keys_path))?;
    let keys_copy = partial.join(KEYSLOTS_FILE);
    files::write_durably(&keys_copy, &keys).map_err(Error::io("write", &keys_copy))?;
    files::sync_dir(partial).map_err(Error::io("flush", partial))?;
    let db_len = fs::metadata(&db).map_err(Error::io("read", &db))?.len();
    Ok(db_len + keys.len() as u64)
}

/// Opens the copy under the vault's key (SQLCipher's ATTACH without KEY uses the main key) and
/// runs both integrity checks on it.
fn check(vault: &Vault, db: &str) -> Result<()> {
    let conn = vault.connection();
    conn.execute(&format!("ATTACH DATABASE ?1 AS {CHECK_SCHEMA}"), [db])?;
    let problems = (|| -> Result<Vec<String>> {
        let mut problems = Vec::new();
        for pragma in ["integrity_check", "cipher_integrity_check"] {
            let mut stmt = conn.prepare(&format!("PRAGMA {CHECK_SCHEMA}.{pragma}"))?;
            let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
            for row in rows {
                let row = row?;
                if row != "ok" {
                    problems.push(row);
                }
            }
        }
        // Reading a table proves the key opens it (a wrong key fails here, not silently).
        conn.query_row(
            &format!("SELECT count(*) FROM {CHECK_SCHEMA}.vault_meta"),
            [],
            |_| Ok(()),
        )?;
        Ok(problems)
    })();
    conn.execute(&format!("DETACH DATABASE {CHECK_SCHEMA}"), [])?;
    let problems = problems?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(BackupError::Damaged {
            problems: problems.join("; "),
        }
        .into())
    }
}
