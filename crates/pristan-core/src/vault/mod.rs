//! The vault: a directory holding `vault.db` (SQLCipher) and `keyslots` (the wrapped key).
//!
//! A [`Vault`] value is an unlocked vault; there is no locked `Vault` with methods that could read
//! cases. Locking consumes it. Opening goes through [`Vault::unlock`] or [`Vault::recover`], which
//! unwrap the database key from a keyslot and hand it to SQLCipher.

mod database;
mod kdf;
mod keyslots;
mod migrations;
mod recovery_code;
mod throttle;

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
use keyslots::{Dek, Keyslot, KeyslotFile, SlotKind};
use throttle::Throttle;

const DB_FILE: &str = "vault.db";
const KEYSLOTS_FILE: &str = "keyslots";

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
        let (_, dek) = open_slot(
            dir,
            SlotKind::Passphrase,
            passphrase.expose_secret().as_bytes(),
        )?;
        Vault::open_with_key(dir, &dek)
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
    pub fn recover(
        dir: &Path,
        code: &SecretString,
        new_passphrase: &SecretString,
        params: KdfParams,
    ) -> Result<(Vault, RecoveryCode)> {
        passphrase::check_acceptable(new_passphrase)?;
        params.check()?;
        let code = RecoveryCode::parse(code)?;
        let (slots, dek) = open_slot(dir, SlotKind::Recovery, code.secret_bytes())?;
        let vault = Vault::open_with_key(dir, &dek)?;
        let new_code = RecoveryCode::generate();
        let new_slots = vec![
            Keyslot::seal(
                &slots.vault_id,
                SlotKind::Passphrase,
                new_passphrase.expose_secret().as_bytes(),
                params,
                &dek,
            )?,
            Keyslot::seal(
                &slots.vault_id,
                SlotKind::Recovery,
                new_code.secret_bytes(),
                params,
                &dek,
            )?,
        ];
        KeyslotFile::new(slots.vault_id, new_slots).write(&keyslots_path(dir))?;
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
        let clock = Clock::resume(store::latest_hlc(&conn)?);
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
    pub(crate) fn record(
        &mut self,
        entity_type: EntityType,
        entity: EntityId,
        change: Change,
    ) -> Result<Op> {
        let tx = self.conn.transaction()?;
        // The clock advances only if the transaction commits, so a failed change burns nothing.
        let mut clock = self.clock.clone();
        let op = store::record_local(&tx, self.device, &mut clock, entity_type, entity, change)?;
        tx.commit()?;
        self.clock = clock;
        Ok(op)
    }

    /// Records several changes as operations in one transaction, then runs `finish` in the same
    /// transaction (to remove a draft the changes came from, say): all of it commits, or none.
    pub(crate) fn record_all(
        &mut self,
        changes: Vec<(EntityType, EntityId, Change)>,
        finish: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<()>,
    ) -> Result<Vec<Op>> {
        let tx = self.conn.transaction()?;
        let mut clock = self.clock.clone();
        let mut ops = Vec::with_capacity(changes.len());
        for (entity_type, entity, change) in changes {
            ops.push(store::record_local(
                &tx,
                self.device,
                &mut clock,
                entity_type,
                entity,
                change,
            )?);
        }
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
pub fn change_passphrase(
    dir: &Path,
    current: &SecretString,
    new: &SecretString,
    params: KdfParams,
) -> Result<()> {
    passphrase::check_acceptable(new)?;
    params.check()?;
    let (slots, dek) = open_slot(
        dir,
        SlotKind::Passphrase,
        current.expose_secret().as_bytes(),
    )?;
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

/// Unwraps the database key from the slot of `kind` with `secret`, counting a wrong secret towards
/// the wait and refusing while a wait runs. Every way into the vault goes through here.
fn open_slot(dir: &Path, kind: SlotKind, secret: &[u8]) -> Result<(KeyslotFile, Dek)> {
    if !exists(dir) {
        return Err(Error::NoVault {
            path: dir.to_owned(),
        });
    }
    let throttle = Throttle::new(dir);
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

fn keyslots_path(dir: &Path) -> PathBuf {
    dir.join(KEYSLOTS_FILE)
}

fn damaged(dir: &Path, reason: &str) -> Error {
    Error::DamagedKeyslots {
        path: keyslots_path(dir),
        reason: reason.to_owned(),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
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
