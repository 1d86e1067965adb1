//! The vault: a directory holding `vault.db` (SQLCipher) and `keyslots` (the wrapped key).
//!
//! A [`Vault`] value is an unlocked vault; there is no locked `Vault` with methods that could read
//! cases. Locking consumes it. Opening goes through [`Vault::unlock`] or [`Vault::recover`], which
//! unwrap the database key from a keyslot and hand it to SQLCipher.

pub(crate) mod bulk_cache;
mod database;
pub mod duress;
mod kdf;
pub(crate) mod keyslots;
mod migrations;
mod recovery_code;
mod rotation;
mod throttle;

#[cfg(test)]
mod clock_recovery_tests;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{SecondsFormat, Utc};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension};
use secrecy::{ExposeSecret, SecretString};

pub use kdf::KdfParams;
pub use recovery_code::RecoveryCode;
pub use throttle::FREE_ATTEMPTS;

use crate::error::{Error, Result};
use crate::ops::op::{Change, EntityType, Op};
use crate::ops::{store, Clock, DeviceId, EntityId};
use crate::passphrase;
use crate::sharing;
use keyslots::{Dek, Keyslot, KeyslotFile, SlotKind};
use throttle::Throttle;

pub(crate) const DB_FILE: &str = "vault.db";
pub(crate) const KEYSLOTS_FILE: &str = "keyslots";

/// Whether `dir` holds a vault (its key file is what makes it one).
pub fn exists(dir: &Path) -> bool {
    dir.join(KEYSLOTS_FILE).is_file()
}

/// Seconds until another unlock attempt is accepted for the vault in `dir`.
pub fn unlock_wait(dir: &Path) -> std::time::Duration {
    Throttle::new(dir).wait_at(SystemTime::now())
}

/// What the home screen and `pristan status` show about an open vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultSummary {
    pub vault_id: String,
    pub created_at: String,
    pub schema_version: u32,
    pub device_name: Option<String>,
    pub kdf: KdfParams,
}

/// An unlocked vault.
pub struct Vault {
    dir: PathBuf,
    pub(crate) conn: Connection,
    /// This device's id in the operation log.
    device: DeviceId,
    pub(crate) clock: Clock,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a new vault in `dir` (created if missing) and returns it unlocked, with the
    /// recovery code to show the user once.
    pub fn create(
        dir: &Path,
        passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<(Vault, RecoveryCode)> {
        passphrase::check_acceptable(passphrase)?;
        params.check()?;
        if exists(dir) {
            return Err(Error::VaultExists {
                path: dir.to_owned(),
            });
        }
        create_private_dir(dir)?;
        set_aside_orphaned_database(dir)?;

        let dek = keyslots::new_dek();
        let mut id = [0u8; 16];
        rand::rng().fill_bytes(&mut id);
        let vault_id = hex::encode(id);
        let recovery = RecoveryCode::generate();
        let slots = vec![
            Keyslot::seal(
                &vault_id,
                SlotKind::Passphrase,
                passphrase.expose_secret().as_bytes(),
                params,
                &dek,
            )?,
            Keyslot::seal(
                &vault_id,
                SlotKind::Recovery,
                recovery.secret_bytes(),
                params,
                &dek,
            )?,
        ];

        // The database first, the key file last: until the key file exists there is no vault,
        // and a crash in between leaves an unreadable, empty database that the next attempt sets
        // aside.
        let mut conn = database::open_keyed(&dir.join(DB_FILE), &dek)?;
        migrations::migrate(&mut conn, migrations::MIGRATIONS)?;
        let created_at = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
        conn.execute(
            "INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?1), ('created_at', ?2)",
            (&vault_id, &created_at),
        )?;
        KeyslotFile::new(vault_id, slots).write(&dir.join(KEYSLOTS_FILE))?;
        crate::org::succession::check_on_open(&mut conn, &dir.join(DB_FILE))?;
        Ok((Vault::from_connection(dir, conn)?, recovery))
    }

    /// Opens the vault in `dir` with its passphrase. Wrong passphrases are counted, and after a few
    /// the next attempt must wait (see [`FREE_ATTEMPTS`]).
    pub fn unlock(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        let (_, _, vault) = rotation::open_any(
            dir,
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
        )?;
        Ok(vault)
    }

    /// [`Vault::unlock`] for a vault folder that was moved rather than copied: it keeps its
    /// device identity. For tests that copy a closed vault to save time (and stand in for a
    /// whole-disk copy that Pristan cannot tell from the original, to make forks).
    #[doc(hidden)]
    pub fn unlock_as_moved(dir: &Path, passphrase: &SecretString) -> Result<Vault> {
        let (_, dek) = open_slot(
            dir,
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
        )?;
        let mut conn = database::open_keyed(&dir.join(DB_FILE), &dek)?;
        migrations::migrate(&mut conn, migrations::MIGRATIONS)?;
        crate::org::succession::adopt_file(&conn, &dir.join(DB_FILE))?;
        crate::org::succession::check_on_open(&mut conn, &dir.join(DB_FILE))?;
        Vault::from_connection(dir, conn)
    }

    /// Opens the vault with its recovery code and sets `new_passphrase`. The recovery code is
    /// replaced too (it may have been seen while in use): the returned one is to be written down.
    /// Opens the vault with its recovery code, sets `new_passphrase`, and re-encrypts the vault
    /// under a new key (whoever had the passphrase may also have a copy of the key file). The
    /// recovery code is replaced too (it may have been seen while in use): the returned one is to
    /// be written down.
    pub fn recover(
        dir: &Path,
        code: &SecretString,
        new_passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<(Vault, RecoveryCode)> {
        passphrase::check_acceptable(new_passphrase)?;
        params.check()?;
        let code = RecoveryCode::parse(code)?;
        let (slots, _, mut vault) =
            rotation::open_any(dir, SlotKind::Recovery, code.secret_bytes())?;
        let new_code = vault.rekey(&slots.vault_id, new_passphrase, params)?;
        Ok((vault, new_code))
    }

    fn open_with_key(dir: &Path, dek: &Dek) -> Result<Vault> {
        let mut conn = database::open_keyed(&dir.join(DB_FILE), dek)?;
        migrations::migrate(&mut conn, migrations::MIGRATIONS)?;
        // Before anything is written: a restored or copied vault moves to a new identity.
        crate::org::succession::check_on_open(&mut conn, &dir.join(DB_FILE))?;
        Vault::from_connection(dir, conn)
    }

    fn from_connection(dir: &Path, conn: Connection) -> Result<Vault> {
        let device = Vault::device_in(&conn)?;
        // A log holding a stamp from the far future (imported before received clocks were
        // bounded, or written while this computer's clock was years ahead) must not leave the
        // clock exhausted or years ahead: it resumes within the bound (ops::hlc).
        let now = crate::ops::hlc::system_now_ms();
        let within = store::latest_hlc_within(&conn, crate::ops::hlc::ceiling(now))?;
        let clock = Clock::resume_bounded(within, now);
        Ok(Vault {
            dir: dir.to_owned(),
            conn,
            device,
            clock,
        })
    }

    fn device_in(conn: &Connection) -> Result<DeviceId> {
        let device: String = conn.query_row(
            "SELECT value FROM vault_meta WHERE key = 'device_id'",
            [],
            |r| r.get(0),
        )?;
        let device = device
            .parse()
            .map_err(|e: crate::ops::IdParseError| Error::Invalid {
                field: "device id",
                reason: e.to_string(),
            })?;
        Ok(device)
    }

    /// Records a change made on this device as an operation and applies it, in one transaction.
    /// Changes to a case the person has not agreed to share with the coordinator are held back
    /// from bundles (see `sharing`).
    pub(crate) fn record(
        &mut self,
        entity_type: EntityType,
        entity: EntityId,
        change: Change,
    ) -> Result<Op> {
        self.check_permitted(entity_type, &change)?;
        let tx = self.conn.transaction()?;
        // The clock advances only if the transaction commits, so a failed change burns nothing.
        let mut clock = self.clock.clone();
        let mut ops = sharing::record_changes(
            &tx,
            self.device,
            &mut clock,
            vec![(entity_type, entity, change)],
        )?;
        tx.commit()?;
        self.clock = clock;
        ops.pop().ok_or_else(|| Error::Invalid {
            field: "operation",
            reason: "no operation was recorded".into(),
        })
    }

    /// Records several changes as operations in one transaction, then runs `finish` in the same
    /// transaction (to remove a draft the changes came from, say): all of it commits, or none.
    pub(crate) fn record_all(
        &mut self,
        changes: Vec<(EntityType, EntityId, Change)>,
        finish: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<()>,
    ) -> Result<Vec<Op>> {
        for (entity_type, _, change) in &changes {
            self.check_permitted(*entity_type, change)?;
        }
        let tx = self.conn.transaction()?;
        let mut clock = self.clock.clone();
        let ops = sharing::record_changes(&tx, self.device, &mut clock, changes)?;
        finish(&tx)?;
        tx.commit()?;
        self.clock = clock;
        Ok(ops)
    }

    /// Reads this device's id again after it moved to a new identity (org/succession/).
    pub(crate) fn refresh_identity(&mut self) -> Result<()> {
        let fresh = Vault::device_in(&self.conn)?;
        self.device = fresh;
        Ok(())
    }

    /// Refuses a change this device's role does not allow, before anything is written.
    fn check_permitted(&self, entity_type: EntityType, change: &Change) -> Result<()> {
        match self.own_role()? {
            Some(role) => crate::org::permissions::may_write(role, entity_type, change)
                .map_err(Error::NotPermitted),
            None => Ok(()),
        }
    }

    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// This device's id in the operation log.
    pub fn device_id(&self) -> DeviceId {
        self.device
    }

    /// Closes the database after folding the write-ahead log into it. SQLCipher wipes its copy of
    /// the key when the connection closes.
    pub fn lock(self) -> Result<()> {
        database::checkpoint(&self.conn)?;
        self.conn.close().map_err(|(_, e)| Error::Database(e))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn summary(&self) -> Result<VaultSummary> {
        let meta = |key: &str| -> Result<String> {
            Ok(self
                .conn
                .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| {
                    r.get(0)
                })?)
        };
        let slots = KeyslotFile::read(&keyslots_path(&self.dir))?;
        Ok(VaultSummary {
            vault_id: meta("vault_id")?,
            created_at: meta("created_at")?,
            schema_version: migrations::current_version(&self.conn)?,
            device_name: self.device_name()?,
            kdf: passphrase_slot(&slots, &self.dir)?.params,
        })
    }

    /// The name this device shows to coordinators ("Anna's laptop").
    pub fn device_name(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM vault_settings WHERE key = 'device_name'",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn set_device_name(&self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(Error::Invalid {
                field: "device name",
                reason: "use 1 to 80 characters".into(),
            });
        }
        self.conn.execute(
            "INSERT INTO vault_settings (key, value) VALUES ('device_name', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [name],
        )?;
        Ok(())
    }

    /// SQLite's and SQLCipher's consistency checks; empty when the database is sound.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        database::integrity_problems(&self.conn)
    }
}

/// Replaces the passphrase of the vault in `dir`. Only the key file changes, atomically: after a
/// crash at any point exactly one of the old and new passphrases opens the vault.
///
/// The database key stays the same: a copy of the key file made earlier still opens the vault
/// with the old passphrase. [`Vault::rotate_key`] is the answer to that.
pub fn change_passphrase(
    dir: &Path,
    current: &SecretString,
    new: &SecretString,
    params: KdfParams,
) -> Result<()> {
    passphrase::check_acceptable(new)?;
    params.check()?;
    // Opening finishes a rotation that was interrupted, so the key re-wrapped here is the one
    // the database uses.
    let (slots, dek, vault) = rotation::open_any(
        dir,
        SlotKind::Passphrase,
        current.expose_secret().as_bytes(),
    )?;
    vault.lock()?;
    let new_slot = Keyslot::seal(
        &slots.vault_id,
        SlotKind::Passphrase,
        new.expose_secret().as_bytes(),
        params,
        &dek,
    )?;
    let mut updated = slots;
    updated.slots.retain(|s| s.kind != SlotKind::Passphrase);
    updated.slots.insert(0, new_slot);
    updated.write(&keyslots_path(dir))
}

/// The raw database key, for handing to another SQLCipher implementation (export, interop
/// tests). It is as sensitive as the whole vault.
pub fn export_raw_key(dir: &Path, passphrase: &SecretString) -> Result<SecretString> {
    let (_, dek) = open_slot(
        dir,
        SlotKind::Passphrase,
        passphrase.expose_secret().as_bytes(),
    )?;
    Ok(SecretString::from(hex::encode(&dek[..])))
}

/// How a person proves they may open a vault: its passphrase, or its recovery code.
pub enum Secret {
    Passphrase(SecretString),
    RecoveryCode(SecretString),
}

/// Opens the database in `dir` with `secret` as it is, without migrating it or making a `Vault`
/// of it: for checking and marking a restored copy before it becomes a vault (see `backup`).
/// Wrong secrets are counted as for [`Vault::unlock`].
pub(crate) fn open_database(dir: &Path, secret: &Secret) -> Result<Connection> {
    let (_, dek) = match secret {
        Secret::Passphrase(p) => {
            open_slot(dir, SlotKind::Passphrase, p.expose_secret().as_bytes())?
        }
        Secret::RecoveryCode(code) => {
            let code = RecoveryCode::parse(code)?;
            open_slot(dir, SlotKind::Recovery, code.secret_bytes())?
        }
    };
    database::open_keyed(&dir.join(DB_FILE), &dek)
}

/// Folds the write-ahead log of `conn` into its database file and closes it.
pub(crate) fn close_database(conn: Connection) -> Result<()> {
    database::checkpoint(&conn)?;
    conn.close().map_err(|(_, e)| Error::Database(e))
}

/// SQLite's and SQLCipher's consistency checks of an open database; empty when it is sound.
pub(crate) fn database_problems(conn: &Connection) -> Result<Vec<String>> {
    database::integrity_problems(conn)
}

/// Unwraps the database key from the slot of `kind` with `secret`, counting a wrong secret towards
/// the wait and refusing while a wait runs. Every way into the vault goes through here.
pub(super) fn open_slot(dir: &Path, kind: SlotKind, secret: &[u8]) -> Result<(KeyslotFile, Dek)> {
    if !exists(dir) {
        return Err(Error::NoVault {
            path: dir.to_owned(),
        });
    }
    let throttle = Throttle::new(dir);
    let _one_attempt_at_a_time = throttle.lock()?;
    throttle.check(SystemTime::now())?;
    let slots = KeyslotFile::read(&keyslots_path(dir))?;
    let slot = slots
        .slot(kind)
        .ok_or_else(|| damaged(dir, "a key slot is missing"))?;
    let Some(dek) = slot.open(&slots.vault_id, secret, &keyslots_path(dir))? else {
        let attempts_before_wait = throttle.record_failure(SystemTime::now())?;
        return Err(match kind {
            SlotKind::Passphrase => Error::WrongPassphrase {
                attempts_before_wait,
            },
            SlotKind::Recovery => Error::WrongRecoveryCode {
                attempts_before_wait,
            },
        });
    };
    throttle.record_success()?;
    Ok((slots, dek))
}

/// The passphrase slot's parameters, for the summary.
fn passphrase_slot<'a>(slots: &'a KeyslotFile, dir: &Path) -> Result<&'a Keyslot> {
    slots
        .slot(SlotKind::Passphrase)
        .ok_or_else(|| damaged(dir, "no passphrase slot"))
}

pub(super) fn keyslots_path(dir: &Path) -> PathBuf {
    dir.join(KEYSLOTS_FILE)
}

pub(super) fn damaged(dir: &Path, reason: &str) -> Error {
    Error::DamagedKeyslots {
        path: keyslots_path(dir),
        reason: reason.to_owned(),
    }
}

pub(crate) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(Error::io("create the folder", dir))
}

/// A database without a key file is left from a creation that crashed; it cannot be read without
/// its key. It is renamed rather than deleted, so that nothing is ever destroyed silently.
fn set_aside_orphaned_database(dir: &Path) -> Result<()> {
    let db = dir.join(DB_FILE);
    if !db.exists() {
        return Ok(());
    }
    let stamp = Utc::now().format("%Y%m%dT%H%M%S");
    for suffix in ["", "-wal", "-shm"] {
        let from = dir.join(format!("{DB_FILE}{suffix}"));
        if from.exists() {
            let to = dir.join(format!("orphaned-{stamp}-{DB_FILE}{suffix}"));
            fs::rename(&from, &to).map_err(Error::io("set aside", &from))?;
        }
    }
    Ok(())
}
