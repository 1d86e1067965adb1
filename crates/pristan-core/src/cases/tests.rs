//! Cases through the operation log: every change is an operation, applying one twice changes
//! nothing, and concurrent writes to a field resolve the same way in any order.

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde_json::json;

use super::*;
use crate::ops::store::apply;
use crate::ops::{Applied, DeviceId, Hlc, Seq};
use crate::{KdfParams, Vault};

fn new_vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    (tmp, vault)
}

fn assign(device: DeviceId, seq: u64, wall_ms: u64, entity: EntityId, name: &str) -> Op {
    let mut fields = BTreeMap::new();
    fields.insert("name".to_owned(), json!(name));
    Op {
        device,
        seq: Seq::new(seq).unwrap(),
        hlc: Hlc::new(wall_ms, 0),
        entity_type: EntityType::Case,
        entity,
        change: Change::assign(fields),
    }
}

fn apply_all(vault: &mut Vault, ops: &[&Op]) -> Vec<Applied> {
    apply_all_holding(vault, ops, false)
}

/// Applies `ops` in one transaction; with `hold`, holding record entries back as a bundle import
/// does (`search_deferral`).
fn apply_all_holding(vault: &mut Vault, ops: &[&Op], hold: bool) -> Vec<Applied> {
    let tx = vault.conn.transaction().unwrap();
    if hold {
        search_deferral::begin(&tx).unwrap();
    }
    let applied = ops.iter().map(|op| apply(&tx, op).unwrap()).collect();
    if hold {
        search_deferral::end(&tx).unwrap();
    }
    tx.commit().unwrap();
    applied
}

fn ivan_petrov() -> NewCase {
    NewCase {
        name: "Ivan Petrov".into(),
        native_name: Some("Иван Петров".into()),
        a_number: Some(ANumber::parse("12345678").unwrap()),
        ..NewCase::default()
    }
}

#[test]
fn adding_a_case_records_one_operation_and_materialises_it() {
    let (_tmp, mut vault) = new_vault();
    let id = vault.add_case(ivan_petrov()).unwrap();
    let case = vault.case(id).unwrap().unwrap();
    assert_eq!(case.native_name, "Иван Петров");
    assert_eq!(case.a_number.unwrap().to_string(), "A-012-345-678");
    assert_eq!(case.custody_status, CustodyStatus::Detained);
    let ops: i64 = vault
        .conn
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ops, 1);
}

#[test]
fn a_replayed_operation_changes_nothing() {
    let (_tmp, mut vault) = new_vault();
    let entity = EntityId::random();
    let op = assign(DeviceId::random(), 1, 1_000, entity, "Anna");
    assert_eq!(
        apply_all(&mut vault, &[&op, &op]),
        [Applied::New, Applied::Duplicate]
    );
    assert_eq!(vault.cases().unwrap().len(), 1);
}

#[test]
fn concurrent_writes_to_a_field_converge_in_any_order() {
    let (a, b) = (DeviceId::from_bytes([1; 16]), DeviceId::from_bytes([2; 16]));
    let entity = EntityId::random();
    let older = assign(a, 1, 1_000, entity, "Older");
    let newer = assign(a, 2, 2_000, entity, "Newer");
    // Same time on two devices: the device id breaks the tie, the same way everywhere.
    let tie_a = assign(a, 3, 3_000, entity, "Tie from A");
    let tie_b = assign(b, 1, 3_000, entity, "Tie from B");
    let orders: [[&Op; 4]; 3] = [
        [&older, &newer, &tie_a, &tie_b],
        [&tie_b, &tie_a, &newer, &older],
        [&newer, &tie_b, &older, &tie_a],
    ];
    for order in orders {
        let (_tmp, mut vault) = new_vault();
        apply_all(&mut vault, &order);
        assert_eq!(vault.case(entity).unwrap().unwrap().name, "Tie from B");
    }
}

#[test]
fn an_operation_with_an_invalid_value_is_refused_whole() {
    let (_tmp, mut vault) = new_vault();
    let entity = EntityId::random();
    let mut op = assign(DeviceId::random(), 1, 1_000, entity, "Anna");
    if let Change::Assign { fields, .. } = &mut op.change {
        fields.insert("a_number".into(), json!("A-12"));
    }
    let tx = vault.conn.transaction().unwrap();
    assert!(apply(&tx, &op).is_err());
    drop(tx); // rolled back
    assert!(vault.cases().unwrap().is_empty());
}

#[test]
fn search_finds_names_in_either_script_and_a_numbers_however_typed() {
    let (_tmp, mut vault) = new_vault();
    let petrov = vault.add_case(ivan_petrov()).unwrap();
    let fyodor = vault
        .add_case(NewCase {
            name: "José Núñez".into(),
            native_name: Some("Фёдор Алексеев".into()),
            ..NewCase::default()
        })
        .unwrap();
    let found = |vault: &Vault, q: &str| -> Vec<EntityId> {
        vault
            .search_cases(q)
            .unwrap()
            .into_iter()
            .map(|h| h.case.id)
            .collect()
    };
    for q in [
        "Петров",
        "петров",
        "ПЕТР",
        "petrov",
        "PETROV",
        "ivan pet",
        "A-012-345-678",
        "12345678",
        "012345678",
        "a012345678",
    ] {
        assert_eq!(found(&vault, q), [petrov], "{q}");
    }
    for q in ["jose nunez", "Núñez", "Федор", "фёдор", "алексеев"] {
        assert_eq!(found(&vault, q), [fyodor], "{q}");
    }
    assert!(found(&vault, "Сидоров").is_empty());
    assert!(
        found(&vault, "\"OR*").is_empty(),
        "FTS syntax typed by a user is plain text"
    );

    // A deleted case is no longer found.
    vault.delete_case(petrov).unwrap();
    assert!(found(&vault, "Петров").is_empty());
    assert!(vault.case(petrov).unwrap().is_none());
}

#[test]
fn cases_and_the_clock_survive_a_relock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (mut vault, _) = Vault::create(&dir, &passphrase, KdfParams::MINIMUM).unwrap();
    let id = vault
        .add_case(NewCase {
            name: "Anna".into(),
            ..NewCase::default()
        })
        .unwrap();
    let device = vault.device_id();
    let last = vault.clock.last();
    vault.lock().unwrap();
    let mut vault = Vault::unlock(&dir, &passphrase).unwrap();
    assert_eq!(vault.device_id(), device);
    assert!(vault.clock.last() >= last);
    assert_eq!(vault.case(id).unwrap().unwrap().name, "Anna");
    vault
        .add_case(NewCase {
            name: "Boris".into(),
            ..NewCase::default()
        })
        .unwrap();
    let seqs: Vec<i64> = {
        let mut stmt = vault
            .conn
            .prepare("SELECT seq FROM ops ORDER BY seq")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    assert_eq!(seqs, [1, 2], "sequence numbers continue across a relock");
}

#[test]
fn a_case_needs_a_name() {
    let (_tmp, mut vault) = new_vault();
    let err = vault.add_case(NewCase::default()).unwrap_err();
    assert!(err.to_string().contains("name"), "{err}");
    let err = vault
        .add_case(NewCase {
            name: "A\nB".into(),
            ..NewCase::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("line breaks"), "{err}");
}

/// A note of `case` saying `text`, written by `device` at `hlc`.
fn note_op(device: DeviceId, seq: u64, hlc: Hlc, case: EntityId, text: &str) -> Op {
    let note = crate::domain::Note {
        case_id: Some(case),
        visit_id: None,
        kind: crate::domain::NoteKind::Welfare,
        sensitivity: crate::domain::Sensitivity::Normal,
        text: crate::domain::LongText::new(text).unwrap(),
        replaces: None,
    };
    let serde_json::Value::Object(fields) = serde_json::to_value(note).unwrap() else {
        unreachable!("a note serialises as an object")
    };
    Op {
        device,
        seq: Seq::new(seq).unwrap(),
        hlc,
        entity_type: EntityType::Note,
        entity: EntityId::from_bytes([
            seq as u8,
            device.as_bytes()[0],
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
            7,
        ]),
        change: Change::Record {
            fields: fields.into_iter().collect(),
        },
    }
}

/// Three cases and their notes, some written in one millisecond (with counters past the cap,
/// so that they all want one rowid: arriving newest first, they halve the gap below until it is
/// used up and the table is renumbered), some at the same clock on two devices, some far apart.
fn notes_at_many_times() -> Vec<Op> {
    let (a, b) = (DeviceId::from_bytes([1; 16]), DeviceId::from_bytes([2; 16]));
    let cases: Vec<EntityId> = (1..=3u8).map(|i| EntityId::from_bytes([i; 16])).collect();
    let mut ops: Vec<Op> = cases
        .iter()
        .enumerate()
        .map(|(i, &case)| {
            assign(
                a,
                i as u64 + 1,
                1_000 + i as u64,
                case,
                &format!("Case {i}"),
            )
        })
        .collect();
    let mut next_seq = BTreeMap::from([(a, 4u64), (b, 1u64)]);
    let mut notes = Vec::new();
    for i in 0..120u32 {
        let (device, hlc) = match i % 4 {
            0 => (a, Hlc::new(5_000, 2_047 + i)),
            1 => (b, Hlc::new(5_000, 2_047 + i)),
            2 => (a, Hlc::new(2_000 + u64::from(i), 0)),
            // The same clock as the note before, on the other device.
            _ => (b, Hlc::new(2_000 + u64::from(i) - 1, 0)),
        };
        let seq = next_seq.get_mut(&device).unwrap();
        *seq += 1;
        let case = cases[i as usize % 3];
        notes.push(note_op(
            device,
            *seq - 1,
            hlc,
            case,
            &format!("glasses number {i}"),
        ));
    }
    ops.extend(notes);
    ops
}

/// Whether each side table's descending rowid order is its `written` order (newest has the
/// smallest rowid), and each FTS5 entry has its side-table row and lookup row.
fn check_order(vault: &Vault) {
    for (fts, order, rows) in [
        ("search_index", "search_order", "search_rows"),
        ("name_index", "name_order", "name_rows"),
    ] {
        let by_rowid: Vec<String> = vault
            .conn
            .prepare(&format!(
                "SELECT written FROM {order} ORDER BY fts_rowid DESC"
            ))
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut sorted = by_rowid.clone();
        sorted.sort();
        assert_eq!(by_rowid, sorted, "{order}: rowid order is written order");
        let count = |sql: String| -> i64 { vault.conn.query_row(&sql, [], |r| r.get(0)).unwrap() };
        for table in [fts, order, rows] {
            let column = if table == fts { "rowid" } else { "fts_rowid" };
            let positive = count(format!("SELECT count(*) FROM {table} WHERE {column} >= 0"));
            assert_eq!(
                positive, 0,
                "{table}: every rowid is negative, newest smallest"
            );
        }
        let entries = count(format!("SELECT count(*) FROM {fts}"));
        assert_eq!(
            count(format!("SELECT count(*) FROM {order}")),
            entries,
            "{order}"
        );
        assert_eq!(
            count(format!(
                "SELECT count(*) FROM {rows} r JOIN {order} o ON o.fts_rowid = r.fts_rowid"
            )),
            entries,
            "{rows}"
        );
    }
}

fn answers(vault: &Vault) -> Vec<SearchHit> {
    let mut hits = vault.search_cases("glasses").unwrap();
    hits.extend(vault.search_cases("case").unwrap());
    hits
}

#[test]
fn search_order_is_when_records_were_written_in_any_arrival_order() {
    let ops = notes_at_many_times();
    let mut reversed: Vec<&Op> = ops.iter().collect();
    reversed.reverse();
    let mut interleaved: Vec<&Op> = ops.iter().step_by(2).collect();
    interleaved.extend(ops.iter().skip(1).step_by(2));
    let mut reference = None;
    let orders = [ops.iter().collect::<Vec<_>>(), reversed, interleaved];
    // Each order applied as local writes are (each entry at once) and as an import applies them
    // (entries held back, then written in rowid order): the same entries, the same answers.
    for (order, hold) in orders.iter().flat_map(|o| [(o, false), (o, true)]) {
        let (_tmp, mut vault) = new_vault();
        apply_all_holding(&mut vault, order, hold);
        check_order(&vault);
        let hits = answers(&vault);
        assert_eq!(hits.len(), 6, "three cases by their notes, three by name");
        // The newest note of all is number 117: at 5,000 ms, the greatest counter, from b.
        let first = hits[0].matched.as_ref().expect("a note hit");
        assert!(first.snippet.contains("117"), "{}", first.snippet);
        match &reference {
            None => reference = Some(hits),
            Some(reference) => assert_eq!(&hits, reference, "the same answer in any order"),
        }
    }
}

/// A transaction that holds entries back and is rolled back (a refused bundle) leaves nothing
/// held back: the next write's entry goes straight to the index and is found.
#[test]
fn a_rolled_back_import_stops_holding_entries_back() {
    let (_tmp, mut vault) = new_vault();
    {
        let tx = vault.conn.transaction().unwrap();
        search_deferral::begin(&tx).unwrap();
        assert!(search_deferral::active(&tx).unwrap());
    }
    let tx = vault.conn.transaction().unwrap();
    assert!(!search_deferral::active(&tx).unwrap());
    drop(tx);
    let ops = notes_at_many_times();
    apply_all(&mut vault, &ops.iter().take(5).collect::<Vec<_>>());
    check_order(&vault);
    assert_eq!(vault.search_cases("glasses").unwrap().len(), 2);
}

/// Entries held back and then removed again in the same import (a note revised by a later one)
/// leave no entry behind, and renumbering (`respace`) moves held-back entries too: checked by
/// applying the notes newest first, so that many want one rowid, then a revision of one of them.
#[test]
fn held_back_entries_survive_renumbering_and_removal() {
    let ops = notes_at_many_times();
    let replaced = ops[10].entity;
    let mut revision = note_op(
        DeviceId::from_bytes([1; 16]),
        200,
        Hlc::new(9_000, 0),
        EntityId::from_bytes([1; 16]),
        "spectacles revised",
    );
    if let Change::Record { fields } = &mut revision.change {
        fields.insert("replaces".to_owned(), json!(replaced.to_string()));
    }
    let mut arrival: Vec<&Op> = ops.iter().rev().collect();
    arrival.push(&revision);
    let (_tmp, mut held) = new_vault();
    apply_all_holding(&mut held, &arrival, true);
    let (_tmp2, mut direct) = new_vault();
    apply_all(&mut direct, &arrival);
    check_order(&held);
    assert_eq!(answers(&held), answers(&direct));
    let count =
        |vault: &Vault, sql: &str| -> i64 { vault.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    for vault in [&held, &direct] {
        assert_eq!(count(vault, "SELECT count(*) FROM search_index"), 120);
        let of_replaced =
            format!("SELECT count(*) FROM search_index WHERE entity_id = '{replaced}'");
        assert_eq!(
            count(vault, &of_replaced),
            0,
            "the replaced note has no entry"
        );
    }
    assert_eq!(held.search_cases("spectacles").unwrap().len(), 1);
}

#[test]
fn migration_19_orders_an_older_vaults_entries() {
    let (tmp, mut vault) = new_vault();
    apply_all(
        &mut vault,
        &notes_at_many_times().iter().collect::<Vec<_>>(),
    );
    let before = answers(&vault);
    // As a vault before version 19: no side tables, and rowids in some other order.
    vault
        .conn
        .execute_batch(
            "DROP TABLE search_order; DROP TABLE name_order;
             CREATE TABLE shuffled AS SELECT rowid AS old,
                 row_number() OVER (ORDER BY entity_id) AS new, entity_id, case_id, body
                 FROM search_index;
             DELETE FROM search_index;
             INSERT INTO search_index (rowid, entity_id, case_id, body)
                 SELECT new, entity_id, case_id, body FROM shuffled;
             UPDATE search_rows
                 SET fts_rowid = (SELECT new FROM shuffled WHERE old = search_rows.fts_rowid);
             DROP TABLE shuffled;
             PRAGMA user_version = 18;",
        )
        .unwrap();
    let dir = vault.dir().to_owned();
    vault.lock().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let vault = Vault::unlock(&dir, &passphrase).unwrap();
    check_order(&vault);
    assert_eq!(answers(&vault), before);
    drop(tmp);
}

#[test]
fn migration_20_turns_a_version_19_vault_to_read_forwards() {
    let (tmp, mut vault) = new_vault();
    apply_all(
        &mut vault,
        &notes_at_many_times().iter().collect::<Vec<_>>(),
    );
    let before = answers(&vault);
    // As version 19 left it: the same order with positive rowids, newest largest.
    for (fts, columns, order, rows) in [
        (
            "search_index",
            "entity_id, case_id, body",
            "search_order",
            "search_rows",
        ),
        ("name_index", "case_id, body", "name_order", "name_rows"),
    ] {
        vault
            .conn
            .execute_batch(&format!(
                "CREATE TABLE copied AS SELECT rowid AS old, {columns} FROM {fts};
                 DELETE FROM {fts};
                 INSERT INTO {fts} (rowid, {columns}) SELECT -old, {columns} FROM copied;
                 DROP TABLE copied;
                 UPDATE {order} SET fts_rowid = -fts_rowid;
                 UPDATE {rows} SET fts_rowid = -fts_rowid;"
            ))
            .unwrap();
    }
    vault.conn.pragma_update(None, "user_version", 19).unwrap();
    let dir = vault.dir().to_owned();
    vault.lock().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let mut vault = Vault::unlock(&dir, &passphrase).unwrap();
    check_order(&vault);
    assert_eq!(answers(&vault), before);
    // And a late arrival still finds its place among the renumbered entries.
    let late = note_op(
        DeviceId::from_bytes([3; 16]),
        1,
        Hlc::new(5_000, 2_047 + 60),
        EntityId::from_bytes([1; 16]),
        "glasses arriving late",
    );
    apply_all(&mut vault, &[&late]);
    check_order(&vault);
    drop(tmp);
}

#[test]
fn the_case_list_is_by_name_in_any_letter_case_then_id_without_deleted_cases() {
    let (_tmp, mut vault) = new_vault();
    let named = |name: &str| NewCase {
        name: name.into(),
        ..NewCase::default()
    };
    let mut ids = Vec::new();
    for name in [
        "bob Smith",
        "Alice Jones",
        "alice jones",
        "Zoya",
        "Bob Smith",
        "anna",
    ] {
        ids.push((name, vault.add_case(named(name)).unwrap()));
    }
    let gone = vault.add_case(named("Aaron Gone")).unwrap();
    vault.delete_case(gone).unwrap();
    let mut expected = ids.clone();
    expected.sort_by_key(|(name, id)| (name.to_lowercase(), id.to_string()));
    let listed: Vec<(String, EntityId)> = vault
        .cases()
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let expected: Vec<(String, EntityId)> = expected
        .into_iter()
        .map(|(n, id)| (n.to_owned(), id))
        .collect();
    assert_eq!(listed, expected);
}

/// The case list (dashboard, board, cases page) walks the `cases_by_name` index of migration 21
/// in order; without it SQLite copied every case into a sorter, and the sorter's locked, wiped
/// allocations were two thirds of reading the list (docs/benchmarks.md, "Dashboard: the case
/// list without a sort").
#[test]
fn the_case_list_reads_an_index_in_order_instead_of_sorting() {
    let (_tmp, vault) = new_vault();
    let plan = crate::query_plan::query_plan(&vault.conn, &super::case_list());
    assert!(
        plan.iter().any(|step| step.contains("cases_by_name")),
        "{plan:?}"
    );
    assert!(
        !plan.iter().any(|step| step.contains("TEMP B-TREE")),
        "{plan:?}"
    );
}
