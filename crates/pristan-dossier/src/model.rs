//! The document model: what a dossier says, section by section, as plain data. The template
//! (template/dossier.typ) owns every word printed around it; here are only the case's values and
//! fixed ids (priorities, statuses, kinds) that the template turns into words.
//!
//! Each piece of case text belongs to exactly one section, so withholding a section withholds
//! that text everywhere in the document.

use chrono::NaiveDate;
use serde::Serialize;

/// A referral dossier, ready to typeset. Serialised to JSON, it is the template's only input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dossier {
    pub cover: Cover,
    pub person: Section<Person>,
    pub family: Section<Family>,
    pub custody: Section<Custody>,
    pub basis: Section<Basis>,
    pub need: Section<Need>,
    pub deadlines: Section<Vec<DeadlineLine>>,
    pub evidence: Section<Vec<EvidenceLine>>,
    pub recommendation: Section<Recommendation>,
    /// Notes the coordinator chose one by one; none otherwise.
    pub notes: Vec<ChosenNote>,
    pub consents: Vec<ConsentLine>,
}

/// A section as printed, or withheld by the coordinator (its heading stays, saying so).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", content = "content", rename_all = "snake_case")]
pub enum Section<T> {
    Included(T),
    Withheld,
}

impl<T> Section<T> {
    pub fn included(&self) -> Option<&T> {
        match self {
            Section::Included(content) => Some(content),
            Section::Withheld => None,
        }
    }
}

/// The first page: what this is, about whom (by case id only), for whom and by whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cover {
    /// The full case id (32 hex digits), printed in monospace.
    pub case_id: String,
    /// Its first 8 digits, used in the title and the running header.
    pub case_ref: String,
    /// Referral priority id: `emergency`, `urgent` or `normal`.
    pub priority: String,
    /// The pathway's name as the coordinator's list spells it.
    pub pathway: String,
    /// Referral status id: `candidate`, `dossier_prepared`, `submitted`, `decision`.
    pub status: String,
    /// The recipient the person's consent names.
    pub recipient: String,
    pub generated_on: NaiveDate,
    pub author: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// As in the passport, in Latin letters.
    pub name: String,
    /// In Cyrillic (or the person's own script).
    pub native_name: String,
    pub aliases: String,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: String,
    pub languages: String,
}

/// Relatives and ties, without their contact details (a dossier carries what the decision
/// needs, and a relative's phone number is not that).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Family {
    pub relatives: Vec<RelativeLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelativeLine {
    pub name: String,
    pub native_name: String,
    pub relation: String,
    /// Whereabouts id: `in_us`, `in_russia`, `elsewhere_abroad`, …
    pub whereabouts: String,
    pub location: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Custody {
    /// Custody status id: `detained`, `released`, `removed`, …
    pub status: String,
    pub facility: String,
    pub facility_state: String,
    pub a_number: String,
    pub attorney: String,
    /// Filing status ids (`filed`, `not_filed`, `unknown`) of the notices of appearance.
    pub g28: String,
    pub eoir28: String,
    pub eoir27: String,
    /// The date the asylum application was filed, if recorded.
    pub asylum_filed_on: Option<NaiveDate>,
    /// Release type id (`parole`, `bond`, …) of the latest release, if any.
    pub release_type: Option<String>,
    pub custody_events: Vec<CustodyLine>,
    pub legal_events: Vec<LegalLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustodyLine {
    pub date: Option<NaiveDate>,
    /// Custody event kind id.
    pub kind: String,
    pub facility: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegalLine {
    pub date: Option<NaiveDate>,
    /// Legal event kind id.
    pub kind: String,
    /// Outcome id.
    pub outcome: String,
    pub court: String,
}

/// The claim's outline: which kinds of activity the evidence shows, how far each is checked,
/// and whether two coordinators confirmed the person's activity. The items themselves, with
/// their summaries, are in the evidence register.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Basis {
    pub categories: Vec<CategoryLine>,
    pub activity: ActivityCheck,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryLine {
    /// Evidence category id.
    pub category: String,
    pub items: usize,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    /// Verification level id of the best-checked item.
    pub best_level: String,
}

/// The two-reviewer rule's verdict on the person's political activity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityCheck {
    pub verified: bool,
    /// The coordinators who confirmed it, first confirmation first.
    pub confirmations: Vec<Confirmation>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confirmation {
    pub by: String,
    pub on: Option<NaiveDate>,
    pub method: String,
}

/// Why resettlement is needed now: the risk of removal as the case's status shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    pub removal_imminent: bool,
    pub removal_stayed: bool,
    pub final_order_on: Option<NaiveDate>,
    /// Removal flights the case is believed to be on: date and route.
    pub flights: Vec<FlightLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlightLine {
    pub date: Option<NaiveDate>,
    pub route: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeadlineLine {
    /// Deadline kind id.
    pub kind: String,
    pub due: NaiveDate,
    /// Where the rule is written (a citation).
    pub source: String,
    pub met: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceLine {
    /// "E1", "E2", … in the register's order, for the recommendation to cite.
    pub number: String,
    /// Evidence category id.
    pub category: String,
    pub date: Option<NaiveDate>,
    pub summary: String,
    /// Verification level id.
    pub level: String,
    /// The review steps, oldest first: who moved the item to which level, when and how.
    pub steps: Vec<ReviewLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewLine {
    /// Verification level id.
    pub level: String,
    pub by: String,
    pub on: Option<NaiveDate>,
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChosenNote {
    /// Note kind id.
    pub kind: String,
    pub restricted: bool,
    pub written_on: NaiveDate,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsentLine {
    /// Consent purpose id.
    pub purpose: String,
    pub recipient: String,
    /// Consent method id (`verbal`, `written`).
    pub method: String,
    pub given_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    /// Whether it holds on the day the dossier was made.
    pub in_force: bool,
}
