//! Finding cases by name (Latin or native script, any case, with or without diacritics) or by
//! A-number however it is typed, through SQLite FTS5 inside the encrypted database.

use rusqlite::Transaction;
use serde::Serialize;

use super::CaseRecord;
use crate::domain::ANumber;
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

/// A case that matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub case: CaseRecord,
}

// Russian writes ё and е interchangeably (Фёдор, Федор), and FTS5's unicode61 does not fold them:
// both the index and the query spell ё as е.

/// Rewrites the search entry of one case from its materialised row. A deleted case has none.
pub(crate) fn reindex_case(tx: &Transaction<'_>, id: EntityId) -> Result<()> {
    let id = id.to_string();
    tx.execute("DELETE FROM search_index WHERE entity_id = ?1", [&id])?;
    tx.execute(
        "INSERT INTO search_index (entity_id, case_id, body)
         SELECT id, id, replace(replace(concat_ws(' ', name, native_name, a_number, nationality),
                                'ё', 'е'), 'Ё', 'Е')
         FROM cases WHERE id = ?1 AND deleted = 0",
        [&id],
    )?;
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
        let ids: Vec<String> = {
            let mut stmt = self.connection().prepare(
                "SELECT case_id FROM search_index WHERE search_index MATCH ?1 ORDER BY rank LIMIT 500",
            )?;
            let rows = stmt.query_map([query], |row| row.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut hits: Vec<SearchHit> = Vec::with_capacity(ids.len());
        for id in ids {
            let Ok(id) = id.parse::<EntityId>() else {
                continue;
            };
            if hits.iter().any(|h| h.case.id == id) {
                continue; // a case can match through several entries (notes, later)
            }
            if let Some(case) = self.case(id)? {
                hits.push(SearchHit { case });
            }
        }
        Ok(hits)
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
