//! Which stream a local change is recorded in: the device's own (exported) or the held stream.

use std::collections::BTreeMap;

use chrono::{Local, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction};

use super::release;
use crate::domain::{Consent, ConsentPurpose};
use crate::error::{Error, Result};
use crate::ops::{store, Change, Clock, DeviceId, EntityId, EntityType, Op};

/// Today on this laptop, the day consents are judged by.
pub(super) fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// This vault's held stream: the device id its held-back changes are recorded under.
pub(crate) fn held_stream(conn: &Connection) -> Result<DeviceId> {
    let text: String = conn.query_row(
        "SELECT value FROM vault_meta WHERE key = 'held_stream_id'",
        [],
        |row| row.get(0),
    )?;
    text.parse()
        .map_err(|e: crate::ops::IdParseError| Error::Invalid {
            field: "held stream id",
            reason: e.to_string(),
        })
}

/// Records local changes (in the caller's transaction), each under the device's id if its case
/// may be shared with the coordinator and under the held stream otherwise; a case is released as
/// soon as a change brings its consent into force. Changes that concern no case (facilities), and
/// forget instructions, always go under the device's id.
pub(crate) fn record_changes(
    tx: &Transaction<'_>,
    device: DeviceId,
    clock: &mut Clock,
    changes: Vec<(EntityType, EntityId, Change)>,
) -> Result<Vec<Op>> {
    let held = held_stream(tx)?;
    let today = today();
    // Whether each case touched is shared, as of the last change of it in this step.
    let mut shared: BTreeMap<EntityId, bool> = BTreeMap::new();
    let mut ops = Vec::with_capacity(changes.len());
    for (entity_type, entity, change) in changes {
        let case = match &change {
            Change::Forget { .. } => None,
            _ => case_of(tx, entity_type, entity, &change)?,
        };
        let stream = match case {
            None => device,
            Some(case) => {
                let is_shared = match shared.get(&case) {
                    Some(known) => *known,
                    None => {
                        let now = settle(tx, device, held, clock, case, today, None)?;
                        shared.insert(case, now);
                        now
                    }
                };
                if is_shared {
                    device
                } else {
                    held
                }
            }
        };
        ops.push(store::record_local(
            tx,
            stream,
            clock,
            entity_type,
            entity,
            change,
        )?);
        // A consent recorded in this step decides where the case's later changes in it go: given,
        // it releases what was held so far, and they are not held and recorded anew; withdrawn,
        // they stay. Only a consent changes whether a case is shared, so nothing is left to
        // release when the step ends.
        if let (EntityType::Consent, Some(case)) = (entity_type, case) {
            let was = shared.get(&case).copied();
            let now = settle(tx, device, held, clock, case, today, was)?;
            shared.insert(case, now);
        }
    }
    Ok(ops)
}

/// Whether `case` is shared on `today`; if it became shared since `was` (`None`: not yet looked
/// at in this step), what it holds is released first, so anything held goes out before what
/// follows.
fn settle(
    tx: &Transaction<'_>,
    device: DeviceId,
    held: DeviceId,
    clock: &mut Clock,
    case: EntityId,
    today: NaiveDate,
    was: Option<bool>,
) -> Result<bool> {
    let now = shared_on(tx, case, today)?;
    if now && was != Some(true) {
        release::release_case(tx, device, held, clock, case)?;
    }
    Ok(now)
}

/// The case a change concerns: the case itself, the case named in a new record's fields, or the
/// case of the record it changes. `None` for facilities.
fn case_of(
    tx: &Transaction<'_>,
    entity_type: EntityType,
    entity: EntityId,
    change: &Change,
) -> Result<Option<EntityId>> {
    if entity_type == EntityType::Case {
        return Ok(Some(entity));
    }
    let named = match change {
        Change::Assign { fields, .. } | Change::Record { fields } => fields
            .get("case_id")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        _ => None,
    };
    let text = match named {
        Some(text) => Some(text),
        None => tx
            .query_row(
                "SELECT case_id FROM records WHERE id = ?1",
                [entity.to_string()],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten(),
    };
    text.map(|t| {
        t.parse()
            .map_err(|e: crate::ops::IdParseError| Error::Invalid {
                field: "case id",
                reason: e.to_string(),
            })
    })
    .transpose()
}

/// Whether a consent to share `case` with the coordinator is in force on `day`.
pub(crate) fn shared_on(conn: &Connection, case: EntityId, day: NaiveDate) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM records
         WHERE case_id = ?1 AND entity_type = 'consent' AND deleted = 0",
    )?;
    let bodies = stmt.query_map([case.to_string()], |row| row.get::<_, String>(0))?;
    for body in bodies {
        let consent: Consent = serde_json::from_str(&body?).map_err(|e| Error::Invalid {
            field: "consent",
            reason: e.to_string(),
        })?;
        if consent.purpose == ConsentPurpose::ShareWithCoordinator && consent.in_force_on(day) {
            return Ok(true);
        }
    }
    Ok(false)
}
