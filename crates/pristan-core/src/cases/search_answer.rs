//! A search's answer, one page at a time: which cases, in which order, and for each case found by
//! a record, that record's snippet.
//!
//! The order is decided from the FTS5 doclists and the side tables alone (`search_order`): names
//! first, newest case first; then cases by their newest record holding every word whole; then
//! the other cases by their newest record holding every word as a word's start. Only the page's
//! cases are read (in one query) and only its records' bodies (in one query), for their snippets.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::search::{Query, MAX_ENTRIES, MAX_HITS};
use super::{case_from_row, COLUMNS};
use crate::domain::views::{SearchHit, SearchMatch, SearchPage};
use crate::domain::CaseRecord;
use crate::error::Result;
use crate::ops::EntityId;

/// How many cases one page shows.
pub const PAGE_SIZE: usize = 30;

/// A case found, and the FTS5 rowid of its newest matching record when not its name.
type Found = (String, Option<i64>);

/// Page `page` (from 0) of the answer to `query`, `size` cases a page (at least one): the hits,
/// and whether more follow. The answer as a whole holds at most `MAX_HITS` cases.
pub(crate) fn page(
    conn: &Connection,
    query: &Query,
    page: usize,
    size: usize,
) -> Result<SearchPage> {
    let size = size.clamp(1, MAX_HITS);
    let start = page.saturating_mul(size).min(MAX_HITS);
    let end = (start + size).min(MAX_HITS);
    // One case past the page tells whether there is another.
    let found = found_cases(conn, query, (end + 1).min(MAX_HITS))?;
    let more = found.len() > end;
    let shown = found.get(start..end.min(found.len())).unwrap_or_default();
    Ok(SearchPage {
        hits: hits(conn, query, shown)?,
        more,
    })
}

/// Every page of the answer to `query`, in order.
pub(crate) fn whole(conn: &Connection, query: &Query) -> Result<Vec<SearchHit>> {
    let found = found_cases(conn, query, MAX_HITS)?;
    hits(conn, query, &found)
}

/// The first `wanted` cases of the answer, in order.
fn found_cases(conn: &Connection, query: &Query, wanted: usize) -> Result<Vec<Found>> {
    let mut found: Vec<Found> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut names = conn.prepare_cached(
        "SELECT o.case_id FROM name_index n CROSS JOIN name_order o ON o.fts_rowid = n.rowid
         WHERE name_index MATCH ?1 ORDER BY n.rowid",
    )?;
    let mut rows = names.query([&query.fts])?;
    while found.len() < wanted {
        let Some(row) = rows.next()? else { break };
        let case: String = row.get(0)?;
        if seen.insert(case.clone()) {
            found.push((case, None));
        }
    }
    if !query.records {
        return Ok(found);
    }
    // Records holding every word whole first, then those holding each word as a word's start:
    // the first is read newest first and stops once the page is full (`Query::whole_words`).
    for fts in query.whole_words.iter().chain([&query.fts]) {
        if found.len() >= wanted {
            break;
        }
        newest_records(conn, fts, wanted, &mut seen, &mut found)?;
    }
    Ok(found)
}

/// Adds to `found`, until it holds `wanted` cases, the cases not yet `seen` of the records that
/// match `fts`, the case of the newest matching record first, among the `MAX_ENTRIES` newest.
fn newest_records(
    conn: &Connection,
    fts: &str,
    wanted: usize,
    seen: &mut HashSet<String>,
    found: &mut Vec<Found>,
) -> Result<()> {
    // The case must exist and not be deleted: a record can arrive before its case, or outlive it.
    // CROSS JOIN keeps the FTS5 table outermost, read newest first (ascending rowid, forwards
    // through FTS5's doclists: `search_order`), so reading stops early.
    let mut records = conn.prepare_cached(
        "SELECT o.case_id, s.rowid
         FROM search_index s
         CROSS JOIN search_order o ON o.fts_rowid = s.rowid
         CROSS JOIN cases c ON c.id = o.case_id AND c.deleted = 0
         WHERE search_index MATCH ?1 ORDER BY s.rowid LIMIT ?2",
    )?;
    let mut rows = records.query((fts, MAX_ENTRIES as i64))?;
    while found.len() < wanted {
        let Some(row) = rows.next()? else { break };
        let case: String = row.get(0)?;
        if seen.insert(case.clone()) {
            found.push((case, Some(row.get(1)?)));
        }
    }
    Ok(())
}

/// The hits for `found`, in its order: the cases read in one query, the matching records' bodies
/// in another.
fn hits(conn: &Connection, query: &Query, found: &[Found]) -> Result<Vec<SearchHit>> {
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let mut cases: HashMap<EntityId, CaseRecord> = HashMap::new();
    for chunk in found.chunks(PAGE_SIZE) {
        let sql = format!(
            "SELECT {COLUMNS} FROM cases WHERE deleted = 0 AND id IN ({})",
            marks(chunk.len())
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params_from_iter(chunk.iter().map(|(case, _)| case)),
            case_from_row,
        )?;
        for case in rows {
            let case = case?;
            cases.insert(case.id, case);
        }
    }
    let rowids: Vec<i64> = found.iter().filter_map(|(_, rowid)| *rowid).collect();
    let mut matches: HashMap<i64, SearchMatch> = HashMap::new();
    for chunk in rowids.chunks(PAGE_SIZE) {
        let sql = format!(
            "SELECT s.rowid, s.entity_id, o.entity_type, s.body
             FROM search_index s CROSS JOIN search_order o ON o.fts_rowid = s.rowid
             WHERE s.rowid IN ({})",
            marks(chunk.len())
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(chunk))?;
        while let Some(row) = rows.next()? {
            let Ok(entity_id) = row.get::<_, String>(1)?.parse::<EntityId>() else {
                continue;
            };
            let body: String = row.get(3)?;
            matches.insert(
                row.get(0)?,
                SearchMatch {
                    entity_id,
                    entity_type: row.get(2)?,
                    snippet: super::snippet::snippet(&body, &query.fts),
                },
            );
        }
    }
    Ok(found
        .iter()
        .filter_map(|(case, rowid)| {
            let case = cases.remove(&case.parse::<EntityId>().ok()?)?;
            let matched = rowid.and_then(|rowid| matches.remove(&rowid));
            Some(SearchHit { case, matched })
        })
        .collect())
}

/// `?, ?, …`: `n` parameters.
fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}
