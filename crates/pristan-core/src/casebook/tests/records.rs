//! Adding, correcting and deleting records: required fields, existing cases, changed fields only.

use super::*;

#[test]
fn a_record_must_name_an_existing_case_and_its_required_fields() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let err = vault.add(Visit::default()).unwrap_err().to_string();
    assert!(err.contains("the date of the visit is missing"), "{err}");
    let stranger = Visit {
        case_id: Some(EntityId::random()),
        date: Some(day("2026-11-20")),
        ..Visit::default()
    };
    assert!(vault
        .add(stranger)
        .unwrap_err()
        .to_string()
        .contains("there is no case"));
    let empty_note = Note {
        case_id: Some(case_id),
        ..Note::default()
    };
    assert!(vault.add(empty_note).is_err());
    assert_eq!(op_count(&vault), 1, "only the case itself was recorded");
}

#[test]
fn correcting_a_task_records_only_the_changed_fields() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let task = Task {
        case_id: Some(case_id),
        title: short("Call the attorney about the bond hearing"),
        due: Some(day("2026-11-25")),
        ..Task::default()
    };
    let id = vault.add(task.clone()).unwrap();
    let before = op_count(&vault);
    vault
        .update(
            id,
            Task {
                status: TaskStatus::Done,
                ..task.clone()
            },
        )
        .unwrap();
    assert_eq!(op_count(&vault), before + 1);
    let change: String = vault
        .connection()
        .query_row(
            "SELECT change -> '$.fields' FROM ops ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(change, r#"{"status":"done"}"#);
    assert_eq!(
        vault.get::<Task>(id).unwrap().unwrap().record.status,
        TaskStatus::Done
    );
    // Saving it unchanged records nothing.
    vault
        .update(
            id,
            Task {
                status: TaskStatus::Done,
                ..task
            },
        )
        .unwrap();
    assert_eq!(op_count(&vault), before + 1);
}

#[test]
fn a_note_can_only_name_a_visit_of_its_own_case() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let other = vault
        .add_case(NewCase {
            name: "Anna".into(),
            ..NewCase::default()
        })
        .unwrap();
    let visit = vault
        .add(Visit {
            case_id: Some(other),
            date: Some(day("2026-11-20")),
            ..Visit::default()
        })
        .unwrap();
    let wrong = Note {
        visit_id: Some(visit),
        ..note(case_id, "text")
    };
    let err = vault.add(wrong).unwrap_err();
    assert!(
        err.to_string()
            .contains("the visit belongs to another case"),
        "{err}"
    );
    let right = Note {
        visit_id: Some(visit),
        ..note(other, "text")
    };
    vault.add(right).unwrap();
}

#[test]
fn a_custody_event_and_the_case_change_it_implies_are_saved_together_or_not_at_all() {
    use crate::cases::CaseField;
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let released = CustodyEvent {
        case_id: Some(case_id),
        kind: CustodyEventKind::Released,
        date: Some(day("2026-11-20")),
        ..CustodyEvent::default()
    };
    let before = op_count(&vault);
    let bad = [(CaseField::CustodyStatus, serde_json::json!("on the moon"))].into();
    assert!(vault.add_with_case_changes(released.clone(), bad).is_err());
    assert_eq!(op_count(&vault), before, "neither the event nor the change");
    let good = [(CaseField::CustodyStatus, serde_json::json!("released"))].into();
    vault.add_with_case_changes(released, good).unwrap();
    assert_eq!(op_count(&vault), before + 2);
    assert_eq!(
        vault.case(case_id).unwrap().unwrap().custody_status,
        CustodyStatus::Released
    );
}
