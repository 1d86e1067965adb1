//! Forks: two different operations under one `(device, seq)`. It happens when a vault is copied
//! (or restored) without Pristan noticing and both copies go on writing under the same identity.
//! Nothing is dropped: the operation the log already holds stays, the other is kept in
//! `forked_ops` beside the log and named to the user, and the way out (docs/sync-plan.md,
//! "Forks") is to revoke the identity at the last common sequence number, after which each copy
//! issues its writes again under a new identity.
//!
//! The same table keeps the operations a revocation moves out of the log (those past the revoked
//! device's last good one), so that the logs of every device agree again while the writes
//! themselves are kept.

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use sha2::{Digest, Sha256};

use super::{DeviceId, Op};
use crate::error::{Error, Result};
use pristan_model::sync::ForkView;

/// Why an operation waits beside the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aside {
    /// A second, different operation for a `(device, seq)` the log holds, or an operation under
    /// this device's own id that it never wrote.
    Fork,
    /// Past its device's last good sequence number, moved out of the log by a revocation.
    Revoked,
}

impl Aside {
    fn as_str(self) -> &'static str {
        match self {
            Aside::Fork => "fork",
            Aside::Revoked => "revoked",
        }
    }
}

/// The bundle an operation arrived in, to name it in the fork warning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arrival {
    pub sender: DeviceId,
    pub number: u64,
}

/// Whether the log holds an operation under `op`'s `(device, seq)` that differs from `op`
/// (`Some(true)`), the same one (`Some(false)`), or none (`None`).
pub(crate) fn held_differs(conn: &Connection, op: &Op) -> Result<Option<bool>> {
    let held: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT hlc, entity_type, entity_id, change FROM ops WHERE device_id = ?1 AND seq = ?2",
            params![op.device.to_string(), op.seq.get() as i64],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    Ok(held.map(|(hlc, entity_type, entity, change)| {
        let same = hlc == op.hlc.to_string()
            && entity_type == op.entity_type.as_str()
            && entity == op.entity.to_string()
            && change == serde_json::to_string(&op.change).expect("a change serialises");
        !same
    }))
}

/// Keeps `op` beside the log. Returns false if it was kept before (the same bundle again, say).
pub(crate) fn keep(
    tx: &Transaction<'_>,
    op: &Op,
    why: Aside,
    arrival: Option<Arrival>,
) -> Result<bool> {
    let json = serde_json::to_string(op).expect("an operation serialises");
    let hash = hex::encode(Sha256::digest(json.as_bytes()));
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO forked_ops (device_id, seq, op_hash, op_json, reason,
                                           bundle_sender, bundle_number, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            op.device.to_string(),
            op.seq.get() as i64,
            hash,
            json,
            why.as_str(),
            arrival.map(|a| a.sender.to_string()),
            arrival.map(|a| a.number as i64),
            Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
        ],
    )?;
    Ok(inserted > 0)
}

/// Moves `device`'s operations past `last_good` out of the log into `forked_ops`: a revocation
/// says they are not part of what every device shares. Their effects on the casebook stay (so
/// nothing disappears from screens) until their author's new identity issues them again.
/// Returns how many operations moved.
pub(crate) fn set_aside_past(
    tx: &Transaction<'_>,
    device: DeviceId,
    last_good: u64,
) -> Result<usize> {
    // Kept as the log holds them, without reading them as operations: a row this Pristan
    // cannot read must still be kept, never lost.
    let rows = log_values_past(tx, device, last_good)?;
    for (seq, value) in &rows {
        let json = value.to_string();
        tx.execute(
            "INSERT OR IGNORE INTO forked_ops (device_id, seq, op_hash, op_json, reason,
                                               bundle_sender, bundle_number, received_at)
             VALUES (?1, ?2, ?3, ?4, 'revoked', NULL, NULL, ?5)",
            params![
                device.to_string(),
                seq,
                hex::encode(Sha256::digest(json.as_bytes())),
                json,
                Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            ],
        )?;
    }
    tx.execute(
        "DELETE FROM ops WHERE device_id = ?1 AND seq > ?2",
        params![device.to_string(), clamp(last_good)],
    )?;
    Ok(rows.len())
}

/// The log's rows of `device` above `after` as JSON values in the operation's shape.
fn log_values_past(
    conn: &Connection,
    device: DeviceId,
    after: u64,
) -> Result<Vec<(i64, serde_json::Value)>> {
    let mut stmt = conn.prepare(
        "SELECT seq, hlc, entity_type, entity_id, change FROM ops
         WHERE device_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![device.to_string(), clamp(after)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut values = Vec::new();
    for row in rows {
        let (seq, hlc, entity_type, entity, change) = row?;
        let change = serde_json::from_str::<serde_json::Value>(&change)
            .unwrap_or(serde_json::Value::String(change));
        values.push((
            seq,
            serde_json::json!({
                "device": device.to_string(), "seq": seq, "hlc": hlc,
                "entity_type": entity_type, "entity": entity, "change": change,
            }),
        ));
    }
    Ok(values)
}

/// The log's operations of `device` with a sequence number above `after`, in order.
pub(crate) fn log_ops_past(conn: &Connection, device: DeviceId, after: u64) -> Result<Vec<Op>> {
    log_values_past(conn, device, after)?
        .into_iter()
        .map(|(_, value)| serde_json::from_value(value).map_err(|e| damaged(e.to_string())))
        .collect()
}

/// Every device with operations that forked, as the user sees it: the first forked sequence
/// number, the bundle that brought it, and whether the identity is revoked at or below the last
/// common sequence number (which resolves it). `only` limits it to the bundle just imported.
pub(crate) fn forks(conn: &Connection, only: Option<Arrival>) -> Result<Vec<ForkView>> {
    let mut stmt = conn.prepare(
        "SELECT device_id, min(seq), count(*) FROM forked_ops
         WHERE reason = 'fork'
           AND (?1 IS NULL OR (bundle_sender = ?1 AND bundle_number = ?2))
         GROUP BY device_id ORDER BY device_id",
    )?;
    let rows: Vec<(String, i64, i64)> = stmt
        .query_map(
            params![
                only.map(|a| a.sender.to_string()),
                only.map(|a| a.number as i64)
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    let roster = crate::org::roster_entries(conn)?;
    let mut views = Vec::with_capacity(rows.len());
    for (device, first, count) in rows {
        let device: DeviceId = device.parse().map_err(|_| damaged("a device id".into()))?;
        let first_seq = first.max(1) as u64;
        let (sender, number): (Option<String>, Option<i64>) = conn.query_row(
            "SELECT bundle_sender, bundle_number FROM forked_ops
             WHERE device_id = ?1 AND seq = ?2 AND reason = 'fork'
             ORDER BY received_at LIMIT 1",
            params![device.to_string(), first],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let name_of = |id: &DeviceId| {
            roster
                .iter()
                .find(|e| e.device == *id)
                .map_or_else(|| id.to_string(), |e| e.name.clone())
        };
        let last_common_seq = first_seq - 1;
        let resolved = roster
            .iter()
            .find(|e| e.device == device)
            .and_then(|e| e.revoked_after_seq)
            .is_some_and(|last_good| last_good <= last_common_seq);
        views.push(ForkView {
            device,
            device_name: name_of(&device),
            first_seq,
            last_common_seq,
            bundle_sender_name: sender
                .and_then(|s| s.parse::<DeviceId>().ok())
                .map_or_else(String::new, |s| name_of(&s)),
            bundle_number: number.map(|n| n.max(0) as u64),
            ops_aside: count.max(0) as u64,
            resolved,
        });
    }
    Ok(views)
}

fn clamp(seq: u64) -> i64 {
    i64::try_from(seq).unwrap_or(i64::MAX)
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "operation log",
        reason,
    }
}
