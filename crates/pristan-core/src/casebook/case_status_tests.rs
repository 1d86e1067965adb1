//! Worked examples: a case's events on the left, what Pristan must conclude on the right.

use chrono::NaiveDate;

use super::*;
use crate::domain::LegalEvent;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn event(n: u8, kind: K, date: &str, outcome: Outcome) -> Stored<LegalEvent> {
    Stored {
        id: EntityId::from_bytes([n; 16]),
        record: LegalEvent {
            case_id: Some(EntityId::from_bytes([0xca; 16])),
            kind,
            date: Some(day(date)),
            outcome,
            ..LegalEvent::default()
        },
    }
}

fn status(events: &[Stored<LegalEvent>], today: &str) -> CaseStatus {
    case_status(events, &[], CustodyStatus::Detained, day(today))
}

fn due(status: &CaseStatus, kind: DeadlineKind) -> Option<(NaiveDate, bool)> {
    status
        .deadlines
        .iter()
        .find(|d| d.kind == kind)
        .map(|d| (d.due, d.met_by.is_some()))
}

#[test]
fn an_ij_denial_opens_the_appeal_window_and_stays_removal_through_it() {
    // Wednesday 3 June 2026 + 30 days = Friday 3 July, the observed Independence Day: Monday 6 July.
    let events = [event(1, K::IjDecision, "2026-06-03", Outcome::Denied)];
    let s = status(&events, "2026-06-10");
    assert_eq!(
        due(&s, DeadlineKind::BiaAppeal),
        Some((day("2026-07-06"), false))
    );
    let appeal = &s.deadlines[0];
    assert_eq!(appeal.nominal_date, day("2026-07-03"));
    assert_eq!(
        appeal.rolled_for,
        Some(RolledFor::Holiday {
            holiday: crate::deadlines::Holiday::IndependenceDay
        })
    );
    assert!(s.removal_stayed && !s.removal_imminent && s.final_order.is_none());
}

#[test]
fn with_no_appeal_the_order_becomes_final_when_the_window_closes() {
    let events = [event(1, K::IjDecision, "2026-06-03", Outcome::Denied)];
    let s = status(&events, "2026-07-07");
    assert_eq!(s.final_order, Some(day("2026-07-06")));
    assert!(s.removal_imminent && !s.removal_stayed);
    // Motions run from the final order; no petition for review without a BIA decision.
    assert!(due(&s, DeadlineKind::MotionToReopen).is_some());
    assert!(due(&s, DeadlineKind::PetitionForReview).is_none());
}

#[test]
fn a_timely_appeal_meets_the_deadline_and_keeps_the_stay_until_the_bia_decides() {
    let events = [
        event(1, K::IjDecision, "2026-06-03", Outcome::Denied),
        event(2, K::BiaAppealFiled, "2026-06-30", Outcome::Pending),
    ];
    let s = status(&events, "2026-09-01");
    assert_eq!(
        due(&s, DeadlineKind::BiaAppeal),
        Some((day("2026-07-06"), true))
    );
    assert!(s.removal_stayed && !s.removal_imminent);
}

#[test]
fn a_late_appeal_does_not_meet_the_deadline_or_stay_removal() {
    let events = [
        event(1, K::IjDecision, "2026-06-03", Outcome::Denied),
        event(2, K::BiaAppealFiled, "2026-07-07", Outcome::Pending),
    ];
    let s = status(&events, "2026-07-20");
    assert_eq!(
        due(&s, DeadlineKind::BiaAppeal),
        Some((day("2026-07-06"), false))
    );
    assert!(s.removal_imminent);
}

#[test]
fn a_bia_dismissal_is_a_final_order_with_petition_and_motion_deadlines() {
    // Friday 16 October 2026 + 30 = Sunday 15 November: Monday 16 November.
    let events = [
        event(1, K::IjDecision, "2026-06-03", Outcome::Denied),
        event(2, K::BiaAppealFiled, "2026-06-30", Outcome::Pending),
        event(3, K::BiaDecision, "2026-10-16", Outcome::Dismissed),
    ];
    let s = status(&events, "2026-10-20");
    assert_eq!(s.final_order, Some(day("2026-10-16")));
    assert_eq!(
        due(&s, DeadlineKind::PetitionForReview),
        Some((day("2026-11-16"), false))
    );
    assert_eq!(
        due(&s, DeadlineKind::MotionToReconsider),
        Some((day("2026-11-16"), false))
    );
    // + 90 = Thursday 14 January 2027.
    assert_eq!(
        due(&s, DeadlineKind::MotionToReopen),
        Some((day("2027-01-14"), false))
    );
    assert!(
        s.removal_imminent,
        "a petition for review does not stay removal"
    );
    let pfr = s
        .deadlines
        .iter()
        .find(|d| d.kind == DeadlineKind::PetitionForReview)
        .unwrap();
    assert_eq!(pfr.rolled_for, Some(RolledFor::Weekend));
}

fn cited(status: &CaseStatus, kind: DeadlineKind) -> (String, Option<Forum>) {
    let deadline = status.deadlines.iter().find(|d| d.kind == kind).unwrap();
    (deadline.source.clone(), deadline.forum)
}

// After a BIA decision the motions go to the Board under 8 CFR 1003.2(b)(2) and (c)(2); the app
// once cited the immigration judge's rule, 8 CFR 1003.23(b)(1), for every final order.
#[test]
fn motions_cite_the_rule_of_whoever_decided_last() {
    let board = [
        event(1, K::IjDecision, "2026-06-03", Outcome::Denied),
        event(2, K::BiaAppealFiled, "2026-06-30", Outcome::Pending),
        event(3, K::BiaDecision, "2026-10-16", Outcome::Dismissed),
    ];
    let s = status(&board, "2026-10-20");
    let expected = |source: &str, forum| (source.to_owned(), Some(forum));
    assert_eq!(
        cited(&s, DeadlineKind::MotionToReconsider),
        expected("8 CFR 1003.2(b)(2)", Forum::Board)
    );
    assert_eq!(
        cited(&s, DeadlineKind::MotionToReopen),
        expected("8 CFR 1003.2(c)(2)", Forum::Board)
    );
    assert_eq!(cited(&s, DeadlineKind::PetitionForReview).1, None);

    // An immigration judge's order that became final with no appeal: the judge's rule.
    let judge = [event(1, K::IjDecision, "2026-06-03", Outcome::Denied)];
    let s = status(&judge, "2026-07-07");
    assert_eq!(
        cited(&s, DeadlineKind::MotionToReconsider),
        expected("8 CFR 1003.23(b)(1)", Forum::ImmigrationJudge)
    );
    assert_eq!(
        cited(&s, DeadlineKind::MotionToReopen),
        expected("8 CFR 1003.23(b)(1)", Forum::ImmigrationJudge)
    );

    // A final order recorded without saying who made it: both rules, for the attorney to choose.
    let unknown = [event(1, K::FinalOrder, "2026-10-01", Outcome::Unknown)];
    let s = status(&unknown, "2026-10-02");
    assert_eq!(
        cited(&s, DeadlineKind::MotionToReopen),
        expected("8 CFR 1003.23(b)(1); 8 CFR 1003.2(c)(2)", Forum::Unknown)
    );
}

#[test]
fn a_stay_order_lifts_removal_imminent_until_it_is_lifted() {
    let mut events = vec![
        event(1, K::FinalOrder, "2026-10-01", Outcome::Unknown),
        event(2, K::StayDecision, "2026-10-05", Outcome::Granted),
    ];
    assert!(!status(&events, "2026-10-06").removal_imminent);
    assert!(
        status(&events, "2026-10-04").removal_imminent,
        "not yet granted then"
    );
    events.push(event(3, K::StayDecision, "2026-11-02", Outcome::Lifted));
    assert!(status(&events, "2026-11-03").removal_imminent);
}

#[test]
fn a_petition_or_motion_does_not_stay_removal() {
    let events = [
        event(1, K::FinalOrder, "2026-10-01", Outcome::Unknown),
        event(2, K::PetitionForReviewFiled, "2026-10-20", Outcome::Pending),
        event(3, K::MotionToReopenFiled, "2026-10-21", Outcome::Pending),
    ];
    let s = status(&events, "2026-10-22");
    assert!(s.removal_imminent);
    assert_eq!(
        due(&s, DeadlineKind::PetitionForReview).map(|d| d.1),
        Some(true)
    );
    assert_eq!(
        due(&s, DeadlineKind::MotionToReopen).map(|d| d.1),
        Some(true)
    );
}

#[test]
fn a_waived_appeal_is_final_the_same_day() {
    let mut decision = event(1, K::IjDecision, "2026-06-03", Outcome::Denied);
    decision.record.appeal_waived = true;
    let s = status(&[decision], "2026-06-03");
    assert_eq!(s.final_order, Some(day("2026-06-03")));
    assert!(s.removal_imminent);
    assert!(due(&s, DeadlineKind::BiaAppeal).is_none());
}

#[test]
fn relief_granted_opens_no_removal_deadlines() {
    let events = [event(1, K::IjDecision, "2026-06-03", Outcome::Granted)];
    let s = status(&events, "2026-08-01");
    assert!(s.deadlines.is_empty() && s.final_order.is_none() && !s.removal_imminent);
}

#[test]
fn a_negative_credible_fear_finding_has_a_seven_day_review() {
    // Friday 20 November 2026 + 7 = Friday 27 November (the day after Thanksgiving: a workday).
    let events = [event(
        1,
        K::CredibleFearFinding,
        "2026-11-20",
        Outcome::Denied,
    )];
    let s = status(&events, "2026-11-21");
    assert_eq!(
        due(&s, DeadlineKind::CredibleFearReview),
        Some((day("2026-11-27"), false))
    );
    let positive = [event(
        1,
        K::CredibleFearFinding,
        "2026-11-20",
        Outcome::Granted,
    )];
    assert!(status(&positive, "2026-11-21").deadlines.is_empty());
}

#[test]
fn a_removed_person_is_no_longer_removal_imminent() {
    let events = [event(1, K::FinalOrder, "2026-10-01", Outcome::Unknown)];
    let s = case_status(&events, &[], CustodyStatus::Removed, day("2026-10-02"));
    assert!(!s.removal_imminent);
}

#[test]
fn consents_say_what_is_allowed_today() {
    let consent = |n: u8, purpose, recipient: &str, given: &str, withdrawn: Option<&str>| Stored {
        id: EntityId::from_bytes([n; 16]),
        record: Consent {
            case_id: Some(EntityId::from_bytes([0xca; 16])),
            purpose,
            recipient: crate::domain::ShortText::new(recipient).unwrap(),
            given_on: Some(day(given)),
            withdrawn_on: withdrawn.map(day),
            ..Consent::default()
        },
    };
    let consents = [
        consent(1, ConsentPurpose::KeepNotes, "", "2026-11-01", None),
        consent(
            2,
            ConsentPurpose::ShareWithAttorney,
            "R. Alvarez",
            "2026-11-01",
            Some("2026-11-10"),
        ),
        consent(
            3,
            ConsentPurpose::ShareWithRelative,
            "Мария (wife)",
            "2026-11-01",
            None,
        ),
    ];
    let s = case_status(&[], &consents, CustodyStatus::Detained, day("2026-11-21"));
    let state = |p| s.consents.iter().find(|c| c.purpose == p).unwrap();
    assert_eq!(state(ConsentPurpose::KeepNotes).state, ConsentState::Given);
    assert_eq!(
        state(ConsentPurpose::ShareWithAttorney).state,
        ConsentState::Withdrawn
    );
    assert_eq!(
        state(ConsentPurpose::GovernmentReferral).state,
        ConsentState::NotAsked
    );
    assert_eq!(
        state(ConsentPurpose::ShareWithRelative).recipients,
        ["Мария (wife)"]
    );
}
