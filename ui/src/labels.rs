//! The words for the domain's fixed values (custody status, event kinds, outcomes, …).
//!
//! Each value's message id is its prefix and its snake_case name with dashes, such as
//! `custody-status-left-country`, so adding a variant means adding one message per language.

use pristan_model::views::{ConsentState, DeadlineKind};

use crate::i18n::I18n;

/// The translated word for `value` (a value's `as_str()`, snake_case) under `prefix`.
pub fn word(i18n: &I18n, prefix: &str, value: &str) -> String {
    i18n.t(&key(prefix, value))
}

pub fn key(prefix: &str, value: &str) -> String {
    format!("{prefix}-{}", value.replace('_', "-"))
}

/// `(value, label)` pairs for a `<select>` over every value of an enum.
pub fn options<T: Copy>(
    i18n: &I18n,
    prefix: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&value| (as_str(value).to_owned(), word(i18n, prefix, as_str(value))))
        .collect()
}

pub fn deadline_kind(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::BiaAppeal => "bia_appeal",
        DeadlineKind::PetitionForReview => "petition_for_review",
        DeadlineKind::MotionToReconsider => "motion_to_reconsider",
        DeadlineKind::MotionToReopen => "motion_to_reopen",
        DeadlineKind::CredibleFearReview => "credible_fear_review",
        DeadlineKind::DetainedBriefing => "detained_briefing",
    }
}

pub fn consent_state(state: ConsentState) -> &'static str {
    match state {
        ConsentState::Given => "given",
        ConsentState::Withdrawn => "withdrawn",
        ConsentState::NotAsked => "not_asked",
    }
}
