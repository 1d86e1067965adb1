//! Applying record operations to the `records` table, and reading records back as their types.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde_json::Value;

use super::RecordType;
use crate::cases::search::{add_entry, remove_record_entry};
use crate::domain::{
    ActivityConfirmation, Attachment, Consent, CustodyEvent, Evidence, EvidenceReview, Facility,
    Flight, FlightLink, LegalEvent, Note, Pathway, Referral, Relative, Stored, Task, Visit,
};
use crate::error::{Error, Result};
use crate::ops::store::{claim_assigned, claim_field};
use crate::ops::{Change, EntityId, EntityType, Op};

/// Applies a record operation, dispatching on its entity type.
pub(crate) fn materialise(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    match op.entity_type {
        EntityType::Case => unreachable!("cases have their own table"),
        EntityType::Facility => materialise_as::<Facility>(tx, op),
        EntityType::Visit => materialise_as::<Visit>(tx, op),
        EntityType::Note => materialise_as::<Note>(tx, op),
        EntityType::CustodyEvent => materialise_as::<CustodyEvent>(tx, op),
        EntityType::LegalEvent => materialise_as::<LegalEvent>(tx, op),
        EntityType::Task => materialise_as::<Task>(tx, op),
        EntityType::Consent => materialise_as::<Consent>(tx, op),
        EntityType::Relative => materialise_as::<Relative>(tx, op),
        EntityType::Evidence => materialise_as::<Evidence>(tx, op),
        EntityType::Attachment => materialise_as::<Attachment>(tx, op),
        EntityType::EvidenceReview => materialise_as::<EvidenceReview>(tx, op),
        EntityType::ActivityConfirmation => materialise_as::<ActivityConfirmation>(tx, op),
        EntityType::Pathway => materialise_as::<Pathway>(tx, op),
        EntityType::Referral => materialise_as::<Referral>(tx, op),
        EntityType::Flight => materialise_as::<Flight>(tx, op),
        EntityType::FlightLink => materialise_as::<FlightLink>(tx, op),
    }
}

fn materialise_as<T: RecordType>(tx: &Transaction<'_>, op: &Op) -> Result<()> {
    let id = op.entity.to_string();
    let kind = T::ENTITY.as_str();
    // One id is never both a case and a record (see `cases::materialise`).
    let is_case: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)")?
        .query_row([&id], |row| row.get(0))?;
    if is_case {
        return Err(invalid_op(format!(
            "{id} is a case, but an operation treats it as a {kind}"
        )));
    }
    let stored: Option<(String, Option<String>)> = tx
        .prepare_cached("SELECT entity_type, case_id FROM records WHERE id = ?1")?
        .query_row([&id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (exists, case_before) = match stored {
        Some((stored_kind, _)) if stored_kind != kind => {
            return Err(invalid_op(format!(
                "record {id} is a {stored_kind}, but an operation treats it as a {kind}"
            )))
        }
        Some((_, case_before)) => (true, case_before),
        None => (false, None),
    };
    let mut row = RecordRow {
        id: &id,
        kind,
        exists,
    };
    match (&op.change, T::IMMUTABLE) {
        (Change::Assign { fields, .. }, false) => assign::<T>(tx, op, fields, &mut row)?,
        (Change::Record { fields }, true) => create_whole::<T>(tx, op, fields, &mut row)?,
        (Change::Delete, _) => {
            if claim_field(tx, op.entity, "deleted", op.stamp())? {
                row.mark_deleted(tx)?;
            }
        }
        (Change::Assign { .. }, true) => {
            return Err(invalid_op(format!("a {kind} cannot be changed once saved")))
        }
        (Change::Record { .. }, false) => {
            return Err(invalid_op(format!("a {kind} is changed field by field")))
        }
        // `ops::store::apply` purges instead of materialising, and only cases are forgotten.
        (Change::Forget { .. }, _) => {
            return Err(invalid_op(format!(
                "a {kind} cannot be forgotten on its own"
            )))
        }
    }
    // A record an operation names has its row from then on, even if the operation wrote nothing
    // to it (every field lost to a newer write, or a field this version does not know).
    row.insert_if_missing(tx)?;
    // The row of its case in `case_legal_facts` follows every write of a legal event (migration
    // 22): the case it was in before, and the one it is in after.
    if T::ENTITY == EntityType::LegalEvent {
        let case_after: Option<String> = tx
            .prepare_cached("SELECT case_id FROM records WHERE id = ?1")?
            .query_row([&id], |row| row.get(0))?;
        let moved_from = case_before.filter(|before| Some(before) != case_after.as_ref());
        for case in moved_from.iter().chain(&case_after) {
            crate::case_facts::legal_facts_changed(tx, case)?;
        }
    }
    reindex::<T>(tx, op.entity)
}

/// Per-field last-writer-wins. Fields this version does not know (from a newer Pristan) stay in the
/// log but are not materialised. The fields this operation wins are written to the body together,
/// in one update: each update of `records` rewrites the row and every index over it, the covering
/// ones that hold the body included (docs/benchmarks.md, "Import: one body update an operation").
fn assign<T: RecordType>(
    tx: &Transaction<'_>,
    op: &Op,
    fields: &BTreeMap<String, Value>,
    row: &mut RecordRow<'_>,
) -> Result<()> {
    let known = known_fields::<T>();
    let mut won = Vec::new();
    for (key, value) in fields {
        let Some(key) = known.iter().find(|k| *k == key) else {
            continue;
        };
        let single = Value::Object([(key.clone(), value.clone())].into_iter().collect());
        serde_json::from_value::<T>(single)
            .map_err(|e| invalid_op(format!("{} field {key}: {e}", T::ENTITY.as_str())))?;
        if claim_assigned(tx, op, key, value)? {
            won.push((key, value));
        }
    }
    if won.is_empty() {
        return Ok(());
    }
    let mut body: BTreeMap<String, Value> = if row.exists {
        let body: String = tx
            .prepare_cached("SELECT body FROM records WHERE id = ?1")?
            .query_row([row.id], |r| r.get(0))?;
        serde_json::from_str(&body)
            .map_err(|e| damaged(format!("{} {}: {e}", T::ENTITY.as_str(), op.entity)))?
    } else {
        BTreeMap::new()
    };
    for (key, value) in won {
        body.insert(key.clone(), value.clone());
    }
    row.write_body(tx, &body)
}

/// Whether a record of type `entity_type` keeps a field `key` when an operation writes it (a
/// case is not a record: none).
pub(crate) fn keeps_field(entity_type: EntityType, key: &str) -> bool {
    let known = match entity_type {
        EntityType::Case => return false,
        EntityType::Facility => known_fields::<Facility>(),
        EntityType::Visit => known_fields::<Visit>(),
        EntityType::Note => known_fields::<Note>(),
        EntityType::CustodyEvent => known_fields::<CustodyEvent>(),
        EntityType::LegalEvent => known_fields::<LegalEvent>(),
        EntityType::Task => known_fields::<Task>(),
        EntityType::Consent => known_fields::<Consent>(),
        EntityType::Relative => known_fields::<Relative>(),
        EntityType::Evidence => known_fields::<Evidence>(),
        EntityType::Attachment => known_fields::<Attachment>(),
        EntityType::EvidenceReview => known_fields::<EvidenceReview>(),
        EntityType::ActivityConfirmation => known_fields::<ActivityConfirmation>(),
        EntityType::Pathway => known_fields::<Pathway>(),
        EntityType::Referral => known_fields::<Referral>(),
        EntityType::Flight => known_fields::<Flight>(),
        EntityType::FlightLink => known_fields::<FlightLink>(),
    };
    known.iter().any(|k| k == key)
}

/// Checks `value` as field `key` of a mutable record of type `entity_type`, as a received
/// assignment is checked, and returns it as the type writes it.
pub(crate) fn checked_field(entity_type: EntityType, key: &str, value: Value) -> Result<Value> {
    match entity_type {
        EntityType::Facility => checked_field_as::<Facility>(key, value),
        EntityType::Visit => checked_field_as::<Visit>(key, value),
        EntityType::Task => checked_field_as::<Task>(key, value),
        EntityType::Consent => checked_field_as::<Consent>(key, value),
        EntityType::Relative => checked_field_as::<Relative>(key, value),
        EntityType::Evidence => checked_field_as::<Evidence>(key, value),
        EntityType::Pathway => checked_field_as::<Pathway>(key, value),
        EntityType::Referral => checked_field_as::<Referral>(key, value),
        EntityType::Flight => checked_field_as::<Flight>(key, value),
        EntityType::FlightLink => checked_field_as::<FlightLink>(key, value),
        other => Err(invalid_op(format!(
            "a {} has no fields to assign",
            other.as_str()
        ))),
    }
}

fn checked_field_as<T: RecordType>(key: &str, value: Value) -> Result<Value> {
    if !known_fields::<T>().iter().any(|k| k == key) {
        return Err(invalid_op(format!(
            "a {} has no field {key}",
            T::ENTITY.as_str()
        )));
    }
    let single = Value::Object([(key.to_owned(), value)].into_iter().collect());
    let record = serde_json::from_value::<T>(single)
        .map_err(|e| invalid_op(format!("{} field {key}: {e}", T::ENTITY.as_str())))?;
    match serde_json::to_value(record) {
        Ok(Value::Object(mut map)) => map
            .remove(key)
            .ok_or_else(|| invalid_op(format!("{} field {key}", T::ENTITY.as_str()))),
        _ => Err(invalid_op(format!(
            "{} does not serialise",
            T::ENTITY.as_str()
        ))),
    }
}

/// An immutable record: checked whole. Two different records under one id cannot come from an
/// honest device; if they do, the one with the greater stamp wins, so every device agrees.
fn create_whole<T: RecordType>(
    tx: &Transaction<'_>,
    op: &Op,
    fields: &BTreeMap<String, Value>,
    row: &mut RecordRow<'_>,
) -> Result<()> {
    let record: T = serde_json::from_value(Value::Object(fields.clone().into_iter().collect()))
        .map_err(|e| invalid_op(format!("{}: {e}", T::ENTITY.as_str())))?;
    if record.case_id().is_none() {
        return Err(invalid_op(format!(
            "a {} must name its case",
            T::ENTITY.as_str()
        )));
    }
    let body: BTreeMap<String, Value> = match serde_json::to_value(&record) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        _ => unreachable!("records serialise as objects"),
    };
    if T::ENTITY == EntityType::Attachment {
        check_attachment_name(&body)?;
    }
    if claim_field(tx, op.entity, "record", op.stamp())? {
        row.write_body(tx, &body)?;
    }
    Ok(())
}

/// The `records` row an operation writes. A record's first write inserts its row whole: inserted
/// empty and then updated, its row and every index over it were written twice, and a new record
/// is most of what an import writes (docs/benchmarks.md, "Import: what SQLCipher's locked memory
/// costs it").
struct RecordRow<'a> {
    id: &'a str,
    kind: &'a str,
    exists: bool,
}

impl RecordRow<'_> {
    /// Writes the record's body and the case it names, in one statement: each write of `records`
    /// rewrites the row and every index over it. The body is the only place the case comes from,
    /// so `case_id` changes only here.
    fn write_body(&mut self, tx: &Transaction<'_>, body: &BTreeMap<String, Value>) -> Result<()> {
        let case_id = match body.get("case_id") {
            Some(Value::String(case)) => Some(case.as_str()),
            _ => None,
        };
        let body = canonical_json(body);
        if self.exists {
            tx.prepare_cached("UPDATE records SET body = ?1, case_id = ?2 WHERE id = ?3")?
                .execute((&body, case_id, self.id))?;
        } else {
            tx.prepare_cached(
                "INSERT INTO records (id, entity_type, body, case_id) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute((self.id, self.kind, &body, case_id))?;
            self.exists = true;
        }
        Ok(())
    }

    fn mark_deleted(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.exists {
            tx.prepare_cached("UPDATE records SET deleted = 1 WHERE id = ?1")?
                .execute([self.id])?;
        } else {
            tx.prepare_cached("INSERT INTO records (id, entity_type, deleted) VALUES (?1, ?2, 1)")?
                .execute((self.id, self.kind))?;
            self.exists = true;
        }
        Ok(())
    }

    fn insert_if_missing(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if !self.exists {
            tx.prepare_cached("INSERT INTO records (id, entity_type) VALUES (?1, ?2)")?
                .execute((self.id, self.kind))?;
            self.exists = true;
        }
        Ok(())
    }
}

/// An attachment's name is shown, and suggested when the file is saved: it must be one
/// `casebook::clean_file_name` would keep (one path component, no control or direction-override
/// characters), as every attachment Pristan makes has. Anything else came from a hand-made or
/// hostile operation, and is refused rather than stored for a caller to join to a folder.
fn check_attachment_name(body: &BTreeMap<String, Value>) -> Result<()> {
    let name = body.get("file_name").and_then(Value::as_str).unwrap_or("");
    if crate::casebook::clean_file_name(name) != name {
        return Err(invalid_op(
            "an attachment's file name is not a plain file name (it names a folder, or \
             holds control or direction-override characters)"
                .to_owned(),
        ));
    }
    Ok(())
}

/// A body with its keys sorted, so that every device stores the same text for the same record
/// whatever order its fields arrived in.
fn canonical_json(body: &BTreeMap<String, Value>) -> String {
    serde_json::to_string(body).expect("JSON values serialise")
}

fn known_fields<T: RecordType>() -> Vec<String> {
    match serde_json::to_value(T::default()) {
        Ok(Value::Object(map)) => map.into_iter().map(|(k, _)| k).collect(),
        _ => Vec::new(),
    }
}

/// Rewrites the search entry of one record. Deleted records and superseded note revisions have
/// none; saving a revision removes the entry of the note it replaces, and deleting a revision
/// gives that note its entry back (it is the current text again, as the case page shows).
fn reindex<T: RecordType>(tx: &Transaction<'_>, id: EntityId) -> Result<()> {
    reindex_chain::<T>(tx, id, 0)
}

/// How many deleted revisions in a row reindexing follows back (a received note could name a
/// chain, or a cycle, of any length).
const MAX_REVISION_CHAIN: u32 = 64;

fn reindex_chain<T: RecordType>(tx: &Transaction<'_>, id: EntityId, depth: u32) -> Result<()> {
    let text_id = id.to_string();
    remove_record_entry(tx, id)?;
    let replaced = match T::ENTITY {
        EntityType::Note => note_replaces(tx, id)?,
        _ => None,
    };
    let Some(stored) = load_in::<T>(tx, id)? else {
        if let Some(replaced) = replaced.filter(|_| depth < MAX_REVISION_CHAIN) {
            reindex_chain::<T>(tx, replaced, depth + 1)?;
        }
        return Ok(());
    };
    if T::ENTITY == EntityType::Note {
        if let Some(replaced) = replaced {
            remove_record_entry(tx, replaced)?;
        }
        let superseded: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM records WHERE entity_type = 'note' AND deleted = 0
                            AND json_extract(body, '$.replaces') = ?1)",
            )?
            .query_row([&text_id], |row| row.get(0))?;
        if superseded {
            return Ok(());
        }
    }
    let (Some(case_id), Some(text)) = (stored.record.case_id(), stored.record.search_text()) else {
        return Ok(());
    };
    add_entry(tx, id, case_id, &text)
}

/// The note that note `id` replaces, whether `id` is deleted or not.
fn note_replaces(tx: &Transaction<'_>, id: EntityId) -> Result<Option<EntityId>> {
    let replaced: Option<String> = tx
        .prepare_cached("SELECT json_extract(body, '$.replaces') FROM records WHERE id = ?1")?
        .query_row([id.to_string()], |row| row.get::<_, Option<String>>(0))
        .optional()?
        .flatten();
    // A malformed id cannot name a note, so there is nothing to hide.
    Ok(replaced.and_then(|text| text.parse().ok()))
}

fn load_in<T: RecordType>(conn: &Connection, id: EntityId) -> Result<Option<Stored<T>>> {
    let body: Option<String> = conn
        .prepare_cached(
            "SELECT body FROM records WHERE id = ?1 AND entity_type = ?2 AND deleted = 0",
        )?
        .query_row((id.to_string(), T::ENTITY.as_str()), |row| row.get(0))
        .optional()?;
    body.map(|body| parse_body(id, &body)).transpose()
}

/// The record `id` of type `T`, unless it does not exist or was deleted.
pub(crate) fn load<T: RecordType>(conn: &Connection, id: EntityId) -> Result<Option<Stored<T>>> {
    load_in(conn, id)
}

/// Every record of type `T` on a case, oldest first by id order of creation is not known, so
/// callers sort by their own dates.
pub(crate) fn list_for_case<T: RecordType>(
    conn: &Connection,
    case_id: EntityId,
) -> Result<Vec<Stored<T>>> {
    let sql = format!(
        "SELECT id, body FROM records
         WHERE case_id = ?1 AND {} AND deleted = 0",
        type_is::<T>("entity_type")
    );
    query_records(conn, &sql, [case_id.to_string()])
}

/// Every record of type `T` that is not deleted and, if it belongs to a case, whose case is not.
pub(crate) fn list_of_type<T: RecordType>(conn: &Connection) -> Result<Vec<Stored<T>>> {
    let sql = format!(
        "SELECT r.id, r.body FROM records r LEFT JOIN cases c ON c.id = r.case_id
         WHERE {} AND r.deleted = 0 AND coalesce(c.deleted, 0) = 0",
        type_is::<T>("r.entity_type")
    );
    query_records(conn, &sql, ())
}

/// The SQL condition that `column` is `T`'s entity type, written as literals so that SQLite can
/// use the partial index `records_except_notes` (migration 17) for every type but notes: that
/// index holds the records whole, so reading one type of record for every case reads its pages
/// only, not those of the notes stored among them. (A type name is a fixed identifier of this
/// code, never input.)
pub(crate) fn type_is<T: RecordType>(column: &str) -> String {
    let name = T::ENTITY.as_str();
    if T::ENTITY == EntityType::Note {
        format!("{column} = '{name}'")
    } else {
        format!("{column} = '{name}' AND {column} <> 'note'")
    }
}

fn query_records<T: RecordType, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> Result<Vec<Stored<T>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut records = Vec::new();
    for row in rows {
        let (id, body) = row?;
        let id: EntityId = id
            .parse()
            .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?;
        records.push(parse_body(id, &body)?);
    }
    Ok(records)
}

fn parse_body<T: RecordType>(id: EntityId, body: &str) -> Result<Stored<T>> {
    let record = serde_json::from_str(body)
        .map_err(|e| damaged(format!("{} {id}: {e}", T::ENTITY.as_str())))?;
    Ok(Stored { id, record })
}

fn invalid_op(reason: String) -> Error {
    Error::Invalid {
        field: "operation",
        reason,
    }
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "stored record",
        reason,
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
