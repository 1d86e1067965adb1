//! The operation log in the database: appending local operations, applying any operation (local or
//! received) idempotently, and the per-field stamps that make last-writer-wins one comparison.
//!
//! Every change goes through [`record_local`] inside the caller's transaction, so the log entry and
//! the materialised rows it produces are committed together or not at all.

use rusqlite::{OptionalExtension, Transaction};
use serde_json::Value;

use super::op::{Change, EntityType, Op};
use super::{forget, fork, history, Clock, DeviceId, EntityId, Hlc, OpStamp, Seq};
use crate::cases;
use crate::error::{Error, Result};
use crate::records;

/// What applying an operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The operation was new and is now in the log and the materialised tables.
    New,
    /// The log already held this operation: nothing changed.
    Duplicate,
    /// The log holds a different operation under this `(device, seq)`: two copies of one vault
    /// wrote under the same identity. Nothing changed; the caller keeps it aside (`ops::fork`).
    Forked,
    /// The operation is about a forgotten case (its entity, or the case its record names): it was
    /// dropped, and only the version vector notes that it arrived.
    Forgotten,
}

/// Records a change made on this device: the next sequence number, a fresh clock reading, the log
/// entry, and its effect on the materialised tables.
///
/// An assignment's `seen` is filled here from this device's heads of each field it writes
/// (whatever the caller passed), so callers pass an empty map.
pub(crate) fn record_local(
    tx: &Transaction<'_>,
    device: DeviceId,
    clock: &mut Clock,
    entity_type: EntityType,
    entity: EntityId,
    change: Change,
) -> Result<Op> {
    let seq = match last_seq(tx, device)? {
        Some(last) => last.next()?,
        None => Seq::FIRST,
    };
    let change = match change {
        Change::Assign { fields, .. } => {
            let seen = history::seen_by_local_write(tx, entity, fields.keys())?;
            // A write must be stamped after the writes it replaces, or last-writer-wins would
            // keep showing a replaced value. The importer observes every received stamp, which
            // ensures this; moving past the seen stamps here makes sure of it regardless. The
            // skew warning `observe` may return is the importer's to show, so it is ignored.
            // A seen stamp more than `hlc::MAX_CLOCK_AHEAD_MS` in the future moves the clock
            // only to that bound (docs/security.md, "A clock from the far future").
            if let Some(newest) = seen.values().flatten().map(|s| s.hlc).max() {
                if newest > clock.last() {
                    clock.observe_now(newest)?;
                }
            }
            Change::Assign { fields, seen }
        }
        other => other,
    };
    let op = Op {
        device,
        seq,
        hlc: clock.tick_now()?,
        entity_type,
        entity,
        change,
    };
    if apply(tx, &op)? == Applied::Forgotten {
        return Err(Error::Invalid {
            field: "case",
            reason: "this case was forgotten on this device; it cannot be changed".into(),
        });
    }
    Ok(op)
}

/// Applies `op` if the log does not hold it yet. Applying the same operation twice is a no-op.
///
/// An operation about a forgotten case is dropped ([`Applied::Forgotten`]); a `Forget` purges the
/// case in this transaction (see `ops::forget`). The caller who receives operations must also
/// move this device's clock past each one (`Clock::observe`), so that local edits made afterwards
/// are stamped after what was received and win last-writer-wins over it.
pub(crate) fn apply(tx: &Transaction<'_>, op: &Op) -> Result<Applied> {
    let forgets = matches!(op.change, Change::Forget { .. });
    if forgets && op.entity_type != EntityType::Case {
        return Err(Error::Invalid {
            field: "operation",
            reason: format!(
                "only a case can be forgotten, not a {}",
                op.entity_type.as_str()
            ),
        });
    }
    // A later Forget of the same case (from another coordinator) is kept in the log like the
    // first, so that every device holds the same log whichever arrived first.
    if !forgets && forget::drop_if_forgotten(tx, op)? {
        note_seq(tx, op)?;
        return Ok(Applied::Forgotten);
    }
    let change = serde_json::to_string(&op.change).expect("a change serialises");
    let inserted = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO ops (device_id, seq, hlc, entity_type, entity_id, change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute((
            op.device.to_string(),
            seq_column(op.seq)?,
            op.hlc.to_string(),
            op.entity_type.as_str(),
            op.entity.to_string(),
            change,
        ))?;
    if inserted == 0 {
        return Ok(match fork::held_differs(tx, op)? {
            Some(true) => Applied::Forked,
            _ => Applied::Duplicate,
        });
    }
    note_seq(tx, op)?;
    match (&op.change, op.entity_type) {
        (Change::Forget { .. }, _) => forget::purge_case(tx, op.entity)?,
        (_, EntityType::Case) => cases::materialise(tx, op)?,
        _ => records::materialise(tx, op)?,
    }
    Ok(Applied::New)
}

/// Notes in the version vector that `op` arrived. Dropped operations count too: they were
/// received, and a missing sequence number would look like a lost bundle.
fn note_seq(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO version_vector (device_id, max_seq) VALUES (?1, ?2)
         ON CONFLICT (device_id) DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)",
    )?
    .execute((op.device.to_string(), seq_column(op.seq)?))?;
    Ok(())
}

/// Merges one field of an assignment: records the write in the field's history (for conflicts),
/// then claims the field by last-writer-wins. Returns whether the value should be written.
pub(crate) fn claim_assigned(
    tx: &Transaction<'_>,
    op: &Op,
    field: &str,
    value: &Value,
) -> Result<bool> {
    let seen = match &op.change {
        Change::Assign { seen, .. } => seen.get(field).map(Vec::as_slice).unwrap_or_default(),
        _ => &[],
    };
    history::record_write(tx, op.entity, field, op.stamp(), value, seen)?;
    claim_field(tx, op.entity, field, op.stamp())
}

/// Whether a write stamped `stamp` to `field` of `entity` is newer than the one in place; if so,
/// records it as the field's new stamp. Ties (the same op applied again) are not newer.
pub(crate) fn claim_field(
    tx: &Transaction<'_>,
    entity: EntityId,
    field: &str,
    stamp: OpStamp,
) -> Result<bool> {
    let current: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT hlc, device_id FROM field_stamps WHERE entity_id = ?1 AND field = ?2",
        )?
        .query_row((entity.to_string(), field), |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    if let Some((hlc, device)) = current {
        let current = OpStamp {
            hlc: hlc.parse::<Hlc>().map_err(|e| damaged_log(e.to_string()))?,
            device: device
                .parse::<DeviceId>()
                .map_err(|e| damaged_log(e.to_string()))?,
        };
        if stamp <= current {
            return Ok(false);
        }
    }
    tx.prepare_cached("INSERT INTO field_stamps (entity_id, field, hlc, device_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id")?
        .execute(
        (entity.to_string(), field, stamp.hlc.to_string(), stamp.device.to_string()),
    )?;
    Ok(true)
}

/// The greatest timestamp in the log not after `ceiling`, to resume the clock after a restart.
/// Timestamps compare as their fixed-width texts, so SQLite compares them as text.
pub(crate) fn latest_hlc_within(conn: &rusqlite::Connection, ceiling: Hlc) -> Result<Hlc> {
    let text: Option<String> = conn
        .prepare_cached("SELECT max(hlc) FROM ops WHERE hlc <= ?1")?
        .query_row([ceiling.to_string()], |row| row.get(0))?;
    match text {
        Some(text) => text
            .parse()
            .map_err(|e: super::HlcParseError| damaged_log(e.to_string())),
        None => Ok(Hlc::ZERO),
    }
}

pub(crate) fn last_seq(tx: &Transaction<'_>, device: DeviceId) -> Result<Option<Seq>> {
    let max: Option<i64> = tx
        .prepare_cached("SELECT max_seq FROM version_vector WHERE device_id = ?1")?
        .query_row([device.to_string()], |row| row.get(0))
        .optional()?;
    max.map(|n| Seq::new(n as u64).map_err(Error::from))
        .transpose()
}

/// SQLite integers are signed 64-bit; a sequence number beyond that cannot be stored.
fn seq_column(seq: Seq) -> Result<i64> {
    i64::try_from(seq.get()).map_err(|_| Error::Invalid {
        field: "operation sequence number",
        reason: format!("{} is larger than the log can store", seq.get()),
    })
}

fn damaged_log(reason: String) -> Error {
    Error::Invalid {
        field: "operation log",
        reason,
    }
}
