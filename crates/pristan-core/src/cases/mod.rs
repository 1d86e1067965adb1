//! Cases: one detained person each. Created and changed only through operations (see `ops`), and
//! read from the materialised `cases` table.

mod fields;
mod search;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction};
use serde::Serialize;
use serde_json::Value;

pub use fields::{CaseField, CustodyStatus};
pub use search::SearchHit;

use crate::domain::ANumber;
use crate::error::{Error, Result};
use crate::ops::store::claim_field;
use crate::ops::{Change, EntityId, EntityType, Op};
use crate::vault::Vault;

/// What a volunteer enters to open a case.
#[derive(Debug, Clone, Default)]
pub struct NewCase {
    pub name: String,
    pub native_name: Option<String>,
    pub a_number: Option<ANumber>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub custody_status: Option<CustodyStatus>,
}

/// A case as it stands after every operation applied so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    pub id: EntityId,
    pub name: String,
    pub native_name: String,
    pub a_number: Option<ANumber>,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub custody_status: CustodyStatus,
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
        if let Some(native) = &self.native_name {
            set(
                CaseField::NativeName,
                checked_text(CaseField::NativeName, native)?.into(),
            );
        }
        if let Some(a_number) = self.a_number {
            set(CaseField::ANumber, a_number.digits().into());
        }
        if let Some(dob) = self.date_of_birth {
            set(CaseField::DateOfBirth, dob.to_string().into());
        }
        if let Some(nationality) = &self.nationality {
            set(
                CaseField::Nationality,
                checked_text(CaseField::Nationality, nationality)?.into(),
            );
        }
        let status = self.custody_status.unwrap_or(CustodyStatus::Detained);
        set(CaseField::CustodyStatus, status.as_str().into());
        Ok(fields)
    }
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
        let fields = case.into_fields()?;
        let id = EntityId::random();
        self.record(EntityType::Case, id, Change::Assign { fields })?;
        Ok(id)
    }

    /// Every case not deleted, by name.
    pub fn cases(&self) -> Result<Vec<CaseRecord>> {
        let mut stmt = self.connection().prepare(&format!(
            "SELECT {COLUMNS} FROM cases WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id"
        ))?;
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

    /// Deletes a case (a tombstone): it disappears from lists and search.
    pub fn delete_case(&mut self, id: EntityId) -> Result<()> {
        if self.case(id)?.is_none() {
            return Err(Error::Invalid {
                field: "case",
                reason: format!("there is no case {id}"),
            });
        }
        self.record(EntityType::Case, id, Change::Delete)?;
        Ok(())
    }
}

const COLUMNS: &str = "id, name, native_name, a_number, date_of_birth, nationality, custody_status";

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
    Ok(CaseRecord {
        id: parsed(0, row.get::<_, String>(0)?.parse::<EntityId>())?,
        name: row.get(1)?,
        native_name: row.get(2)?,
        a_number: parsed(3, a_number.map(|a| ANumber::parse(&a)).transpose())?,
        date_of_birth: parsed(4, dob.map(|d| d.parse::<NaiveDate>()).transpose())?,
        nationality: row.get(5)?,
        custody_status: parsed(
            6,
            CustodyStatus::from_str(&status).ok_or("unknown custody status"),
        )?,
    })
}

/// Applies a case operation to the `cases` table and the search index.
pub(crate) fn materialise(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    let id = op.entity.to_string();
    tx.execute("INSERT OR IGNORE INTO cases (id) VALUES (?1)", [&id])?;
    match &op.change {
        Change::Assign { fields } => {
            for (key, value) in fields {
                // Unknown fields (from a newer Pristan) are kept in the log but not materialised.
                let Some(field) = CaseField::from_key(key) else {
                    continue;
                };
                let value = field.check(value)?;
                if claim_field(tx, op.entity, field.key(), op.stamp())? {
                    let sql = format!("UPDATE cases SET {} = ?1 WHERE id = ?2", field.column());
                    tx.execute(&sql, (value, &id))?;
                }
            }
        }
        Change::Delete => {
            if claim_field(tx, op.entity, "deleted", op.stamp())? {
                tx.execute("UPDATE cases SET deleted = 1 WHERE id = ?1", [&id])?;
            }
        }
    }
    search::reindex_case(tx, op.entity)
}

#[cfg(test)]
mod tests;
