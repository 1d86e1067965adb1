//! Conflicts: fields that two or more devices wrote without seeing each other's write (see
//! `ops::history`), listed for a coordinator to resolve. Last-writer-wins shows one value meanwhile.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::history::{self, parse_stamp};
use super::op::{Change, EntityType};
use super::{EntityId, OpStamp};
use crate::cases::{case_assignment, CaseField};
use crate::error::{Error, Result};
use crate::records;
use crate::vault::Vault;

/// A field with more than one head: writes made without seeing each other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub entity_type: EntityType,
    pub entity: EntityId,
    /// The case the entity is or belongs to; none for a facility.
    pub case_id: Option<EntityId>,
    pub field: String,
    /// Newest stamp first.
    pub values: Vec<ConflictValue>,
}

/// One of the conflicting writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConflictValue {
    pub stamp: OpStamp,
    pub value: Value,
    /// Whether this is the value last-writer-wins shows. Normally one value is; none is when the
    /// shown write is one that a conflicting write says it replaced, which only a device whose
    /// clock was not moved past what it received can produce.
    pub shown: bool,
}

impl Vault {
    /// Every conflict on a case or record that is not deleted, by entity and field.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let conn = self.connection();
        let fields: Vec<(String, String)> = {
            let mut stmt = conn.prepare(
                "SELECT entity_id, field FROM field_writes GROUP BY entity_id, field
                 HAVING count(*) > 1 ORDER BY entity_id, field",
            )?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut conflicts = Vec::new();
        for (entity, field) in fields {
            let entity: EntityId =
                entity
                    .parse()
                    .map_err(|e: super::IdParseError| Error::Invalid {
                        field: "field history",
                        reason: e.to_string(),
                    })?;
            let Some(owner) = owner(conn, entity)? else {
                continue;
            };
            if owner.deleted {
                continue;
            }
            conflicts.push(Conflict {
                entity_type: owner.entity_type,
                entity,
                case_id: owner.case_id,
                values: values(conn, entity, &field)?,
                field,
            });
        }
        Ok(conflicts)
    }

    /// Resolves the conflict on `field` of `entity` by writing `value`, which replaces every
    /// conflicting write here and on every device the operation reaches. The value is checked as
    /// any write to that field is.
    pub fn resolve_conflict(&mut self, entity: EntityId, field: &str, value: Value) -> Result<()> {
        if let Some(role) = self.own_role()? {
            crate::org::permissions::may_resolve_conflicts(role).map_err(Error::NotPermitted)?;
        }
        let heads = history::heads(self.connection(), entity, field)?;
        if heads.len() < 2 {
            return Err(Error::Invalid {
                field: "conflict",
                reason: format!(
                    "{field} of {entity} is not in conflict (it may have been resolved already): \
                     change it as usual instead"
                ),
            });
        }
        let owner = owner(self.connection(), entity)?
            .filter(|owner| !owner.deleted)
            .ok_or_else(|| Error::Invalid {
                field: "conflict",
                reason: format!("{entity} was deleted: restore it before resolving its conflicts"),
            })?;
        let fields = if owner.entity_type == EntityType::Case {
            let case_field = CaseField::from_key(field).ok_or_else(|| Error::Invalid {
                field: "conflict",
                reason: format!("a case has no field {field}"),
            })?;
            case_assignment(BTreeMap::from([(case_field, value)]))?
        } else {
            let value = records::checked_field(owner.entity_type, field, value)?;
            // A record never moves to another case; a resolution may only pick one of the cases
            // the conflicting writes named.
            if field == "case_id" && !heads.iter().any(|head| head.value == value) {
                return Err(Error::Invalid {
                    field: "conflict",
                    reason: "a record cannot move to another case: choose one of the values".into(),
                });
            }
            BTreeMap::from([(field.to_owned(), value)])
        };
        // `record_local` names this device's heads of the field, all of the conflict's values,
        // as seen.
        let seen = BTreeMap::new();
        self.record(owner.entity_type, entity, Change::Assign { fields, seen })?;
        Ok(())
    }
}

struct Owner {
    entity_type: EntityType,
    case_id: Option<EntityId>,
    /// The entity, or the case it belongs to, is deleted.
    deleted: bool,
}

/// What `entity` is: a case, or a record of some type and case.
fn owner(conn: &Connection, entity: EntityId) -> Result<Option<Owner>> {
    let id = entity.to_string();
    let case_deleted: Option<bool> = conn
        .query_row("SELECT deleted FROM cases WHERE id = ?1", [&id], |row| {
            row.get(0)
        })
        .optional()?;
    if let Some(deleted) = case_deleted {
        return Ok(Some(Owner {
            entity_type: EntityType::Case,
            case_id: Some(entity),
            deleted,
        }));
    }
    let record: Option<(String, Option<String>, bool)> = conn
        .query_row(
            "SELECT r.entity_type, r.case_id, r.deleted OR coalesce(c.deleted, 0)
             FROM records r LEFT JOIN cases c ON c.id = r.case_id WHERE r.id = ?1",
            [&id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((kind, case_id, deleted)) = record else {
        return Ok(None);
    };
    let Some(entity_type) = EntityType::parse(&kind) else {
        return Ok(None);
    };
    Ok(Some(Owner {
        entity_type,
        case_id: case_id.and_then(|c| c.parse().ok()),
        deleted,
    }))
}

fn values(conn: &Connection, entity: EntityId, field: &str) -> Result<Vec<ConflictValue>> {
    let shown: Option<(String, String)> = conn
        .query_row(
            "SELECT hlc, device_id FROM field_stamps WHERE entity_id = ?1 AND field = ?2",
            (entity.to_string(), field),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let shown = shown
        .map(|(hlc, device)| parse_stamp(&hlc, &device))
        .transpose()?;
    Ok(history::heads(conn, entity, field)?
        .into_iter()
        .map(|head| ConflictValue {
            shown: Some(head.stamp) == shown,
            stamp: head.stamp,
            value: head.value,
        })
        .collect())
}
