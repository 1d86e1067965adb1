//! Received operations: any order and duplication converge; an invalid one is refused whole.

use super::*;

/// Reads back every operation in a vault's log, oldest first.
pub(super) fn log_of(vault: &Vault) -> Vec<crate::ops::Op> {
    let mut stmt = vault
        .connection()
        .prepare("SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops ORDER BY hlc")
        .unwrap();
    let rows = stmt
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, String>(5)?,
            ))
        })
        .unwrap();
    rows.map(|row| {
        let (device, seq, hlc, entity_type, entity, change) = row.unwrap();
        crate::ops::Op {
            device: device.parse().unwrap(),
            seq: crate::ops::Seq::new(seq as u64).unwrap(),
            hlc: hlc.parse().unwrap(),
            entity_type: serde_json::from_value(serde_json::json!(entity_type)).unwrap(),
            entity: entity.parse().unwrap(),
            change: serde_json::from_str(&change).unwrap(),
        }
    })
    .collect()
}

/// Everything materialised, in a canonical order, to compare two vaults.
fn materialised(vault: &Vault) -> Vec<String> {
    let mut out = Vec::new();
    for sql in [
        "SELECT id || '|' || entity_type || '|' || coalesce(case_id, '') || '|' || body || '|' || deleted FROM records ORDER BY id",
        "SELECT id || '|' || name || '|' || native_name || '|' || custody_status || '|' || deleted FROM cases ORDER BY id",
        "SELECT entity_id || '|' || body FROM search_index ORDER BY entity_id",
    ] {
        let mut stmt = vault.connection().prepare(sql).unwrap();
        let rows = stmt.query_map([], |row| row.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

#[test]
fn records_converge_whatever_order_and_duplication_the_operations_arrive_in() {
    let (_tmp, mut source) = new_vault();
    let case_id = open_case(&mut source);
    let first = source.add(note(case_id, "Первая запись о визите")).unwrap();
    source
        .revise_note(
            first,
            NoteKind::Welfare,
            Sensitivity::Normal,
            text("Исправленная запись"),
        )
        .unwrap();
    let task = Task {
        case_id: Some(case_id),
        title: short("Find a Russian interpreter"),
        ..Task::default()
    };
    let task_id = source.add(task.clone()).unwrap();
    source
        .update(
            task_id,
            Task {
                status: TaskStatus::Done,
                ..task
            },
        )
        .unwrap();
    let evidence = source
        .add(Evidence {
            case_id: Some(case_id),
            summary: text("Posted against the war"),
            ..Evidence::default()
        })
        .unwrap();
    source.delete::<Evidence>(evidence).unwrap();
    let log = log_of(&source);
    assert_eq!(log.len(), 7);

    let orders: [Vec<usize>; 3] = [
        (0..log.len()).collect(),
        (0..log.len()).rev().collect(),
        vec![3, 1, 6, 0, 2, 5, 4, 3, 1, 6],
    ];
    let mut states = Vec::new();
    for order in orders {
        let (_tmp, mut replica) = new_vault();
        let ops: Vec<_> = order.into_iter().map(|i| log[i].clone()).collect();
        deliver(&mut replica, &ops);
        states.push((materialised(&replica), replica.state_hash().unwrap()));
    }
    let expected = (materialised(&source), source.state_hash().unwrap());
    for s in &states {
        assert_eq!(*s, expected, "a replica differs from the source");
    }
}

/// Applies received operations in one transaction, as a bundle import does, moving the clock past
/// each; returns what each did.
pub(super) fn deliver(to: &mut Vault, ops: &[crate::ops::Op]) -> Vec<crate::ops::Applied> {
    let tx = to.conn.transaction().unwrap();
    let mut clock = to.clock.clone();
    let applied = ops
        .iter()
        .map(|op| {
            clock.observe_now(op.hlc).unwrap();
            crate::ops::store::apply(&tx, op).unwrap()
        })
        .collect();
    tx.commit().unwrap();
    to.clock = clock;
    applied
}

#[test]
fn a_received_operation_with_an_invalid_field_is_refused_whole() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let mut fields = std::collections::BTreeMap::new();
    fields.insert("case_id".to_owned(), serde_json::json!(case_id.to_string()));
    fields.insert("title".to_owned(), serde_json::json!("ok"));
    fields.insert("status".to_owned(), serde_json::json!("exploded"));
    let op = crate::ops::Op {
        device: crate::ops::DeviceId::random(),
        seq: crate::ops::Seq::FIRST,
        hlc: crate::ops::Hlc::new(1, 0),
        entity_type: crate::ops::EntityType::Task,
        entity: EntityId::random(),
        change: crate::ops::Change::Assign {
            fields,
            seen: Default::default(),
        },
    };
    let before = materialised(&vault);
    let tx = vault.conn.transaction().unwrap();
    let err = crate::ops::store::apply(&tx, &op).unwrap_err();
    drop(tx);
    assert!(err.to_string().contains("status"), "{err}");
    assert_eq!(materialised(&vault), before);
}
