//! The query plans `type_is` is for, and per-field last-writer-wins of an assignment.

use secrecy::SecretString;

use super::type_is;
use crate::domain::{LegalEvent, Note, Visit};
use crate::records::RecordType;
use crate::{KdfParams, Vault};

/// What SQLite plans for reading one type of record: every type but notes from the index
/// that holds them whole, without reading the table (and so the notes' pages).
fn plan<T: RecordType>(vault: &Vault, sql: &str) -> String {
    let sql = sql.replace("{type}", &type_is::<T>("r.entity_type"));
    crate::query_plan::query_plan(vault.connection(), &sql).join("; ")
}

#[test]
fn records_but_notes_are_read_from_the_covering_index() {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    let all = "SELECT r.id, r.body FROM records r LEFT JOIN cases c ON c.id = r.case_id
               WHERE {type} AND r.deleted = 0 AND coalesce(c.deleted, 0) = 0";
    let one_case = "SELECT id, body FROM records r WHERE case_id = 'x' AND {type} AND deleted = 0";
    for sql in [all, one_case] {
        for plan in [plan::<LegalEvent>(&vault, sql), plan::<Visit>(&vault, sql)] {
            assert!(
                plan.contains("COVERING INDEX records_except_notes"),
                "{plan}"
            );
        }
        assert!(!plan::<Note>(&vault, sql).contains("records_except_notes"));
    }
}

/// A new vault that received `ops` in `order`, in one transaction as an import applies them.
fn vault_after(ops: &[crate::ops::Op], order: &[usize]) -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (mut vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    let tx = vault.conn.transaction().unwrap();
    for &i in order {
        crate::ops::store::apply(&tx, &ops[i]).unwrap();
    }
    tx.commit().unwrap();
    (tmp, vault)
}

/// An assignment of several fields writes the ones it wins, and only those, whatever the order
/// operations arrive in (they are written to the body together, in one update).
#[test]
fn an_assignment_writes_each_field_it_wins_and_no_other() {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use serde_json::json;

    use crate::domain::{Task, TaskStatus};
    use crate::ops::{Change, DeviceId, EntityId, EntityType, Hlc, Op, Seq};

    let task = EntityId::from_bytes([7; 16]);
    let case = EntityId::from_bytes([8; 16]);
    let op = |seq: u64, wall_ms: u64, fields: serde_json::Value| Op {
        device: DeviceId::from_bytes([1; 16]),
        seq: Seq::new(seq).unwrap(),
        hlc: Hlc::new(wall_ms, 0),
        entity_type: EntityType::Task,
        entity: task,
        change: Change::assign(
            fields
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<BTreeMap<_, _>>(),
        ),
    };
    let ops = [
        op(
            1,
            10,
            json!({"case_id": case.to_string(), "title": "Call the attorney", "status": "open"}),
        ),
        op(2, 30, json!({"title": "Call Ms Jones", "status": "done"})),
        // Newer than the first, older than the second: it wins only the due date.
        op(
            3,
            20,
            json!({"title": "Call back", "due": "2026-12-10", "status": "open"}),
        ),
    ];
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let (_tmp, vault) = vault_after(&ops, &order);
        let stored = vault.get::<Task>(task).unwrap().unwrap().record;
        assert_eq!(stored.case_id, Some(case), "{order:?}");
        assert_eq!(stored.title.to_string(), "Call Ms Jones", "{order:?}");
        assert_eq!(stored.status, TaskStatus::Done, "{order:?}");
        assert_eq!(
            stored.due,
            NaiveDate::from_ymd_opt(2026, 12, 10),
            "{order:?}"
        );
        let case_column: Option<String> = vault
            .conn
            .query_row(
                "SELECT case_id FROM records WHERE id = ?1",
                [task.to_string()],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(case_column, Some(case.to_string()), "{order:?}");
    }
}

/// A record's row is the same whichever order its operations arrive in: a deletion that arrives
/// before the record it deletes, and an assignment that writes nothing (a field this version does
/// not know), leave the same row as in the order they were made. A new record's row is inserted
/// whole with its first write, not inserted empty and then updated.
#[test]
fn a_records_row_is_the_same_whatever_order_its_operations_arrive_in() {
    use std::collections::BTreeMap;

    use serde_json::{json, Value};

    use crate::ops::{Change, DeviceId, EntityId, EntityType, Hlc, Op, Seq};

    let note = EntityId::from_bytes([5; 16]);
    let task = EntityId::from_bytes([7; 16]);
    let case = EntityId::from_bytes([8; 16]);
    let op = |seq: u64, entity_type, entity, change| Op {
        device: DeviceId::from_bytes([1; 16]),
        seq: Seq::new(seq).unwrap(),
        hlc: Hlc::new(seq * 10, 0),
        entity_type,
        entity,
        change,
    };
    let mut fields = serde_json::to_value(Note::default()).unwrap();
    fields["case_id"] = json!(case.to_string());
    fields["text"] = json!("Asked about the bond hearing");
    let fields: BTreeMap<String, Value> = fields.as_object().unwrap().clone().into_iter().collect();
    let unknown = [("asked_by_a_newer_version".to_owned(), json!(1))].into();
    let ops = [
        op(1, EntityType::Note, note, Change::Record { fields }),
        op(2, EntityType::Note, note, Change::Delete),
        op(3, EntityType::Task, task, Change::assign(unknown)),
    ];
    type Row = (String, String, Option<String>, String, i64);
    let mut first: Option<Vec<Row>> = None;
    for order in [[0, 1, 2], [1, 0, 2], [2, 1, 0], [1, 2, 0]] {
        let (_tmp, vault) = vault_after(&ops, &order);
        let mut stmt = vault
            .conn
            .prepare("SELECT id, entity_type, case_id, body, deleted FROM records ORDER BY id")
            .unwrap();
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(rows.len(), 2, "{order:?}: {rows:?}");
        let (_, kind, case_column, body, deleted) = &rows[0];
        assert_eq!(
            (kind.as_str(), case_column.as_deref(), *deleted),
            ("note", Some(case.to_string().as_str()), 1),
            "{order:?}"
        );
        assert!(body.contains("bond hearing"), "{order:?}: {body}");
        let (_, kind, case_column, body, deleted) = &rows[1];
        assert_eq!(
            (
                kind.as_str(),
                case_column.as_deref(),
                body.as_str(),
                *deleted
            ),
            ("task", None, "{}", 0),
            "{order:?}"
        );
        match &first {
            None => first = Some(rows),
            Some(first) => assert_eq!(&rows, first, "{order:?}"),
        }
    }
}
