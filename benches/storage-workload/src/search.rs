//! Searching as `cases::search::search_cases` does: cases whose names match, newest first, then
//! the cases of the newest records holding every word whole, then of the newest holding each
//! word as a word's start, each case read and its record's text read back for the snippet (the
//! snippet itself, Rust string work, is left out). Unlike the core's search, every page is read
//! (up to `MAX_HITS` cases), newest entry first by rowid. Keep in step with the core.

use rusqlite::{Connection, OptionalExtension};

pub const MAX_HITS: usize = 200;
pub const MAX_ENTRIES: i64 = 2000;

/// `cases::COLUMNS`.
const CASE_COLUMNS: &str =
    "id, name, native_name, a_number, date_of_birth, nationality, custody_status, \
     aliases, languages, facility_id, attorney_name, attorney_contact, g28, eoir28, eoir27, \
     assigned_to";

/// What a person typed, as the core's `parse_query` makes it: each word quoted and followed by
/// `suffix` (`*`: the start of a word; nothing: the whole word).
pub fn fts_query(typed: &str, suffix: &str) -> String {
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"{suffix}", super::apply::fold_yo(w)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The case ids found for `typed`, in the order shown.
pub fn search(conn: &Connection, typed: &str) -> rusqlite::Result<Vec<String>> {
    let fts = fts_query(typed, "*");
    let records = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().count() >= 2);
    let mut hits: Vec<String> = Vec::new();
    let mut names = conn.prepare_cached(
        "SELECT case_id FROM name_index WHERE name_index MATCH ?1 ORDER BY rowid DESC",
    )?;
    let mut rows = names.query([&fts])?;
    while let Some(row) = rows.next()? {
        if hits.len() >= MAX_HITS {
            return Ok(hits);
        }
        let case_id: String = row.get(0)?;
        if read_case(conn, &case_id)? {
            hits.push(case_id);
        }
    }
    if !records {
        return Ok(hits);
    }
    let mut seen: std::collections::HashSet<String> = hits.iter().cloned().collect();
    // Records holding every word whole first, then those holding each as a word's start.
    for fts in [fts_query(typed, ""), fts] {
        if hits.len() >= MAX_HITS {
            break;
        }
        record_hits(conn, &fts, &mut seen, &mut hits)?;
    }
    Ok(hits)
}

/// Adds to `hits`, up to `MAX_HITS`, the cases not yet `seen` of the newest records matching `fts`.
fn record_hits(
    conn: &Connection,
    fts: &str,
    seen: &mut std::collections::HashSet<String>,
    hits: &mut Vec<String>,
) -> rusqlite::Result<()> {
    let mut entries = conn.prepare_cached(
        "SELECT case_id, entity_id, rowid FROM search_index
         WHERE search_index MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
    )?;
    let mut rows = entries.query((fts, MAX_ENTRIES))?;
    while let Some(row) = rows.next()? {
        if hits.len() >= MAX_HITS {
            break;
        }
        let case_id: String = row.get(0)?;
        if !seen.insert(case_id.clone()) {
            continue;
        }
        if !read_case(conn, &case_id)? {
            continue;
        }
        let rowid: i64 = row.get(2)?;
        let _matched: Option<(String, String)> = conn
            .prepare_cached(
                "SELECT r.entity_type, s.body
                 FROM search_index s JOIN records r ON r.id = s.entity_id
                 WHERE s.rowid = ?1",
            )?
            .query_row([rowid], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        hits.push(case_id);
    }
    Ok(())
}

/// `Vault::case`: one case's row (prepared each time, as the core's `query_row` does).
fn read_case(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?1 AND deleted = 0");
    let found: Option<String> = conn.query_row(&sql, [id], |row| row.get(1)).optional()?;
    Ok(found.is_some())
}
