//! Which devices hold a case, or may: those it was assigned to, those sent it in a case packet,
//! and those that wrote about it. A coordinator's case packet carries a forget instruction only
//! to them, so that a volunteer does not learn of every person the organisation ever forgot
//! (issue 10). Only a coordinator's list matters; every device keeps one, since any may apply a
//! forget.
//!
//! The forget operation itself travels whole (case id and reason category, never free text): a
//! volunteer's log holds the same operation as the coordinator's, so the state hash still
//! compares logs. Forgets already in a log when this list began (migration 10) are marked for
//! every device (`*`), as they travelled before.

use rusqlite::Connection;

use super::op::{Change, EntityType, Op};
use super::{DeviceId, EntityId};
use crate::error::Result;

/// The marker for "every device".
pub(crate) const EVERY_DEVICE: &str = "*";

/// Notes that `device` holds or may hold `case`.
pub(crate) fn note(conn: &Connection, case: &str, device: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO case_holders (case_id, device_id) VALUES (?1, ?2)")?
        .execute((case, device))?;
    Ok(())
}

/// Notes the author of a received operation as a holder of the case it is about (its entity, or
/// the case its record names), whether it was applied or dropped as forgotten.
pub(crate) fn note_author(conn: &Connection, op: &Op) -> Result<()> {
    let case = match (&op.change, op.entity_type) {
        (_, EntityType::Case) => Some(op.entity.to_string()),
        (Change::Assign { fields, .. } | Change::Record { fields }, _) => fields
            .get("case_id")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        _ => None,
    };
    match case {
        Some(case) => note(conn, &case, &op.device.to_string()),
        None => Ok(()),
    }
}

/// Notes the devices `case` is assigned to, before a forget purges the assignment.
pub(crate) fn note_assigned(conn: &Connection, case: EntityId) -> Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO case_holders (case_id, device_id)
         SELECT c.id, j.value FROM cases c, json_each('[\"' || replace(c.assigned_to, ' ', '\",\"') || '\"]') j
         WHERE c.id = ?1 AND c.assigned_to != ''")?
        .execute(
        [case.to_string()],
    )?;
    Ok(())
}

/// Notes that a case packet for `to` carries the cases assigned to it.
pub(crate) fn note_packet(conn: &Connection, to: DeviceId) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO case_holders (case_id, device_id)
         SELECT id, ?1 FROM cases WHERE assigned_to LIKE ?2",
    )?
    .execute((to.to_string(), format!("%{to}%")))?;
    Ok(())
}
