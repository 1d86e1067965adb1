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

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::keys::DeviceKeys;
use super::types::{DeviceIdentity, Role, RosterEntry};
use super::{roster, store};
use crate::error::{Error, Result};
use crate::ops::fork::{self, Aside};
use crate::ops::store as log;
use crate::ops::{Change, Clock, DeviceId, Op, Seq};
use pristan_model::sync::{ForkView, IdentityChangeReason, IdentityNotice};

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
    let max_own = store::max_seq_held(tx, old)?;
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
        (Some(last_good), Some(clock)) => reissue_past(tx, old, last_good, new, clock)?,
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

/// After a roster arrived or was made here: for every revoked device, its operations past the
/// last good one leave the log (kept aside). Those this vault wrote itself, under its current
/// identity or an earlier one, are first issued again under its current identity; if its current
/// identity is the one revoked, it moves to a new identity first.
/// Returns the new device id if this vault moved.
pub(crate) fn after_roster(tx: &Transaction<'_>, clock: &mut Clock) -> Result<Option<DeviceId>> {
    let entries = super::roster_entries(tx)?;
    let mut moved = None;
    for entry in entries.iter().filter(|e| e.revoked_after_seq.is_some()) {
        let last_good = entry.revoked_after_seq.unwrap_or(u64::MAX);
        let me = own_device(tx)?;
        // A revoked identity can send nothing more; this vault moves on whether or not it
        // wrote past the last good sequence number (another copy may have).
        if entry.device == me {
            moved = Some(rotate(
                tx,
                IdentityChangeReason::Revoked,
                Some(last_good),
                Some(clock),
            )?);
        } else if entry.device != me {
            if let Some(own_to) = own_line_end(tx, entry.device)? {
                let current = own_device(tx)?;
                let ops = own_line_past(tx, entry.device, last_good, own_to)?;
                reissue(tx, &ops, current, clock)?;
            }
        }
        fork::set_aside_past(tx, entry.device, last_good)?;
    }
    Ok(moved)
}

/// What an applied bundle may ask of this vault's identity: a changed roster is acted on
/// ([`after_roster`]); operations under its own id that it never wrote move it to a new identity.
pub(crate) fn after_import(
    tx: &Transaction<'_>,
    clock: &mut Clock,
    roster_changed: bool,
    fork_seen: bool,
) -> Result<Option<DeviceId>> {
    let mut moved = None;
    if roster_changed {
        moved = after_roster(tx, clock)?;
    }
    if fork_seen && moved.is_none() {
        let old = own_device(tx)?;
        moved = Some(rotate(tx, IdentityChangeReason::ForkSeen, None, None)?);
        release_foreign(tx, old)?;
    }
    Ok(moved)
}

/// Issues this vault's own operations of `old` past `last_good` again under `new`.
fn reissue_past(
    tx: &Transaction<'_>,
    old: DeviceId,
    last_good: u64,
    new: DeviceId,
    clock: &mut Clock,
) -> Result<u64> {
    let own_to = own_line_end(tx, old)?.unwrap_or(u64::MAX);
    let ops = own_line_past(tx, old, last_good, own_to)?;
    reissue(tx, &ops, new, clock)
}

/// The highest sequence number this vault wrote under an earlier identity `device`, if it ever
/// was that device.
fn own_line_end(conn: &Connection, device: DeviceId) -> Result<Option<u64>> {
    let to: Option<i64> = conn
        .query_row(
            "SELECT carry_to FROM identity_history WHERE old_device = ?1",
            [device.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(to.map(|n| n.max(0) as u64))
}

fn own_line_past(
    conn: &Connection,
    device: DeviceId,
    last_good: u64,
    own_to: u64,
) -> Result<Vec<Op>> {
    Ok(fork::log_ops_past(conn, device, last_good)?
        .into_iter()
        .filter(|op| op.seq.get() <= own_to)
        .collect())
}

/// Each operation again, as a new operation of `device`: the next sequence number and a fresh
/// clock reading, so it is merged like any new write. An assignment names the write it repeats
/// among those it replaces, so on devices that held the original the two are one history, not a
/// conflict. Returns how many were issued.
fn reissue(tx: &Transaction<'_>, ops: &[Op], device: DeviceId, clock: &mut Clock) -> Result<u64> {
    let mut issued = 0;
    for original in ops {
        let change = match &original.change {
            Change::Assign { fields, seen } => {
                let mut seen: BTreeMap<_, _> = seen.clone();
                for field in fields.keys() {
                    let stamps = seen.entry(field.clone()).or_insert_with(Vec::new);
                    if !stamps.contains(&original.stamp()) {
                        stamps.push(original.stamp());
                    }
                }
                Change::Assign {
                    fields: fields.clone(),
                    seen,
                }
            }
            other => other.clone(),
        };
        let seq = match log::last_seq(tx, device)? {
            Some(last) => last.next()?,
            None => Seq::FIRST,
        };
        let op = Op {
            device,
            seq,
            hlc: clock.tick_now()?,
            entity_type: original.entity_type,
            entity: original.entity,
            change,
        };
        // A write about a case forgotten meanwhile is dropped, like any other.
        log::apply(tx, &op)?;
        issued += 1;
    }
    Ok(issued)
}

/// An operation under this vault's own id that it never wrote (or a different one under a
/// sequence number it wrote): another copy of this vault is in use. Kept aside; the caller moves
/// the vault to a new identity once the bundle is applied.
///
/// One this vault wrote and no longer holds (purged when its case was forgotten) is below its
/// highest own sequence number and is not foreign: it is dropped like any write about a
/// forgotten case.
pub(crate) fn is_foreign_own(conn: &Connection, me: DeviceId, op: &Op) -> Result<bool> {
    if op.device != me {
        return Ok(false);
    }
    Ok(match fork::held_differs(conn, op)? {
        Some(differs) => differs,
        None => op.seq.get() > store::max_seq_held(conn, me)?,
    })
}

/// After moving on because another copy wrote under the old identity: the other copy's
/// operations that do not collide with this vault's own are simply someone else's now, and are
/// applied; those that collide stay aside until the coordinator resolves the fork.
fn release_foreign(tx: &Transaction<'_>, old: DeviceId) -> Result<()> {
    let rows: Vec<(i64, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT seq, op_hash, op_json FROM forked_ops
             WHERE device_id = ?1 AND reason = 'fork'
               AND NOT EXISTS (SELECT 1 FROM ops WHERE ops.device_id = forked_ops.device_id
                                                   AND ops.seq = forked_ops.seq)
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([old.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (seq, hash, json) in rows {
        let op: Op = serde_json::from_str(&json).map_err(|_| damaged())?;
        if fork::held_differs(tx, &op)?.is_none() {
            log::apply(tx, &op)?;
        }
        tx.execute(
            "DELETE FROM forked_ops WHERE device_id = ?1 AND seq = ?2 AND op_hash = ?3",
            params![old.to_string(), seq, hash],
        )?;
    }
    Ok(())
}

pub(crate) fn keep_foreign_own(
    tx: &Transaction<'_>,
    op: &Op,
    arrival: fork::Arrival,
) -> Result<()> {
    fork::keep(tx, op, Aside::Fork, Some(arrival))?;
    Ok(())
}

/// The identity this vault continues, for its bundle headers: the coordinator sees that the new
/// device replaces it.
pub(crate) fn predecessor(conn: &Connection, me: DeviceId) -> Result<Option<DeviceId>> {
    let old: Option<String> = conn
        .query_row(
            "SELECT old_device FROM identity_history WHERE new_device = ?1",
            [me.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    old.map(|o| o.parse().map_err(|_| damaged())).transpose()
}

/// The operations of earlier identities that this vault wrote, that no bundle carried yet and
/// that no revocation moved aside: the next bundle carries them unchanged.
pub(crate) fn ops_to_carry(conn: &Connection, resend: bool) -> Result<Vec<Op>> {
    let rows: Vec<(String, i64, i64)> = {
        let mut stmt = conn.prepare(
            "SELECT old_device, carry_from, carry_to FROM identity_history
             WHERE carried = 0 OR ?1 ORDER BY rotated_at",
        )?;
        let rows = stmt.query_map([resend], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut ops = Vec::new();
    for (device, from, to) in rows {
        let device: DeviceId = device.parse().map_err(|_| damaged())?;
        let from = from.max(1) as u64;
        ops.extend(
            fork::log_ops_past(conn, device, from - 1)?
                .into_iter()
                .filter(|op| op.seq.get() <= to.max(0) as u64),
        );
    }
    Ok(ops)
}

/// Whether this vault moved to its identity `me` and no bundle has announced it yet.
pub(crate) fn announcement_due(conn: &Connection, me: DeviceId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM identity_history WHERE new_device = ?1 AND carried = 0)",
        [me.to_string()],
        |r| r.get(0),
    )?)
}

/// Records that a bundle now carries the earlier identities' operations.
pub(crate) fn mark_carried(conn: &Connection) -> Result<()> {
    conn.execute("UPDATE identity_history SET carried = 1", [])?;
    Ok(())
}

/// May `signer` carry operations of `author`? Only an approved successor (or its successor) of
/// that device, by the roster's `replaces` links.
pub(crate) fn carries_for(
    roster: &std::collections::HashMap<DeviceId, RosterEntry>,
    signer: &RosterEntry,
    author: DeviceId,
) -> bool {
    let mut link = signer.replaces;
    for _ in 0..roster.len().max(1) {
        match link {
            Some(device) if device == author => return true,
            Some(device) => link = roster.get(&device).and_then(|e| e.replaces),
            None => return false,
        }
    }
    false
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

/// `device` and every device it replaces, by the roster's `replaces` links.
pub(crate) fn with_predecessors(conn: &Connection, device: DeviceId) -> Result<Vec<DeviceId>> {
    let entries = super::roster_entries(conn)?;
    let mut chain = vec![device];
    let mut link = entries
        .iter()
        .find(|e| e.device == device)
        .and_then(|e| e.replaces);
    while let Some(old) = link {
        if chain.contains(&old) {
            break;
        }
        chain.push(old);
        link = entries
            .iter()
            .find(|e| e.device == old)
            .and_then(|e| e.replaces);
    }
    Ok(chain)
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
