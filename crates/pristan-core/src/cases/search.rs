//! Finding cases by name (Latin or native script, any case, with or without diacritics) or by
//! A-number however it is typed, through SQLite FTS5 inside the encrypted database.

use rusqlite::Transaction;

use crate::domain::views::{SearchHit, SearchMatch};
use crate::domain::ANumber;
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

// Russian writes ё and е interchangeably (Фёдор, Федор), and FTS5's unicode61 does not fold them:
// both the index and the query spell ё as е.

/// Rewrites the search entry of one case from its materialised row. A deleted case has none.
pub(crate) fn reindex_case(tx: &Transaction<'_>, id: EntityId) -> Result<()> {
    let id = id.to_string();
    tx.execute("DELETE FROM search_index WHERE entity_id = ?1", [&id])?;
    tx.execute(
        "INSERT INTO search_index (entity_id, case_id, body)
         SELECT id, id, replace(replace(concat_ws(' ', name, native_name, aliases, a_number, nationality),
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
        let rows: Vec<(String, String, Option<String>, String)> = {
            let mut stmt = self.connection().prepare(
                "SELECT s.case_id, s.entity_id, r.entity_type,
                        snippet(search_index, 2, '', '', '…', 12)
                 FROM search_index s LEFT JOIN records r ON r.id = s.entity_id
                 WHERE search_index MATCH ?1 ORDER BY rank LIMIT 500",
            )?;
            let rows = stmt.query_map([query], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut hits: Vec<SearchHit> = Vec::with_capacity(rows.len());
        for (case_id, entity_id, entity_type, snippet) in rows {
            let (Ok(case_id), Ok(entity_id)) =
                (case_id.parse::<EntityId>(), entity_id.parse::<EntityId>())
            else {
                continue;
            };
            if hits.iter().any(|h| h.case.id == case_id) {
                continue; // a case can match through several entries: the best one is kept
            }
            let matched = entity_type.map(|entity_type| SearchMatch {
                entity_id,
                entity_type,
                snippet,
            });
            if let Some(case) = self.case(case_id)? {
                hits.push(SearchHit { case, matched });
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
