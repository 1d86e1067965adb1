//! A case's history, the audit trail: every change to the case and its records, read from the
//! operation log (docs/coordinator.md, "Case history"). Nothing is stored for it: the log is the
//! history, so it syncs, merges and is forgotten with the case.
//!
//! Each assignment gives one entry per field, from the value before it (in the operations'
//! order, which is the order last-writer-wins applies them in) to the value written. Records
//! created whole (notes, events, attachments, review steps, confirmations) give one entry with
//! no values: a restricted note's text must not surface in a list of changes. A review step
//! shows the level it reached.

use std::collections::BTreeMap;

use rusqlite::params;
use serde_json::Value;

use super::authors::{time_of, Authors};
use crate::domain::{HistoryEntry, HistoryKind};
use crate::error::{Error, Result};
use crate::ops::{Change, EntityId, EntityType, Op};
use crate::vault::Vault;

/// The history of `case`, oldest first; only entries of `kind` if one is given.
pub fn case_history(
    vault: &Vault,
    case: EntityId,
    kind: Option<HistoryKind>,
) -> Result<Vec<HistoryEntry>> {
    vault.require_case(case)?;
    let authors = Authors::load(vault)?;
    let mut ops = case_ops(vault, case)?;
    ops.sort_by_key(|op| op.stamp());
    let mut current: BTreeMap<(EntityId, String), Value> = BTreeMap::new();
    let mut entries = Vec::new();
    for op in ops {
        let received = authors.received(op.device);
        let base = |field: Option<String>, from, to, deleted, kind| HistoryEntry {
            at: time_of(op.hlc),
            by: authors.author(op.device),
            kind,
            received,
            entity_type: op.entity_type,
            entity: op.entity,
            field,
            from,
            to,
            deleted,
        };
        let ordinary = if received {
            HistoryKind::Import
        } else {
            HistoryKind::Edit
        };
        match &op.change {
            Change::Assign { fields, seen } => {
                for (field, value) in fields {
                    let from = current.insert((op.entity, field.clone()), value.clone());
                    let resolves = seen.get(field).is_some_and(|s| s.len() > 1);
                    // Evidence entered as a mere claim has not been checked yet.
                    let unchecked = from.is_none() && value == "claimed";
                    let kind = match kind_of(op.entity_type, Some(field), resolves) {
                        Some(HistoryKind::VerificationStep) if unchecked => ordinary,
                        Some(kind) => kind,
                        None => ordinary,
                    };
                    entries.push(base(
                        Some(field.clone()),
                        from,
                        Some(value.clone()),
                        false,
                        kind,
                    ));
                }
            }
            Change::Record { fields } => {
                let to = match op.entity_type {
                    EntityType::EvidenceReview => fields.get("level").cloned(),
                    _ => None,
                };
                let kind = kind_of(op.entity_type, None, false).unwrap_or(ordinary);
                entries.push(base(None, None, to, false, kind));
            }
            Change::Delete => {
                let kind = kind_of(op.entity_type, None, false).unwrap_or(ordinary);
                entries.push(base(None, None, None, true, kind));
            }
            // A forgotten case has no history left to show.
            Change::Forget { .. } => {}
        }
    }
    if let Some(kind) = kind {
        entries.retain(|e| e.kind == kind);
    }
    Ok(entries)
}

/// The kind a change has by what it changes, if it is not an ordinary edit or import.
fn kind_of(entity_type: EntityType, field: Option<&str>, resolves: bool) -> Option<HistoryKind> {
    match entity_type {
        EntityType::EvidenceReview | EntityType::ActivityConfirmation => {
            Some(HistoryKind::VerificationStep)
        }
        EntityType::Evidence if field == Some("verification") => {
            Some(HistoryKind::VerificationStep)
        }
        EntityType::Referral => Some(HistoryKind::Referral),
        EntityType::FlightLink => Some(HistoryKind::Flight),
        _ if resolves => Some(HistoryKind::ConflictResolution),
        _ => None,
    }
}

/// Every operation on the case and on every record that ever belonged to it (deleted ones too).
fn case_ops(vault: &Vault, case: EntityId) -> Result<Vec<Op>> {
    let mut stmt = vault.connection().prepare(
        "SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops
         WHERE entity_id = ?1
            OR entity_id IN (SELECT id FROM records WHERE case_id = ?1)",
    )?;
    let rows = stmt.query_map(params![case.to_string()], |row| {
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
        let change: Value = serde_json::from_str(&change).map_err(|e| damaged(e.to_string()))?;
        let value = serde_json::json!({
            "device": device,
            "seq": seq,
            "hlc": hlc,
            "entity_type": entity_type,
            "entity": entity,
            "change": change,
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
