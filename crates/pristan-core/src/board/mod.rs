//! The coordinator's view of the whole organisation: the deadlines board (every case's open
//! deadlines, removal-imminent cases first) and the ranking of removal-imminent cases the
//! dashboard also uses. Narrow functions over an open vault; the board is read in a handful of
//! queries however many cases there are, never one round trip per case.

mod facts;
mod query;
mod ranking;

pub use facts::{last_contact_if_imminent, referral_statuses, soonest_flights};
pub use query::deadlines_board;
pub use ranking::{compare, compare_cases, rank, removal_facts, stay_motion_pending};

#[cfg(test)]
mod tests;
