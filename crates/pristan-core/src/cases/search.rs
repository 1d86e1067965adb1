//! Finding cases by name (Latin or native script, any case, with or without diacritics) or by
//! A-number however it is typed, through SQLite FTS5 inside the encrypted database.

use rusqlite::{OptionalExtension, Transaction};

use crate::domain::views::{SearchHit, SearchPage};
use crate::domain::ANumber;
use crate::error::{Error, Result};
use crate::ops::{DeviceId, EntityId, Hlc, HlcParseError};
use crate::vault::Vault;

use super::{search_answer, search_deferral, search_order};

// Russian writes ё and е interchangeably (Фёдор, Федор), and FTS5's unicode61 does not fold them:
// both the index and the query spell ё as е.

/// Rewrites the name entry of one case from its materialised row. A deleted case has none.
pub(crate) fn reindex_case(tx: &Transaction<'_>, id: EntityId) -> Result<()> {
    remove_name_entry(tx, id)?;
    let body: Option<String> = tx
        .prepare_cached(
            "SELECT concat_ws(' ', name, native_name, aliases, a_number, nationality)
             FROM cases WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?;
    let Some(body) = body else {
        return Ok(());
    };
    let written = search_order::written(tx, id)?;
    let rowid = search_order::place(tx, search_order::NAMES, &written, id, None)?;
    tx.prepare_cached("INSERT INTO name_index (rowid, case_id, body) VALUES (?1, ?2, ?3)")?
        .execute((rowid, id.to_string(), fold_yo(&body)))?;
    tx.prepare_cached("INSERT INTO name_rows (case_id, fts_rowid) VALUES (?1, ?2)")?
        .execute((id.to_string(), rowid))?;
    Ok(())
}

/// Indexes `text` as the entry of `entity`, one of the records of case `case_id`, ordered by
/// when the record was last written (`search_order`).
pub(crate) fn add_entry(
    tx: &Transaction<'_>,
    entity: EntityId,
    case_id: EntityId,
    text: &str,
) -> Result<()> {
    let entity_type: String = tx
        .prepare_cached("SELECT entity_type FROM records WHERE id = ?1")?
        .query_row([entity.to_string()], |row| row.get(0))?;
    let written = search_order::written(tx, entity)?;
    let rowid = search_order::place(
        tx,
        search_order::RECORDS,
        &written,
        case_id,
        Some(&entity_type),
    )?;
    let (entity_text, case_text, body) = (entity.to_string(), case_id.to_string(), fold_yo(text));
    if search_deferral::active(tx)? {
        search_deferral::hold(tx, rowid, &entity_text, &case_text, &body)?;
    } else {
        tx.prepare_cached(
            "INSERT INTO search_index (rowid, entity_id, case_id, body) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute((rowid, &entity_text, &case_text, body))?;
    }
    tx.prepare_cached("INSERT INTO search_rows (entity_id, fts_rowid) VALUES (?1, ?2)")?
        .execute((entity_text, rowid))?;
    Ok(())
}

/// Removes every search entry of `entity`, a case (its name entry) or a record.
pub(crate) fn remove_entry(tx: &Transaction<'_>, entity: EntityId) -> Result<()> {
    remove_record_entry(tx, entity)?;
    remove_name_entry(tx, entity)
}

/// Removes the entry of record `entity`, if it has one, by rowid: FTS5 cannot find rows by an
/// unindexed column without reading the whole index.
pub(crate) fn remove_record_entry(tx: &Transaction<'_>, entity: EntityId) -> Result<()> {
    if let Some(rowid) = remove_entry_in(tx, search_order::RECORDS, entity)? {
        search_deferral::drop_held(tx, rowid)?;
    }
    Ok(())
}

fn remove_name_entry(tx: &Transaction<'_>, case: EntityId) -> Result<()> {
    remove_entry_in(tx, search_order::NAMES, case).map(drop)
}

/// Removes the entry of `entity` from `table`, if it has one, and returns its rowid. The rowid
/// is read, then deleted, rather than `DELETE ... RETURNING`: RETURNING builds a temporary table
/// on every call, locked and wiped like every allocation of the vault, and most calls (one for
/// each received record) find no entry (docs/benchmarks.md, "Import: where the time goes").
fn remove_entry_in(
    tx: &Transaction<'_>,
    table: search_order::Ordered,
    entity: EntityId,
) -> Result<Option<i64>> {
    let Some(rowid) = search_order::rowid_of_entity(tx, table, entity)? else {
        return Ok(None);
    };
    search_order::forget_entity(tx, table, entity)?;
    tx.prepare_cached(&format!("DELETE FROM {} WHERE rowid = ?1", table.fts()))?
        .execute([rowid])?;
    search_order::forget_rowid(tx, table, rowid)?;
    Ok(Some(rowid))
}

fn fold_yo(text: &str) -> String {
    text.replace('ё', "е").replace('Ё', "Е")
}

/// What a person typed, as FTS5 queries.
pub(crate) struct Query {
    /// The FTS5 query: an A-number in any form becomes its nine digits; otherwise each word must
    /// match the start of a word of the entry, in any order. Every word is quoted, so FTS5
    /// operators typed by the user are taken as plain text.
    pub(super) fts: String,
    /// The same words as whole words (`"ivan" "petrov"`); none for an A-number, which `fts`
    /// already holds whole. Records holding every word whole are found first (`search_answer`):
    /// FTS5 reads a whole word's entries newest first and stops once the page is full, while a
    /// word's start longer than the prefix indexes (`prefix = '2 3'`) makes it read every entry
    /// of every word so beginning (docs/benchmarks.md, "Search: whole words first").
    pub(super) whole_words: Option<String>,
    /// Whether records are searched too: not while a word is a single letter, which would
    /// match nearly every note (names have a one-letter prefix index; notes do not).
    pub(super) records: bool,
}

pub(crate) fn parse_query(typed: &str) -> Option<Query> {
    if let Ok(a_number) = ANumber::parse(typed) {
        return Some(Query {
            fts: format!("\"{}\"", a_number.digits()),
            whole_words: None,
            records: true,
        });
    }
    let words: Vec<&str> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let quoted = |suffix: &str| {
        words
            .iter()
            .map(|w| format!("\"{}\"{suffix}", fold_yo(w)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let records = words.iter().all(|w| w.chars().count() >= MIN_RECORD_WORD);
    (!words.is_empty()).then(|| Query {
        fts: quoted("*"),
        whole_words: Some(quoted("")),
        records,
    })
}

/// The shortest word that searches records as well as names.
pub(crate) const MIN_RECORD_WORD: usize = 2;
/// The most cases one search returns; the interface asks people to type more beyond that.
pub(crate) const MAX_HITS: usize = 200;
/// How many of the newest matching record entries are read to find the cases they belong to:
/// first of those holding every word whole, then of those holding each as a word's start.
pub(crate) const MAX_ENTRIES: usize = 2000;

impl Vault {
    /// Cases matching `typed`: cases whose names (or A-number, aliases, nationality) match
    /// first, the most recently written case first; then cases with a record (a note, evidence,
    /// a relative, a task, an attachment) holding every typed word whole, the case of the most
    /// recently written such record first; then the other cases with a record in which every
    /// typed word starts a word, the same way; each with that record's snippet. "Written" is the
    /// time of the operation that last wrote the case or record, so every device holding the
    /// same records gives the same answer (`search_order`). At most `MAX_HITS` cases, found
    /// among the `MAX_ENTRIES` newest records of each kind of match. This is every page of
    /// `search_page`, in order.
    pub fn search_cases(&self, typed: &str) -> Result<Vec<SearchHit>> {
        match parse_query(typed) {
            Some(query) => search_answer::whole(self.connection(), &query),
            None => Ok(Vec::new()),
        }
    }

    /// Page `page` (from 0, `size` cases each: the interface asks for `PAGE_SIZE`) of what
    /// `search_cases` answers, and whether a later page holds more. Only this page's cases and
    /// snippets are read.
    pub fn search_page(&self, typed: &str, page: usize, size: usize) -> Result<SearchPage> {
        match parse_query(typed) {
            Some(query) => search_answer::page(self.connection(), &query, page, size),
            None => Ok(SearchPage::default()),
        }
    }
}

/// When `entity` (a case or a record) was last written: the greatest (clock, device) among the
/// operations on it in the log. Search ranks by this; it is read here from the log itself, not
/// from the search tables, for checks (`tests/query_oracle.rs`).
pub fn last_written(vault: &Vault, entity: EntityId) -> Result<Option<(Hlc, DeviceId)>> {
    let row: Option<(String, String)> = vault
        .connection()
        .query_row(
            "SELECT hlc, device_id FROM ops WHERE entity_id = ?1
             ORDER BY hlc DESC, device_id DESC LIMIT 1",
            [entity.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let damaged = |reason: String| Error::Invalid {
        field: "operation log",
        reason,
    };
    row.map(|(hlc, device)| {
        Ok((
            hlc.parse()
                .map_err(|e: HlcParseError| damaged(e.to_string()))?,
            device
                .parse()
                .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?,
        ))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::parse_query;

    fn fts_query(typed: &str) -> Option<String> {
        parse_query(typed).map(|q| q.fts)
    }

    #[test]
    fn one_letter_words_search_names_only() {
        assert!(!parse_query("p").unwrap().records);
        assert!(!parse_query("ivan p").unwrap().records);
        assert!(parse_query("pe").unwrap().records);
        assert!(parse_query("A12345678").unwrap().records, "an A-number");
    }

    #[test]
    fn queries_quote_every_word_and_recognise_a_numbers() {
        let cases = [
            ("Петров", Some("\"Петров\"*")),
            ("ivan petrov", Some("\"ivan\"* \"petrov\"*")),
            ("A-012-345-678", Some("\"012345678\"")),
            ("12345678", Some("\"012345678\"")),
            ("NOT OR \"x", Some("\"NOT\"* \"OR\"* \"x\"*")),
            ("  -- ", None),
        ];
        for (typed, expected) in cases {
            assert_eq!(fts_query(typed).as_deref(), expected, "{typed}");
        }
    }

    #[test]
    fn whole_words_are_the_same_words_without_their_prefix_marks() {
        let whole = |typed: &str| parse_query(typed).and_then(|q| q.whole_words);
        assert_eq!(whole("warm Socks").as_deref(), Some("\"warm\" \"Socks\""));
        assert_eq!(whole("Фёдор").as_deref(), Some("\"Федор\""));
        assert_eq!(whole("A-012-345-678"), None, "an A-number is already whole");
    }
}
