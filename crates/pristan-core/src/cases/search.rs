//! Finding cases by name (Latin or native script, any case, with or without diacritics) or by
//! A-number however it is typed, through SQLite FTS5 inside the encrypted database.

use rusqlite::{OptionalExtension, Transaction};

use crate::domain::views::{SearchHit, SearchMatch};
use crate::domain::ANumber;
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

// Russian writes ё and е interchangeably (Фёдор, Федор), and FTS5's unicode61 does not fold them:
// both the index and the query spell ё as е.

/// Rewrites the search entry of one case from its materialised row. A deleted case has none.
pub(crate) fn reindex_case(tx: &Transaction<'_>, id: EntityId) -> Result<()> {
    remove_entry(tx, id)?;
    let body: Option<String> = tx
        .prepare_cached(
            "SELECT concat_ws(' ', name, native_name, aliases, a_number, nationality)
             FROM cases WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |row| row.get(0))
        .optional()?;
    match body {
        Some(body) => add_entry(tx, id, id, &body),
        None => Ok(()),
    }
}

/// Indexes `text` as the entry of `entity` (a case or one of its records).
pub(crate) fn add_entry(
    tx: &Transaction<'_>,
    entity: EntityId,
    case_id: EntityId,
    text: &str,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO search_index (entity_id, case_id, body) VALUES (?1, ?2, ?3)")?
        .execute((
            entity.to_string(),
            case_id.to_string(),
            text.replace('ё', "е").replace('Ё', "Е"),
        ))?;
    tx.prepare_cached(
        "INSERT INTO search_rows (entity_id, fts_rowid) VALUES (?1, last_insert_rowid())",
    )?
    .execute([entity.to_string()])?;
    Ok(())
}

/// Removes the entry of `entity`, if it has one, by rowid: FTS5 cannot find rows by an
/// unindexed column without reading the whole index.
pub(crate) fn remove_entry(tx: &Transaction<'_>, entity: EntityId) -> Result<()> {
    let rowid: Option<i64> = tx
        .prepare_cached("DELETE FROM search_rows WHERE entity_id = ?1 RETURNING fts_rowid")?
        .query_row([entity.to_string()], |row| row.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

/// The FTS5 query for what a person typed: an A-number in any form becomes its nine digits;
/// otherwise each word must match the start of a word in the case, in any order. Every word is
/// quoted, so FTS5 operators typed by the user are taken as plain text.
fn fts_query(typed: &str) -> Option<String> {
    if let Ok(a_number) = ANumber::parse(typed) {
        return Some(format!("\"{}\"", a_number.digits()));
    }
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('ё', "е").replace('Ё', "Е")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Vault {
    /// Cases matching `typed`, best matches first.
    pub fn search_cases(&self, typed: &str) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(typed) else {
            return Ok(Vec::new());
        };
        // The best-ranked entries (FTS5 keeps only the top ones while ranking), then one per case;
        // snippets only for the cases returned.
        let rows: Vec<(String, String, i64)> = {
            let mut stmt = self.connection().prepare(
                "SELECT case_id, entity_id, rowid FROM search_index
                 WHERE search_index MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let rows = stmt.query_map((&query, MAX_ENTRIES), |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut hits: Vec<SearchHit> = Vec::with_capacity(rows.len());
        for (case_id, entity_id, rowid) in rows {
            let (Ok(case_id), Ok(entity_id)) =
                (case_id.parse::<EntityId>(), entity_id.parse::<EntityId>())
            else {
                continue;
            };
            if hits.len() as i64 >= MAX_HITS || hits.iter().any(|h| h.case.id == case_id) {
                continue;
            }
            let Some(case) = self.case(case_id)? else {
                continue;
            };
            let matched = if entity_id == case_id {
                None
            } else {
                self.search_match(&query, entity_id, rowid)?
            };
            hits.push(SearchHit { case, matched });
        }
        Ok(hits)
    }
}

/// The most cases one search returns; the interface asks people to type more beyond that.
const MAX_HITS: i64 = 200;
/// How many of the best-ranked entries are read to find them.
const MAX_ENTRIES: i64 = 500;

impl Vault {
    /// What a matching record is, and the words around the match.
    fn search_match(
        &self,
        query: &str,
        entity_id: EntityId,
        rowid: i64,
    ) -> Result<Option<SearchMatch>> {
        Ok(self
            .connection()
            .query_row(
                "SELECT r.entity_type, s.body
                 FROM search_index s JOIN records r ON r.id = s.entity_id
                 WHERE search_index MATCH ?1 AND s.rowid = ?2",
                (query, rowid),
                |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
            )
            .optional()?
            .map(|(entity_type, body)| SearchMatch {
                entity_id,
                entity_type,
                snippet: super::snippet::snippet(&body, query),
            }))
    }
}

#[cfg(test)]
mod tests {
    use super::fts_query;

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
}
