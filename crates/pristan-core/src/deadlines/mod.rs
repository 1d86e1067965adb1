//! Dated deadlines derived from legal events, each with its rule, its source and a disclaimer.
//!
//! Every period is counted as the BIA Practice Manual ch. 3.1 describes: the day of the event is
//! not counted, and a last day that falls on a Saturday, Sunday or federal legal holiday moves to
//! the next business day. Federal courts count the same way (FRAP 26(a)(1)), so one method serves
//! the petition for review too. The results are estimates for volunteers, never legal advice: the
//! attorney of record decides, which is why every deadline carries [`DISCLAIMER`].

mod deadline;
mod holidays;
mod rules;
mod stay;

use std::ops::RangeInclusive;

use chrono::NaiveDate;

pub use deadline::{compute, Deadline, SkippedDay};
pub use holidays::{
    holiday_on, is_federal_holiday, next_business_day_on_or_after, Calendar, Holiday,
    NonBusinessDay,
};
pub use rules::{DeadlineKind, Rule, RuleOf, RULES};
pub use stay::{removal_stayed_by_bia_appeal, IjDecisionKind};

/// Shown beside every computed deadline.
pub const DISCLAIMER: &str = "estimate — confirm with the attorney of record";

/// The years of triggering events Pristan computes deadlines for. The holiday rules hold from
/// 1986 (the first Martin Luther King Jr. Day); the upper bound catches a mistyped year rather
/// than computing a confident date from it.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1986..=2199;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    #[error(
        "cannot compute a deadline from {date}: Pristan computes deadlines for events from 1986 \
         to 2199, so check the year"
    )]
    DateOutOfRange { date: NaiveDate },
}
