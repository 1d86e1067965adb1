//! What the dashboard and the deadlines board read of each case, from the partial indexes of
//! migration 18 (`vault/migrations/018_case_facts.sql`): each case's legal events reduced to the
//! fields its status is computed from, each case's visit dates, the visits dated today or later,
//! and the open tasks. These reads touch only those indexes' pages, and parse no record but the
//! few returned whole; the old reads parsed every legal event, consent, visit and task body.
//!
//! The indexes are this module's per-case summary. SQLite keeps them in the statement that writes
//! a record, so every write path (local writes, bundle imports, forget, conflict resolution, the
//! release of a held case, case packets) keeps them in its own transaction, and a vault upgraded
//! by migration 18 builds them; none holds anything that depends on today's date, so status and
//! deadlines are still computed from the legal events each time they are read (ARCHITECTURE.md).
//! A change to the deadline rules needs no rebuild; a change to what is indexed is a migration.
//!
//! The legal events are read one row a case from `case_legal_facts` (migration 22), a copy of
//! the index's values that `legal_facts_changed` writes again in the transaction of every write
//! of a legal event's row: `records::store`, forget, `sharing::release`.
//!
//! `tests/query_oracle.rs` checks that the dashboard and the board read through here equal the
//! same views computed the old way (`tests/query_oracle/old_views.rs`) after random operations.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::domain::{LegalEvent, LegalEventKind, Outcome, Stored, Task, Visit};
use crate::error::{Error, Result};
use crate::ops::EntityId;

#[cfg(test)]
mod tests;

/// Each case's legal events, one row a case (migration 22, kept by `legal_facts_changed`): a JSON
/// array of `[id, kind, date, outcome, appeal_waived]`, the values the index `legal_event_facts`
/// holds.
pub(super) const LEGAL_EVENTS: &str = "SELECT case_id, events FROM case_legal_facts";

// The reads below name their index (`INDEXED BY`): without statistics SQLite could prefer
// `records_by_type` and read every record of the type from the table; with it, a missing index
// is an error, never a slow read. `tests.rs` checks that each reads its index alone.
//
// ISO dates compare as text, so `max` over the stored strings is the latest date. One search of
// `visit_days` for the case, which SQLite answers by reading backwards from (case, today) to the
// first entry. Only a case whose removal is imminent shows its last contact, so the dashboard and
// the board ask for those few (searching for every case was a fifth of the dashboard).
pub(super) const LAST_CONTACT: &str = "
    SELECT max(json_extract(body, '$.date')) FROM records INDEXED BY visit_days
    WHERE entity_type = 'visit' AND deleted = 0 AND case_id = ?1
      AND json_extract(body, '$.date') <= ?2";

// A year past 9999 is written with a sign ("+10000-01-01"), which sorts before digits: two
// ranges, each a search of the index (an `OR` would read all of it).
pub(super) const UPCOMING_VISITS: &str = "
    SELECT id, body FROM records INDEXED BY visits_by_day
    WHERE entity_type = 'visit' AND deleted = 0 AND json_extract(body, '$.date') >= ?1
    UNION ALL
    SELECT id, body FROM records INDEXED BY visits_by_day
    WHERE entity_type = 'visit' AND deleted = 0
      AND json_extract(body, '$.date') BETWEEN '+' AND '+~'";

pub(super) const OPEN_TASKS: &str = "
    SELECT r.id, r.body FROM records r INDEXED BY open_tasks
    LEFT JOIN cases c ON c.id = r.case_id
    WHERE r.entity_type = 'task' AND r.deleted = 0
      AND coalesce(json_extract(r.body, '$.status'), 'open') = 'open'
      AND coalesce(c.deleted, 0) = 0";

/// Writes again the row of `case` in `case_legal_facts` from the index `legal_event_facts`, or
/// deletes it if no legal event of the case is left. Called in the transaction of every write of
/// a legal event's row in `records` (migration 22 lists them). Two statements of one row each:
/// a statement that may write several rows opens a savepoint, at which FTS5 writes its pending
/// entries to disk, and an import would pay that at every legal event.
pub(crate) fn legal_facts_changed(conn: &Connection, case: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO case_legal_facts (case_id, events)
         VALUES (?1, (SELECT events FROM legal_facts_by_case WHERE case_id = ?1))",
    )?
    .execute([case])?;
    conn.prepare_cached("DELETE FROM case_legal_facts WHERE case_id = ?1 AND events IS NULL")?
        .execute([case])?;
    Ok(())
}

/// Every case's legal events (not deleted), by case, each holding only what `case_status` and
/// `board::stay_motion_pending` read: id, kind, date, outcome and whether the appeal was waived.
/// Every other field is its default. Read from `case_legal_facts`, one row a case (reading the
/// index, one entry an event, was a third of the dashboard).
pub(crate) fn legal_events_by_case(
    conn: &Connection,
) -> Result<HashMap<EntityId, Vec<Stored<LegalEvent>>>> {
    let mut stmt = conn.prepare_cached(LEGAL_EVENTS)?;
    let mut rows = stmt.query([])?;
    let mut by_case: HashMap<EntityId, Vec<Stored<LegalEvent>>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let (Some(case_text), Some(json)) = (text(row, 0)?, text(row, 1)?) else {
            continue;
        };
        let case = parse_id(case_text)?;
        // Borrowed from the row: ids, kinds, dates and outcomes are never written with escapes.
        let facts: Vec<EventFacts<'_>> = serde_json::from_str(json)
            .map_err(|e| damaged(format!("legal facts of case {case}: {e}")))?;
        let mut events = Vec::with_capacity(facts.len());
        for (id, kind, date, outcome, appeal_waived) in facts {
            let id = parse_id(id)?;
            let event = LegalEvent {
                case_id: Some(case),
                kind: parse_enum(kind, LegalEventKind::parse, id, "kind")?,
                date: date.map(|d| parse_date(d, id)).transpose()?,
                outcome: parse_enum(outcome, Outcome::parse, id, "outcome")?,
                appeal_waived: appeal_waived.is_some_and(|n| n != 0),
                ..LegalEvent::default()
            };
            events.push(Stored { id, record: event });
        }
        // In id order, as `Vault::list` reads them: the status does not depend on the order, but
        // the pending stay motion is the latest request, and of two on one day the later one
        // read. The index gives them in that order; sorting what is sorted costs little.
        events.sort_by_key(|e| e.id);
        by_case.insert(case, events);
    }
    Ok(by_case)
}

/// One legal event in a row of `case_legal_facts`: id, kind, date, outcome, appeal waived (an
/// integer, as `json_extract` reads a JSON boolean).
type EventFacts<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<i64>,
);

/// The last contact with `case`: the latest date of its visits on or before `today`, or `None`
/// if it was never visited. Read from the index `visit_days` alone.
pub(crate) fn last_contact(
    conn: &Connection,
    case: EntityId,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    let mut stmt = conn.prepare_cached(LAST_CONTACT)?;
    let mut rows = stmt.query([case.to_string(), iso(today)])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    Ok(text(row, 0)?
        .and_then(|d| iso_date(d).or_else(|| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())))
}

/// The visits dated `today` or later, whole, whatever their case (the caller keeps those of
/// cases it shows). Read from the index `visits_by_day`: only the upcoming visits' entries.
pub(crate) fn upcoming_visits(conn: &Connection, today: NaiveDate) -> Result<Vec<Stored<Visit>>> {
    let mut stmt = conn.prepare_cached(UPCOMING_VISITS)?;
    let visits: Vec<Stored<Visit>> = parse_rows(&mut stmt, [iso(today)])?;
    Ok(visits
        .into_iter()
        .filter(|v| v.record.date.is_some_and(|d| d >= today))
        .collect())
}

/// The open tasks whose case (if they name one) is not deleted, whole. Read from the index
/// `open_tasks`.
pub(crate) fn open_tasks(conn: &Connection) -> Result<Vec<Stored<Task>>> {
    let mut stmt = conn.prepare_cached(OPEN_TASKS)?;
    let tasks: Vec<Stored<Task>> = parse_rows(&mut stmt, [])?;
    Ok(tasks
        .into_iter()
        .filter(|t| t.record.status == crate::domain::TaskStatus::Open)
        .collect())
}

fn parse_rows<T: serde::de::DeserializeOwned, P: rusqlite::Params>(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: P,
) -> Result<Vec<Stored<T>>> {
    let rows = stmt.query_map(params, |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut records = Vec::new();
    for row in rows {
        let (id, body) = row?;
        let id = parse_id(&id)?;
        let record =
            serde_json::from_str(&body).map_err(|e| damaged(format!("record {id}: {e}")))?;
        records.push(Stored { id, record });
    }
    Ok(records)
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn parse_id(text: &str) -> Result<EntityId> {
    text.parse()
        .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))
}

/// Column `index` of `row` as text borrowed from SQLite, or `None` if it is NULL.
fn text<'row>(row: &'row rusqlite::Row<'_>, index: usize) -> Result<Option<&'row str>> {
    row.get_ref(index)?.as_str_or_null().map_err(|error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, error.into())
            .into()
    })
}

/// A date as serde reads it from a record body.
fn parse_date(text: &str, id: EntityId) -> Result<NaiveDate> {
    match iso_date(text) {
        Some(date) => Ok(date),
        None => text
            .parse()
            .map_err(|e| damaged(format!("legal event {id} date: {e}"))),
    }
}

/// A date written as Pristan writes dates, `YYYY-MM-DD` (ten characters), read without chrono's
/// general parser (a tenth of the dashboard's reading of legal events in the profile); `None`
/// for any other text, and for a day that does not exist. For those ten characters it agrees
/// with `NaiveDate::from_str` and with `parse_from_str(_, "%Y-%m-%d")` (a test checks it); the
/// callers hand anything else to chrono.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        bytes[range].iter().try_fold(0u32, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// A stored enum value; absent is the field's default, as `#[serde(default)]` reads it.
fn parse_enum<T: Default>(
    text: Option<&str>,
    parse: fn(&str) -> Option<T>,
    id: EntityId,
    field: &str,
) -> Result<T> {
    match text {
        None => Ok(T::default()),
        Some(text) => {
            parse(text).ok_or_else(|| damaged(format!("legal event {id} {field}: {text:?}")))
        }
    }
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "stored record",
        reason,
    }
}
