//! Which writes to a field no later write has seen (its *heads*), to find concurrent writes.
//!
//! Every assignment names, per field, the heads it had seen when it was made (`Change::Assign`'s
//! `seen`). A write named by another write's `seen` is superseded; a field's heads are its writes
//! that nothing names. One head is the normal case. Two or more mean that writes were made without
//! seeing each other: a conflict, kept for a coordinator while last-writer-wins decides what shows
//! (`field_stamps`, unchanged by any of this).
//!
//! Heads depend only on which operations arrived, not their order: a write is a head exactly when
//! it arrived and no arrived write names it. So every device with the same operations agrees.
//! Until all of them have arrived, a device may show a conflict that is not one: with a chain
//! `a ← b ← c` (each seeing the one before), receiving `c` and `a` without `b` leaves `a` and `c` as
//! heads, because only `b` says it replaced `a`. The conflict disappears when `b` arrives.
//!
//! `field_writes` keeps only the heads, with their values: a write is stored on arrival unless it
//! is already superseded, and removed once something supersedes it. `field_supersedes` keeps every
//! stamp ever named, so that a superseded write arriving late is not mistaken for a head.

use std::collections::BTreeMap;

use rusqlite::{Connection, Transaction};
use serde_json::Value;

use super::{DeviceId, EntityId, Hlc, OpStamp};
use crate::error::{Error, Result};

/// Records the write of `value` to `field` of `entity` by the operation stamped `stamp`, which had
/// seen `seen` (that field's heads on its device). Call once per materialised field written.
pub(crate) fn record_write(
    tx: &Transaction<'_>,
    entity: EntityId,
    field: &str,
    stamp: OpStamp,
    value: &Value,
    seen: &[OpStamp],
) -> Result<()> {
    let entity = entity.to_string();
    for old in seen {
        // A write cannot replace itself; a forged one that says so must not hide itself.
        if *old == stamp {
            continue;
        }
        let key = (&entity, field, old.hlc.to_string(), old.device.to_string());
        tx.prepare_cached(
            "INSERT OR IGNORE INTO field_supersedes (entity_id, field, hlc, device_id)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(key.clone())?;
        tx.prepare_cached(
            "DELETE FROM field_writes
             WHERE entity_id = ?1 AND field = ?2 AND hlc = ?3 AND device_id = ?4",
        )?
        .execute(key)?;
    }
    let value = serde_json::to_string(value).expect("JSON values serialise");
    tx.prepare_cached(
        "INSERT OR IGNORE INTO field_writes (entity_id, field, hlc, device_id, value)
         SELECT ?1, ?2, ?3, ?4, ?5
         WHERE NOT EXISTS (SELECT 1 FROM field_supersedes
                           WHERE entity_id = ?1 AND field = ?2 AND hlc = ?3 AND device_id = ?4)",
    )?
    .execute((
        &entity,
        field,
        stamp.hlc.to_string(),
        stamp.device.to_string(),
        value,
    ))?;
    Ok(())
}

/// One head of a field: the write's stamp and the value it wrote.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head {
    pub stamp: OpStamp,
    pub value: Value,
}

/// The heads of `field` of `entity`, newest stamp first.
pub(crate) fn heads(conn: &Connection, entity: EntityId, field: &str) -> Result<Vec<Head>> {
    let mut stmt = conn.prepare_cached(
        "SELECT hlc, device_id, value FROM field_writes WHERE entity_id = ?1 AND field = ?2
         ORDER BY hlc DESC, device_id DESC",
    )?;
    let rows = stmt.query_map((entity.to_string(), field), |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?))
    })?;
    let mut heads = Vec::new();
    for row in rows {
        let (hlc, device, value): (String, String, String) = row?;
        heads.push(Head {
            stamp: parse_stamp(&hlc, &device)?,
            value: serde_json::from_str(&value).map_err(|e| damaged(e.to_string()))?,
        });
    }
    Ok(heads)
}

/// What a local write to `fields` of `entity` has seen: the heads of each field that has any.
pub(crate) fn seen_by_local_write<'a>(
    conn: &Connection,
    entity: EntityId,
    fields: impl IntoIterator<Item = &'a String>,
) -> Result<BTreeMap<String, Vec<OpStamp>>> {
    let mut seen = BTreeMap::new();
    for field in fields {
        let stamps: Vec<OpStamp> = heads(conn, entity, field)?
            .into_iter()
            .map(|h| h.stamp)
            .collect();
        if !stamps.is_empty() {
            seen.insert(field.clone(), stamps);
        }
    }
    Ok(seen)
}

pub(crate) fn parse_stamp(hlc: &str, device: &str) -> Result<OpStamp> {
    Ok(OpStamp {
        hlc: hlc.parse::<Hlc>().map_err(|e| damaged(e.to_string()))?,
        device: device
            .parse::<DeviceId>()
            .map_err(|e| damaged(e.to_string()))?,
    })
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "field history",
        reason,
    }
}
