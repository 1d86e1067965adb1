//! An organisation at the size DESIGN.md plans for: one coordinator and 50 volunteers, each with
//! its own vault. Every volunteer opens one to three cases, records an immigration judge's denial
//! (which opens the 30-day BIA appeal window) and a note, and exports. The coordinator approves
//! every waiting device, then imports the whole folder in one call: every case arrives, and the
//! dashboard lists every case's appeal deadline.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Days, NaiveDate};
use pristan_core::bundle::ExportOutcome;
use pristan_core::cases::NewCase;
use pristan_core::domain::views::DeadlineKind;
use pristan_core::domain::{
    LegalEvent, LegalEventKind, LongText, Note, NoteKind, Outcome, Sensitivity,
};
use pristan_core::ops::EntityId;
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

const VOLUNTEERS: usize = 50;

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn create(dir: &Path, name: &str) -> Vault {
    let (vault, _) = Vault::create(dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    vault
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// What one volunteer entered for one case: its name and the date of the judge's decision.
struct Entered {
    name: String,
    decided: NaiveDate,
}

#[test]
fn fifty_volunteers_bundles_import_in_one_call_and_every_deadline_is_on_the_dashboard() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("synced folder");
    std::fs::create_dir(&folder).unwrap();
    let mut coordinator = create(&tmp.path().join("coordinator"), "Office laptop");
    coordinator.create_org("Fifty Visitors").unwrap();
    let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text()).unwrap();

    // Decisions from 1 to 14 June 2026: on 1 July every appeal window is still open and closes
    // within the dashboard's 14 days (rolled past weekends and the 3 July holiday).
    let today = day("2026-07-01");
    let mut expected: BTreeMap<EntityId, Entered> = BTreeMap::new();
    for n in 0..VOLUNTEERS {
        let mut volunteer = create(
            &tmp.path().join(format!("volunteer{n}")),
            &format!("Volunteer {n}"),
        );
        volunteer.join_org(&invitation).unwrap();
        for c in 0..1 + n % 3 {
            let name = format!("Person {n}-{c}");
            let case = volunteer
                .add_case(NewCase {
                    name: name.clone(),
                    share_with_coordinator: true,
                    ..NewCase::default()
                })
                .unwrap();
            let decided = day("2026-06-01") + Days::new(((n + c) % 14) as u64);
            volunteer
                .add(LegalEvent {
                    case_id: Some(case),
                    kind: LegalEventKind::IjDecision,
                    date: Some(decided),
                    outcome: Outcome::Denied,
                    ..LegalEvent::default()
                })
                .unwrap();
            volunteer
                .add(Note {
                    case_id: Some(case),
                    visit_id: None,
                    kind: NoteKind::Welfare,
                    sensitivity: Sensitivity::Normal,
                    text: LongText::new(&format!("Visit {n}-{c}: wants to appeal")).unwrap(),
                    replaces: None,
                })
                .unwrap();
            expected.insert(case, Entered { name, decided });
        }
        let outcome = volunteer.export_bundle(&folder, None, &mut |_| {}).unwrap();
        assert!(matches!(outcome, ExportOutcome::Written(_)));
        volunteer.lock().unwrap();
    }

    // The first look at the folder lists every device for approval; nothing is applied yet.
    let first = coordinator
        .import_bundles(std::slice::from_ref(&folder), &mut |_| {})
        .unwrap();
    assert_eq!(first.quarantined, VOLUNTEERS, "{first:?}");
    let pending = coordinator.pending_devices().unwrap();
    assert_eq!(pending.len(), VOLUNTEERS);
    for device in pending {
        coordinator
            .approve_device(device.identity.device, Role::Volunteer)
            .unwrap();
    }

    let summary = coordinator
        .import_bundles(std::slice::from_ref(&folder), &mut |_| {})
        .unwrap();
    assert_eq!(summary.imported, VOLUNTEERS, "{summary:?}");
    assert_eq!(summary.totals.new_cases, expected.len());
    assert_eq!(summary.totals.new_notes, expected.len());
    assert_eq!(
        summary.totals.new_records,
        expected.len(),
        "the legal events"
    );
    assert!(summary.gaps.is_empty(), "{:?}", summary.gaps);
    assert!(coordinator.quarantine().unwrap().is_empty());

    for (id, entered) in &expected {
        let case = coordinator.case(*id).unwrap().expect("every case arrived");
        assert_eq!(case.name, entered.name);
    }
    let dashboard = coordinator.dashboard(today).unwrap();
    assert_eq!(dashboard.case_count, expected.len());
    assert_eq!(dashboard.deadlines.len(), expected.len(), "one per case");
    for (id, entered) in &expected {
        let listed: Vec<_> = dashboard
            .deadlines
            .iter()
            .filter(|d| d.case.id == *id)
            .collect();
        assert_eq!(listed.len(), 1, "{}", entered.name);
        let deadline = &listed[0].deadline;
        assert_eq!(deadline.kind, DeadlineKind::BiaAppeal, "{}", entered.name);
        assert_eq!(deadline.trigger_date, entered.decided);
        assert_eq!(deadline.nominal_date, entered.decided + Days::new(30));
        assert!(
            deadline.due >= deadline.nominal_date
                && deadline.due <= deadline.nominal_date + Days::new(4),
            "{}: due {}",
            entered.name,
            deadline.due
        );
        assert_eq!(listed[0].case.name, entered.name);
    }
    // Soonest first.
    assert!(dashboard
        .deadlines
        .windows(2)
        .all(|w| w[0].deadline.due <= w[1].deadline.due));
}
