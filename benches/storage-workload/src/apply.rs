//! Applying a local operation, statement for statement as pristan-core does it (`ops::store`
//! `record_local` and `apply`, `records::store` `materialise_as` and `reindex_chain`,
//! `cases::materialise`, `cases::search` `add_entry` / `remove_record_entry` / `reindex_case`),
//! minus the Rust around them (the model types' checks, serde of the operation). Every statement
//! is prepared once and cached, as the core's are. Keep in step with the core: the test in
//! `pristan-cli` (`bench_all::storage`) runs this on the migrated schema.

use rusqlite::{OptionalExtension, Transaction};

pub type Result<T> = rusqlite::Result<T>;

/// The device writing, and its clock: sequence numbers and fixed-width timestamps.
pub struct Writer {
    pub device: String,
    seq: i64,
    millis: u64,
}

impl Writer {
    pub fn new(device: String) -> Writer {
        Writer {
            device,
            seq: 0,
            millis: 1_764_000_000_000,
        }
    }

    fn tick(&mut self) -> String {
        self.millis += 1;
        // The core's HLC text: milliseconds and a counter, fixed width so that text order is time
        // order.
        format!("{:016x}-{:04x}", self.millis, 0)
    }
}

/// The part common to every local operation: the next sequence number, the forgotten checks, the
/// log row and the version vector. Returns the operation's timestamp.
fn log_op(
    tx: &Transaction<'_>,
    w: &mut Writer,
    entity_type: &str,
    entity: &str,
    case_id: Option<&str>,
    change: &str,
) -> Result<String> {
    let last: Option<i64> = tx
        .prepare_cached("SELECT max_seq FROM version_vector WHERE device_id = ?1")?
        .query_row([&w.device], |row| row.get(0))
        .optional()?;
    w.seq = last.unwrap_or(0) + 1;
    let hlc = w.tick();
    let mut forgotten =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM forgotten WHERE entity_id = ?1)")?;
    let _: bool = forgotten.query_row([entity], |row| row.get(0))?;
    if let Some(case_id) = case_id {
        let _: bool = forgotten.query_row([case_id], |row| row.get(0))?;
    }
    tx.prepare_cached(
        "INSERT OR IGNORE INTO ops (device_id, seq, hlc, entity_type, entity_id, change)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute((&w.device, w.seq, &hlc, entity_type, entity, change))?;
    tx.prepare_cached(
        "INSERT INTO version_vector (device_id, max_seq) VALUES (?1, ?2)
         ON CONFLICT (device_id) DO UPDATE SET max_seq = max(max_seq, excluded.max_seq)",
    )?
    .execute((&w.device, w.seq))?;
    Ok(hlc)
}

/// `ops::store::claim_field`: last-writer-wins on one field.
fn claim_field(
    tx: &Transaction<'_>,
    entity: &str,
    field: &str,
    hlc: &str,
    device: &str,
) -> Result<bool> {
    let current: Option<(String, String)> = tx
        .prepare_cached(
            "SELECT hlc, device_id FROM field_stamps WHERE entity_id = ?1 AND field = ?2",
        )?
        .query_row((entity, field), |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    if let Some((h, d)) = current {
        if (hlc, device) <= (h.as_str(), d.as_str()) {
            return Ok(false);
        }
    }
    tx.prepare_cached(
        "INSERT INTO field_stamps (entity_id, field, hlc, device_id) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (entity_id, field) DO UPDATE SET hlc = excluded.hlc, device_id = excluded.device_id",
    )?
    .execute((entity, field, hlc, device))?;
    Ok(true)
}

/// `ops::history::record_write` for a write that has seen nothing (a new case's fields).
fn record_write(
    tx: &Transaction<'_>,
    entity: &str,
    field: &str,
    hlc: &str,
    device: &str,
    value: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO field_writes (entity_id, field, hlc, device_id, value)
         SELECT ?1, ?2, ?3, ?4, ?5
         WHERE NOT EXISTS (SELECT 1 FROM field_supersedes
                           WHERE entity_id = ?1 AND field = ?2 AND hlc = ?3 AND device_id = ?4)",
    )?
    .execute((entity, field, hlc, device, value))?;
    Ok(())
}

/// A new case: an assignment of its name fields, materialised into `cases` and `name_index`.
pub fn add_case(
    tx: &Transaction<'_>,
    w: &mut Writer,
    id: &str,
    fields: &[(&str, &str)],
) -> Result<()> {
    let change = json_object(fields);
    let hlc = log_op(
        tx,
        w,
        "case",
        id,
        None,
        &format!("{{\"assign\":{{\"fields\":{change},\"seen\":{{}}}}}}"),
    )?;
    let _: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM records WHERE id = ?1)")?
        .query_row([id], |row| row.get(0))?;
    tx.prepare_cached("INSERT OR IGNORE INTO cases (id) VALUES (?1)")?
        .execute([id])?;
    for (field, value) in fields {
        // `seen_by_local_write` reads the field's heads first.
        let _heads: Vec<String> = tx
            .prepare_cached(
                "SELECT hlc, device_id, value FROM field_writes WHERE entity_id = ?1 AND field = ?2
                 ORDER BY hlc DESC, device_id DESC",
            )?
            .query_map((id, field), |row| row.get(0))?
            .collect::<Result<_>>()?;
        record_write(tx, id, field, &hlc, &w.device, &json_string(value))?;
        if claim_field(tx, id, field, &hlc, &w.device)? {
            // Field names here are the workload's own constants (columns of `cases`), never input.
            let sql = format!("UPDATE cases SET {field} = ?1 WHERE id = ?2");
            tx.prepare_cached(&sql)?.execute((value, id))?;
        }
    }
    reindex_case(tx, id)
}

/// `cases::search::reindex_case`.
fn reindex_case(tx: &Transaction<'_>, id: &str) -> Result<()> {
    let rowid: Option<i64> = tx
        .query_row(
            "DELETE FROM name_rows WHERE case_id = ?1 RETURNING fts_rowid",
            [id],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(rowid) = rowid {
        tx.execute("DELETE FROM name_index WHERE rowid = ?1", [rowid])?;
    }
    let body: Option<String> = tx
        .prepare_cached(
            "SELECT concat_ws(' ', name, native_name, aliases, a_number, nationality)
             FROM cases WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id], |row| row.get(0))
        .optional()?;
    let Some(body) = body else { return Ok(()) };
    tx.prepare_cached("INSERT INTO name_index (case_id, body) VALUES (?1, ?2)")?
        .execute((id, fold_yo(&body)))?;
    tx.prepare_cached(
        "INSERT INTO name_rows (case_id, fts_rowid) VALUES (?1, last_insert_rowid())",
    )?
    .execute([id])?;
    Ok(())
}

/// A note (an immutable record), new or a correction of `replaces`: the log row, the `records`
/// row, its stamp, and its search entry (a correction takes the entry of the note it replaces).
pub fn save_note(
    tx: &Transaction<'_>,
    w: &mut Writer,
    id: &str,
    case_id: &str,
    text: &str,
    replaces: Option<&str>,
) -> Result<()> {
    let replaces_json = replaces.map_or("null".to_owned(), json_string);
    let body = format!(
        "{{\"case_id\":{},\"kind\":\"welfare\",\"replaces\":{replaces_json},\"sensitivity\":\"normal\",\"text\":{},\"visit_id\":null}}",
        json_string(case_id),
        json_string(text)
    );
    let hlc = log_op(
        tx,
        w,
        "note",
        id,
        Some(case_id),
        &format!("{{\"record\":{{\"fields\":{body}}}}}"),
    )?;
    let _: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)")?
        .query_row([id], |row| row.get(0))?;
    tx.prepare_cached("INSERT OR IGNORE INTO records (id, entity_type) VALUES (?1, ?2)")?
        .execute((id, "note"))?;
    let _kind: String = tx
        .prepare_cached("SELECT entity_type FROM records WHERE id = ?1")?
        .query_row([id], |row| row.get(0))?;
    if claim_field(tx, id, "record", &hlc, &w.device)? {
        tx.prepare_cached("UPDATE records SET body = ?1 WHERE id = ?2")?
            .execute((&body, id))?;
    }
    tx.prepare_cached(
        "UPDATE records SET case_id = json_extract(body, '$.case_id') WHERE id = ?1",
    )?
    .execute([id])?;
    reindex_note(tx, id)
}

/// `records::store::reindex_chain` for a note that is not deleted.
fn reindex_note(tx: &Transaction<'_>, id: &str) -> Result<()> {
    remove_record_entry(tx, id)?;
    let replaced: Option<String> = tx
        .prepare_cached("SELECT json_extract(body, '$.replaces') FROM records WHERE id = ?1")?
        .query_row([id], |row| row.get::<_, Option<String>>(0))
        .optional()?
        .flatten();
    let body: Option<String> = tx
        .prepare_cached(
            "SELECT body FROM records WHERE id = ?1 AND entity_type = ?2 AND deleted = 0",
        )?
        .query_row((id, "note"), |row| row.get(0))
        .optional()?;
    let Some(body) = body else { return Ok(()) };
    if let Some(replaced) = replaced {
        remove_record_entry(tx, &replaced)?;
    }
    let superseded: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM records WHERE entity_type = 'note' AND deleted = 0
                            AND json_extract(body, '$.replaces') = ?1)",
        )?
        .query_row([id], |row| row.get(0))?;
    if superseded {
        return Ok(());
    }
    // The core parses the body into its type to get the case and the text; so does this, crudely.
    let (case_id, text) = note_case_and_text(&body);
    tx.prepare_cached("INSERT INTO search_index (entity_id, case_id, body) VALUES (?1, ?2, ?3)")?
        .execute((id, case_id, fold_yo(&text)))?;
    tx.prepare_cached(
        "INSERT INTO search_rows (entity_id, fts_rowid) VALUES (?1, last_insert_rowid())",
    )?
    .execute([id])?;
    Ok(())
}

/// `cases::search::remove_record_entry`.
fn remove_record_entry(tx: &Transaction<'_>, entity: &str) -> Result<()> {
    let rowid: Option<i64> = tx
        .prepare_cached("DELETE FROM search_rows WHERE entity_id = ?1 RETURNING fts_rowid")?
        .query_row([entity], |row| row.get(0))
        .optional()?;
    if let Some(rowid) = rowid {
        tx.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
            .execute([rowid])?;
    }
    Ok(())
}

fn note_case_and_text(body: &str) -> (String, String) {
    let field = |name: &str| -> String {
        let key = format!("\"{name}\":\"");
        body.find(&key)
            .map(|at| json_unescape_prefix(&body[at + key.len()..]))
            .unwrap_or_default()
    };
    (field("case_id"), field("text"))
}

/// The JSON string that starts `text` (just after its opening quote), unescaped.
fn json_unescape_prefix(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => break,
            },
            c => out.push(c),
        }
    }
    out
}

pub fn fold_yo(text: &str) -> String {
    text.replace('ё', "е").replace('Ё', "Е")
}

pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_object(fields: &[(&str, &str)]) -> String {
    let inner: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("{}:{}", json_string(k), json_string(v)))
        .collect();
    format!("{{{}}}", inner.join(","))
}
