//! A flight with ten linked cases gives the triage list in the documented order
//! (docs/coordinator.md, "Flight triage"): final order without a stay first, then pending
//! motions, then stays, then no final order; within each, no attorney of record first, then the
//! soonest open deadline, then the longest since the last contact (never first), then the name.

mod coordination_support;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use coordination_support::device;
use pristan_core::cases::CaseField;
use pristan_core::coordination::flight_triage;
use pristan_core::coordination::flights::{add_flight, link_case, unlink_case};
use pristan_core::domain::{
    Flight, LegalEvent, LegalEventKind, Outcome, ShortText, TriageGroup, Visit,
};
use pristan_core::ops::EntityId;
use pristan_core::Vault;
use serde_json::json;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn event(vault: &mut Vault, case: EntityId, kind: LegalEventKind, date: &str, outcome: Outcome) {
    vault
        .add(LegalEvent {
            case_id: Some(case),
            kind,
            date: Some(day(date)),
            outcome,
            ..LegalEvent::default()
        })
        .unwrap();
}

fn visit(vault: &mut Vault, case: EntityId, date: &str) {
    vault
        .add(Visit {
            case_id: Some(case),
            date: Some(day(date)),
            ..Visit::default()
        })
        .unwrap();
}

fn attorney(vault: &mut Vault, case: EntityId) {
    vault
        .update_case(
            case,
            BTreeMap::from([
                (CaseField::AttorneyName, json!("J. Doe")),
                (CaseField::G28, json!("filed")),
            ]),
        )
        .unwrap();
}

#[test]
fn ten_linked_cases_are_triaged_in_the_documented_order() {
    use LegalEventKind as K;
    let mut d = device("Office laptop");
    let v = &mut d.vault;
    let today = day("2026-12-02");
    let mut cases = BTreeMap::new();
    let names = [
        "A1",
        "A2",
        "A3",
        "A4",
        "A5",
        "A6",
        "B1",
        "B2",
        "C1",
        "D1",
        "Not on it",
    ];
    for name in names {
        let id = v
            .add_case(pristan_core::cases::NewCase {
                name: name.to_owned(),
                ..Default::default()
            })
            .unwrap();
        cases.insert(name, id);
    }
    let c = |name: &str| cases[name];
    // Final orders, nothing pending: A1's is older (its deadlines come first); A3 has an
    // attorney; A2, A4, A5, A6 share a date and differ in the last contact.
    event(v, c("A1"), K::FinalOrder, "2026-11-01", Outcome::Unknown);
    for name in ["A2", "A3", "A4", "A5", "A6"] {
        event(v, c(name), K::FinalOrder, "2026-11-20", Outcome::Unknown);
    }
    event(v, c("A3"), K::FinalOrder, "2026-11-01", Outcome::Unknown);
    attorney(v, c("A3"));
    visit(v, c("A5"), "2026-11-30");
    visit(v, c("A6"), "2026-10-01");
    visit(v, c("A6"), "2026-12-20"); // planned, not a contact yet
                                     // Pending motions: B2 has an attorney.
    for name in ["B1", "B2"] {
        event(v, c(name), K::FinalOrder, "2026-11-01", Outcome::Unknown);
    }
    event(
        v,
        c("B1"),
        K::MotionToReopenFiled,
        "2026-11-10",
        Outcome::Pending,
    );
    event(v, c("B2"), K::StayRequested, "2026-11-10", Outcome::Unknown);
    attorney(v, c("B2"));
    // Stayed.
    event(v, c("C1"), K::FinalOrder, "2026-11-01", Outcome::Unknown);
    event(v, c("C1"), K::StayDecision, "2026-11-15", Outcome::Granted);
    // Still in proceedings.
    event(v, c("D1"), K::MasterHearing, "2026-12-10", Outcome::Unknown);
    event(
        v,
        c("Not on it"),
        K::FinalOrder,
        "2026-10-01",
        Outcome::Unknown,
    );

    let flight = add_flight(
        v,
        Flight {
            date: Some(day("2026-12-05")),
            route: ShortText::new("Alexandria LA → Cairo → Moscow").unwrap(),
            source: ShortText::new("an attorney at the facility").unwrap(),
            ..Flight::default()
        },
    )
    .unwrap();
    let other_flight = add_flight(
        v,
        Flight {
            date: Some(day("2026-12-09")),
            ..Flight::default()
        },
    )
    .unwrap();
    // Linked in an order unrelated to the expected one, one twice.
    for name in [
        "D1", "A5", "C1", "A2", "B2", "A6", "A1", "B1", "A4", "A3", "A4",
    ] {
        link_case(v, flight, c(name), "").unwrap();
    }
    link_case(v, other_flight, c("Not on it"), "").unwrap();
    link_case(v, flight, c("Not on it"), "a mistake").unwrap();
    unlink_case(v, flight, c("Not on it")).unwrap();
    assert!(
        unlink_case(v, flight, c("Not on it")).is_err(),
        "no longer linked"
    );

    let triage = flight_triage(v, flight, today).unwrap();
    assert_eq!(triage.days_until, Some(3));
    let order: Vec<&str> = triage.rows.iter().map(|r| r.case.name.as_str()).collect();
    assert_eq!(
        order,
        ["A1", "A2", "A4", "A6", "A5", "A3", "B1", "B2", "C1", "D1"]
    );
    let groups: Vec<TriageGroup> = triage.rows.iter().map(|r| r.group).collect();
    use TriageGroup as G;
    assert_eq!(
        groups,
        [
            G::FinalOrderNoStay,
            G::FinalOrderNoStay,
            G::FinalOrderNoStay,
            G::FinalOrderNoStay,
            G::FinalOrderNoStay,
            G::FinalOrderNoStay,
            G::PendingMotion,
            G::PendingMotion,
            G::Stayed,
            G::NoFinalOrder,
        ]
    );
    let row = |name: &str| triage.rows.iter().find(|r| r.case.name == name).unwrap();
    assert_eq!(row("A6").last_contact, Some(day("2026-10-01")));
    assert_eq!(row("A4").last_contact, None);
    assert!(row("A3").attorney_of_record && !row("A1").attorney_of_record);
    assert!(row("B1").pending_motion && !row("A1").pending_motion);
    assert!(row("C1").removal_stayed);
    assert_eq!(row("A1").final_order, Some(day("2026-11-01")));
    // A1's deadlines (from 1 November) are overdue and still open: it is the most pressing.
    let a1_due = row("A1").next_deadline.as_ref().unwrap().due;
    let a2_due = row("A2").next_deadline.as_ref().unwrap().due;
    assert!(a1_due <= today && a1_due < a2_due, "{a1_due} {a2_due}");
    assert!(row("D1").next_deadline.is_none());

    // Every case's flights in one read, for the dashboard and the board.
    let by_case = pristan_core::coordination::linked_flights_by_case(v).unwrap();
    assert_eq!(by_case.len(), 11);
    assert_eq!(by_case[&c("A4")].len(), 1, "linked twice, listed once");
    assert_eq!(by_case[&c("Not on it")][0].flight_id, other_flight);
}
