//! Releasing a held case: its held operations leave the log, the case is materialised again from
//! the operations that remain (its exported and received ones), and the held changes are recorded
//! anew, in order, under the device's own id. All in the caller's transaction.
//!
//! Held operations never left this laptop, so removing them breaks no other device's log; the
//! re-recorded ones take fresh sequence numbers (no gap) and fresh clock readings (so they still
//! win over what they replaced).

use rusqlite::{params, Transaction};

use super::gate::{held_stream, shared_on, today};
use crate::cases::search::remove_entry;
use crate::error::{Error, Result};
use crate::ops::{store, Change, Clock, DeviceId, EntityId, Op};

/// Releases every case with held operations whose consent is in force today.
pub(super) fn release_due(tx: &Transaction<'_>, device: DeviceId, clock: &mut Clock) -> Result<()> {
    let held = held_stream(tx)?;
    let cases: Vec<String> = {
        let mut stmt = tx.prepare(
            "SELECT DISTINCT coalesce(r.case_id, o.entity_id)
             FROM ops o LEFT JOIN records r ON r.id = o.entity_id
             WHERE o.device_id = ?1",
        )?;
        let rows = stmt.query_map([held.to_string()], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let day = today();
    for case in cases {
        let case: EntityId = case
            .parse()
            .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?;
        if shared_on(tx, case, day)? {
            release_case(tx, device, held, clock, case)?;
        }
    }
    Ok(())
}

/// Releases `case`; returns how many held operations were recorded anew (0: nothing was held).
pub(super) fn release_case(
    tx: &Transaction<'_>,
    device: DeviceId,
    held: DeviceId,
    clock: &mut Clock,
    case: EntityId,
) -> Result<usize> {
    let case_text = case.to_string();
    // Every write to a shared case comes here; most find nothing held, and are told so by the
    // indexes, without rebuilding every operation of the case.
    if !holds_any(tx, held, &case_text)? {
        return Ok(0);
    }
    let entities: Vec<String> = {
        let mut stmt =
            tx.prepare_cached("SELECT ?1 UNION SELECT id FROM records WHERE case_id = ?1")?;
        let rows = stmt.query_map([&case_text], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut held_ops = Vec::new();
    let mut kept_ops = Vec::new();
    for entity in &entities {
        for op in ops_of(tx, entity)? {
            if op.device == held {
                held_ops.push(op);
            } else {
                kept_ops.push(op);
            }
        }
    }
    if held_ops.is_empty() {
        return Ok(0);
    }
    held_ops.sort_by_key(|op| op.seq);
    kept_ops.sort_by_key(|op| (op.hlc, op.device, op.seq));

    for entity in &entities {
        let id: EntityId = entity
            .parse()
            .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?;
        remove_entry(tx, id)?;
        for sql in [
            "DELETE FROM cases WHERE id = ?1",
            "DELETE FROM records WHERE id = ?1",
            "DELETE FROM field_stamps WHERE entity_id = ?1",
            "DELETE FROM field_writes WHERE entity_id = ?1",
            "DELETE FROM field_supersedes WHERE entity_id = ?1",
            "DELETE FROM ops WHERE entity_id = ?1",
        ] {
            tx.execute(sql, [entity])?;
        }
    }
    // Applying the operations again writes the row of each legal event's case again.
    crate::case_facts::legal_facts_changed(tx, &case_text)?;
    for op in &kept_ops {
        store::apply(tx, op)?;
    }
    let count = held_ops.len();
    for op in held_ops {
        let change = match op.change {
            // `record_local` names the heads this write replaces as they are now.
            Change::Assign { fields, .. } => Change::assign(fields),
            other => other,
        };
        store::record_local(tx, device, clock, op.entity_type, op.entity, change)?;
    }
    Ok(count)
}

/// Whether `held` has an operation about `case` or one of its records: the operations
/// [`release_case`] would release. Each index is named, so that SQLite cannot choose to read the
/// whole log or every record instead (it did: a quarter of a second a write on the standard
/// vault); a test checks the plan.
pub(super) const HOLDS_ANY: &str = "
    SELECT EXISTS (SELECT 1 FROM ops INDEXED BY ops_by_entity
                   WHERE entity_id = ?2 AND device_id = ?1)
        OR EXISTS (SELECT 1 FROM records r INDEXED BY records_by_case
                   WHERE r.case_id = ?2
                     AND EXISTS (SELECT 1 FROM ops o INDEXED BY ops_by_entity
                                 WHERE o.entity_id = r.id AND o.device_id = ?1))";

fn holds_any(tx: &Transaction<'_>, held: DeviceId, case: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached(HOLDS_ANY)?
        .query_row(params![held.to_string(), case], |row| row.get(0))?)
}

/// Every operation in the log about `entity`, rebuilt through serde like a received one.
fn ops_of(tx: &Transaction<'_>, entity: &str) -> Result<Vec<Op>> {
    let mut stmt = tx.prepare_cached(
        "SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops WHERE entity_id = ?1",
    )?;
    let rows = stmt.query_map(params![entity], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, i64>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, String>(5)?,
        ))
    })?;
    let mut ops = Vec::new();
    for row in rows {
        let (device, seq, hlc, entity_type, entity, change) = row?;
        let value = serde_json::json!({
            "device": device,
            "seq": seq,
            "hlc": hlc,
            "entity_type": entity_type,
            "entity": entity,
            "change": serde_json::from_str::<serde_json::Value>(&change)
                .map_err(|e| damaged(e.to_string()))?,
        });
        ops.push(serde_json::from_value(value).map_err(|e| damaged(e.to_string()))?);
    }
    Ok(ops)
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "operation log",
        reason,
    }
}
