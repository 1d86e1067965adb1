//! Record entries written while a bundle is applied wait in a temporary table and reach the FTS5
//! index together, in ascending rowid order, when the bundle's operations are all applied.
//!
//! FTS5 keeps the entries of a transaction in memory while their rowids ascend, and writes them
//! out as a new index segment whenever a rowid is not greater than the last one written. Rowids
//! are the negated keys of `search_order` (newest smallest), so a bundle, applied oldest first,
//! wrote a segment for nearly every entry, and then merged those segments: 42 % of the import
//! of a whole standard vault (docs/benchmarks.md, "Import: where the time goes").
//!
//! The side tables (`search_rows`, `search_order`) are written at once as before, so rowids are
//! placed exactly as an immediate write would place them; only the FTS5 rows wait. Whatever reads
//! or rewrites FTS5 rows inside the transaction writes the waiting ones first ([`write_waiting`]:
//! renumbering in `search_order::respace`, forgetting a case). The table lives in the temporary
//! database (`temp_store = MEMORY`: never on disk) and is made inside the import's transaction,
//! so a refused bundle's rollback removes it with everything else.

use rusqlite::Transaction;

use crate::error::Result;

/// Starts holding back record entries in this transaction. Entries already held back (there
/// should be none: only the importer holds entries back, once per transaction) are written first,
/// so that nothing held is ever lost.
pub(crate) fn begin(tx: &Transaction<'_>) -> Result<()> {
    write_waiting(tx)?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS search_waiting (
             rowid INTEGER PRIMARY KEY, entity_id TEXT, case_id TEXT, body TEXT);",
    )?;
    Ok(())
}

/// Whether record entries are being held back.
pub(crate) fn active(tx: &Transaction<'_>) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM temp.sqlite_master
                            WHERE type = 'table' AND name = 'search_waiting')",
        )?
        .query_row([], |row| row.get(0))?)
}

/// Holds back one entry (the caller checked [`active`]).
pub(crate) fn hold(
    tx: &Transaction<'_>,
    rowid: i64,
    entity_id: &str,
    case_id: &str,
    body: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO temp.search_waiting (rowid, entity_id, case_id, body) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute((rowid, entity_id, case_id, body))?;
    Ok(())
}

/// Drops the entry held back under `rowid`, if any (its record changed again, or went).
pub(crate) fn drop_held(tx: &Transaction<'_>, rowid: i64) -> Result<()> {
    if active(tx)? {
        tx.prepare_cached("DELETE FROM temp.search_waiting WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

/// Writes every entry held back into the FTS5 index, in ascending rowid order, and keeps holding
/// back what comes next.
pub(crate) fn write_waiting(tx: &Transaction<'_>) -> Result<()> {
    if active(tx)? {
        tx.execute_batch(
            "INSERT INTO search_index (rowid, entity_id, case_id, body)
                 SELECT rowid, entity_id, case_id, body FROM temp.search_waiting ORDER BY rowid;
             DELETE FROM temp.search_waiting;",
        )?;
    }
    Ok(())
}

/// Writes every entry held back and stops holding entries back.
pub(crate) fn end(tx: &Transaction<'_>) -> Result<()> {
    write_waiting(tx)?;
    tx.execute_batch("DROP TABLE IF EXISTS temp.search_waiting;")?;
    Ok(())
}
