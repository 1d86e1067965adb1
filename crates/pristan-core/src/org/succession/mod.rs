//! A vault that continues under a new device identity (docs/organisation.md, "Succession").
//!
//! Two copies of a vault must never write under one device id: both would use the same next
//! sequence numbers, and each would hold writes the other lacks under the same `(device, seq)`.
//! So a vault moves to a new identity (a new random device id and new device keys) when
//!
//! - it was restored from a backup (`vault_meta.identity_rotation_due`, set by the restore),
//! - its database file is not the one it was last opened from (the folder was copied; see
//!   [`file_identity`]),
//! - a case packet brought operations under its own id that it never wrote (another copy), or
//! - the roster revokes its identity (a coordinator resolving a fork: both copies move on).
//!
//! The old identity's operations stay in the log as they are. Those no bundle carried yet are
//! carried, unchanged, in the new identity's bundles (the coordinator approves the new identity as
//! the old one's successor, `RosterEntry::replaces`). Once a revocation says which of them are past
//! the last common sequence number, this vault issues those again as new operations under its
//! current identity, so nothing it wrote is lost and every device's log agrees.

mod carry;
mod reissue;

use std::path::Path;

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::keys::DeviceKeys;
use super::types::{DeviceIdentity, Role};
use super::{roster, store};
use crate::error::{Error, Result};
use crate::ops::fork;
use crate::ops::{Clock, DeviceId};
use pristan_model::sync::{ForkView, IdentityChangeReason, IdentityNotice};

pub(crate) use carry::{
    announcement_due, carries_for, mark_carried, ops_to_carry, predecessor, with_predecessors,
};
pub(crate) use reissue::{after_import, after_roster, is_foreign_own, keep_foreign_own};

/// What `vault_meta.identity_rotation_due` holds after a restore (the backup's contract).
const ROTATION_DUE: &str = "identity_rotation_due";
const FILE_IDENTITY: &str = "file_identity";
const NOTICE: &str = "identity_notice";

/// Runs when a vault is opened, before anything is written: honours a restore's request for a
/// new identity, and notices a copied folder. Records which file this vault now lives in.
pub(crate) fn check_on_open(conn: &mut Connection, db_path: &Path) -> Result<()> {
    let current = file_identity(db_path);
    let tx = conn.transaction()?;
    let due = meta(&tx, ROTATION_DUE)?;
    let recorded = meta(&tx, FILE_IDENTITY)?;
    let reason = if due.is_some() {
        Some(IdentityChangeReason::Restored)
    } else {
        match (&recorded, &current) {
            (Some(recorded), Some(current)) if recorded != current => {
                Some(IdentityChangeReason::Copied)
            }
            _ => None,
        }
    };
    if let Some(reason) = reason {
        rotate(&tx, reason, None, None)?;
    }
    tx.execute("DELETE FROM vault_meta WHERE key = ?1", [ROTATION_DUE])?;
    if let Some(current) = current {
        set_meta(&tx, FILE_IDENTITY, &current)?;
    }
    tx.commit()?;
    Ok(())
}

/// Which file the database is: on Unix its inode number, which a copy never keeps and a rename
/// (of the file or its folder) always keeps. A copy onto another disk could by chance get the
/// same number; a whole-disk image keeps it (both are forks the importer then names). Elsewhere
/// there is no stable file identity in the standard library, and copies are left to fork
/// detection.
fn file_identity(db_path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(db_path)
            .ok()
            .map(|m| format!("inode {}", m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = db_path;
        None
    }
}

/// Accepts the current file as this vault's own without a new identity: for tests that copy a
/// closed vault to save time, standing in for a folder that was moved.
pub(crate) fn adopt_file(conn: &Connection, db_path: &Path) -> Result<()> {
    if let Some(current) = file_identity(db_path) {
        set_meta(conn, FILE_IDENTITY, &current)?;
    }
    Ok(())
}

/// Moves this vault to a new device identity. With `revoked_at`, the old identity's own
/// operations past that sequence number are issued again under the new one (with `clock`).
/// Returns the new device id.
pub(crate) fn rotate(
    tx: &Transaction<'_>,
    reason: IdentityChangeReason,
    revoked_at: Option<u64>,
    clock: Option<&mut Clock>,
) -> Result<DeviceId> {
    let old = own_device(tx)?;
    let new = DeviceId::random();
    let last_sent: Option<i64> = tx.query_row(
        "SELECT max(last_seq) FROM bundles_sent WHERE to_device = ''",
        [],
        |r| r.get(0),
    )?;
    let max_own = max_seq_held(tx, old)?;
    tx.execute(
        "UPDATE vault_meta SET value = ?1 WHERE key = 'device_id'",
        [new.to_string()],
    )?;
    // The old identity's stream of bundles ends here; the new one numbers its own from 1.
    tx.execute(
        "UPDATE bundles_sent SET to_device = 'retired:' || ?1 WHERE to_device = ''",
        [old.to_string()],
    )?;
    tx.execute("DELETE FROM device_keys", [])?;
    let keys = DeviceKeys::load_or_create(tx)?;
    tx.execute(
        "INSERT OR REPLACE INTO identity_history
             (old_device, new_device, reason, rotated_at, carry_from, carry_to, carried)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
        params![
            old.to_string(),
            new.to_string(),
            reason_text(reason),
            now_text(),
            last_sent.unwrap_or(0).max(0) + 1,
            max_own as i64,
        ],
    )?;
    let reissued = match (revoked_at, clock) {
        (Some(last_good), Some(clock)) => reissue::reissue_past(tx, old, last_good, new, clock)?,
        _ => 0,
    };
    if store::is_coordinator(tx)? {
        add_self_to_roster(tx, &keys, new, old)?;
    }
    let notice = IdentityNotice {
        previous: old,
        current: new,
        reason,
        at: Utc::now(),
        reissued,
    };
    set_meta(
        tx,
        NOTICE,
        &serde_json::to_string(&notice).expect("a notice serialises"),
    )?;
    Ok(new)
}

/// A coordinator signs its own successor into the roster (it holds the organisation's key, as
/// when a second coordinator joins).
fn add_self_to_roster(
    tx: &Transaction<'_>,
    keys: &DeviceKeys,
    new: DeviceId,
    old: DeviceId,
) -> Result<()> {
    let (org, secrets) = store::require_coordinator(tx)?;
    let name = old_name(tx, old)?;
    let identity: DeviceIdentity = keys.identity(new, name);
    roster::publish_next(tx, &org, &secrets, |entries| {
        let mut entry = super::entry(identity, Role::Coordinator);
        entry.replaces = Some(old);
        entries.push(entry);
        Ok(())
    })?;
    Ok(())
}

fn old_name(conn: &Connection, old: DeviceId) -> Result<String> {
    let set: Option<String> = conn
        .query_row(
            "SELECT value FROM vault_settings WHERE key = 'device_name'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let listed = roster::roster_entry(conn, old)?.map(|e| e.name);
    Ok(set
        .filter(|n| super::keys::check_name(n).is_ok())
        .or(listed)
        .unwrap_or_else(|| "Coordinator".to_owned()))
}

impl crate::vault::Vault {
    /// Devices whose vault was copied and used twice under one identity, not yet resolved by a
    /// revocation at the last common sequence number (see `ops::fork`).
    pub fn forks(&self) -> Result<Vec<ForkView>> {
        Ok(fork::forks(&self.conn, None)?
            .into_iter()
            .filter(|f| !f.resolved)
            .collect())
    }

    /// Set when this vault moved to a new device identity, until the user dismisses it.
    pub fn identity_notice(&self) -> Result<Option<IdentityNotice>> {
        notice(&self.conn)
    }

    pub fn dismiss_identity_notice(&self) -> Result<()> {
        dismiss_notice(&self.conn)
    }

    /// The identities this vault wrote under before its current one, oldest first.
    pub fn earlier_identities(&self) -> Result<Vec<DeviceId>> {
        let mut stmt = self
            .conn
            .prepare("SELECT old_device FROM identity_history ORDER BY rotated_at")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|r| r?.parse().map_err(|_| damaged())).collect()
    }
}

/// The notice to show until the user dismisses it.
pub(crate) fn notice(conn: &Connection) -> Result<Option<IdentityNotice>> {
    meta(conn, NOTICE)?
        .map(|text| serde_json::from_str(&text).map_err(|_| damaged()))
        .transpose()
}

pub(crate) fn dismiss_notice(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM vault_meta WHERE key = ?1", [NOTICE])?;
    Ok(())
}

/// The highest sequence number this vault holds (or held) from `device`, 0 if none.
fn max_seq_held(conn: &Connection, device: DeviceId) -> Result<u64> {
    let seq: Option<i64> = conn
        .query_row(
            "SELECT max_seq FROM version_vector WHERE device_id = ?1",
            [device.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(seq.map_or(0, |s| u64::try_from(s).unwrap_or(0)))
}

fn own_device(conn: &Connection) -> Result<DeviceId> {
    meta(conn, "device_id")?
        .and_then(|d| d.parse().ok())
        .ok_or_else(damaged)
}

fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

fn reason_text(reason: IdentityChangeReason) -> &'static str {
    match reason {
        IdentityChangeReason::Restored => "restored",
        IdentityChangeReason::Copied => "copied",
        IdentityChangeReason::ForkSeen => "fork_seen",
        IdentityChangeReason::Revoked => "revoked",
    }
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn damaged() -> Error {
    Error::Invalid {
        field: "device identity",
        reason: "the vault's record of its device identity is damaged".into(),
    }
}
