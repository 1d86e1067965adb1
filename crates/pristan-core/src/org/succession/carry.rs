//! What a vault under a new identity carries for its old one: the operations its old identity
//! wrote and never sent, travelling unchanged, and who may carry them (the roster's `replaces`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension};

use super::damaged;
use crate::error::Result;
use crate::ops::fork;
use crate::ops::{DeviceId, Op};
use crate::org::types::RosterEntry;

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
    roster: &HashMap<DeviceId, RosterEntry>,
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

/// `device` and every device it replaces, by the roster's `replaces` links.
pub(crate) fn with_predecessors(conn: &Connection, device: DeviceId) -> Result<Vec<DeviceId>> {
    let entries = crate::org::roster_entries(conn)?;
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
