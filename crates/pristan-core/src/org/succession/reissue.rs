//! Issuing again, under this vault's current identity, the writes it made under an identity that
//! was revoked past them, and moving on when another copy writes under its own identity.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::{damaged, own_device, rotate};
use crate::error::Result;
use crate::ops::fork::{self, Aside};
use crate::ops::store as log;
use crate::ops::{Change, Clock, DeviceId, Op, Seq};
use pristan_model::sync::IdentityChangeReason;

/// After a roster arrived or was made here: for every revoked device, its operations past the
/// last good one leave the log (kept aside). Those this vault wrote itself, under its current
/// identity or an earlier one, are first issued again under its current identity; if its current
/// identity is the one revoked, it moves to a new identity first.
/// Returns the new device id if this vault moved.
pub(crate) fn after_roster(tx: &Transaction<'_>, clock: &mut Clock) -> Result<Option<DeviceId>> {
    let entries = crate::org::roster_entries(tx)?;
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
pub(super) fn reissue_past(
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
        None => op.seq.get() > super::max_seq_held(conn, me)?,
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
