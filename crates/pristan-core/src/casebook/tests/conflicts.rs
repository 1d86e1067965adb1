//! Concurrent writes to one field are kept as a conflict on every device until a coordinator
//! resolves it; writes that saw each other are not.

use std::collections::BTreeMap;

use serde_json::json;

use super::convergence::{deliver, log_of};
use super::*;
use crate::cases::CaseField;
use crate::ops::Op;

/// Two devices that both hold one case, created on the first with consent to share it (so that
/// its operations are the device's own, not held back).
fn two_devices() -> ([tempfile::TempDir; 2], Vault, Vault, EntityId) {
    let (tmp_a, mut a) = new_vault();
    let (tmp_b, mut b) = new_vault();
    let case_id = a
        .add_case(crate::cases::NewCase {
            name: "Ivan Petrov".into(),
            share_with_coordinator: true,
            ..crate::cases::NewCase::default()
        })
        .unwrap();
    deliver(&mut b, &log_of(&a));
    ([tmp_a, tmp_b], a, b, case_id)
}

fn rename(vault: &mut Vault, case_id: EntityId, name: &str) {
    let changes = BTreeMap::from([(CaseField::Name, json!(name))]);
    vault.update_case(case_id, changes).unwrap();
}

/// Each device receives everything the other holds.
fn exchange(a: &mut Vault, b: &mut Vault) {
    deliver(a, &log_of(b));
    deliver(b, &log_of(a));
}

/// The latest operation `vault` made itself.
fn own_last(vault: &Vault) -> Op {
    let own = vault.device_id();
    log_of(vault)
        .into_iter()
        .rfind(|op| op.device == own)
        .unwrap()
}

#[test]
fn writes_that_did_not_see_each_other_are_one_conflict_on_both_devices_until_resolved() {
    let (_tmp, mut a, mut b, case_id) = two_devices();
    rename(&mut a, case_id, "Ivan A. Petrov");
    rename(&mut b, case_id, "Ivan Petrov-Sidorov");
    exchange(&mut a, &mut b);

    let conflicts = a.conflicts().unwrap();
    assert_eq!(conflicts, b.conflicts().unwrap());
    assert_eq!(conflicts.len(), 1);
    let conflict = &conflicts[0];
    assert_eq!(
        (conflict.entity_type, conflict.entity, conflict.case_id),
        (EntityType::Case, case_id, Some(case_id))
    );
    assert_eq!(conflict.field, "name");
    let mut values: Vec<_> = conflict.values.iter().map(|v| v.value.clone()).collect();
    values.sort_by_key(|v| v.to_string());
    assert_eq!(
        values,
        [json!("Ivan A. Petrov"), json!("Ivan Petrov-Sidorov")]
    );
    // Last-writer-wins still decides what shows, the same on both devices.
    let shown: Vec<_> = conflict.values.iter().filter(|v| v.shown).collect();
    assert_eq!(shown.len(), 1);
    let shown_name = a.case(case_id).unwrap().unwrap().name;
    assert_eq!(shown[0].value, json!(shown_name));
    assert_eq!(b.case(case_id).unwrap().unwrap().name, shown_name);
    assert_eq!(a.state_hash().unwrap(), b.state_hash().unwrap());

    let err = a
        .resolve_conflict(case_id, "name", json!("Ivan\nPetrov"))
        .unwrap_err();
    assert!(err.to_string().contains("name"), "{err}");
    a.resolve_conflict(case_id, "name", json!("  Ivan Petrov  "))
        .unwrap();
    assert_eq!(a.conflicts().unwrap(), []);
    deliver(&mut b, &log_of(&a));
    assert_eq!(b.conflicts().unwrap(), []);
    for vault in [&a, &b] {
        assert_eq!(vault.case(case_id).unwrap().unwrap().name, "Ivan Petrov");
    }
    assert_eq!(a.state_hash().unwrap(), b.state_hash().unwrap());
    let again = a
        .resolve_conflict(case_id, "name", json!("Ivan"))
        .unwrap_err();
    assert!(again.to_string().contains("not in conflict"), "{again}");
}

#[test]
fn a_write_made_after_seeing_another_is_not_a_conflict() {
    let (_tmp, mut a, mut b, case_id) = two_devices();
    rename(&mut a, case_id, "Ivan A. Petrov");
    deliver(&mut b, &log_of(&a));
    rename(&mut b, case_id, "Ivan Petrov-Sidorov");
    exchange(&mut a, &mut b);
    for vault in [&a, &b] {
        assert_eq!(vault.conflicts().unwrap(), []);
        let case = vault.case(case_id).unwrap().unwrap();
        assert_eq!(case.name, "Ivan Petrov-Sidorov");
    }
    assert_eq!(a.state_hash().unwrap(), b.state_hash().unwrap());
}

#[test]
fn a_chain_received_with_a_gap_is_a_conflict_only_until_the_gap_is_filled() {
    // a ← b ← c: each device renames after receiving the previous rename.
    let (_tmp, mut a, mut b, case_id) = two_devices();
    let (_tmp_c, mut c) = new_vault();
    let created = log_of(&a);
    rename(&mut a, case_id, "Name from A");
    deliver(&mut b, &log_of(&a));
    rename(&mut b, case_id, "Name from B");
    deliver(&mut c, &log_of(&b));
    rename(&mut c, case_id, "Name from C");
    let (op_a, op_b, op_c) = (own_last(&a), own_last(&b), own_last(&c));

    let (_tmp_d, mut d) = new_vault();
    deliver(&mut d, &[op_c]);
    deliver(&mut d, &created);
    deliver(&mut d, &[op_a]);
    // Only b says it replaced a, so until b arrives a and c look concurrent.
    let conflicts = d.conflicts().unwrap();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].values.len(), 2);
    deliver(&mut d, &[op_b]);
    assert_eq!(d.conflicts().unwrap(), []);
    assert_eq!(d.case(case_id).unwrap().unwrap().name, "Name from C");
    assert_eq!(d.state_hash().unwrap(), c.state_hash().unwrap());
}

#[test]
fn a_record_field_in_conflict_is_resolved_with_a_value_its_type_accepts() {
    let (_tmp, mut a, mut b, case_id) = two_devices();
    let task = Task {
        case_id: Some(case_id),
        title: short("Find a Russian interpreter"),
        ..Task::default()
    };
    let task_id = a.add(task.clone()).unwrap();
    deliver(&mut b, &log_of(&a));
    let done = Task {
        status: TaskStatus::Done,
        ..task.clone()
    };
    let retitled = Task {
        title: short("Find an interpreter"),
        status: TaskStatus::Cancelled,
        ..task
    };
    a.update(task_id, done).unwrap();
    b.update(task_id, retitled).unwrap();
    exchange(&mut a, &mut b);

    let conflicts = b.conflicts().unwrap();
    assert_eq!(conflicts, a.conflicts().unwrap());
    assert_eq!(conflicts.len(), 1, "only the status was written on both");
    assert_eq!(
        (conflicts[0].entity_type, conflicts[0].case_id),
        (EntityType::Task, Some(case_id))
    );
    assert_eq!(conflicts[0].field, "status");
    assert!(b
        .resolve_conflict(task_id, "status", json!("exploded"))
        .is_err());
    b.resolve_conflict(task_id, "status", json!("done"))
        .unwrap();
    deliver(&mut a, &log_of(&b));
    for vault in [&a, &b] {
        assert_eq!(vault.conflicts().unwrap(), []);
        let task = vault.get::<Task>(task_id).unwrap().unwrap().record;
        assert_eq!(task.status, TaskStatus::Done);
        assert_eq!(task.title.to_string(), "Find an interpreter");
    }
}
