//! The coordinator's records and rules (issue 13, docs/coordinator.md): evidence review steps and
//! the two-reviewer rule (`verification`), pathways, referrals and the referral consent gate
//! (`referrals`), removal flights and their triage list (`flights`), and a case's history from
//! the operation log (`history`).
//!
//! Narrow functions over a [`Vault`](crate::Vault), not new methods on it: each writes through
//! the same operation path as every other record (so the role rules of `org::permissions`, the
//! consent gate of `sharing`, bundles, case packets, merge and forget all apply), and each rule
//! the screens and exports depend on is a pure function with its own tests.

mod authors;
mod case_view;
pub mod flights;
pub mod history;
pub mod referrals;
pub mod verification;

#[cfg(test)]
mod tests;

pub use authors::{same_person, two_reviewer_verdict};
pub use case_view::case_coordination;
pub use flights::{flight_triage, linked_flights_by_case, triage_order, triage_row};
pub use history::case_history;
pub use referrals::{referral_consent, referral_for_export, referrals_for_export};
pub use verification::{evidence_standing, verification_checklist};
