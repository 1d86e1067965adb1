//! The casebook through a real vault: records go through the operation log, notes keep their
//! history, drafts become visits in one transaction, attachments stay inside the database, and
//! search finds note text until the note is corrected or deleted.

use chrono::NaiveDate;
use secrecy::SecretString;

use super::*;
use crate::cases::NewCase;
use crate::domain::*;
use crate::KdfParams;

fn new_vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    (tmp, vault)
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn text(t: &str) -> LongText {
    LongText::new(t).unwrap()
}

fn short(t: &str) -> ShortText {
    ShortText::new(t).unwrap()
}

fn open_case(vault: &mut Vault) -> EntityId {
    vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            native_name: Some("Иван Петров".into()),
            ..NewCase::default()
        })
        .unwrap()
}

fn note(case_id: EntityId, body: &str) -> Note {
    Note {
        case_id: Some(case_id),
        text: text(body),
        ..Note::default()
    }
}

fn op_count(vault: &Vault) -> i64 {
    vault
        .connection()
        .query_row("SELECT count(*) FROM ops", [], |r| r.get(0))
        .unwrap()
}

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
            "SELECT change FROM ops ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(change, r#"{"type":"assign","fields":{"status":"done"}}"#);
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
fn notes_are_immutable_and_a_correction_keeps_the_history() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let first = vault
        .add(note(case_id, "Asked for reading glasses"))
        .unwrap();
    assert!(vault.update(first, note(case_id, "changed")).is_err());
    let second = vault
        .revise_note(
            first,
            NoteKind::Needs,
            Sensitivity::Normal,
            text("Asked for reading glasses, +2.5"),
        )
        .unwrap();
    let err = vault
        .revise_note(first, NoteKind::Needs, Sensitivity::Normal, text("again"))
        .unwrap_err();
    assert!(
        err.to_string().contains("correct the newest version"),
        "{err}"
    );
    let current = vault.current_notes(case_id).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].note.id, second);
    assert_eq!(current[0].revisions, 2);
    let history = vault.note_history(second).unwrap();
    let texts: Vec<&str> = history
        .iter()
        .map(|r| r.note.record.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Asked for reading glasses",
            "Asked for reading glasses, +2.5"
        ]
    );
}

#[test]
fn search_finds_note_text_until_it_is_corrected_away_or_deleted() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let id = vault
        .add(note(case_id, "Жалуется на давление, нужен тонометр"))
        .unwrap();
    let hits = vault.search_cases("тонометр").unwrap();
    assert_eq!(hits.len(), 1);
    let matched = hits[0].matched.as_ref().unwrap();
    assert_eq!(
        (matched.entity_id, matched.entity_type.as_str()),
        (id, "note")
    );
    assert!(matched.snippet.contains("тонометр"));
    assert_eq!(vault.search_cases("ДАВЛЕНИЕ").unwrap().len(), 1, "any case");

    let revised = vault
        .revise_note(
            id,
            NoteKind::Medical,
            Sensitivity::Restricted,
            text("Нужен врач"),
        )
        .unwrap();
    assert!(
        vault.search_cases("тонометр").unwrap().is_empty(),
        "old revision not found"
    );
    assert_eq!(vault.search_cases("врач").unwrap().len(), 1);
    vault.delete::<Note>(revised).unwrap();
    assert!(
        vault.search_cases("врач").unwrap().is_empty(),
        "deleted note not found"
    );
    // The case itself is still found by name.
    assert_eq!(vault.search_cases("Петров").unwrap().len(), 1);
}

#[test]
fn a_finished_draft_becomes_a_visit_with_its_notes_in_one_step() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let draft_id = EntityId::random();
    let mut draft = VisitDraft {
        case_id: Some(case_id),
        visit: Visit {
            date: Some(day("2026-11-20")),
            mode: VisitMode::InPerson,
            language: short("Russian"),
            ..Visit::default()
        },
        notes: vec![
            DraftNote {
                kind: NoteKind::Welfare,
                text: "Tired but calm".into(),
                ..DraftNote::default()
            },
            DraftNote {
                kind: NoteKind::Medical,
                text: "   ".into(),
                ..DraftNote::default()
            },
        ],
    };
    vault.save_visit_draft(draft_id, &draft).unwrap();
    draft.notes.push(DraftNote {
        kind: NoteKind::Family,
        sensitivity: Sensitivity::Restricted,
        text: "Wife in Perm was questioned by police".into(),
    });
    vault.save_visit_draft(draft_id, &draft).unwrap();
    assert_eq!(vault.visit_draft(draft_id).unwrap(), Some(draft.clone()));
    assert_eq!(vault.visit_drafts().unwrap().len(), 1);
    let ops_before = op_count(&vault);

    let visit_id = vault.finish_visit_draft(draft_id).unwrap();
    assert_eq!(visit_id, draft_id);
    assert_eq!(
        op_count(&vault),
        ops_before + 3,
        "a visit and two non-empty notes"
    );
    assert!(vault.visit_draft(draft_id).unwrap().is_none());
    let notes = vault.current_notes(case_id).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes
        .iter()
        .all(|n| n.note.record.visit_id == Some(visit_id)));
    assert!(
        vault.finish_visit_draft(draft_id).is_err(),
        "finishing twice saves nothing twice"
    );
}

#[test]
fn an_invalid_draft_saves_nothing_and_keeps_the_draft() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let draft_id = EntityId::random();
    let draft = VisitDraft {
        case_id: Some(case_id),
        visit: Visit {
            date: Some(day("2026-11-20")),
            ..Visit::default()
        },
        notes: vec![DraftNote {
            text: "x".repeat(LongText::MAX_CHARS + 1),
            ..DraftNote::default()
        }],
    };
    vault.save_visit_draft(draft_id, &draft).unwrap();
    let before = op_count(&vault);
    assert!(vault.finish_visit_draft(draft_id).is_err());
    assert_eq!(op_count(&vault), before);
    assert_eq!(vault.visit_draft(draft_id).unwrap(), Some(draft));
}

#[test]
fn attachments_round_trip_inside_the_database_and_are_capped() {
    let (tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let pdf = b"%PDF-1.4 decision of the immigration judge".to_vec();
    let id = vault
        .add_attachment(case_id, "../../Decision.pdf", "IJ decision", &pdf)
        .unwrap();
    let content = vault.attachment_content(id).unwrap();
    assert_eq!(&content.bytes[..], &pdf[..]);
    assert_eq!(content.attachment.record.file_name.as_str(), "Decision.pdf");
    assert_eq!(
        content.attachment.record.media_type.as_str(),
        "application/pdf"
    );
    let out = tmp.path().join("exported.pdf");
    vault.export_attachment(id, &out).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), pdf);

    let too_big = vec![0u8; MAX_ATTACHMENT_BYTES + 1];
    let err = vault
        .add_attachment(case_id, "big.jpg", "", &too_big)
        .unwrap_err();
    assert!(
        err.to_string().contains("Pristan keeps files up to 20 MB"),
        "{err}"
    );
}

#[test]
fn the_dashboard_puts_removal_imminent_cases_and_near_deadlines_first() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let quiet = vault
        .add_case(NewCase {
            name: "Anna Sidorova".into(),
            ..NewCase::default()
        })
        .unwrap();
    let event = |case_id, kind, date: &str, outcome| LegalEvent {
        case_id: Some(case_id),
        kind,
        date: Some(day(date)),
        outcome,
        ..LegalEvent::default()
    };
    vault
        .add(event(
            case_id,
            LegalEventKind::BiaDecision,
            "2026-11-06",
            Outcome::Dismissed,
        ))
        .unwrap();
    vault
        .add(event(
            quiet,
            LegalEventKind::MasterHearing,
            "2026-12-01",
            Outcome::Pending,
        ))
        .unwrap();
    vault
        .add(Task {
            case_id: Some(quiet),
            title: short("Send books"),
            ..Task::default()
        })
        .unwrap();
    vault
        .add(Visit {
            case_id: Some(quiet),
            date: Some(day("2026-11-23")),
            ..Visit::default()
        })
        .unwrap();
    vault
        .add(Visit {
            case_id: Some(quiet),
            date: Some(day("2026-11-01")),
            ..Visit::default()
        })
        .unwrap();

    let dashboard = vault.dashboard(day("2026-11-21")).unwrap();
    assert_eq!(dashboard.case_count, 2);
    assert_eq!(dashboard.removal_imminent.len(), 1);
    assert_eq!(dashboard.removal_imminent[0].id, case_id);
    // Petition for review and motion to reconsider: 6 Nov + 30 = Sunday 6 Dec → Monday 7 Dec, which
    // is beyond 14 days from 21 Nov; on 25 Nov they are within.
    assert!(dashboard.deadlines.is_empty());
    let later = vault.dashboard(day("2026-11-25")).unwrap();
    let kinds: Vec<DeadlineKind> = later.deadlines.iter().map(|d| d.deadline.kind).collect();
    assert_eq!(
        kinds,
        [
            DeadlineKind::PetitionForReview,
            DeadlineKind::MotionToReconsider
        ]
    );
    assert_eq!(later.deadlines[0].deadline.due, day("2026-12-07"));
    assert_eq!(dashboard.visits.len(), 1, "past visits are not upcoming");
    assert_eq!(dashboard.tasks.len(), 1);

    vault.delete_case(case_id).unwrap();
    assert!(vault
        .dashboard(day("2026-11-25"))
        .unwrap()
        .removal_imminent
        .is_empty());
}

#[test]
fn the_case_file_holds_every_section() {
    let (_tmp, mut vault) = new_vault();
    let facility = vault
        .add(Facility {
            name: short("Krome North Service Processing Center"),
            state: short("FL"),
            time_zone: Some(chrono_tz::America::New_York),
            ..Facility::default()
        })
        .unwrap();
    let case_id = vault
        .add_case(NewCase {
            name: "Oleg Smirnov".into(),
            facility_id: Some(facility),
            ..NewCase::default()
        })
        .unwrap();
    vault
        .add(Consent {
            case_id: Some(case_id),
            purpose: ConsentPurpose::KeepNotes,
            given_on: Some(day("2026-11-20")),
            ..Consent::default()
        })
        .unwrap();
    vault
        .add(Relative {
            case_id: Some(case_id),
            name: short("Maria"),
            whereabouts: Whereabouts::InRussia,
            ..Relative::default()
        })
        .unwrap();
    vault
        .add(Evidence {
            case_id: Some(case_id),
            summary: text("Arrested at an anti-war protest, 2022"),
            ..Evidence::default()
        })
        .unwrap();
    vault
        .add(CustodyEvent {
            case_id: Some(case_id),
            date: Some(day("2026-09-01")),
            facility_id: Some(facility),
            ..CustodyEvent::default()
        })
        .unwrap();
    let file = vault.case_file(case_id, day("2026-11-21")).unwrap();
    assert_eq!(
        file.facility.unwrap().record.time_zone,
        Some(chrono_tz::America::New_York)
    );
    assert_eq!(file.relatives.len(), 1);
    assert_eq!(file.evidence.len(), 1);
    assert_eq!(file.custody_events.len(), 1);
    let keep = file
        .status
        .consents
        .iter()
        .find(|c| c.purpose == ConsentPurpose::KeepNotes)
        .unwrap();
    assert_eq!(keep.state, ConsentState::Given);
    assert_eq!(
        vault.search_cases("anti-war").unwrap().len(),
        1,
        "evidence is searchable"
    );
}

/// Reads back every operation in a vault's log, oldest first.
fn log_of(vault: &Vault) -> Vec<crate::ops::Op> {
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
        let tx = replica.conn.transaction().unwrap();
        for i in order {
            crate::ops::store::apply(&tx, &log[i]).unwrap();
        }
        tx.commit().unwrap();
        states.push(materialised(&replica));
    }
    assert_eq!(states[0], materialised(&source));
    for s in &states {
        assert_eq!(*s, states[0], "replicas differ");
    }
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
        change: crate::ops::Change::Assign { fields },
    };
    let before = materialised(&vault);
    let tx = vault.conn.transaction().unwrap();
    let err = crate::ops::store::apply(&tx, &op).unwrap_err();
    drop(tx);
    assert!(err.to_string().contains("status"), "{err}");
    assert_eq!(materialised(&vault), before);
}

#[test]
fn every_search_entry_is_tracked_by_its_rowid() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let first = vault.add(note(case_id, "Первая")).unwrap();
    vault
        .revise_note(
            first,
            NoteKind::Welfare,
            Sensitivity::Normal,
            text("Вторая"),
        )
        .unwrap();
    let task = vault
        .add(Task {
            case_id: Some(case_id),
            title: short("Письмо"),
            ..Task::default()
        })
        .unwrap();
    vault.delete::<Task>(task).unwrap();
    let count = |sql: &str| -> i64 { vault.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM search_index"),
        2,
        "the case and the newest note"
    );
    assert_eq!(
        count("SELECT count(*) FROM search_rows r JOIN search_index s ON s.rowid = r.fts_rowid AND s.entity_id = r.entity_id"),
        2
    );
    assert_eq!(count("SELECT count(*) FROM search_rows"), 2);
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
