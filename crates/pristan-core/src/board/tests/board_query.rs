//! The board and the dashboard's ranking through a real vault.

use chrono::NaiveDate;
use secrecy::SecretString;
use serde_json::json;

use crate::board::deadlines_board;
use crate::cases::{CaseField, NewCase};
use crate::domain::board::BoardFilter;
use crate::domain::views::DeadlineKind;
use crate::domain::{
    CustodyStatus, EntityId, Facility, FilingStatus, LegalEvent, LegalEventKind, Outcome,
    ShortText, Visit,
};
use crate::{KdfParams, Vault};

fn new_vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    (tmp, vault)
}

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

fn case(vault: &mut Vault, name: &str, facility: Option<EntityId>, attorney: bool) -> EntityId {
    let id = vault
        .add_case(NewCase {
            name: name.into(),
            custody_status: Some(CustodyStatus::Detained),
            facility_id: facility,
            ..NewCase::default()
        })
        .unwrap();
    if attorney {
        let fields = [
            (CaseField::AttorneyName, json!("J. Reyes")),
            (CaseField::G28, json!(FilingStatus::Filed)),
        ];
        vault.update_case(id, fields.into_iter().collect()).unwrap();
    } else {
        // A name without a notice of appearance on file is no attorney of record.
        let fields = [(CaseField::AttorneyName, json!("Someone, maybe"))];
        vault.update_case(id, fields.into_iter().collect()).unwrap();
    }
    id
}

fn set_custody(vault: &mut Vault, id: EntityId, custody: CustodyStatus) {
    let fields = [(CaseField::CustodyStatus, json!(custody))];
    vault.update_case(id, fields.into_iter().collect()).unwrap();
}

/// Three removal-imminent cases (two with an attorney of record, one visited more recently), one
/// with an upcoming BIA appeal deadline, one whose only deadline was met, one with no legal events.
struct Org {
    vault: Vault,
    _tmp: tempfile::TempDir,
    krome: EntityId,
    no_attorney: EntityId,
    visited_long_ago: EntityId,
    visited_lately: EntityId,
    appeal_due: EntityId,
}

fn org() -> Org {
    use LegalEventKind::*;
    let (tmp, mut vault) = new_vault();
    let krome = vault
        .add(Facility {
            name: ShortText::new("Krome").unwrap(),
            ..Facility::default()
        })
        .unwrap();
    let otero = vault
        .add(Facility {
            name: ShortText::new("Otero").unwrap(),
            ..Facility::default()
        })
        .unwrap();
    let visited_lately = case(&mut vault, "Anna Lately", Some(krome), true);
    let visited_long_ago = case(&mut vault, "Boris Longago", Some(otero), true);
    let no_attorney = case(&mut vault, "Zoya Noattorney", Some(otero), false);
    let appeal_due = case(&mut vault, "Dmitri Appeal", Some(krome), true);
    let met = case(&mut vault, "Elena Filed", Some(krome), true);
    case(&mut vault, "Fyodor Quiet", Some(krome), true);
    for id in [visited_lately, visited_long_ago, no_attorney] {
        event(
            &mut vault,
            id,
            BiaDecision,
            "2026-09-01",
            Outcome::Dismissed,
        );
    }
    for (id, date) in [
        (visited_lately, "2026-11-20"),
        (visited_long_ago, "2026-10-01"),
    ] {
        vault
            .add(Visit {
                case_id: Some(id),
                date: Some(day(date)),
                ..Visit::default()
            })
            .unwrap();
    }
    // A visit planned after today is not a contact yet.
    vault
        .add(Visit {
            case_id: Some(visited_long_ago),
            date: Some(day("2026-12-09")),
            ..Visit::default()
        })
        .unwrap();
    event(
        &mut vault,
        appeal_due,
        IjDecision,
        "2026-11-20",
        Outcome::Denied,
    );
    event(
        &mut vault,
        met,
        CredibleFearFinding,
        "2026-11-25",
        Outcome::Denied,
    );
    event(
        &mut vault,
        met,
        CredibleFearReview,
        "2026-11-27",
        Outcome::Pending,
    );
    Org {
        vault,
        _tmp: tmp,
        krome,
        no_attorney,
        visited_long_ago,
        visited_lately,
        appeal_due,
    }
}

fn ids(board: &crate::domain::board::Board) -> Vec<EntityId> {
    board.rows.iter().map(|r| r.case.id).collect()
}

#[test]
fn the_board_puts_ranked_removal_imminent_cases_first_then_deadlines() {
    let org = org();
    let today = day("2026-12-01");
    let board = deadlines_board(&org.vault, &BoardFilter::default(), today).unwrap();
    assert_eq!(board.case_count, 6);
    assert_eq!(board.removal_imminent, 3);
    assert_eq!(
        ids(&board),
        [
            org.no_attorney,
            org.visited_long_ago,
            org.visited_lately,
            org.appeal_due
        ],
        "{board:#?}"
    );
    let long_ago = &board.rows[1];
    assert_eq!(
        long_ago.removal.as_ref().unwrap().last_contact,
        Some(day("2026-10-01")),
        "a planned visit is not a contact"
    );
    assert_eq!(long_ago.facility_name.as_deref(), Some("Otero"));
    let appeal = &board.rows[3];
    assert!(appeal.removal.is_none());
    assert_eq!(appeal.deadlines[0].kind, DeadlineKind::BiaAppeal);
    assert!(board
        .rows
        .iter()
        .all(|r| r.deadlines.iter().all(|d| d.met_by.is_none())));
    let facilities: Vec<&str> = board.facilities.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(facilities, ["Krome", "Otero"]);

    // The dashboard ranks them the same way.
    let dashboard = org.vault.dashboard(today).unwrap();
    let ranked: Vec<EntityId> = dashboard
        .removal_imminent
        .iter()
        .map(|r| r.case.id)
        .collect();
    assert_eq!(ranked, ids(&board)[..3]);
}

#[test]
fn the_board_filters_by_facility_and_custody() {
    let mut org = org();
    let today = day("2026-12-01");
    let at_krome = BoardFilter {
        facility: Some(org.krome),
        ..BoardFilter::default()
    };
    let board = deadlines_board(&org.vault, &at_krome, today).unwrap();
    assert_eq!(ids(&board), [org.visited_lately, org.appeal_due]);
    assert_eq!(board.removal_imminent, 1);
    assert_eq!(board.case_count, 6, "the count is of the whole vault");

    set_custody(&mut org.vault, org.appeal_due, CustodyStatus::Released);
    let released_only = BoardFilter {
        custody: Some(CustodyStatus::Released),
        ..BoardFilter::default()
    };
    let board = deadlines_board(&org.vault, &released_only, today).unwrap();
    assert_eq!(ids(&board), [org.appeal_due]);
}

#[test]
fn a_removed_person_leaves_the_removal_imminent_list() {
    let mut org = org();
    set_custody(&mut org.vault, org.no_attorney, CustodyStatus::Removed);
    let board = deadlines_board(&org.vault, &BoardFilter::default(), day("2026-12-01")).unwrap();
    assert_eq!(board.removal_imminent, 2);
    assert_eq!(board.rows[0].case.id, org.visited_long_ago);
}

#[test]
fn a_linked_flight_puts_its_case_first_with_the_soonest_flight() {
    use crate::coordination::flights::{add_flight, link_case};
    use crate::domain::{Flight, ShortText};
    let mut org = org();
    let today = day("2026-12-01");
    let flight = |date: &str, route: &str| Flight {
        date: Some(day(date)),
        route: ShortText::new(route).unwrap(),
        ..Flight::default()
    };
    let later = add_flight(&mut org.vault, flight("2026-12-09", "AEX → Cairo → Moscow")).unwrap();
    let sooner = add_flight(&mut org.vault, flight("2026-12-04", "ELP → Moscow")).unwrap();
    let gone = add_flight(&mut org.vault, flight("2026-11-20", "left already")).unwrap();
    // The last-ranked case, on two flights: the sooner one counts. A flight that has left does
    // not rank anyone.
    link_case(&mut org.vault, later, org.visited_lately, "attorney's call").unwrap();
    link_case(&mut org.vault, sooner, org.visited_lately, "family").unwrap();
    link_case(&mut org.vault, gone, org.visited_long_ago, "").unwrap();

    let board = deadlines_board(&org.vault, &BoardFilter::default(), today).unwrap();
    assert_eq!(
        ids(&board)[..3],
        [org.visited_lately, org.no_attorney, org.visited_long_ago]
    );
    let facts = board.rows[0].removal.as_ref().unwrap();
    let on = facts.flight.as_ref().unwrap();
    assert_eq!(
        (on.id, on.date, on.route.as_str()),
        (sooner, day("2026-12-04"), "ELP → Moscow")
    );
    assert!(board.rows[2].removal.as_ref().unwrap().flight.is_none());
    let dashboard = org.vault.dashboard(today).unwrap();
    assert_eq!(dashboard.removal_imminent[0].case.id, org.visited_lately);
}

#[test]
fn the_board_filters_by_referral_status() {
    use crate::coordination::referrals::{mark_referral, update_referral, ReferralUpdate};
    use crate::domain::board::ReferralFilter;
    use crate::domain::referral::{ReferralPriority, ReferralStatus, BUILT_IN_PATHWAYS};
    let mut org = org();
    let today = day("2026-12-01");
    let canada = BUILT_IN_PATHWAYS[0].id;
    let defenders = BUILT_IN_PATHWAYS[1].id;
    mark_referral(
        &mut org.vault,
        org.no_attorney,
        canada,
        ReferralPriority::Emergency,
        today,
    )
    .unwrap();
    let submitted = mark_referral(
        &mut org.vault,
        org.appeal_due,
        canada,
        ReferralPriority::Normal,
        today,
    )
    .unwrap();
    mark_referral(
        &mut org.vault,
        org.appeal_due,
        defenders,
        ReferralPriority::Normal,
        today,
    )
    .unwrap();
    let update = ReferralUpdate {
        status: Some(ReferralStatus::Submitted),
        ..ReferralUpdate::default()
    };
    update_referral(&mut org.vault, submitted, update, today).unwrap();

    let with = |referral| BoardFilter {
        referral: Some(referral),
        ..BoardFilter::default()
    };
    let board = |filter| deadlines_board(&org.vault, &filter, today).unwrap();
    let candidates = board(with(ReferralFilter::Status(ReferralStatus::Candidate)));
    // Both are candidates (the appeal case for its second pathway).
    assert_eq!(ids(&candidates), [org.no_attorney, org.appeal_due]);
    let sent = board(with(ReferralFilter::Status(ReferralStatus::Submitted)));
    assert_eq!(ids(&sent), [org.appeal_due]);
    assert_eq!(
        sent.rows[0].referral,
        Some(ReferralStatus::Submitted),
        "furthest along"
    );
    let never = board(with(ReferralFilter::NotReferred));
    assert_eq!(ids(&never), [org.visited_long_ago, org.visited_lately]);
}
