//! The dashboard and the case file.

use super::*;

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
    assert_eq!(dashboard.removal_imminent[0].case.id, case_id);
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
