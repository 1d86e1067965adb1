//! Computing one deadline: add the rule's days, then roll past weekends and holidays.

use chrono::{Datelike, Days, NaiveDate};

use super::holidays::NonBusinessDay;
use super::rules::{DeadlineKind, Rule, RuleOf};
use super::{DeadlineError, DISCLAIMER, SUPPORTED_YEARS};

/// A computed deadline. Only [`compute`] makes one, so its dates always agree with its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Deadline {
    pub rule: &'static Rule,
    /// The event the period runs from (an IJ decision, a final order, a briefing schedule, …).
    pub trigger_date: NaiveDate,
    /// The trigger date plus the rule's days, before any roll-forward.
    pub nominal_date: NaiveDate,
    /// The last day to act: the first business day on or after the nominal date.
    pub due: NaiveDate,
    /// The days between the nominal date and `due` that were not business days, and why, so the
    /// interface can explain a date that differs from a count on a paper calendar.
    pub skipped: Vec<SkippedDay>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SkippedDay {
    pub date: NaiveDate,
    pub why: NonBusinessDay,
}

impl Deadline {
    pub fn kind(&self) -> DeadlineKind {
        self.rule.kind
    }

    /// Why the nominal date itself was not the deadline, if it was moved.
    pub fn rolled_because(&self) -> Option<NonBusinessDay> {
        self.skipped.first().map(|day| day.why)
    }

    /// The text to show with this deadline; it is the same for every deadline.
    pub fn disclaimer(&self) -> &'static str {
        DISCLAIMER
    }
}

/// The deadline of `kind` for an event on `trigger`.
///
/// The trigger date is the date where the event happened (the court's or facility's local date),
/// which the caller converts to before calling.
pub fn compute(kind: DeadlineKind, trigger: NaiveDate) -> Result<Deadline, DeadlineError> {
    let out_of_range = DeadlineError::DateOutOfRange { date: trigger };
    if !SUPPORTED_YEARS.contains(&trigger.year()) {
        return Err(out_of_range);
    }
    let rule = kind.rule();
    let nominal_date = trigger
        .checked_add_days(Days::new(rule.days.into()))
        .ok_or(out_of_range)?;
    let mut due = nominal_date;
    let mut skipped = Vec::new();
    while let Some(why) = rule.calendar.non_business_day(due) {
        skipped.push(SkippedDay { date: due, why });
        due = due.succ_opt().ok_or(out_of_range)?;
    }
    Ok(Deadline {
        rule,
        trigger_date: trigger,
        nominal_date,
        due,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pristan_model::Holiday as H;
    use DeadlineKind::*;
    use NonBusinessDay::{Holiday, Weekend};

    /// (kind, trigger, nominal date, due date, why the nominal date was moved).
    /// Every weekday here was checked with `date -d`.
    #[rustfmt::skip]
    const CASES: &[(DeadlineKind, &str, &str, &str, Option<NonBusinessDay>)] = &[
        // A plain Wednesday stays where it is.
        (BiaAppeal, "2026-03-02", "2026-04-01", "2026-04-01", None),
        // Saturday → Monday; Sunday → Monday.
        (BiaAppeal, "2026-02-12", "2026-03-14", "2026-03-16", WEEKEND),
        (BiaAppeal, "2026-02-13", "2026-03-15", "2026-03-16", WEEKEND),
        // Veterans Day, a Wednesday in 2026 → Thursday.
        (BiaAppeal, "2026-10-12", "2026-11-11", "2026-11-12", holiday(H::VeteransDay)),
        // Thanksgiving (26 November 2026) → the Friday after, which is a business day.
        (BiaAppeal, "2026-10-27", "2026-11-26", "2026-11-27", holiday(H::ThanksgivingDay)),
        // Christmas on Friday 2026, then the weekend → Monday.
        (BiaAppeal, "2026-11-25", "2026-12-25", "2026-12-28", holiday(H::ChristmasDay)),
        // 4 July 2026 is a Saturday, observed Friday 3 July; then the weekend → Monday.
        (BiaAppeal, "2026-06-03", "2026-07-03", "2026-07-06", holiday(H::IndependenceDay)),
        // A Saturday followed by Labor Day → Tuesday.
        (BiaAppeal, "2026-08-06", "2026-09-05", "2026-09-08", WEEKEND),
        // 1 January 2022 was a Saturday, observed Friday 31 December 2021 → Monday 3 January.
        (BiaAppeal, "2021-12-01", "2021-12-31", "2022-01-03", holiday(H::NewYearsDay)),
        // The same in 2027/2028, and Christmas 2027 (a Saturday) observed Friday 24 December.
        (BiaAppeal, "2027-12-01", "2027-12-31", "2028-01-03", holiday(H::NewYearsDay)),
        (BiaAppeal, "2027-11-24", "2027-12-24", "2027-12-27", holiday(H::ChristmasDay)),
        // Juneteenth: not a holiday in 2020; in 2021 observed on Friday 18 June; 2026 a Friday.
        (BiaAppeal, "2020-05-20", "2020-06-19", "2020-06-19", None),
        (BiaAppeal, "2021-05-19", "2021-06-18", "2021-06-21", holiday(H::Juneteenth)),
        (BiaAppeal, "2026-05-20", "2026-06-19", "2026-06-22", holiday(H::Juneteenth)),
        // Saturday, Sunday, MLK Day and Inauguration Day 2037: the BIA is closed on all four, a
        // court of appeals outside Washington only on the first three.
        (BiaAppeal, "2036-12-18", "2037-01-17", "2037-01-21", WEEKEND),
        (PetitionForReview, "2036-12-18", "2037-01-17", "2037-01-20", WEEKEND),
        // 4 July 2027 is a Sunday, observed Monday 5 July → Tuesday.
        (PetitionForReview, "2027-06-04", "2027-07-04", "2027-07-06", WEEKEND),
        (MotionToReconsider, "2027-10-12", "2027-11-11", "2027-11-12", holiday(H::VeteransDay)),
        (MotionToReopen, "2027-03-31", "2027-06-29", "2027-06-29", None),
        // Seven days for the credible fear review: a Monday, and Thanksgiving 2026.
        (CredibleFearReview, "2026-03-02", "2026-03-09", "2026-03-09", None),
        (CredibleFearReview, "2026-11-19", "2026-11-26", "2026-11-27", holiday(H::ThanksgivingDay)),
        // Twenty-one days for detained briefing: Christmas 2026, and Memorial Day 2027.
        (DetainedBriefing, "2026-12-04", "2026-12-25", "2026-12-28", holiday(H::ChristmasDay)),
        (DetainedBriefing, "2027-05-10", "2027-05-31", "2027-06-01", holiday(H::MemorialDay)),
    ];

    const WEEKEND: Option<NonBusinessDay> = Some(Weekend);

    const fn holiday(id: H) -> Option<NonBusinessDay> {
        Some(Holiday(id))
    }

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test dates are valid")
    }

    fn check(
        kind: DeadlineKind,
        trigger: &str,
        nominal: &str,
        due: &str,
        why: Option<NonBusinessDay>,
    ) {
        let case = format!("{kind:?} from {trigger}");
        let deadline = compute(kind, date(trigger)).unwrap_or_else(|e| panic!("{case}: {e}"));
        assert_eq!(deadline.kind(), kind, "{case}");
        assert_eq!(deadline.trigger_date, date(trigger), "{case}");
        assert_eq!(deadline.nominal_date, date(nominal), "{case}: nominal date");
        assert_eq!(deadline.due, date(due), "{case}: due date");
        assert_eq!(deadline.rolled_because(), why, "{case}: reason");
        // Every day from the nominal date up to the due date was skipped, and nothing else.
        let skipped: Vec<NaiveDate> = deadline.skipped.iter().map(|day| day.date).collect();
        let between: Vec<NaiveDate> = deadline
            .nominal_date
            .iter_days()
            .take_while(|d| *d < deadline.due)
            .collect();
        assert_eq!(skipped, between, "{case}: skipped days");
        assert_eq!(
            deadline.disclaimer(),
            "estimate — confirm with the attorney of record"
        );
    }

    #[test]
    fn deadlines_land_on_the_next_business_day() {
        for &(kind, trigger, nominal, due, why) in CASES {
            check(kind, trigger, nominal, due, why);
        }
    }

    #[test]
    fn a_mistyped_year_is_refused_rather_than_computed() {
        for typed in ["0226-03-02", "1900-01-01", "2262-03-02", "+20260-03-02"] {
            let trigger = date(typed);
            let result = compute(BiaAppeal, trigger);
            assert_eq!(
                result,
                Err(DeadlineError::DateOutOfRange { date: trigger }),
                "{typed}"
            );
        }
        assert!(compute(BiaAppeal, NaiveDate::MAX).is_err());
    }
}
