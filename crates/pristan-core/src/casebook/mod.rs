//! What a volunteer does with a case's records: add, correct, delete and read them. Every change
//! is an operation (see `ops`); this module turns typed records into operations and back.

mod attachments;
mod batch;
mod case_file;
mod case_status;
mod dashboard;
mod drafts;
mod notes;

use std::collections::BTreeMap;

use serde_json::Value;

pub use attachments::clean_file_name;
pub use attachments::{AttachmentContent, MAX_ATTACHMENT_BYTES};
pub use batch::RecordBatch;
pub use case_status::case_status;
pub use dashboard::{CasePosition, DEADLINE_HORIZON_DAYS};
pub use pristan_model::views::*;

use crate::cases::{case_assignment, CaseField};
use crate::domain::Stored;
use crate::error::{Error, Result};
use crate::ops::{Change, EntityId, EntityType};
use crate::records::{self, RecordType};
use crate::vault::Vault;

impl Vault {
    /// Saves a new record of a case (or a facility); returns its id.
    pub fn add<T: RecordType>(&mut self, record: T) -> Result<EntityId> {
        let id = EntityId::random();
        let change = self.creation(&record)?;
        self.record(T::ENTITY, id, change)?;
        Ok(id)
    }

    /// Saves a new record of a case and changes fields of that case, in one transaction: a
    /// custody event and the custody status and facility it implies, say. Nothing is saved
    /// unless all of it is valid.
    pub fn add_with_case_changes<T: RecordType>(
        &mut self,
        record: T,
        changes: BTreeMap<CaseField, Value>,
    ) -> Result<EntityId> {
        let case_id = record.case_id().ok_or_else(|| Error::Invalid {
            field: T::ENTITY.as_str(),
            reason: "it must belong to a case".into(),
        })?;
        let id = EntityId::random();
        let mut all = vec![(T::ENTITY, id, self.creation(&record)?)];
        let fields = case_assignment(changes)?;
        if !fields.is_empty() {
            all.push((EntityType::Case, case_id, Change::assign(fields)));
        }
        self.record_all(all, |_| Ok(()))?;
        Ok(id)
    }

    /// Checks a new record and makes the change that creates it.
    pub(crate) fn creation<T: RecordType>(&self, record: &T) -> Result<Change> {
        self.creation_among(record, &[], &[])
    }

    /// As [`Vault::creation`], for a record saved together with `new_visits` (visit id, case id),
    /// which it may name although they are not saved yet.
    pub(crate) fn creation_among<T: RecordType>(
        &self,
        record: &T,
        new_visits: &[(EntityId, Option<EntityId>)],
        new_cases: &[EntityId],
    ) -> Result<Change> {
        if let Some(what) = record.missing() {
            return Err(Error::Invalid {
                field: T::ENTITY.as_str(),
                reason: format!("{what} is missing"),
            });
        }
        if let Some(case_id) = record.case_id().filter(|id| !new_cases.contains(id)) {
            self.require_case(case_id)?;
        }
        if let Some(visit_id) = record.visit_id() {
            let visit_case = match new_visits.iter().find(|(id, _)| *id == visit_id) {
                Some((_, case_id)) => *case_id,
                None => {
                    self.require::<crate::domain::Visit>(visit_id)?
                        .record
                        .case_id
                }
            };
            if visit_case != record.case_id() {
                return Err(Error::Invalid {
                    field: T::ENTITY.as_str(),
                    reason: "the visit belongs to another case".into(),
                });
            }
        }
        let fields = fields_of(record);
        Ok(if T::IMMUTABLE {
            Change::Record { fields }
        } else {
            Change::assign(fields)
        })
    }

    /// Saves a corrected version of a mutable record: only the fields that differ become
    /// operations, so a correction never overwrites someone else's change to another field.
    pub fn update<T: RecordType>(&mut self, id: EntityId, record: T) -> Result<()> {
        if T::IMMUTABLE {
            return Err(Error::Invalid {
                field: T::ENTITY.as_str(),
                reason: "this cannot be changed once saved; save a new one instead".into(),
            });
        }
        let current = self.require::<T>(id)?;
        if let Some(what) = record.missing() {
            return Err(Error::Invalid {
                field: T::ENTITY.as_str(),
                reason: format!("{what} is missing"),
            });
        }
        if record.case_id() != current.record.case_id() {
            return Err(Error::Invalid {
                field: T::ENTITY.as_str(),
                reason: "a record cannot move to another case".into(),
            });
        }
        let old = fields_of(&current.record);
        let fields: BTreeMap<String, Value> = fields_of(&record)
            .into_iter()
            .filter(|(key, value)| old.get(key) != Some(value))
            .collect();
        if !fields.is_empty() {
            self.record(T::ENTITY, id, Change::assign(fields))?;
        }
        Ok(())
    }

    /// Deletes a record (a tombstone): it disappears from the case page, search and dashboard.
    pub fn delete<T: RecordType>(&mut self, id: EntityId) -> Result<()> {
        self.require::<T>(id)?;
        self.record(T::ENTITY, id, Change::Delete)?;
        Ok(())
    }

    pub fn get<T: RecordType>(&self, id: EntityId) -> Result<Option<Stored<T>>> {
        records::load(self.connection(), id)
    }

    /// The records of type `T` on a case, in no particular order.
    pub fn list<T: RecordType>(&self, case_id: EntityId) -> Result<Vec<Stored<T>>> {
        records::list_for_case(self.connection(), case_id)
    }

    /// Every record of type `T` whose case is not deleted.
    pub fn list_all<T: RecordType>(&self) -> Result<Vec<Stored<T>>> {
        records::list_of_type(self.connection())
    }

    pub(crate) fn require<T: RecordType>(&self, id: EntityId) -> Result<Stored<T>> {
        self.get::<T>(id)?.ok_or_else(|| Error::Invalid {
            field: T::ENTITY.as_str(),
            reason: format!("there is no {} {id}", T::ENTITY.as_str()),
        })
    }
}

/// A record's fields as an operation carries them.
fn fields_of<T: RecordType>(record: &T) -> BTreeMap<String, Value> {
    match serde_json::to_value(record).expect("a record serialises") {
        Value::Object(map) => map.into_iter().collect(),
        _ => unreachable!("records serialise as objects"),
    }
}

#[cfg(test)]
mod tests;
