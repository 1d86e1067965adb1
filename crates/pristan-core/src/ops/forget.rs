//! Forgetting a person (DESIGN.md §1): a `Change::Forget` operation purges the case, its records,
//! their history, search entries, drafts and attachments' contents, keeping only random ids in
//! `forgotten` so that older operations arriving later are dropped instead of bringing the person
//! back.
//!
//! What stays: the Forget operation itself (the case's random id and the reason), the ids of the
//! case and its records in `forgotten`, and the version vector (sequence numbers only). Facilities
//! are shared by many cases and are not the person's, so they stay. Bundles waiting in
//! `quarantine` are kept encrypted as they arrived; importing one later drops its operations.
//!
//! Purging is the same whichever order operations arrive in: a record of the case that arrives
//! after the Forget is dropped and its id added to `forgotten`, exactly as it would have been
//! purged and added had it arrived before.

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::op::{Change, EntityType, ForgetReason, Op};
use super::EntityId;
use crate::cases::search::remove_entry;
use crate::error::{Error, Result};
use crate::vault::Vault;

impl Vault {
    /// Forgets a case on this device and, once the operation travels, on every device that
    /// receives it. Its rows, records, history and attachments are purged, then the database file
    /// is rewritten so that no page of it keeps the old contents.
    ///
    /// Only a coordinator forgets in an organisation (`org::permissions`, checked by
    /// `Vault::record`): every other device refuses a volunteer's forget instruction, and the
    /// bundle carrying it with all its other changes, so a volunteer's vault refuses it rather than
    /// forget locally and lose that bundle. A vault in no organisation forgets on its own.
    pub fn forget_case(&mut self, case: EntityId, reason: ForgetReason) -> Result<()> {
        // The role rule (org::permissions) would refuse it at `record` too; asked here first so
        // that nothing is read about the case for a device that may not forget it.
        if let Some(role) = self.own_role()? {
            crate::org::permissions::may_write(role, EntityType::Case, &Change::Forget { reason })
                .map_err(Error::NotPermitted)?;
        }
        let known: bool = self.connection().query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)",
            [case.to_string()],
            |row| row.get(0),
        )?;
        if !known {
            return Err(Error::Invalid {
                field: "case",
                reason: format!("there is no case {case} to forget"),
            });
        }
        self.record(EntityType::Case, case, Change::Forget { reason })?;
        compact_after_forget(self.connection())
    }
}

/// Folds the write-ahead log into the database and empties it, then rewrites the database so that
/// freed pages holding a forgotten person's data are gone. `VACUUM` in WAL mode writes the new
/// file through the log, so the log is emptied again afterwards. Run after the transaction that
/// applied a Forget has committed (a bundle import too): `VACUUM` cannot run inside one.
pub(crate) fn compact_after_forget(conn: &Connection) -> Result<()> {
    // Contents stored before imports checked that a record names them (issue 10, finding 4)
    // go now, before the file is rewritten.
    remove_orphan_blobs(conn)?;
    let checkpoint = || conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    checkpoint()?;
    conn.execute_batch("VACUUM")?;
    checkpoint()?;
    Ok(())
}

/// Removes attachment contents that no remaining attachment record names. `NOT IN` with a NULL
/// in the list is never true, hence the filter.
pub(crate) fn remove_orphan_blobs(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "DELETE FROM blobs WHERE sha256 NOT IN (
             SELECT json_extract(body, '$.sha256') FROM records
             WHERE entity_type = 'attachment' AND json_extract(body, '$.sha256') IS NOT NULL)",
        [],
    )?)
}

/// Whether `op` concerns a forgotten case: its entity is forgotten, or it creates or assigns a
/// record whose `case_id` is. In the second case the record is purged (an earlier operation may
/// have created it without naming its case) and its id joins `forgotten`. Only a type that keeps
/// `case_id` names a case by it: elsewhere (a case, a facility) the field is not materialised, and
/// reading it would drop the entity when the forget came first and keep it otherwise.
pub(crate) fn drop_if_forgotten(tx: &Transaction<'_>, op: &Op) -> Result<bool> {
    if is_forgotten(tx, &op.entity.to_string())? {
        return Ok(true);
    }
    if !crate::records::keeps_field(op.entity_type, "case_id") {
        return Ok(false);
    }
    let case_id = match &op.change {
        Change::Assign { fields, .. } | Change::Record { fields } => fields.get("case_id"),
        Change::Delete | Change::Forget { .. } => None,
    };
    let Some(case_id) = case_id.and_then(|v| v.as_str()) else {
        return Ok(false);
    };
    if !is_forgotten(tx, case_id)? {
        return Ok(false);
    }
    purge_entity(tx, op.entity)?;
    Ok(true)
}

fn is_forgotten(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM forgotten WHERE entity_id = ?1)")?
        .query_row([id], |row| row.get(0))?)
}

/// Purges `case` and everything of it, in the caller's transaction.
pub(crate) fn purge_case(tx: &Transaction<'_>, case: EntityId) -> Result<()> {
    // The sweep below reads the FTS5 table: entries an import holds back are written first.
    crate::cases::search_deferral::write_waiting(tx)?;
    // Who must hear of this forget, before the assignment goes with the case.
    super::holders::note_assigned(tx, case)?;
    let case_text = case.to_string();
    let mut entities = vec![case];
    {
        let mut stmt = tx.prepare("SELECT id FROM records WHERE case_id = ?1 OR id = ?1")?;
        let ids = stmt.query_map([&case_text], |row| row.get::<_, String>(0))?;
        for id in ids {
            // Record ids are written by this code from parsed ids; one that does not parse cannot
            // be an entity of the log, and its row goes with the case's rows below.
            if let Ok(id) = id?.parse::<EntityId>() {
                entities.push(id);
            }
        }
    }
    for entity in entities {
        purge_entity(tx, entity)?;
    }
    tx.execute(
        "DELETE FROM records WHERE case_id = ?1 OR id = ?1",
        [&case_text],
    )?;
    // Rows no entity lookup found (there should be none): the case keeps no legal facts either.
    crate::case_facts::legal_facts_changed(tx, &case_text)?;
    tx.execute("DELETE FROM drafts WHERE case_id = ?1", [&case_text])?;
    crate::family::forget_cards_of(tx, &case_text)?;
    sweep_search_index(tx, &case_text)?;
    remove_orphan_blobs(tx)?;
    // FTS5 deletes by adding delete markers; the forgotten words stay in older index segments
    // until they are merged. Merging now drops them.
    for table in ["search_index", "name_index"] {
        tx.execute(
            &format!("INSERT INTO {table} ({table}) VALUES ('optimize')"),
            [],
        )?;
    }
    Ok(())
}

/// Everything of one entity (the case or one of its records), and its id into `forgotten`.
fn purge_entity(tx: &Transaction<'_>, entity: EntityId) -> Result<()> {
    remove_entry(tx, entity)?;
    let id = entity.to_string();
    // A legal event's case loses its row in `case_legal_facts`, or has it written again.
    let legal_case: Option<Option<String>> = tx
        .prepare_cached(
            "SELECT case_id FROM records WHERE id = ?1 AND entity_type = 'legal_event'",
        )?
        .query_row([&id], |row| row.get(0))
        .optional()?;
    for sql in [
        "DELETE FROM cases WHERE id = ?1",
        "DELETE FROM records WHERE id = ?1",
        "DELETE FROM field_stamps WHERE entity_id = ?1",
        "DELETE FROM field_writes WHERE entity_id = ?1",
        "DELETE FROM field_supersedes WHERE entity_id = ?1",
        // Forget operations stay, so that every device keeps the same log.
        "DELETE FROM ops WHERE entity_id = ?1 AND json_extract(change, '$.type') IS NOT 'forget'",
        "INSERT OR IGNORE INTO forgotten (entity_id) VALUES (?1)",
    ] {
        tx.execute(sql, [&id])?;
    }
    if let Some(Some(case)) = legal_case {
        crate::case_facts::legal_facts_changed(tx, &case)?;
    }
    Ok(())
}

/// Search entries filed under the case that no entity lookup found (there should be none). FTS5
/// reads its whole table for this; forgetting is rare.
fn sweep_search_index(tx: &Transaction<'_>, case: &str) -> Result<()> {
    let entries: Vec<(i64, String)> = {
        let mut stmt =
            tx.prepare("SELECT rowid, entity_id FROM search_index WHERE case_id = ?1")?;
        let rows = stmt.query_map([case], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (rowid, entity) in entries {
        tx.execute("DELETE FROM search_index WHERE rowid = ?1", [rowid])?;
        tx.execute("DELETE FROM search_rows WHERE entity_id = ?1", [entity])?;
        tx.execute("DELETE FROM search_order WHERE fts_rowid = ?1", [rowid])?;
    }
    let names: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT rowid FROM name_index WHERE case_id = ?1")?;
        let rows = stmt.query_map([case], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for rowid in names {
        tx.execute("DELETE FROM name_index WHERE rowid = ?1", [rowid])?;
        tx.execute("DELETE FROM name_order WHERE fts_rowid = ?1", [rowid])?;
    }
    tx.execute("DELETE FROM name_rows WHERE case_id = ?1", [case])?;
    Ok(())
}
