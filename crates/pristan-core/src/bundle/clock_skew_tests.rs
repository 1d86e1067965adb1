//! A laptop whose clock is wrong by days still merges correctly (DESIGN.md §5), through real
//! bundle files between a coordinator and a volunteer.
//!
//! The system clock cannot be changed in a test, and the vault reads it directly
//! (`Clock::tick_now`), so a wrong clock is made the only way the core allows: a unit test here
//! sets the vault's clock (`Vault::clock`, crate-private) to resume from a timestamp days ahead.
//! `Clock::tick` takes `max(wall clock, last)`, so every operation that laptop stamps afterwards
//! is dated days ahead, exactly as a laptop whose clock runs days fast would stamp them. A laptop
//! days *behind* is the same situation seen from the other side: the other device is set ahead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde_json::Value;

use super::{ExportOutcome, FileOutcome};
use crate::cases::{CaseField, NewCase};
use crate::ops::{Clock, EntityId, Hlc};
use crate::org::{Invitation, Role};
use crate::{KdfParams, Vault};

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn now_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap()
}

/// Makes `vault` stamp everything from now on as if its clock read `days` days ahead.
fn set_clock_ahead(vault: &mut Vault, days: u64) {
    vault.clock = Clock::resume(Hlc::new(now_ms() + days * DAY_MS, 0));
}

struct Pair {
    _tmp: tempfile::TempDir,
    coordinator: Vault,
    volunteer: Vault,
    case: EntityId,
    stick: PathBuf,
}

/// A coordinator and an approved volunteer who both hold case `case`, assigned to the volunteer.
fn pair() -> Pair {
    let tmp = tempfile::tempdir().unwrap();
    let create = |name: &str| {
        let (vault, _) =
            Vault::create(&tmp.path().join(name), &passphrase(), KdfParams::MINIMUM).unwrap();
        vault.set_device_name(name).unwrap();
        vault
    };
    let mut coordinator = create("Office laptop");
    coordinator.create_org("Clock Visitors").unwrap();
    let mut volunteer = create("Anna's laptop");
    let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text()).unwrap();
    volunteer.join_org(&invitation).unwrap();
    let stick = tmp.path().join("stick");
    std::fs::create_dir(&stick).unwrap();
    let case = volunteer
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap();
    let first = export(&mut volunteer, &stick);
    // It waits until the device is approved.
    coordinator.import_bundles(&[first], &mut |_| {}).unwrap();
    coordinator
        .approve_device(volunteer.device_id(), Role::Volunteer)
        .unwrap();
    assert_eq!(
        coordinator.retry_quarantine(&mut |_| {}).unwrap().imported,
        1
    );
    let assigned = vec![volunteer.device_id().to_string()];
    set(
        &mut coordinator,
        case,
        CaseField::AssignedTo,
        assigned.into(),
    );
    let packet_file = send_packet(&mut coordinator, &volunteer, &stick);
    import(&mut volunteer, &packet_file);
    Pair {
        _tmp: tmp,
        coordinator,
        volunteer,
        case,
        stick,
    }
}

fn set(vault: &mut Vault, case: EntityId, field: CaseField, value: Value) {
    vault
        .update_case(case, BTreeMap::from([(field, value)]))
        .unwrap();
}

fn export(vault: &mut Vault, dir: &Path) -> PathBuf {
    match vault.export_bundle(dir, None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => PathBuf::from(report.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

fn send_packet(coordinator: &mut Vault, volunteer: &Vault, dir: &Path) -> PathBuf {
    let report = coordinator
        .export_case_packet(volunteer.device_id(), dir, &mut |_| {})
        .unwrap();
    PathBuf::from(report.path)
}

fn import(vault: &mut Vault, path: &Path) {
    let summary = vault
        .import_bundles(&[path.to_owned()], &mut |_| {})
        .unwrap();
    assert!(
        matches!(summary.files[0].outcome, FileOutcome::Imported(_)),
        "{summary:?}"
    );
}

fn languages(vault: &Vault, case: EntityId) -> String {
    vault.case(case).unwrap().unwrap().languages
}

#[test]
fn a_laptop_days_ahead_does_not_outrank_an_edit_made_after_seeing_its_own() {
    let mut p = pair();
    set_clock_ahead(&mut p.volunteer, 5);
    set(
        &mut p.volunteer,
        p.case,
        CaseField::Languages,
        "Russian".into(),
    );
    let bundle = export(&mut p.volunteer, &p.stick);
    let summary = p
        .coordinator
        .import_bundles(std::slice::from_ref(&bundle), &mut |_| {})
        .unwrap();
    // The summary tells the coordinator the sender's clock is days ahead.
    let ahead = summary.totals.clock_ahead_ms.expect("a clock warning");
    assert!(ahead >= 4 * DAY_MS, "{ahead}");
    assert_eq!(languages(&p.coordinator, p.case), "Russian");
    // Receiving the op moved the coordinator's clock past it, days beyond its wall clock.
    assert!(p.coordinator.clock.last().wall_ms() >= now_ms() + 4 * DAY_MS);

    // The coordinator, whose clock is right, corrects the field after seeing the volunteer's
    // value: the correction shows everywhere, and it is no conflict.
    let corrected = "Russian, Georgian";
    set(
        &mut p.coordinator,
        p.case,
        CaseField::Languages,
        corrected.into(),
    );
    assert_eq!(languages(&p.coordinator, p.case), corrected);
    let packet_file = send_packet(&mut p.coordinator, &p.volunteer, &p.stick);
    import(&mut p.volunteer, &packet_file);
    assert_eq!(languages(&p.volunteer, p.case), corrected);
    assert!(p.coordinator.conflicts().unwrap().is_empty());
    assert!(p.volunteer.conflicts().unwrap().is_empty());
    assert_eq!(
        p.coordinator.state_hash().unwrap(),
        p.volunteer.state_hash().unwrap()
    );

    // Concurrent writes: the fast laptop's value shows (its stamp is later) on both devices, and
    // both keep the conflict for a coordinator to decide.
    set(
        &mut p.volunteer,
        p.case,
        CaseField::Nationality,
        "Georgia".into(),
    );
    set(
        &mut p.coordinator,
        p.case,
        CaseField::Nationality,
        "Russia".into(),
    );
    let bundle = export(&mut p.volunteer, &p.stick);
    import(&mut p.coordinator, &bundle);
    let packet_file = send_packet(&mut p.coordinator, &p.volunteer, &p.stick);
    import(&mut p.volunteer, &packet_file);
    for vault in [&p.coordinator, &p.volunteer] {
        assert_eq!(vault.case(p.case).unwrap().unwrap().nationality, "Georgia");
        let conflicts = vault.conflicts().unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field, "nationality");
    }
    assert_eq!(
        p.coordinator.state_hash().unwrap(),
        p.volunteer.state_hash().unwrap()
    );
}

#[test]
fn a_laptop_days_behind_wins_with_an_edit_made_after_seeing_the_others() {
    let mut p = pair();
    // The coordinator's clock runs a week ahead of the volunteer's.
    set_clock_ahead(&mut p.coordinator, 7);
    set(
        &mut p.coordinator,
        p.case,
        CaseField::Languages,
        "Russian".into(),
    );
    let packet_file = send_packet(&mut p.coordinator, &p.volunteer, &p.stick);
    import(&mut p.volunteer, &packet_file);
    assert_eq!(languages(&p.volunteer, p.case), "Russian");

    // The volunteer's correction, made a week "earlier" by its own clock but after seeing the
    // coordinator's value, must win on both devices.
    set(
        &mut p.volunteer,
        p.case,
        CaseField::Languages,
        "Georgian".into(),
    );
    assert_eq!(languages(&p.volunteer, p.case), "Georgian");
    let bundle = export(&mut p.volunteer, &p.stick);
    import(&mut p.coordinator, &bundle);
    assert_eq!(languages(&p.coordinator, p.case), "Georgian");
    assert!(p.coordinator.conflicts().unwrap().is_empty());

    // After a restart, the volunteer's clock resumes from the latest stamp it holds, so a later
    // edit still outranks everything it has seen.
    let dir = p.volunteer.dir().to_owned();
    p.volunteer.lock().unwrap();
    let mut volunteer = Vault::unlock(&dir, &passphrase()).unwrap();
    set(
        &mut volunteer,
        p.case,
        CaseField::Languages,
        "Georgian, Russian".into(),
    );
    let bundle = export(&mut volunteer, &p.stick);
    import(&mut p.coordinator, &bundle);
    assert_eq!(languages(&p.coordinator, p.case), "Georgian, Russian");
    assert!(p.coordinator.conflicts().unwrap().is_empty());
    let packet_file = send_packet(&mut p.coordinator, &volunteer, &p.stick);
    import(&mut volunteer, &packet_file);
    assert_eq!(
        p.coordinator.state_hash().unwrap(),
        volunteer.state_hash().unwrap()
    );
}
