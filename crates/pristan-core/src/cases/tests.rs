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
    let tx = vault.conn.transaction().unwrap();
    let applied = ops.iter().map(|op| apply(&tx, op).unwrap()).collect();
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
