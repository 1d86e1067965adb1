//! Consent governs what leaves the laptop: a case without consent to share with the coordinator is
//! in no bundle (checked by decrypting every bundle and scanning it), is counted as held back, and
//! travels in full, with no gap in the sequence, once consent is recorded; after a withdrawal,
//! later changes stay.

use std::path::{Path, PathBuf};

use secrecy::SecretString;

use crate::bundle::{
    age_layer, envelope, payload, ExportOutcome, ExportReport, ImportSummary, Limits,
};
use crate::cases::NewCase;
use crate::domain::{Consent, ConsentPurpose, LongText, Note, NoteKind, Sensitivity};
use crate::ops::EntityId;
use crate::org::{self, Invitation, Role};
use crate::sharing::HeldBack;
use crate::{KdfParams, Vault};

const KEPT: &str = "CANARY-kept-on-laptop-41d2";
const KEPT_NOTE: &str = "CANARY-kept-note-9b7e";
const AFTER_WITHDRAWAL: &str = "CANARY-after-withdrawal-2c5f";
const SHARED: &str = "CANARY-shared-case-6a01";

struct Device {
    _tmp: tempfile::TempDir,
    vault: Vault,
}

fn device(name: &str) -> Device {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    Device { _tmp: tmp, vault }
}

/// A coordinator and a volunteer it approved on the volunteer's first bundle (one shared case).
fn organisation(stick: &Path) -> (Device, Device) {
    let mut coordinator = device("Office laptop");
    coordinator.vault.create_org("Test Visitors").unwrap();
    let mut volunteer = device("Anna's laptop");
    let text = coordinator.vault.invitation().unwrap().to_text();
    volunteer
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    add_case(&mut volunteer.vault, "First visit", true);
    let first = export(&mut volunteer.vault, stick);
    import(&mut coordinator.vault, &first.path);
    coordinator
        .vault
        .approve_device(volunteer.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    (coordinator, volunteer)
}

fn add_case(vault: &mut Vault, name: &str, share: bool) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            share_with_coordinator: share,
            ..NewCase::default()
        })
        .unwrap()
}

fn add_note(vault: &mut Vault, case: EntityId, text: &str) {
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(text).unwrap(),
            replaces: None,
        })
        .unwrap();
}

fn export(vault: &mut Vault, dir: &Path) -> ExportReport {
    match vault.export_bundle(dir, None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => report,
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

fn import(vault: &mut Vault, path: &str) -> ImportSummary {
    vault
        .import_bundles(&[PathBuf::from(path)], &mut |_| {})
        .unwrap()
}

/// Everything a bundle carries once opened by `reader`: the signed header and the payload's
/// operations and attachment contents, as bytes to scan.
fn opened(reader: &Vault, path: &str) -> Vec<u8> {
    let file = std::fs::read(path).unwrap();
    let identities = org::decryption_identities(reader.connection()).unwrap();
    let (plaintext, _) = age_layer::decrypt(&file, &identities, &Limits::DEFAULT).unwrap();
    let envelope = envelope::open(&plaintext, &Limits::DEFAULT).unwrap();
    let payload = payload::decompress(envelope.payload(), &Limits::DEFAULT).unwrap();
    let mut bytes = plaintext.to_vec();
    bytes.extend(serde_json::to_vec(&payload.ops).unwrap());
    for blob in payload.blobs {
        bytes.extend(blob.bytes);
    }
    bytes
}

fn holds(bytes: &[u8], canary: &str) -> bool {
    bytes.windows(canary.len()).any(|w| w == canary.as_bytes())
}

#[test]
fn a_case_without_consent_stays_until_consent_then_travels_in_full_without_a_gap() {
    let stick = tempfile::tempdir().unwrap();
    let (mut coordinator, mut volunteer) = organisation(stick.path());
    let v = &mut volunteer.vault;

    let shared = add_case(v, SHARED, true);
    let kept = add_case(v, KEPT, false);
    add_note(v, kept, KEPT_NOTE);
    add_note(v, shared, "Needs reading glasses");
    assert!(v.shares_with_coordinator(shared).unwrap());
    assert!(!v.shares_with_coordinator(kept).unwrap());
    assert_eq!(
        v.held_back().unwrap(),
        HeldBack {
            cases: 1,
            changes: 2
        }
    );
    // Held changes are not "waiting to be sent": the counter the Sync screen shows leaves them out.
    assert_eq!(v.unsent_ops().unwrap(), 3, "case, its consent and a note");

    let first = export(v, stick.path());
    let bytes = opened(&coordinator.vault, &first.path);
    assert!(
        holds(&bytes, SHARED),
        "the scan must see what a bundle carries"
    );
    assert!(!holds(&bytes, KEPT) && !holds(&bytes, KEPT_NOTE));
    assert!(!holds(&bytes, &kept.to_string()), "not even the case's id");
    let summary = import(&mut coordinator.vault, &first.path);
    assert_eq!(summary.imported, 1, "{summary:?}");
    assert!(summary.gaps.is_empty());
    assert!(coordinator.vault.case(kept).unwrap().is_none());
    assert!(coordinator.vault.case(shared).unwrap().is_some());

    // Nothing new to send: held changes do not make an export.
    assert!(matches!(
        v.export_bundle(stick.path(), None, &mut |_| {}).unwrap(),
        ExportOutcome::NothingNew
    ));

    // The person agrees: the whole case goes with the next bundle, right after the first.
    v.record_share_consent(kept).unwrap();
    assert_eq!(v.held_back().unwrap(), HeldBack::default());
    assert_eq!(
        v.case(kept).unwrap().unwrap().name,
        KEPT,
        "the case is intact here"
    );
    assert_eq!(v.list::<Note>(kept).unwrap().len(), 1);
    let second = export(v, stick.path());
    let (a, b) = (first.seq_range.unwrap(), second.seq_range.unwrap());
    assert_eq!(b.first, a.last + 1, "no sequence number was skipped");
    let bytes = opened(&coordinator.vault, &second.path);
    assert!(holds(&bytes, KEPT) && holds(&bytes, KEPT_NOTE));
    let summary = import(&mut coordinator.vault, &second.path);
    assert_eq!(summary.imported, 1, "{summary:?}");
    assert!(summary.gaps.is_empty(), "{:?}", summary.gaps);
    assert_eq!(coordinator.vault.case(kept).unwrap().unwrap().name, KEPT);
    assert_eq!(coordinator.vault.list::<Note>(kept).unwrap().len(), 1);
    // Both hold the same log and the same state: the release left nothing behind here.
    assert_eq!(
        v.state_hash().unwrap(),
        coordinator.vault.state_hash().unwrap()
    );
}

/// An organisation whose volunteer shared a case, sent it, and then recorded that the person
/// withdrew their consent to share it.
fn shared_then_withdrawn(stick: &Path) -> (Device, Device, EntityId) {
    let (mut coordinator, mut volunteer) = organisation(stick);
    let v = &mut volunteer.vault;
    let case = add_case(v, SHARED, true);
    let first = export(v, stick);
    import(&mut coordinator.vault, &first.path);
    let consent = v.list::<Consent>(case).unwrap().remove(0);
    assert_eq!(consent.record.purpose, ConsentPurpose::ShareWithCoordinator);
    let withdrawn = Consent {
        withdrawn_on: Some(chrono::Local::now().date_naive()),
        ..consent.record.clone()
    };
    v.update(consent.id, withdrawn).unwrap();
    (coordinator, volunteer, case)
}

#[test]
fn after_a_withdrawal_further_changes_stay_and_the_withdrawal_itself_is_sent() {
    let stick = tempfile::tempdir().unwrap();
    let (mut coordinator, mut volunteer, case) = shared_then_withdrawn(stick.path());
    let v = &mut volunteer.vault;
    assert!(!v.shares_with_coordinator(case).unwrap());
    add_note(v, case, AFTER_WITHDRAWAL);
    assert_eq!(
        v.held_back().unwrap(),
        HeldBack {
            cases: 1,
            changes: 1
        }
    );

    let second = export(v, stick.path());
    assert_eq!(second.ops, 1, "only the withdrawal");
    let bytes = opened(&coordinator.vault, &second.path);
    assert!(!holds(&bytes, AFTER_WITHDRAWAL));
    let summary = import(&mut coordinator.vault, &second.path);
    assert!(summary.gaps.is_empty());
    let on_coordinator = coordinator.vault.list::<Consent>(case).unwrap().remove(0);
    assert!(
        on_coordinator.record.withdrawn_on.is_some(),
        "the coordinator learns of it"
    );
    assert!(coordinator.vault.list::<Note>(case).unwrap().is_empty());
}

#[test]
fn a_coordinators_case_without_consent_is_in_no_case_packet() {
    let stick = tempfile::tempdir().unwrap();
    let (mut coordinator, volunteer) = organisation(stick.path());
    let c = &mut coordinator.vault;
    let kept = add_case(c, KEPT, false);
    let shared = add_case(c, SHARED, true);
    for case in [kept, shared] {
        c.update_case(
            case,
            std::collections::BTreeMap::from([(
                crate::cases::CaseField::AssignedTo,
                serde_json::Value::from(vec![volunteer.vault.device_id().to_string()]),
            )]),
        )
        .unwrap();
    }
    let report = c
        .export_case_packet(volunteer.vault.device_id(), stick.path(), &mut |_| {})
        .unwrap();
    let bytes = opened(&volunteer.vault, &report.path);
    assert!(holds(&bytes, SHARED));
    assert!(!holds(&bytes, KEPT) && !holds(&bytes, &kept.to_string()));
}

#[test]
fn consent_given_again_sends_what_was_held_and_both_sides_agree() {
    let stick = tempfile::tempdir().unwrap();
    let (mut coordinator, mut volunteer) = organisation(stick.path());
    let v = &mut volunteer.vault;
    let case = add_case(v, SHARED, true);
    add_note(v, case, "Before the withdrawal");
    let first = export(v, stick.path());
    import(&mut coordinator.vault, &first.path);
    // The coordinator assigns the case and notes the attorney; the packet comes back.
    let me = v.device_id();
    coordinator
        .vault
        .update_case(
            case,
            std::collections::BTreeMap::from([
                (
                    crate::cases::CaseField::AssignedTo,
                    serde_json::Value::from(vec![me.to_string()]),
                ),
                (
                    crate::cases::CaseField::AttorneyName,
                    serde_json::Value::from("Ms Jones"),
                ),
            ]),
        )
        .unwrap();
    let packet = coordinator
        .vault
        .export_case_packet(me, stick.path(), &mut |_| {})
        .unwrap();
    import(v, &packet.path);
    assert_eq!(v.case(case).unwrap().unwrap().attorney.name, "Ms Jones");

    // Withdrawn: a rename and a note are held.
    let consent = v.list::<Consent>(case).unwrap().remove(0);
    let today = chrono::Local::now().date_naive();
    let withdrawn = Consent {
        withdrawn_on: Some(today),
        ..consent.record.clone()
    };
    v.update(consent.id, withdrawn).unwrap();
    let rename = |name: &str| {
        std::collections::BTreeMap::from([(
            crate::cases::CaseField::Name,
            serde_json::Value::from(name),
        )])
    };
    v.update_case(case, rename("Renamed while held")).unwrap();
    add_note(v, case, AFTER_WITHDRAWAL);
    let second = export(v, stick.path());
    import(&mut coordinator.vault, &second.path);
    assert_eq!(
        v.held_back().unwrap(),
        HeldBack {
            cases: 1,
            changes: 2
        }
    );

    // Asked again at a later visit, the person agrees: everything held goes, in full.
    v.record_share_consent(case).unwrap();
    assert_eq!(v.held_back().unwrap(), HeldBack::default());
    let kept = v.case(case).unwrap().unwrap();
    assert_eq!(kept.name, "Renamed while held");
    assert_eq!(
        kept.attorney.name, "Ms Jones",
        "the coordinator's change is kept"
    );
    assert_eq!(v.list::<Note>(case).unwrap().len(), 2);
    let third = export(v, stick.path());
    assert_eq!(
        third.seq_range.unwrap().first,
        second.seq_range.unwrap().last + 1
    );
    let bytes = opened(&coordinator.vault, &third.path);
    assert!(holds(&bytes, AFTER_WITHDRAWAL) && holds(&bytes, "Renamed while held"));
    let summary = import(&mut coordinator.vault, &third.path);
    assert!(summary.gaps.is_empty(), "{:?}", summary.gaps);
    let c = &coordinator.vault;
    assert_eq!(c.case(case).unwrap().unwrap().name, "Renamed while held");
    assert_eq!(c.list::<Note>(case).unwrap().len(), 2);
    assert!(c.shares_with_coordinator(case).unwrap());
    assert_eq!(v.state_hash().unwrap(), c.state_hash().unwrap());
}

/// Only a record of the case is held (a note written after the withdrawal, nothing about the case
/// itself): consent given again still finds it and sends it.
#[test]
fn consent_given_again_sends_a_note_held_on_its_own() {
    let stick = tempfile::tempdir().unwrap();
    let (mut coordinator, mut volunteer, case) = shared_then_withdrawn(stick.path());
    let v = &mut volunteer.vault;
    add_note(v, case, AFTER_WITHDRAWAL);
    let held = HeldBack {
        cases: 1,
        changes: 1,
    };
    assert_eq!(v.held_back().unwrap(), held);

    v.record_share_consent(case).unwrap();
    assert_eq!(v.held_back().unwrap(), HeldBack::default());
    let second = export(v, stick.path());
    assert!(holds(
        &opened(&coordinator.vault, &second.path),
        AFTER_WITHDRAWAL
    ));
    let summary = import(&mut coordinator.vault, &second.path);
    assert!(summary.gaps.is_empty(), "{:?}", summary.gaps);
    assert_eq!(coordinator.vault.list::<Note>(case).unwrap().len(), 1);
    assert_eq!(
        v.state_hash().unwrap(),
        coordinator.vault.state_hash().unwrap()
    );
}

/// Every write to a shared case asks whether anything of it is held: the question searches the
/// case's records by case and their operations by entity. Joined the other way round, SQLite read
/// every operation of the held stream (by its primary key) for each write: a quarter of a second
/// on the standard vault.
#[test]
fn the_question_whether_a_case_holds_anything_searches_by_case_and_entity() {
    let d = device("Anna's laptop");
    let plan = crate::query_plan::query_plan(d.vault.connection(), super::release::HOLDS_ANY);
    let reads = plan
        .iter()
        .filter(|step| step.starts_with("SEARCH") || step.starts_with("SCAN"))
        .filter(|step| *step != "SCAN CONSTANT ROW");
    for step in reads {
        assert!(
            step.ends_with("USING INDEX ops_by_entity (entity_id=?)")
                || step.ends_with("USING INDEX records_by_case (case_id=?)"),
            "{step}: {plan:?}"
        );
    }
    assert!(
        plan.iter().any(|step| step.contains("records_by_case")),
        "{plan:?}"
    );
}
