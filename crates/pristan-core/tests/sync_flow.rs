//! The organisation's round trip through real bundle files: a volunteer joins and exports, the
//! coordinator's import waits for approval, approval imports it, the coordinator assigns the case
//! and sends a case packet, and the volunteer sees the assignment. Replays change nothing, gaps
//! are reported, revoked devices are held back, and forget travels.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pristan_core::bundle::{BatchLimits, ExportOutcome, ExportReport, FileOutcome, ImportSummary};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::{DeviceId, EntityId, ForgetReason};
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

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

fn organisation() -> (Device, Device) {
    let mut coordinator = device("Office laptop");
    coordinator.vault.create_org("Test Visitors").unwrap();
    let mut volunteer = device("Anna's laptop");
    let text = coordinator.vault.invitation().unwrap().to_text();
    volunteer
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    (coordinator, volunteer)
}

fn export(vault: &mut Vault, dir: &Path) -> PathBuf {
    match vault.export_bundle(dir, None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => PathBuf::from(report.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

fn import(vault: &mut Vault, path: &Path) -> ImportSummary {
    vault
        .import_bundles(&[path.to_owned()], &mut |_| {})
        .unwrap()
}

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            share_with_coordinator: true,
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

fn assign(coordinator: &mut Vault, case: EntityId, volunteer: DeviceId) {
    coordinator
        .update_case(
            case,
            BTreeMap::from([(
                CaseField::AssignedTo,
                Value::from(vec![volunteer.to_string()]),
            )]),
        )
        .unwrap();
}

/// Writes `volunteer`'s case packet into a new folder.
fn send_packet(coordinator: &mut Vault, volunteer: DeviceId) -> (tempfile::TempDir, ExportReport) {
    let outbox = tempfile::tempdir().unwrap();
    let report = coordinator
        .export_case_packet(volunteer, outbox.path(), &mut |_| {})
        .unwrap();
    (outbox, report)
}

fn outcome(summary: &ImportSummary) -> &FileOutcome {
    &summary.files[0].outcome
}

/// Volunteer joins, exports; the coordinator holds the bundle until the device is approved.
fn approved_with_case() -> (Device, Device, EntityId, tempfile::TempDir) {
    let (mut coordinator, mut volunteer) = organisation();
    let case = add_case(&mut volunteer.vault, "Ivan Petrov");
    add_note(&mut volunteer.vault, case, "Needs reading glasses");
    assert_eq!(
        volunteer.vault.unsent_ops().unwrap(),
        3,
        "the case, its consent to share, a note"
    );
    let stick = tempfile::tempdir().unwrap();
    let bundle = export(&mut volunteer.vault, stick.path());
    assert_eq!(volunteer.vault.unsent_ops().unwrap(), 0);
    // A shared stick holds bundles both ways: this device's own is recognised, not quarantined.
    let own = import(&mut volunteer.vault, &bundle);
    assert_eq!(own.already_imported, 1, "{own:?}");
    assert!(volunteer.vault.quarantine().unwrap().is_empty());

    let summary = import(&mut coordinator.vault, &bundle);
    match outcome(&summary) {
        FileOutcome::Quarantined { waiting, reason } => {
            assert!(*waiting, "{reason}");
            assert!(reason.contains("not approved"), "{reason}");
        }
        other => panic!("expected quarantine, got {other:?}"),
    }
    assert!(coordinator.vault.case(case).unwrap().is_none());
    let pending = coordinator.vault.pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].fingerprint,
        volunteer.vault.device_fingerprint().unwrap(),
        "the coordinator sees the fingerprint the volunteer reads aloud"
    );

    coordinator
        .vault
        .approve_device(volunteer.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    assert_eq!(retried.totals.new_cases, 1);
    assert_eq!(retried.totals.new_notes, 1);
    assert!(coordinator.vault.quarantine().unwrap().is_empty());
    (coordinator, volunteer, case, stick)
}

#[test]
fn a_volunteers_bundle_waits_for_approval_then_imports_and_a_replay_changes_nothing() {
    let (mut coordinator, volunteer, case, stick) = approved_with_case();
    assert_eq!(
        coordinator.vault.case(case).unwrap().unwrap().name,
        "Ivan Petrov"
    );
    let hash = coordinator.vault.state_hash().unwrap();
    let again = import(&mut coordinator.vault, stick.path());
    assert_eq!(again.already_imported, 1, "{again:?}");
    assert_eq!(coordinator.vault.state_hash().unwrap(), hash);
    drop(volunteer);
}

#[test]
fn a_case_packet_brings_the_assignment_back_to_the_volunteer() {
    let (mut coordinator, mut volunteer, case, _stick) = approved_with_case();
    let volunteer_id = volunteer.vault.device_id();
    assign(&mut coordinator.vault, case, volunteer_id);
    let (_outbox, report) = send_packet(&mut coordinator.vault, volunteer_id);
    let summary = import(&mut volunteer.vault, Path::new(&report.path));
    assert_eq!(summary.imported, 1, "{summary:?}");
    let seen = volunteer.vault.case(case).unwrap().unwrap();
    assert_eq!(seen.assigned_to, vec![volunteer_id]);
    // The volunteer now holds the coordinator's roster and so recognises its bundles.
    assert_eq!(volunteer.vault.org().unwrap().unwrap().roster_version, 2);
    assert_eq!(
        coordinator.vault.state_hash().unwrap(),
        volunteer.vault.state_hash().unwrap(),
        "the packet carried every operation of the one case both hold"
    );
}

#[test]
fn a_missing_bundle_is_reported_as_a_gap() {
    let (mut coordinator, mut volunteer, case, _stick) = approved_with_case();
    let lost = tempfile::tempdir().unwrap();
    add_note(&mut volunteer.vault, case, "second visit");
    export(&mut volunteer.vault, lost.path());
    add_note(&mut volunteer.vault, case, "third visit");
    let stick = tempfile::tempdir().unwrap();
    let third = export(&mut volunteer.vault, stick.path());
    let summary = import(&mut coordinator.vault, &third);
    assert_eq!(summary.imported, 1);
    assert_eq!(summary.gaps.len(), 1, "{summary:?}");
    assert_eq!(summary.gaps[0].missing, vec![2]);
    assert_eq!(summary.gaps[0].sender_name, "Anna's laptop");
    // Resending from the start fills the gap.
    let resend = tempfile::tempdir().unwrap();
    let path = match volunteer
        .vault
        .export_bundle(resend.path(), Some(1), &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(r) => PathBuf::from(r.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    };
    let summary = import(&mut coordinator.vault, &path);
    assert_eq!(summary.totals.new_notes, 1, "{summary:?}");
}

#[test]
fn a_revoked_devices_later_bundles_are_quarantined_and_earlier_ones_kept() {
    let (mut coordinator, mut volunteer, case, _stick) = approved_with_case();
    coordinator
        .vault
        .revoke_device(volunteer.vault.device_id(), None)
        .unwrap();
    add_note(
        &mut volunteer.vault,
        case,
        "written after the laptop was lost",
    );
    let stick = tempfile::tempdir().unwrap();
    let bundle = export(&mut volunteer.vault, stick.path());
    let before = coordinator.vault.state_hash().unwrap();
    let summary = import(&mut coordinator.vault, &bundle);
    match outcome(&summary) {
        FileOutcome::Quarantined { reason, waiting } => {
            assert!(!waiting);
            assert!(reason.contains("revoked"), "{reason}");
        }
        other => panic!("expected quarantine, got {other:?}"),
    }
    assert_eq!(coordinator.vault.state_hash().unwrap(), before);
    assert!(coordinator.vault.case(case).unwrap().is_some());
}

#[test]
fn forget_travels_in_a_case_packet() {
    let (mut coordinator, mut volunteer, case, _stick) = approved_with_case();
    let volunteer_id = volunteer.vault.device_id();
    assign(&mut coordinator.vault, case, volunteer_id);
    coordinator
        .vault
        .forget_case(case, ForgetReason::ConsentWithdrawn)
        .unwrap();
    let (_outbox, report) = send_packet(&mut coordinator.vault, volunteer_id);
    let summary = import(&mut volunteer.vault, Path::new(&report.path));
    assert_eq!(summary.totals.forgotten, 1, "{summary:?}");
    assert!(volunteer.vault.case(case).unwrap().is_none());
    assert!(volunteer.vault.search_cases("Petrov").unwrap().is_empty());
}

#[test]
fn a_volunteer_cannot_forget_so_no_bundle_of_theirs_is_lost_to_a_forget() {
    // Before issue 10, the volunteer's vault forgot locally and the coordinator then quarantined
    // the whole bundle carrying the instruction, with its other changes. Now the volunteer's
    // vault refuses; the importer still refuses a crafted one (fail_forget_by_volunteer).
    let (_coordinator, mut volunteer, case, _stick) = approved_with_case();
    let refused = volunteer
        .vault
        .forget_case(case, ForgetReason::EnteredByMistake)
        .unwrap_err();
    assert!(refused.to_string().contains("coordinator"), "{refused}");
    assert!(volunteer.vault.case(case).unwrap().is_some());
    assert_eq!(volunteer.vault.unsent_ops().unwrap(), 0);
}

#[test]
fn a_large_export_is_split_into_bundles_that_all_import_in_any_order() {
    let (mut coordinator, mut volunteer, case, _stick) = approved_with_case();
    for n in 0..7 {
        add_note(&mut volunteer.vault, case, &format!("visit {n}"));
    }
    let stick = tempfile::tempdir().unwrap();
    let small = BatchLimits {
        ops: 3,
        ..BatchLimits::DEFAULT
    };
    let report = match volunteer
        .vault
        .export_bundle_in_batches(stick.path(), None, &small, &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(report) => report,
        ExportOutcome::NothingNew => panic!("expected bundles"),
    };
    assert_eq!(report.paths.len(), 3, "{report:?}");
    assert_eq!(report.ops, 7);
    assert_eq!(report.number, 4, "bundle 1 was the first export");
    // Delivered last-first: every part imports, and no bundle is reported missing.
    let mut paths: Vec<PathBuf> = report.paths.iter().map(PathBuf::from).collect();
    paths.reverse();
    let summary = coordinator
        .vault
        .import_bundles(&paths, &mut |_| {})
        .unwrap();
    assert_eq!(summary.imported, 3, "{summary:?}");
    assert_eq!(summary.totals.new_notes, 7);
    assert!(summary.gaps.is_empty(), "{summary:?}");
}
