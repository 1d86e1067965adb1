//! The order of search entries: newest first by when their record (or case) was written, the
//! same on every device (migrations 19 and 20, docs/benchmarks.md "Search: first page, side
//! table" and "Search: reading forwards").
//!
//! Each entry of `search_index` (records) and `name_index` (cases) has a row in a side table,
//! `search_order` / `name_order`, keyed by the entry's FTS5 rowid, holding its case, its record
//! type and `written`: the greatest stamp (clock, device) among the entity's field stamps, then the
//! entity's id, as fixed-width text, so that text order is the operations' total order. Each entry
//! has a **key** that grows with `written`, and its FTS5 rowid is the key negated: **ascending
//! rowid order is newest first**. A search reads the matching rowids in that order (`ORDER BY
//! rowid ASC`, which FTS5 answers by reading its doclists forwards, without the array it builds to
//! read a page backwards) and stops after the page shown, without reading a note's body, and two
//! devices holding the same records rank them (and pick the snippet's record) alike whatever order
//! they applied them in.
//!
//! A key is wanted at `(wall_ms << 21 | min(counter, 2047) << 10) + 1`, so entries written in
//! different milliseconds land far apart and an entry that arrives late by sync usually finds its
//! own slot free; otherwise it takes the middle of the gap between its neighbours in `written`
//! order; if they are adjacent, the whole table is renumbered (`respace`).

use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;
use crate::ops::EntityId;

/// One FTS5 table with its side tables.
#[derive(Clone, Copy)]
pub(crate) struct Ordered {
    /// The FTS5 table.
    fts: &'static str,
    /// Its columns besides the rowid, as written to rewrite an entry under another rowid.
    fts_columns: &'static str,
    /// The side table keyed by FTS5 rowid (`written` and the case).
    order: &'static str,
    /// The table from the entity to its FTS5 rowid.
    rows: &'static str,
    /// The column of `rows` naming the entity.
    entity_column: &'static str,
}

pub(crate) const RECORDS: Ordered = Ordered {
    fts: "search_index",
    fts_columns: "entity_id, case_id, body",
    order: "search_order",
    rows: "search_rows",
    entity_column: "entity_id",
};

pub(crate) const NAMES: Ordered = Ordered {
    fts: "name_index",
    fts_columns: "case_id, body",
    order: "name_order",
    rows: "name_rows",
    entity_column: "case_id",
};

/// A stamp earlier than any real one, for an entity without field stamps (there should be none).
const NO_STAMP: &str = "0000000000000000-00000000 00000000000000000000000000000000";

/// When `entity` was last written, as the text `search_order.written` holds: its newest field
/// stamp (clock, device), then its id.
pub(crate) fn written(tx: &Transaction<'_>, entity: EntityId) -> Result<String> {
    let id = entity.to_string();
    let stamp: Option<String> = tx
        .prepare_cached(
            "SELECT max(hlc || ' ' || device_id) FROM field_stamps WHERE entity_id = ?1",
        )?
        .query_row([&id], |row| row.get(0))?;
    Ok(format!("{} {id}", stamp.as_deref().unwrap_or(NO_STAMP)))
}

/// The FTS5 rowid of the entry with key `key`: newest (largest key) has the smallest rowid.
fn rowid_of(key: i64) -> i64 {
    -key
}

/// The key an entry written at `written` would like: its clock's milliseconds in the high bits,
/// its counter (capped) below, room for ties between devices in the lowest ten bits. Always at
/// least 1.
pub(crate) fn wanted_key(written: &str) -> i64 {
    let hex = |range: std::ops::Range<usize>| {
        written
            .get(range)
            .and_then(|digits| u64::from_str_radix(digits, 16).ok())
            .unwrap_or(0)
    };
    let wall = hex(0..16).min((1 << 42) - 1);
    let counter = hex(17..25).min(2047);
    ((wall << 21 | counter << 10) + 1) as i64
}

/// Chooses the FTS5 rowid for a new entry written at `written` and records it in the side table
/// (`case_id`, `entity_type`: `None` for a name entry). The caller then inserts the entry under
/// that rowid.
pub(crate) fn place(
    tx: &Transaction<'_>,
    table: Ordered,
    written: &str,
    case_id: EntityId,
    entity_type: Option<&str>,
) -> Result<i64> {
    let key = match free_key(tx, table, written)? {
        Some(key) => key,
        None => {
            respace(tx, table)?;
            // After respacing every gap, the first and the last included, holds a free key; an
            // error, never a panic, if that were ever wrong (a received bundle reaches here).
            free_key(tx, table, written)?.ok_or_else(|| crate::error::Error::Invalid {
                field: "search order",
                reason: "no free place for a search entry after renumbering".into(),
            })?
        }
    };
    let rowid = rowid_of(key);
    match entity_type {
        Some(kind) => tx
            .prepare_cached(&format!(
                "INSERT INTO {} (fts_rowid, case_id, entity_type, written) VALUES (?1, ?2, ?3, ?4)",
                table.order
            ))?
            .execute((rowid, case_id.to_string(), kind, written))?,
        None => tx
            .prepare_cached(&format!(
                "INSERT INTO {} (fts_rowid, case_id, written) VALUES (?1, ?2, ?3)",
                table.order
            ))?
            .execute((rowid, case_id.to_string(), written))?,
    };
    Ok(rowid)
}

/// A key strictly between those of the entries just before and just after `written`, if there
/// is one: the wanted one if it is there, else the middle of the gap.
fn free_key(tx: &Transaction<'_>, table: Ordered, written: &str) -> Result<Option<i64>> {
    let neighbour_key = |sql: String| -> Result<Option<i64>> {
        let rowid: Option<i64> = tx
            .prepare_cached(&sql)?
            .query_row([written], |row| row.get(0))
            .optional()?;
        Ok(rowid.map(rowid_of))
    };
    let below = neighbour_key(format!(
        "SELECT fts_rowid FROM {} WHERE written < ?1 ORDER BY written DESC LIMIT 1",
        table.order
    ))?
    .unwrap_or(0);
    let above = neighbour_key(format!(
        "SELECT fts_rowid FROM {} WHERE written > ?1 ORDER BY written LIMIT 1",
        table.order
    ))?
    .unwrap_or(i64::MAX);
    let wanted = wanted_key(written);
    Ok(if below < wanted && wanted < above {
        Some(wanted)
    } else if above - below >= 2 {
        Some(below + (above - below) / 2)
    } else {
        None
    })
}

impl Ordered {
    /// The FTS5 table's name.
    pub(crate) fn fts(&self) -> &'static str {
        self.fts
    }
}

/// The FTS5 rowid of the entry of `entity` in `table`, if it has one.
pub(crate) fn rowid_of_entity(
    tx: &Transaction<'_>,
    table: Ordered,
    entity: EntityId,
) -> Result<Option<i64>> {
    Ok(tx
        .prepare_cached(&format!(
            "SELECT fts_rowid FROM {} WHERE {} = ?1",
            table.rows, table.entity_column
        ))?
        .query_row([entity.to_string()], |row| row.get(0))
        .optional()?)
}

/// Removes the row of `entity` from `table`'s map from entity to rowid.
pub(crate) fn forget_entity(tx: &Transaction<'_>, table: Ordered, entity: EntityId) -> Result<()> {
    tx.prepare_cached(&format!(
        "DELETE FROM {} WHERE {} = ?1",
        table.rows, table.entity_column
    ))?
    .execute([entity.to_string()])?;
    Ok(())
}

/// Removes the side-table row of the entry at `rowid`.
pub(crate) fn forget_rowid(tx: &Transaction<'_>, table: Ordered, rowid: i64) -> Result<()> {
    tx.prepare_cached(&format!("DELETE FROM {} WHERE fts_rowid = ?1", table.order))?
        .execute([rowid])?;
    Ok(())
}

/// Gives every entry of `table` its wanted key again, or the next free one after the entry
/// before it, in `written` order (as migrations 19 and 20 number them). Only reached when many
/// entries share one millisecond and counter: it rewrites the entries whose rowid changes.
fn respace(tx: &Transaction<'_>, table: Ordered) -> Result<()> {
    // Entries held back by an import are moved like the others, from the FTS5 table.
    super::search_deferral::write_waiting(tx)?;
    let entries: Vec<(i64, String)> = {
        let mut stmt = tx.prepare(&format!(
            "SELECT fts_rowid, written FROM {} ORDER BY written",
            table.order
        ))?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let keys = respaced_keys(entries.iter().map(|(_, written)| written.as_str()));
    let mut moves = Vec::new();
    for ((old, _), key) in entries.iter().zip(keys) {
        let new = rowid_of(key);
        if new != *old {
            moves.push((*old, new));
        }
    }
    // Through positive rowids first (every real one is negative), so that no move lands on an
    // entry not yet moved.
    for step in [0, 1] {
        for &(old, new) in &moves {
            let (from, to) = if step == 0 { (old, -new) } else { (-new, new) };
            move_entry(tx, table, from, to)?;
        }
    }
    Ok(())
}

/// Room left before the first entry and after each one when renumbering.
const ROOM: i64 = 1024;

/// The keys `respace` gives entries written at `written` (in `written` order): each its wanted
/// key, or the first after the entry before it and its room, whichever is greater; the first at
/// least `ROOM + 1`, so that an entry written before all of them finds a gap too (a received
/// operation may carry clock 0, whose wanted key is 1). Where clocks near the largest key leave
/// no room at the top, the keys are spread evenly over the whole range instead. Either way, every
/// gap (from 0 to the first, between neighbours, from the last to `i64::MAX`) holds a free key.
fn respaced_keys<'a>(written: impl ExactSizeIterator<Item = &'a str>) -> Vec<i64> {
    let count = written.len() as i64;
    let mut keys = Vec::with_capacity(written.len());
    let mut previous = 0i64;
    for written in written {
        let key = wanted_key(written).max(previous.saturating_add(ROOM + 1));
        keys.push(key);
        previous = key;
    }
    if previous > i64::MAX - 2 * ROOM {
        let step = i64::MAX / (count + 1);
        keys = (1..=count).map(|i| i * step).collect();
    }
    keys
}

fn move_entry(tx: &Transaction<'_>, table: Ordered, from: i64, to: i64) -> Result<()> {
    let Ordered {
        fts,
        fts_columns,
        order,
        rows,
        ..
    } = table;
    let width = fts_columns.split(',').count();
    let values: Vec<rusqlite::types::Value> = tx.query_row(
        &format!("SELECT {fts_columns} FROM {fts} WHERE rowid = ?1"),
        [from],
        |row| (0..width).map(|i| row.get(i)).collect(),
    )?;
    tx.execute(&format!("DELETE FROM {fts} WHERE rowid = ?1"), [from])?;
    let marks = vec!["?"; width].join(", ");
    let mut params = vec![rusqlite::types::Value::Integer(to)];
    params.extend(values);
    tx.execute(
        &format!("INSERT INTO {fts} (rowid, {fts_columns}) VALUES (?, {marks})"),
        rusqlite::params_from_iter(params),
    )?;
    for side in [order, rows] {
        tx.execute(
            &format!("UPDATE {side} SET fts_rowid = ?2 WHERE fts_rowid = ?1"),
            [from, to],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(wall: u64, counter: u32) -> String {
        format!(
            "{wall:016x}-{counter:08x} {} {}",
            "06".repeat(16),
            "09".repeat(16)
        )
    }

    /// Every gap, from 0 to the first key, between neighbours and from the last to `i64::MAX`,
    /// holds a key strictly inside it.
    fn every_gap_has_room(keys: &[i64]) -> bool {
        let bounds: Vec<i64> = std::iter::once(0)
            .chain(keys.iter().copied())
            .chain(std::iter::once(i64::MAX))
            .collect();
        bounds.windows(2).all(|pair| pair[1] - pair[0] >= 2)
    }

    #[test]
    fn renumbered_keys_leave_room_everywhere_even_at_clock_zero_and_at_the_top() {
        let zero: Vec<String> = (0..5).map(|_| written(0, 0)).collect();
        let keys = respaced_keys(zero.iter().map(String::as_str));
        assert!(every_gap_has_room(&keys), "{keys:?}");
        assert!(
            keys[0] > 1,
            "an entry written earlier still fits first: {keys:?}"
        );

        let top: Vec<String> = (0..5).map(|i| written(u64::MAX, i)).collect();
        let keys = respaced_keys(top.iter().map(String::as_str));
        assert!(every_gap_has_room(&keys), "{keys:?}");
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]), "{keys:?}");

        // Entries far apart keep the keys they want.
        let apart = [written(1_000, 0), written(2_000, 3)];
        let keys = respaced_keys(apart.iter().map(String::as_str));
        assert_eq!(keys, [wanted_key(&apart[0]), wanted_key(&apart[1])]);
    }
}
