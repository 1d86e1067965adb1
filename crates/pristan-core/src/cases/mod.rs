//! Cases: one detained person each. Created and changed only through operations (see `ops`), and
//! read from the materialised `cases` table.

mod fields;
pub(crate) mod search;
mod search_answer;
pub(crate) mod search_deferral;
mod search_order;
mod snippet;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction};
use serde_json::Value;

pub use crate::domain::views::{SearchHit, SearchMatch, SearchPage};
pub use fields::CaseField;
pub use search::last_written;
pub use search_answer::PAGE_SIZE;

use crate::domain::{ANumber, Attorney, CaseRecord, CustodyStatus, FilingStatus};
use crate::error::{Error, Result};
use crate::ops::store::{claim_assigned, claim_field};
use crate::ops::{Change, DeviceId, EntityId, EntityType, Op};
use crate::vault::Vault;

/// What a volunteer enters to open a case.
#[derive(Debug, Clone, Default)]
pub struct NewCase {
    pub name: String,
    pub native_name: Option<String>,
    pub a_number: Option<ANumber>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub languages: Option<String>,
    pub custody_status: Option<CustodyStatus>,
    pub facility_id: Option<EntityId>,
    /// The person agreed, today, to share their case with the coordinator: recorded as a consent
    /// in the same step, so the case travels with the next bundle. Without it the case stays on
    /// this laptop (see `sharing`).
    pub share_with_coordinator: bool,
}

impl NewCase {
    fn into_fields(self) -> Result<BTreeMap<String, Value>> {
        let name = checked_text(CaseField::Name, &self.name)?;
        if name.is_empty() {
            return Err(Error::Invalid {
                field: "name",
                reason: "give the person's name as they write it in Latin letters".into(),
            });
        }
        let mut fields = BTreeMap::new();
        let mut set = |field: CaseField, value: Value| {
            fields.insert(field.key().to_owned(), value);
        };
        set(CaseField::Name, name.into());
        let texts = [
            (CaseField::NativeName, &self.native_name),
            (CaseField::Nationality, &self.nationality),
            (CaseField::Languages, &self.languages),
        ];
        for (field, text) in texts {
            if let Some(text) = text {
                set(field, checked_text(field, text)?.into());
            }
        }
        if let Some(a_number) = self.a_number {
            set(CaseField::ANumber, a_number.digits().into());
        }
        if let Some(dob) = self.date_of_birth {
            set(CaseField::DateOfBirth, dob.to_string().into());
        }
        if let Some(facility) = self.facility_id {
            set(CaseField::FacilityId, facility.to_string().into());
        }
        let status = self.custody_status.unwrap_or(CustodyStatus::Detained);
        set(CaseField::CustodyStatus, status.as_str().into());
        Ok(fields)
    }
}

/// The changes that open case `id`: the case, and the person's consent to share if given.
pub(crate) fn case_creation(
    id: EntityId,
    case: NewCase,
) -> Result<Vec<(EntityType, EntityId, Change)>> {
    let share = case.share_with_coordinator;
    let mut changes = vec![(EntityType::Case, id, Change::assign(case.into_fields()?))];
    if share {
        let consent = crate::sharing::share_consent(id, chrono::Local::now().date_naive());
        changes.push((EntityType::Consent, EntityId::random(), consent));
    }
    Ok(changes)
}

/// Checks and normalises changed case fields into the fields of an assignment.
pub(crate) fn case_assignment(
    changes: BTreeMap<CaseField, Value>,
) -> Result<BTreeMap<String, Value>> {
    let mut fields = BTreeMap::new();
    for (field, value) in changes {
        field.check(&value)?;
        let value = match (field, value) {
            (CaseField::ANumber, Value::String(text)) => Value::String(
                ANumber::parse(&text)
                    .map_err(|e| Error::Invalid {
                        field: "a_number",
                        reason: e.to_string(),
                    })?
                    .digits(),
            ),
            (_, Value::String(text)) => Value::String(text.trim().to_owned()),
            (_, value) => value,
        };
        fields.insert(field.key().to_owned(), value);
    }
    Ok(fields)
}

fn checked_text(field: CaseField, text: &str) -> Result<String> {
    let text = text.trim();
    if text.chars().count() > 200 || text.chars().any(char::is_control) {
        return Err(Error::Invalid {
            field: field.key(),
            reason: "use at most 200 characters, with no line breaks or control characters".into(),
        });
    }
    Ok(text.to_owned())
}

impl Vault {
    /// Opens a case; returns its id.
    pub fn add_case(&mut self, case: NewCase) -> Result<EntityId> {
        let id = EntityId::random();
        self.record_all(case_creation(id, case)?, |_| Ok(()))?;
        Ok(id)
    }

    /// Every case not deleted, by name.
    pub fn cases(&self) -> Result<Vec<CaseRecord>> {
        let mut stmt = self.connection().prepare_cached(&case_list())?;
        let rows = stmt.query_map([], case_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn case(&self, id: EntityId) -> Result<Option<CaseRecord>> {
        Ok(self
            .connection()
            .query_row(
                &format!("SELECT {COLUMNS} FROM cases WHERE id = ?1 AND deleted = 0"),
                [id.to_string()],
                case_from_row,
            )
            .optional()?)
    }

    /// Changes some fields of a case. Each value is checked as a received operation would be, so
    /// nothing is recorded unless every field is valid.
    pub fn update_case(&mut self, id: EntityId, changes: BTreeMap<CaseField, Value>) -> Result<()> {
        self.require_case(id)?;
        let fields = case_assignment(changes)?;
        if !fields.is_empty() {
            self.record(EntityType::Case, id, Change::assign(fields))?;
        }
        Ok(())
    }

    /// Fails with a clear error unless `id` is a case that exists and is not deleted.
    pub(crate) fn require_case(&self, id: EntityId) -> Result<CaseRecord> {
        self.case(id)?.ok_or_else(|| Error::Invalid {
            field: "case",
            reason: format!("there is no case {id}"),
        })
    }

    /// Deletes a case (a tombstone): it disappears from lists and search.
    pub fn delete_case(&mut self, id: EntityId) -> Result<()> {
        self.require_case(id)?;
        self.record(EntityType::Case, id, Change::Delete)?;
        Ok(())
    }
}

const COLUMNS: &str =
    "id, name, native_name, a_number, date_of_birth, nationality, custody_status, \
     aliases, languages, facility_id, attorney_name, attorney_contact, g28, eoir28, eoir27, \
     assigned_to";

/// Every case not deleted, by name (in any letter case), then id. It walks the `cases_by_name`
/// index (migration 21) in order: sorting copied every case into SQLite's sorter first.
fn case_list() -> String {
    format!("SELECT {COLUMNS} FROM cases WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id")
}

fn case_from_row(row: &Row<'_>) -> rusqlite::Result<CaseRecord> {
    fn parsed<T, E>(column: usize, result: std::result::Result<T, E>) -> rusqlite::Result<T>
    where
        E: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        result.map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.into())
        })
    }
    let a_number: Option<String> = row.get(3)?;
    let dob: Option<String> = row.get(4)?;
    let status: String = row.get(6)?;
    let facility: Option<String> = row.get(9)?;
    let filing = |column: usize| -> rusqlite::Result<FilingStatus> {
        let text: String = row.get(column)?;
        parsed(
            column,
            FilingStatus::parse(&text).ok_or("unknown filing status"),
        )
    };
    let assigned: String = row.get(15)?;
    let assigned_to = assigned
        .split_whitespace()
        .map(|id| parsed(15, id.parse::<DeviceId>()))
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CaseRecord {
        assigned_to,
        id: parsed(0, row.get::<_, String>(0)?.parse::<EntityId>())?,
        name: row.get(1)?,
        native_name: row.get(2)?,
        a_number: parsed(3, a_number.map(|a| ANumber::parse(&a)).transpose())?,
        date_of_birth: parsed(4, dob.map(|d| d.parse::<NaiveDate>()).transpose())?,
        nationality: row.get(5)?,
        custody_status: parsed(
            6,
            CustodyStatus::parse(&status).ok_or("unknown custody status"),
        )?,
        aliases: row.get(7)?,
        languages: row.get(8)?,
        facility_id: parsed(9, facility.map(|f| f.parse::<EntityId>()).transpose())?,
        attorney: Attorney {
            name: row.get(10)?,
            contact: row.get(11)?,
            g28: filing(12)?,
            eoir28: filing(13)?,
            eoir27: filing(14)?,
        },
    })
}

/// Applies a case operation to the `cases` table and the search index.
pub(crate) fn materialise(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    let id = op.entity.to_string();
    // Cases and records share the per-field stamps, so one id must not be both, or the order in
    // which operations arrive would decide which table a write reaches.
    let is_record: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM records WHERE id = ?1)")?
        .query_row([&id], |row| row.get(0))?;
    if is_record {
        return Err(Error::Invalid {
            field: "operation",
            reason: format!("{id} is a record, but an operation treats it as a case"),
        });
    }
    tx.prepare_cached("INSERT OR IGNORE INTO cases (id) VALUES (?1)")?
        .execute([&id])?;
    match &op.change {
        Change::Assign { fields, .. } => {
            for (key, value) in fields {
                // Unknown fields (from a newer Pristan) are kept in the log but not materialised.
                let Some(field) = CaseField::from_key(key) else {
                    continue;
                };
                let checked = field.check(value)?;
                if claim_assigned(tx, op, field.key(), value)? {
                    let sql = format!("UPDATE cases SET {} = ?1 WHERE id = ?2", field.column());
                    tx.prepare_cached(&sql)?.execute((checked, &id))?;
                }
            }
        }
        Change::Delete => {
            if claim_field(tx, op.entity, "deleted", op.stamp())? {
                tx.prepare_cached("UPDATE cases SET deleted = 1 WHERE id = ?1")?
                    .execute([&id])?;
            }
        }
        Change::Record { .. } => {
            return Err(Error::Invalid {
                field: "operation",
                reason: "a case is changed field by field, not created as a record".into(),
            })
        }
        // `ops::store::apply` purges instead of materialising; this is never reached.
        Change::Forget { .. } => {
            return Err(Error::Invalid {
                field: "operation",
                reason: "a forget is applied by the operation log, not to the case's row".into(),
            })
        }
    }
    search::reindex_case(tx, op.entity)
}

#[cfg(test)]
mod tests;
