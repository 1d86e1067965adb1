//! The operation log in the database: appending local operations, applying any operation (local or
//! received) idempotently, and the per-field stamps that make last-writer-wins one comparison.
//!
//! Every change goes through [`record_local`] inside the caller's transaction, so the log entry and
//! the materialised rows it produces are committed together or not at all.

use rusqlite::{OptionalExtension, Transaction};

use super::op::{Change, EntityType, Op};
use super::{Clock, DeviceId, EntityId, Hlc, OpStamp, Seq};
use crate::cases;
use crate::error::{Error, Result};
use crate::records;

/// What applying an operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The operation was new and is now in the log and the materialised tables.
    New,
    /// The log already held this `(device, seq)`: nothing changed.
    Duplicate,
}

/// Records a change made on this device: the next sequence number, a fresh clock reading, the log
/// entry, and its effect on the materialised tables.
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
    let op = Op {
        device,
        seq,
        hlc: clock.tick_now()?,
        entity_type,
        entity,
        change,
    };
    apply(tx, &op)?;
    Ok(op)
}

/// Applies `op` if the log does not hold it yet. Applying the same operation twice is a no-op.
pub(crate) fn apply(tx: &Transaction<'_>, op: &Op) -> Result<Applied> {
    let change = serde_json::to_string(&op.change).expect("a change serialises");
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO ops (device_id, seq, hlc, entity_type, entity_id, change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            op.device.to_string(),
            seq_column(op.seq)?,
            op.hlc.to_string(),
            op.entity_type.as_str(),
            op.entity.to_string(),
            change,
        ),
    )?;
    if inserted == 0 {
        return Ok(Applied::Duplicate);
    }
    tx.execute(
        "INSERT INTO version_vector (device_id, max_seq) VALUES (?1, ?2)
         ON CONFLICT (device_id) DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)",
        (op.device.to_string(), seq_column(op.seq)?),
    )?;
    match op.entity_type {
        EntityType::Case => cases::materialise(tx, op)?,
        _ => records::materialise(tx, op)?,
    }
    Ok(Applied::New)
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
        .query_row(
            "SELECT hlc, device_id FROM field_stamps WHERE entity_id = ?1 AND field = ?2",
            (entity.to_string(), field),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
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
    tx.execute(
        "INSERT INTO field_stamps (entity_id, field, hlc, device_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
        (entity.to_string(), field, stamp.hlc.to_string(), stamp.device.to_string()),
    )?;
    Ok(true)
}

/// The greatest timestamp in the log, to resume the clock after a restart.
pub(crate) fn latest_hlc(conn: &rusqlite::Connection) -> Result<Hlc> {
    let text: Option<String> = conn.query_row("SELECT max(hlc) FROM ops", [], |row| row.get(0))?;
    match text {
        Some(text) => text
            .parse()
            .map_err(|e: super::HlcParseError| damaged_log(e.to_string())),
        None => Ok(Hlc::ZERO),
    }
}

fn last_seq(tx: &Transaction<'_>, device: DeviceId) -> Result<Option<Seq>> {
    let max: Option<i64> = tx
        .query_row(
            "SELECT max_seq FROM version_vector WHERE device_id = ?1",
            [device.to_string()],
            |row| row.get(0),
        )
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
