//! The removal-imminent ranking: which of the cases that could be removed any day a coordinator
//! calls about first. A pure function of each case's [`RemovalFacts`], tested with a table.
//!
//! The order (issue 13): a linked flight first (the soonest flight first), then no attorney of
//! record, then no stay motion filed, then most days since the final order, then most days since
//! the last contact (never contacted counts as longest). Ties keep the case list's order: by name,
//! then id, so the ranking is the same on every device.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::domain::board::{has_attorney_of_record, FlightRef, RemovalFacts, RemovalImminent};
use crate::domain::views::{CaseRef, CaseStatus};
use crate::domain::{CaseRecord, LegalEvent, LegalEventKind, Outcome, Stored};

/// Compares two removal-imminent cases: `Less` means `a` is more urgent.
pub fn compare(a: &RemovalImminent, b: &RemovalImminent) -> Ordering {
    compare_cases((&a.case, &a.facts), (&b.case, &b.facts))
}

/// [`compare`] for a case and its facts held apart (a board row, say).
pub fn compare_cases(a: (&CaseRef, &RemovalFacts), b: (&CaseRef, &RemovalFacts)) -> Ordering {
    urgency_key(a.1)
        .cmp(&urgency_key(b.1))
        .then_with(|| a.0.name.to_lowercase().cmp(&b.0.name.to_lowercase()))
        .then_with(|| a.0.id.cmp(&b.0.id))
}

/// Sorts removal-imminent cases most urgent first.
pub fn rank(cases: &mut [RemovalImminent]) {
    cases.sort_by(compare);
}

/// Smaller is more urgent, field by field in the documented order.
type UrgencyKey = (
    bool,
    Option<NaiveDate>,
    bool,
    bool,
    NaiveDate,
    Option<NaiveDate>,
);

fn urgency_key(facts: &RemovalFacts) -> UrgencyKey {
    (
        facts.flight.is_none(),
        facts.flight.as_ref().map(|f| f.date),
        facts.attorney_of_record,
        facts.stay_motion_pending,
        // An older final order has run longer: it sorts first.
        facts.final_order,
        // `None` (never contacted) sorts before every date, and an older contact before a newer.
        facts.last_contact,
    )
}

/// The facts that rank a case, or `None` when its removal is not imminent.
pub fn removal_facts(
    case: &CaseRecord,
    status: &CaseStatus,
    legal_events: &[Stored<LegalEvent>],
    last_contact: Option<NaiveDate>,
    flight: Option<FlightRef>,
    today: NaiveDate,
) -> Option<RemovalFacts> {
    if !status.removal_imminent {
        return None;
    }
    Some(RemovalFacts {
        flight,
        attorney_of_record: has_attorney_of_record(&case.attorney),
        stay_motion_pending: stay_motion_pending(legal_events, today),
        final_order: status.final_order?,
        last_contact,
    })
}

/// Whether a stay of removal has been asked for (on or before `today`) and not yet decided: the
/// latest request is neither decided on the event itself nor followed by a stay decision.
pub fn stay_motion_pending(events: &[Stored<LegalEvent>], today: NaiveDate) -> bool {
    let dated = |kind: LegalEventKind| {
        events
            .iter()
            .filter(move |e| e.record.kind == kind)
            .filter_map(|e| e.record.date.map(|d| (d, &e.record)))
            .filter(move |(d, _)| *d <= today)
    };
    let Some((requested, request)) = dated(LegalEventKind::StayRequested).max_by_key(|(d, _)| *d)
    else {
        return false;
    };
    let undecided = matches!(request.outcome, Outcome::Unknown | Outcome::Pending);
    let decided_since = dated(LegalEventKind::StayDecision)
        .any(|(d, decision)| d >= requested && decision.outcome != Outcome::Pending);
    undecided && !decided_since
}
