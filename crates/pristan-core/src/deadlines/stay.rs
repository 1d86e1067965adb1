//! The automatic stay of removal that a BIA appeal gives (8 CFR 1003.6(a)).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadline::compute;
use super::rules::DeadlineKind;
use super::DeadlineError;

/// What an immigration judge decided, as far as the automatic stay cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum IjDecisionKind {
    /// A decision on removal, including on asylum and other relief.
    Merits,
    Bond,
    /// The review of a negative credible fear finding.
    CredibleFear,
}

/// Whether removal is stayed today by the appeal period of an IJ decision or by a timely BIA
/// appeal from it.
///
/// Removal is stayed through the BIA appeal deadline's due date, and after it while an appeal
/// received by then is pending. Bond and credible fear decisions never carry the stay. `today`
/// must be the local date where the case is heard, like the other dates. A decision whose appeal
/// was waived is final at once and must not be asked about here.
///
/// Errs only if the decision date is outside [`super::SUPPORTED_YEARS`]; callers should then show
/// the case as not stayed, which flags it rather than hides it.
pub fn removal_stayed_by_bia_appeal(
    decision: NaiveDate,
    appeal_filed: Option<NaiveDate>,
    appeal_decided: Option<NaiveDate>,
    today: NaiveDate,
    decision_kind: IjDecisionKind,
) -> Result<bool, DeadlineError> {
    if decision_kind != IjDecisionKind::Merits || today < decision {
        return Ok(false);
    }
    // Once the BIA has decided, its order, not the appeal, governs removal.
    if appeal_decided.is_some_and(|decided| decided <= today) {
        return Ok(false);
    }
    let window_ends = compute(DeadlineKind::BiaAppeal, decision)?.due;
    if today <= window_ends {
        return Ok(true);
    }
    // A filing date after today is a plan, not a filing.
    Ok(appeal_filed.is_some_and(|filed| filed <= window_ends && filed <= today))
}

#[cfg(test)]
mod tests {
    use super::*;
    use IjDecisionKind::*;

    // The decision of Wednesday 3 June 2026 can be appealed until Monday 6 July 2026 (the 30th
    // day, Friday 3 July, is the observed Independence Day).
    const DECISION: &str = "2026-06-03";

    /// (appeal filed, appeal decided, today, decision kind, stayed?).
    type Case = (
        Option<&'static str>,
        Option<&'static str>,
        &'static str,
        IjDecisionKind,
        bool,
    );

    #[rustfmt::skip]
    const CASES: &[Case] = &[
        // The appeal window, from the day of the decision to the rolled-forward due date.
        (None, None, "2026-06-03", Merits, true),
        (None, None, "2026-07-03", Merits, true),
        (None, None, "2026-07-06", Merits, true),
        (None, None, "2026-07-07", Merits, false),
        // Before the decision there is nothing to stay.
        (None, None, "2026-06-02", Merits, false),
        // An appeal received on the rolled-forward due date is timely and keeps the stay.
        (Some("2026-07-06"), None, "2026-09-01", Merits, true),
        (Some("2026-06-20"), None, "2026-09-01", Merits, true),
        // A late appeal gives no stay.
        (Some("2026-07-07"), None, "2026-07-08", Merits, false),
        // An appeal entered with a future date has not been filed yet.
        (Some("2026-07-20"), None, "2026-07-10", Merits, false),
        // The stay lasts until the BIA decides, and ends on that day.
        (Some("2026-06-20"), Some("2026-09-01"), "2026-08-31", Merits, true),
        (Some("2026-06-20"), Some("2026-09-01"), "2026-09-01", Merits, false),
        // A BIA decision inside the appeal window ends the stay too.
        (Some("2026-06-10"), Some("2026-06-20"), "2026-06-25", Merits, false),
        // Bond and credible fear decisions never carry the automatic stay.
        (None, None, "2026-06-03", Bond, false),
        (Some("2026-06-10"), None, "2026-06-20", Bond, false),
        (None, None, "2026-06-03", CredibleFear, false),
    ];

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("test dates are valid")
    }

    fn check(
        filed: Option<&str>,
        decided: Option<&str>,
        today: &str,
        kind: IjDecisionKind,
        stayed: bool,
    ) {
        let got = removal_stayed_by_bia_appeal(
            date(DECISION),
            filed.map(date),
            decided.map(date),
            date(today),
            kind,
        );
        let case = format!("{kind:?}, filed {filed:?}, decided {decided:?}, today {today}");
        assert_eq!(got, Ok(stayed), "{case}");
    }

    #[test]
    fn removal_is_stayed_only_in_the_window_and_while_a_timely_appeal_is_pending() {
        for &(filed, decided, today, kind, stayed) in CASES {
            check(filed, decided, today, kind, stayed);
        }
    }

    #[test]
    fn an_unsupported_decision_date_is_an_error_not_a_stay() {
        let decision = date("0226-06-03");
        let got = removal_stayed_by_bia_appeal(decision, None, None, decision, Merits);
        assert_eq!(got, Err(DeadlineError::DateOutOfRange { date: decision }));
    }
}
