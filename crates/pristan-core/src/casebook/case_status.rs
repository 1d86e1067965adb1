//! A case's legal position derived from its legal events: which deadlines run, whether the removal
//! order is final, whether removal is stayed, and so whether removal is imminent. Pure functions of
//! the events and `today`, so every rule has worked examples in the tests below.
//!
//! The rules (DESIGN.md §4, DOMAIN.md): an IJ decision that did not grant relief opens the 30-day
//! BIA appeal window, and removal is stayed through it and while a timely appeal is pending
//! (8 CFR 1003.6(a)). The order becomes final when the appeal is waived, when the window closes
//! with no appeal, or when the BIA dismisses the appeal (8 CFR 1241.1), or on a recorded final
//! order. A final order starts the motion deadlines, and (after a BIA decision or a recorded final
//! order) the petition for review. A petition or a motion does not stay removal; only a stay order
//! does, until it is lifted.

use chrono::NaiveDate;

use crate::deadlines::{compute, removal_stayed_by_bia_appeal, IjDecisionKind, NonBusinessDay};
use crate::domain::views::{
    CaseDeadline, CaseStatus, ConsentState, ConsentSummary, DeadlineKind, Forum, RolledFor,
};
use crate::domain::{
    Consent, ConsentPurpose, CustodyStatus, LegalEvent, LegalEventKind as K, Outcome, Stored,
};
use crate::ops::EntityId;

/// The legal position of a case on `today` (the local date where the case is heard).
pub fn case_status(
    events: &[Stored<LegalEvent>],
    consents: &[Stored<Consent>],
    custody: CustodyStatus,
    today: NaiveDate,
) -> CaseStatus {
    let mut events: Vec<(&Stored<LegalEvent>, NaiveDate)> = events
        .iter()
        .filter_map(|e| e.record.date.map(|date| (e, date)))
        .collect();
    events.sort_by_key(|(e, date)| (*date, e.record.kind, e.id));
    let mut deadlines = Vec::new();
    // (date, reviewable by a petition, who decided: where a motion against it is filed)
    let mut final_order: Option<(NaiveDate, bool, Forum)> = None;
    let mut stayed_by_appeal = false;
    let filed_after = |kind: K, from: NaiveDate, until: Option<NaiveDate>| {
        events
            .iter()
            .find(|(e, date)| {
                e.record.kind == kind && *date >= from && until.is_none_or(|u| *date <= u)
            })
            .map(|(e, _)| e.id)
    };
    let mut later_final = |date: NaiveDate, reviewable: bool, forum: Forum| {
        if final_order.is_none_or(|(current, _, _)| date >= current) {
            final_order = Some((date, reviewable, forum));
        }
    };
    for &(event, date) in &events {
        let record = &event.record;
        match record.kind {
            K::CredibleFearFinding if record.outcome == Outcome::Denied => {
                let met = filed_after(K::CredibleFearReview, date, None);
                push(
                    &mut deadlines,
                    (DeadlineKind::CredibleFearReview, None),
                    event.id,
                    date,
                    met,
                );
            }
            K::IjDecision if matches!(record.outcome, Outcome::Granted | Outcome::Withdrawn) => {}
            K::IjDecision if record.appeal_waived => {
                later_final(date, false, Forum::ImmigrationJudge)
            }
            K::IjDecision => {
                let Ok(window) = compute(DeadlineKind::BiaAppeal, date) else {
                    continue;
                };
                let appeal = filed_after(K::BiaAppealFiled, date, Some(window.due));
                push(
                    &mut deadlines,
                    (DeadlineKind::BiaAppeal, None),
                    event.id,
                    date,
                    appeal,
                );
                let appeal_date = appeal.and_then(|id| date_of(&events, id));
                let decided = events
                    .iter()
                    .find(|(e, d)| e.record.kind == K::BiaDecision && *d >= date)
                    .map(|(_, d)| *d);
                stayed_by_appeal = removal_stayed_by_bia_appeal(
                    date,
                    appeal_date,
                    decided,
                    today,
                    IjDecisionKind::Merits,
                )
                .unwrap_or(false);
                if appeal.is_none() && today > window.due {
                    later_final(window.due, false, Forum::ImmigrationJudge);
                }
            }
            K::BiaBriefingSchedule => {
                push(
                    &mut deadlines,
                    (DeadlineKind::DetainedBriefing, None),
                    event.id,
                    date,
                    None,
                );
            }
            K::BiaDecision if matches!(record.outcome, Outcome::Dismissed | Outcome::Denied) => {
                later_final(date, true, Forum::Board)
            }
            K::FinalOrder => later_final(date, true, Forum::Unknown),
            _ => {}
        }
    }
    if let Some((date, reviewable, forum)) = final_order {
        let trigger = events
            .iter()
            .rev()
            .find(|(_, d)| *d <= date)
            .map(|(e, _)| e.id);
        if let Some(trigger) = trigger {
            if reviewable {
                let met = filed_after(K::PetitionForReviewFiled, date, None);
                push(
                    &mut deadlines,
                    (DeadlineKind::PetitionForReview, None),
                    trigger,
                    date,
                    met,
                );
            }
            let met = filed_after(K::MotionToReconsiderFiled, date, None);
            push(
                &mut deadlines,
                (DeadlineKind::MotionToReconsider, Some(forum)),
                trigger,
                date,
                met,
            );
            let met = filed_after(K::MotionToReopenFiled, date, None);
            push(
                &mut deadlines,
                (DeadlineKind::MotionToReopen, Some(forum)),
                trigger,
                date,
                met,
            );
        }
    }
    let stay_order = events
        .iter()
        .rev()
        .find(|(e, d)| e.record.kind == K::StayDecision && *d <= today)
        .is_some_and(|(e, _)| e.record.outcome == Outcome::Granted);
    let removal_stayed = stayed_by_appeal || stay_order;
    let gone = matches!(custody, CustodyStatus::Removed | CustodyStatus::LeftCountry);
    deadlines.sort_by_key(|d| (d.due, d.kind));
    CaseStatus {
        deadlines,
        final_order: final_order.map(|(date, _, _)| date),
        removal_stayed,
        removal_imminent: final_order.is_some() && !removal_stayed && !gone,
        consents: consent_summary(consents, today),
    }
}

fn date_of(events: &[(&Stored<LegalEvent>, NaiveDate)], id: EntityId) -> Option<NaiveDate> {
    events.iter().find(|(e, _)| e.id == id).map(|(_, d)| *d)
}

/// Adds the deadline of `kind` from `trigger_date`, unless the date is outside the years the
/// rules cover (then the event itself still shows on the timeline). A motion's `forum` (who
/// decided last) chooses its rule.
fn push(
    deadlines: &mut Vec<CaseDeadline>,
    (kind, forum): (DeadlineKind, Option<Forum>),
    event_id: EntityId,
    trigger_date: NaiveDate,
    met_by: Option<EntityId>,
) {
    let Ok(deadline) = compute(kind, trigger_date) else {
        return;
    };
    deadlines.push(CaseDeadline {
        kind,
        event_id,
        trigger_date,
        nominal_date: deadline.nominal_date,
        due: deadline.due,
        rolled_for: deadline.rolled_because().map(|why| match why {
            NonBusinessDay::Weekend => RolledFor::Weekend,
            NonBusinessDay::Holiday(holiday) => RolledFor::Holiday { holiday },
        }),
        days: deadline.rule.days,
        source: deadline.rule.source_for(forum),
        counting: deadline.rule.counting,
        forum,
        met_by,
    });
}

fn consent_summary(consents: &[Stored<Consent>], today: NaiveDate) -> Vec<ConsentSummary> {
    ConsentPurpose::ALL
        .iter()
        .map(|&purpose| {
            let for_purpose: Vec<&Consent> = consents
                .iter()
                .map(|c| &c.record)
                .filter(|c| c.purpose == purpose)
                .collect();
            let in_force: Vec<&&Consent> = for_purpose
                .iter()
                .filter(|c| c.in_force_on(today))
                .collect();
            let state = if !in_force.is_empty() {
                ConsentState::Given
            } else if for_purpose.is_empty() {
                ConsentState::NotAsked
            } else {
                ConsentState::Withdrawn
            };
            let mut recipients: Vec<String> = in_force
                .iter()
                .filter(|c| !c.recipient.is_empty())
                .map(|c| c.recipient.to_string())
                .collect();
            recipients.sort();
            recipients.dedup();
            ConsentSummary {
                purpose,
                state,
                recipients,
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "case_status_tests.rs"]
mod tests;
