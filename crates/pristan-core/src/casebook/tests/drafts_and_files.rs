//! Visit drafts become visits in one transaction; attachments stay inside the database.

use super::*;

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
