//! The ranking as a table of cases, the stay-motion rule, and the board through a real vault.

mod board_query;

use chrono::NaiveDate;

use super::*;
use crate::domain::board::{FlightRef, RemovalFacts, RemovalImminent};
use crate::domain::views::CaseRef;
use crate::domain::{EntityId, LegalEvent, LegalEventKind, Outcome, Stored};

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// One row of the ranking table: a name and its facts.
struct Row {
    name: &'static str,
    flight: Option<&'static str>,
    attorney: bool,
    stay_pending: bool,
    final_order: &'static str,
    last_contact: Option<&'static str>,
}

impl Row {
    fn case(&self) -> RemovalImminent {
        RemovalImminent {
            case: CaseRef {
                id: EntityId::random(),
                name: self.name.into(),
                native_name: String::new(),
            },
            facts: RemovalFacts {
                flight: self.flight.map(|date| FlightRef {
                    id: EntityId::random(),
                    date: day(date),
                    route: "ELP → Moscow".into(),
                }),
                attorney_of_record: self.attorney,
                stay_motion_pending: self.stay_pending,
                final_order: day(self.final_order),
                last_contact: self.last_contact.map(day),
            },
        }
    }
}

/// The table, in the order the ranking must give: each row is more urgent than the next for the
/// reason named in its comment.
fn table() -> Vec<Row> {
    let row = |name, flight, attorney, stay_pending, final_order, last_contact| Row {
        name,
        flight,
        attorney,
        stay_pending,
        final_order,
        last_contact,
    };
    vec![
        // A linked flight comes first, whatever else holds: the soonest flight first.
        row(
            "flight soon",
            Some("2026-12-05"),
            true,
            true,
            "2026-11-01",
            Some("2026-12-01"),
        ),
        row(
            "flight later",
            Some("2026-12-10"),
            false,
            false,
            "2026-01-01",
            None,
        ),
        // Then no attorney of record, and among those no stay motion filed, the oldest order first.
        row(
            "no attorney, old order",
            None,
            false,
            false,
            "2026-01-01",
            Some("2026-12-01"),
        ),
        row(
            "no attorney, newer order",
            None,
            false,
            false,
            "2026-06-01",
            None,
        ),
        // A pending stay motion ranks below every case without one (same attorney standing),
        // however old its order.
        row(
            "no attorney, stay pending",
            None,
            false,
            true,
            "2025-01-01",
            None,
        ),
        // Attorney of record, no stay motion: same order date, so the longest since contact first,
        // never contacted the longest of all.
        row(
            "attorney, never contacted",
            None,
            true,
            false,
            "2026-06-01",
            None,
        ),
        row(
            "attorney, contacted July",
            None,
            true,
            false,
            "2026-06-01",
            Some("2026-07-01"),
        ),
        row(
            "Attorney, contacted November",
            None,
            true,
            false,
            "2026-06-01",
            Some("2026-11-20"),
        ),
        // Identical facts: by name, ignoring case.
        row(
            "attorney, contacted November; twin",
            None,
            true,
            false,
            "2026-06-01",
            Some("2026-11-20"),
        ),
        row(
            "attorney, stay pending",
            None,
            true,
            true,
            "2020-01-01",
            None,
        ),
    ]
}

fn names(cases: &[RemovalImminent]) -> Vec<String> {
    cases.iter().map(|c| c.case.name.clone()).collect()
}

#[test]
fn removal_imminent_cases_rank_by_flight_attorney_stay_order_and_contact() {
    let expected: Vec<String> = table().iter().map(|r| r.name.to_owned()).collect();
    let cases: Vec<RemovalImminent> = table().iter().map(Row::case).collect();
    // Whatever order they arrive in, the ranking is the same.
    for shift in 0..cases.len() {
        let mut arrived = cases.clone();
        arrived.rotate_left(shift);
        if shift % 2 == 1 {
            arrived.reverse();
        }
        rank(&mut arrived);
        assert_eq!(names(&arrived), expected, "arrival rotated by {shift}");
    }
}

#[test]
fn the_ranking_is_a_total_order() {
    let cases: Vec<RemovalImminent> = table().iter().map(Row::case).collect();
    for a in &cases {
        assert_eq!(compare(a, a), std::cmp::Ordering::Equal);
        for b in &cases {
            assert_eq!(
                compare(a, b),
                compare(b, a).reverse(),
                "{} / {}",
                a.case.name,
                b.case.name
            );
        }
    }
}

fn legal(kind: LegalEventKind, date: &str, outcome: Outcome) -> Stored<LegalEvent> {
    Stored {
        id: EntityId::random(),
        record: LegalEvent {
            kind,
            date: Some(day(date)),
            outcome,
            ..LegalEvent::default()
        },
    }
}

#[test]
fn a_stay_motion_is_pending_until_decided() {
    use LegalEventKind::{StayDecision, StayRequested};
    let today = day("2026-12-01");
    let requested = legal(StayRequested, "2026-11-20", Outcome::Pending);
    let cases: Vec<(&str, Vec<Stored<LegalEvent>>, bool)> = vec![
        ("nothing asked", vec![], false),
        ("asked, no decision", vec![requested.clone()], true),
        (
            "asked with its outcome unknown",
            vec![legal(StayRequested, "2026-11-20", Outcome::Unknown)],
            true,
        ),
        (
            "asked and denied on the request itself",
            vec![legal(StayRequested, "2026-11-20", Outcome::Denied)],
            false,
        ),
        (
            "asked, then denied",
            vec![
                requested.clone(),
                legal(StayDecision, "2026-11-25", Outcome::Denied),
            ],
            false,
        ),
        (
            "a decision on an earlier request does not answer a later one",
            vec![
                legal(StayDecision, "2026-11-01", Outcome::Denied),
                requested.clone(),
            ],
            true,
        ),
        (
            "asked only after today (entered ahead of time)",
            vec![legal(StayRequested, "2026-12-03", Outcome::Pending)],
            false,
        ),
    ];
    for (why, events, pending) in cases {
        assert_eq!(stay_motion_pending(&events, today), pending, "{why}");
    }
}
