//! No case data reaches the disk in plaintext during a volunteer's whole workflow: opening a case,
//! recording its people, evidence, tasks and a document, autosaving a visit write-up, finishing it,
//! correcting a note, searching and locking. Every field gets its own canary, so a leak names the
//! field it came from; they are looked for as ASCII, Cyrillic and mixed parts, in UTF-8 and
//! UTF-16LE, in every file of the vault folder and every file written to the temporary folder
//! meanwhile.

use std::time::SystemTime;

use pristan_core::casebook::{DraftNote, VisitDraft};
use pristan_core::cases::NewCase;
use pristan_core::domain::{
    Consent, ConsentPurpose, CustodyEvent, Evidence, LegalEvent, LegalEventKind, LongText,
    NoteKind, Outcome, Relative, Sensitivity, ShortText, Task, Visit, Whereabouts,
};
use pristan_core::ops::EntityId;
use pristan_core::{KdfParams, Vault};
use pristan_testkit::canary;
use secrecy::SecretString;

/// One canary per field, each the shared canary plus the field's number, so that one scan for the
/// shared canary finds a leak from any field, and a second scan (only when the first finds
/// something) names the field.
struct Canaries {
    shared: String,
    fields: Vec<(&'static str, String)>,
}

impl Canaries {
    fn new() -> Canaries {
        Canaries {
            shared: canary::new_canary(),
            fields: Vec::new(),
        }
    }

    fn for_field(&mut self, field: &'static str) -> String {
        let canary = format!("{} поле{}", self.shared, self.fields.len());
        self.fields.push((field, canary.clone()));
        canary
    }

    fn patterns(&self) -> Vec<(String, Vec<u8>)> {
        canary::patterns(&self.shared)
    }

    /// Which fields the files found hold, for the failure message.
    fn fields_in(&self, roots: &[&std::path::Path]) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(_, canary)| {
                let whole: Vec<(String, Vec<u8>)> = canary::patterns(canary)
                    .into_iter()
                    .filter(|(label, _)| label.starts_with("whole"))
                    .collect();
                !canary::scan(roots, &whole, None).is_empty()
            })
            .map(|(field, _)| field.to_string())
            .collect()
    }
}

fn short(text: &str) -> ShortText {
    ShortText::new(text).unwrap()
}

fn long(text: &str) -> LongText {
    LongText::new(text).unwrap()
}

/// The Cyrillic part of a canary, as a native name would be written.
fn cyrillic(canary: &str) -> String {
    canary.split(' ').nth(1).unwrap().to_owned()
}

#[test]
#[allow(clippy::disallowed_methods)] // scanning the temp folder is the point
fn a_whole_visit_workflow_leaves_no_plaintext_on_disk() {
    let started = SystemTime::now();
    let mut canaries = Canaries::new();
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let today = "2026-11-22".parse().unwrap();

    let (mut vault, _) = Vault::create(&dir, &passphrase, KdfParams::MINIMUM).unwrap();
    let name = canaries.for_field("case name");
    let native = cyrillic(&canaries.for_field("native name"));
    let case = vault
        .add_case(NewCase {
            name: name.clone(),
            native_name: Some(native),
            nationality: Some(canaries.for_field("nationality")),
            ..NewCase::default()
        })
        .unwrap();
    vault
        .add(Relative {
            case_id: Some(case),
            name: short(&canaries.for_field("relative name")),
            relation: short("wife"),
            whereabouts: Whereabouts::InRussia,
            location: short(&canaries.for_field("relative location")),
            note: long(&canaries.for_field("relative note")),
            ..Relative::default()
        })
        .unwrap();
    vault
        .add(Evidence {
            case_id: Some(case),
            summary: long(&canaries.for_field("evidence summary")),
            ..Evidence::default()
        })
        .unwrap();
    vault
        .add(Task {
            case_id: Some(case),
            title: short(&canaries.for_field("task title")),
            details: long(&canaries.for_field("task details")),
            ..Task::default()
        })
        .unwrap();
    vault
        .add(Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::ShareWithRelative,
            recipient: short(&canaries.for_field("consent recipient")),
            given_on: Some(today),
            ..Consent::default()
        })
        .unwrap();
    vault
        .add(CustodyEvent {
            case_id: Some(case),
            date: Some(today),
            note: long(&canaries.for_field("custody note")),
            ..CustodyEvent::default()
        })
        .unwrap();
    vault
        .add(LegalEvent {
            case_id: Some(case),
            kind: LegalEventKind::IjDecision,
            outcome: Outcome::Denied,
            date: Some(today),
            judge: short(&canaries.for_field("judge")),
            ..LegalEvent::default()
        })
        .unwrap();
    let document = canaries.for_field("attachment content");
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend(document.as_bytes());
    bytes.extend(document.encode_utf16().flat_map(u16::to_le_bytes));
    let caption = canaries.for_field("attachment caption");
    let file_name = format!("{}.pdf", canaries.for_field("attachment file name"));
    vault
        .add_attachment(case, &file_name, &caption, &bytes)
        .unwrap();

    // The write-up, autosaved as it grows, then finished.
    let draft_id = EntityId::random();
    let welfare = canaries.for_field("draft welfare note");
    let family = canaries.for_field("draft family note");
    let mut draft = VisitDraft {
        case_id: Some(case),
        visit: Visit {
            case_id: Some(case),
            date: Some(today),
            interpreter: short(&canaries.for_field("interpreter")),
            ..Visit::default()
        },
        notes: vec![DraftNote {
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: String::new(),
        }],
    };
    for end in (1..=welfare.len()).filter(|&i| welfare.is_char_boundary(i)) {
        draft.notes[0].text = welfare[..end].to_owned();
        vault.save_visit_draft(draft_id, &draft).unwrap();
    }
    draft.notes.push(DraftNote {
        kind: NoteKind::Family,
        sensitivity: Sensitivity::Restricted,
        text: family,
    });
    vault.save_visit_draft(draft_id, &draft).unwrap();
    vault.finish_visit_draft(draft_id).unwrap();

    // A correction, a search, the case page and the dashboard.
    let note = vault.current_notes(case).unwrap()[0].note.id;
    vault
        .revise_note(
            note,
            NoteKind::Welfare,
            Sensitivity::Restricted,
            long(&canaries.for_field("revised note")),
        )
        .unwrap();
    assert_eq!(vault.search_cases(&name).unwrap().len(), 1);
    let searched = canaries.for_field("search query");
    assert!(vault.search_cases(&searched).unwrap().is_empty());
    let file = vault.case_file(case, today).unwrap();
    assert_eq!(file.notes.len(), 2);
    assert_eq!(file.attachments.len(), 1);
    vault.dashboard(today).unwrap();
    vault.lock().unwrap();
    // Unlocking again and locking runs the open and close paths once more.
    Vault::unlock(&dir, &passphrase).unwrap().lock().unwrap();

    let patterns = canaries.patterns();
    let in_vault = canary::scan(&[&dir], &patterns, None);
    assert!(
        in_vault.is_empty(),
        "plaintext in the vault folder: {in_vault:#?}, from {:?}",
        canaries.fields_in(&[&dir])
    );
    let temp = std::env::temp_dir();
    let in_temp = canary::scan(&[&temp], &patterns, Some(started));
    assert!(
        in_temp.is_empty(),
        "plaintext in the temp folder: {in_temp:#?}, from {:?}",
        canaries.fields_in(&[&temp])
    );
    // The scan itself works here: a planted canary is found.
    let planted = tmp.path().join("planted");
    std::fs::write(&planted, name.as_bytes()).unwrap();
    assert!(!canary::scan(&[tmp.path()], &patterns, None).is_empty());
}
