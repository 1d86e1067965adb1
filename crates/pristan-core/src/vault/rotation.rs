//! Key rotation: re-encrypting the database under a new random key, so that an old copy of the
//! key file (taken at a border search, say) with the old passphrase no longer opens the vault.
//! A passphrase change alone only re-wraps the same key (see `change_passphrase`).
//!
//! Crash safety rests on one order, each step durable before the next:
//!
//! 1. the new key, wrapped under the passphrase and a new recovery code, is written to
//!    `keyslots.pending` (atomically);
//! 2. the write-ahead log is emptied, then SQLCipher's `PRAGMA rekey` re-encrypts every page in
//!    one transaction (in WAL mode the commit frame makes it all-or-nothing), and the log is
//!    folded into the file and emptied again;
//! 3. the new key is checked with a second connection, then written over `keyslots`, and the
//!    pending file removed.
//!
//! Opening tries `keyslots`, and then `keyslots.pending` when the first key does not open the
//! database: a crash before step 2 commits leaves the old key working, a crash after it the new
//! one, and the pending file always holds the new one until `keyslots` does. Opening with the
//! pending file finishes step 3.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use secrecy::{ExposeSecret, SecretString};

use super::keyslots::{self, Dek, Keyslot, KeyslotFile, SlotKind};
use super::throttle::Throttle;
use super::{damaged, database, keyslots_path, KdfParams, RecoveryCode, Vault, DB_FILE};
use crate::error::{Error, Result};
use crate::passphrase;

const PENDING_FILE: &str = "keyslots.pending";

pub(super) fn pending_path(dir: &Path) -> PathBuf {
    dir.join(PENDING_FILE)
}

impl Vault {
    /// Re-encrypts the vault under a new random key, for when the passphrase (or a copy of the
    /// key file) may be known to someone else. `passphrase` must be the current one; the new key
    /// is wrapped under `new_passphrase` if given, else under the current one. The recovery code
    /// changes too (it wrapped the old key): the returned one is to be written down.
    pub fn rotate_key(
        &mut self,
        passphrase: &SecretString,
        new_passphrase: Option<&SecretString>,
        params: KdfParams,
    ) -> Result<RecoveryCode> {
        if let Some(new) = new_passphrase {
            passphrase::check_acceptable(new)?;
        }
        params.check()?;
        let (slots, _) = super::open_slot(
            &self.dir,
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
        )?;
        let wrap_under = new_passphrase.unwrap_or(passphrase);
        self.rekey(&slots.vault_id, wrap_under, params)
    }

    /// Steps 1 to 3 of the module comment, on this open connection.
    pub(super) fn rekey(
        &mut self,
        vault_id: &str,
        passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<RecoveryCode> {
        let dek = keyslots::new_dek();
        let code = RecoveryCode::generate();
        let slots = KeyslotFile::new(
            vault_id.to_owned(),
            vec![
                Keyslot::seal(
                    vault_id,
                    SlotKind::Passphrase,
                    passphrase.expose_secret().as_bytes(),
                    params,
                    &dek,
                )?,
                Keyslot::seal(
                    vault_id,
                    SlotKind::Recovery,
                    code.secret_bytes(),
                    params,
                    &dek,
                )?,
            ],
        );
        slots.write(&pending_path(&self.dir))?;
        fail_point("after-pending");

        database::checkpoint(&self.conn)?;
        database::rekey(&self.conn, &dek)?;
        fail_point("after-rekey");
        database::checkpoint(&self.conn)?;
        fail_point("after-checkpoint");

        // A second connection proves the new key opens the file before the old slots go.
        database::open_keyed(&self.dir.join(DB_FILE), &dek)?
            .close()
            .map_err(|(_, e)| Error::Database(e))?;
        slots.write(&keyslots_path(&self.dir))?;
        fail_point("after-keyslots");
        remove_pending(&self.dir)?;
        Ok(code)
    }
}

/// Unwraps the key from the slot of `kind` with `secret` and opens the vault, trying
/// `keyslots` and then `keyslots.pending` (left by a rotation that was interrupted). One wrong
/// secret counts once towards the wait, whichever files it was tried on.
pub(super) fn open_any(
    dir: &Path,
    kind: SlotKind,
    secret: &[u8],
) -> Result<(KeyslotFile, Dek, Vault)> {
    if !super::exists(dir) {
        return Err(Error::NoVault {
            path: dir.to_owned(),
        });
    }
    let throttle = Throttle::new(dir);
    let _one_attempt_at_a_time = throttle.lock()?;
    throttle.check(SystemTime::now())?;
    let main = KeyslotFile::read(&keyslots_path(dir))?;
    let pending = pending_path(dir);
    // The pending file is written atomically; one that cannot be read is not ours, and ignored.
    let pending = if pending.is_file() {
        KeyslotFile::read(&pending)
            .ok()
            .filter(|p| p.vault_id == main.vault_id)
    } else {
        None
    };
    let mut unwrapped_any = false;
    for (slots, is_pending) in [(Some(main), false), (pending, true)] {
        let Some(slots) = slots else { continue };
        let slot = slots
            .slot(kind)
            .ok_or_else(|| damaged(dir, "a key slot is missing"))?;
        let Some(dek) = slot.open(&slots.vault_id, secret, &keyslots_path(dir))? else {
            continue;
        };
        unwrapped_any = true;
        match Vault::open_with_key(dir, &dek) {
            Ok(vault) => {
                throttle.record_success()?;
                if is_pending {
                    finish_interrupted(dir, &slots)?;
                } else {
                    discard_stale_pending(&vault);
                }
                return Ok((slots, dek, vault));
            }
            // Another key file's key may open it: an interrupted rotation.
            Err(e) if is_wrong_key(&e) => {}
            Err(e) => return Err(e),
        }
    }
    if unwrapped_any {
        // The secret is right, but no key it unwraps opens the database: a key file from
        // before a rotation, or one that belongs to another copy of the vault.
        return Err(damaged(
            dir,
            "the key it holds does not open this database (a key file from before the key was \
             changed, or from another copy of the vault)",
        ));
    }
    let attempts_before_wait = throttle.record_failure(SystemTime::now())?;
    Err(match kind {
        SlotKind::Passphrase => Error::WrongPassphrase {
            attempts_before_wait,
        },
        SlotKind::Recovery => Error::WrongRecoveryCode {
            attempts_before_wait,
        },
    })
}

/// The rotation had re-encrypted the database but not yet replaced `keyslots`: finish it.
fn finish_interrupted(dir: &Path, slots: &KeyslotFile) -> Result<()> {
    slots.write(&keyslots_path(dir))?;
    remove_pending(dir)
}

/// The key in `keyslots` opened the database, so a pending file is left from a rotation that
/// stopped before re-encrypting (or after finishing): its key opens nothing. It is removed under
/// the database's write lock, after reading through this connection's key once more, so that a
/// rotation running in another process at this moment cannot have re-encrypted the database
/// meanwhile: its pending file would then be the only way in. Best effort: when the database is
/// busy the file stays for a later opening, and opening goes on.
fn discard_stale_pending(vault: &Vault) {
    if !pending_path(&vault.dir).exists() || vault.conn.execute_batch("BEGIN IMMEDIATE").is_err() {
        return;
    }
    let still_ours = vault
        .conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .is_ok();
    if still_ours {
        let _ = remove_pending(&vault.dir);
    }
    if vault.conn.execute_batch("COMMIT").is_err() {
        let _ = vault.conn.execute_batch("ROLLBACK");
    }
}

fn remove_pending(dir: &Path) -> Result<()> {
    let path = pending_path(dir);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io("remove", &path)(e)),
    }
    fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io("sync the folder", dir))
}

/// SQLCipher's answer to a key that does not decrypt the file.
fn is_wrong_key(error: &Error) -> bool {
    matches!(
        error,
        Error::Database(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase
    )
}

/// For the crash tests only: in debug builds, `PRISTAN_TEST_ROTATION_PAUSE=<point>` makes a
/// rotation stop for a while at that point, so that a test can kill the process exactly there.
/// Release builds have no such pause; the variable carries nothing secret.
fn fail_point(point: &str) {
    if cfg!(debug_assertions)
        && std::env::var("PRISTAN_TEST_ROTATION_PAUSE").as_deref() == Ok(point)
    {
        eprintln!("rotation paused at {point}");
        std::thread::sleep(std::time::Duration::from_secs(30));
    }
}
