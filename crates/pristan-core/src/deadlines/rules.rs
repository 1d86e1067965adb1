//! The deadline rules Pristan knows: how many days, counted from what, and where each is written.

use super::holidays::Calendar;

pub use pristan_model::views::{Counting, DeadlineKind, Forum};

/// The rule of each deadline kind.
pub trait RuleOf {
    fn rule(self) -> &'static Rule;
}

impl RuleOf for DeadlineKind {
    fn rule(self) -> &'static Rule {
        // The const assertion below guarantees that RULES is in the enum's order.
        &RULES[self as usize]
    }
}

/// How one deadline is computed and what the person must know about it. The texts are shown with
/// every computed date, so a volunteer can check the rule rather than trust the number.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub kind: DeadlineKind,
    /// Calendar days after the triggering event; the event's own day is not counted.
    pub days: u32,
    /// The event the period runs from.
    pub counted_from: &'static str,
    /// Where the rule is written: citations only, shown as they are in every language. For a
    /// motion, the rule before an immigration judge.
    pub source: &'static str,
    /// For a motion after a decision of the Board: the Board's rule, which replaces `source`.
    pub board_source: Option<&'static str>,
    /// How the days are counted (its citation is shown with its own explanation).
    pub counting: Counting,
    /// What else matters about this deadline, in a sentence or two.
    pub note: &'static str,
    /// Whether filing in time stays removal by itself. When false, only a separate stay order
    /// (or a pending BIA appeal) stops removal.
    pub stays_removal: bool,
    /// The holidays of the office where the filing is due, for rolling a deadline forward.
    pub calendar: Calendar,
}

impl Rule {
    /// The citations for this deadline when the last decision was made by `forum` (`None` for
    /// deadlines that are not motions). When it is not known who decided, both rules are cited.
    pub fn source_for(&self, forum: Option<Forum>) -> String {
        match (forum, self.board_source) {
            (Some(Forum::Board), Some(board)) => board.to_owned(),
            (Some(Forum::Unknown), Some(board)) => format!("{}; {board}", self.source),
            _ => self.source.to_owned(),
        }
    }
}

/// One rule per kind, in the order of `DeadlineKind`.
pub static RULES: [Rule; 6] = TABLE;

// Checked when the crate compiles, so `DeadlineKind::rule` can index without a fallible lookup.
const _: () = {
    let mut i = 0;
    while i < TABLE.len() {
        assert!(
            TABLE[i].kind as usize == i,
            "RULES must follow the order of DeadlineKind"
        );
        i += 1;
    }
};

const TABLE: [Rule; 6] = [
    Rule {
        kind: DeadlineKind::BiaAppeal,
        days: 30,
        counted_from: "the immigration judge's oral decision, or the mailing or electronic \
                       service of the written decision",
        source: "8 CFR 1003.38(b); BIA Practice Manual ch. 4.5(a)",
        board_source: None,
        counting: Counting::BiaPracticeManual,
        note: "The BIA must receive the appeal (Form EOIR-26) by this date: mailing it in time is \
               not enough. Removal is stayed until then and while a timely appeal is pending, \
               except after bond and credible fear decisions (8 CFR 1003.6(a)).",
        stays_removal: true,
        calendar: Calendar::WashingtonArea,
    },
    Rule {
        kind: DeadlineKind::PetitionForReview,
        days: 30,
        counted_from: "the final order of removal",
        source: "8 USC 1252(b)(1)",
        board_source: None,
        counting: Counting::AppellateRules,
        note: "It is filed in the federal court of appeals, and the deadline is jurisdictional: \
               the court cannot extend it. Filing does not stay removal; a stay must be asked for \
               separately.",
        stays_removal: false,
        calendar: Calendar::Federal,
    },
    Rule {
        kind: DeadlineKind::MotionToReconsider,
        days: 30,
        counted_from: "the final administrative order of removal (after a BIA decision, the \
                       Board's decision)",
        source: "8 CFR 1003.23(b)(1)",
        board_source: Some("8 CFR 1003.2(b)(2)"),
        counting: Counting::BiaPracticeManual,
        note: "It is filed with whoever decided last: the immigration judge, or the BIA after a \
               Board decision. Filing does not stay removal and does not extend the deadline for \
               a petition for review.",
        stays_removal: false,
        calendar: Calendar::Federal,
    },
    Rule {
        kind: DeadlineKind::MotionToReopen,
        days: 90,
        counted_from: "the final administrative order of removal",
        source: "8 CFR 1003.23(b)(1)",
        board_source: Some("8 CFR 1003.2(c)(2)"),
        counting: Counting::BiaPracticeManual,
        note: "It is filed with whoever decided last: the immigration judge, or the BIA after a \
               Board decision. Changed country conditions are an exception to this deadline, and \
               orders made in absentia have their own rules (8 CFR 1003.23(b)(4)(ii); before the \
               Board, 8 CFR 1003.2(c)(3)). Filing does not stay removal and does not extend the \
               deadline for a petition for review.",
        stays_removal: false,
        calendar: Calendar::Federal,
    },
    Rule {
        kind: DeadlineKind::CredibleFearReview,
        days: 7,
        counted_from: "the negative credible fear finding",
        source: "8 CFR 1003.42(e)",
        board_source: None,
        counting: Counting::BiaPracticeManual,
        note: "This is the immigration judge's deadline for concluding the review, which should \
               take no more than 24 hours where practicable.",
        stays_removal: false,
        calendar: Calendar::Federal,
    },
    Rule {
        kind: DeadlineKind::DetainedBriefing,
        days: 21,
        counted_from: "the BIA's briefing schedule",
        source: "8 CFR 1003.3(c)(1)",
        board_source: None,
        counting: Counting::BiaPracticeManual,
        note: "For a detained person both sides' briefs are due on the same day, and the BIA must \
               receive them by then; the BIA may extend the time on request. Any stay comes from \
               the pending appeal, not from the brief.",
        stays_removal: false,
        calendar: Calendar::WashingtonArea,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_rule_with_a_source() {
        for kind in DeadlineKind::ALL {
            let rule = kind.rule();
            assert_eq!(rule.kind, kind);
            assert!(rule.days > 0 && !rule.source.is_empty() && !rule.counted_from.is_empty());
        }
    }

    /// The rule each deadline cites, checked against DOMAIN.md and the regulations: after a BIA
    /// decision a motion goes to the Board under 8 CFR 1003.2, not to the judge under 1003.23.
    #[rustfmt::skip]
    const SOURCES: &[(DeadlineKind, Option<Forum>, &str)] = &[
        (DeadlineKind::BiaAppeal, None, "8 CFR 1003.38(b); BIA Practice Manual ch. 4.5(a)"),
        (DeadlineKind::PetitionForReview, None, "8 USC 1252(b)(1)"),
        (DeadlineKind::MotionToReconsider, Some(Forum::ImmigrationJudge), "8 CFR 1003.23(b)(1)"),
        (DeadlineKind::MotionToReconsider, Some(Forum::Board), "8 CFR 1003.2(b)(2)"),
        (DeadlineKind::MotionToReconsider, Some(Forum::Unknown), "8 CFR 1003.23(b)(1); 8 CFR 1003.2(b)(2)"),
        (DeadlineKind::MotionToReopen, Some(Forum::ImmigrationJudge), "8 CFR 1003.23(b)(1)"),
        (DeadlineKind::MotionToReopen, Some(Forum::Board), "8 CFR 1003.2(c)(2)"),
        (DeadlineKind::MotionToReopen, Some(Forum::Unknown), "8 CFR 1003.23(b)(1); 8 CFR 1003.2(c)(2)"),
        (DeadlineKind::CredibleFearReview, None, "8 CFR 1003.42(e)"),
        (DeadlineKind::DetainedBriefing, None, "8 CFR 1003.3(c)(1)"),
    ];

    #[test]
    fn each_deadline_cites_the_rule_of_the_body_that_decided() {
        for &(kind, forum, source) in SOURCES {
            assert_eq!(kind.rule().source_for(forum), source, "{kind:?} {forum:?}");
        }
        // Federal courts of appeals count by FRAP 26(a); the Board and the courts by its manual.
        assert_eq!(
            DeadlineKind::PetitionForReview.rule().counting,
            Counting::AppellateRules
        );
        assert_eq!(
            DeadlineKind::BiaAppeal.rule().counting,
            Counting::BiaPracticeManual
        );
        // No citation carries English prose the interface would have to show untranslated.
        for kind in DeadlineKind::ALL {
            let source = kind.rule().source_for(Some(Forum::Unknown));
            assert!(!source.contains("counted"), "{source}");
        }
    }
}
