//! What the core computes for the interface: a case's deadlines and status, its whole file, the
//! dashboard, and visit drafts.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::case::CaseRecord;
use crate::events::{CustodyEvent, LegalEvent};
use crate::holiday::Holiday;
use crate::ids::{DeviceId, EntityId};
use crate::records::{Attachment, Consent, ConsentPurpose, Evidence, Facility, Relative, Task};
use crate::visit::{Note, NoteKind, Sensitivity, Visit};
use crate::Stored;

/// A deadline that follows from a legal event. The rules themselves are in the core's
/// `deadlines` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Form EOIR-26, appealing an immigration judge's decision to the BIA.
    BiaAppeal,
    /// A petition for review of a final order, in a federal court of appeals.
    PetitionForReview,
    MotionToReconsider,
    MotionToReopen,
    /// The immigration judge's review of a negative credible fear finding.
    CredibleFearReview,
    /// Both sides' briefs in a detained person's BIA appeal.
    DetainedBriefing,
}

impl DeadlineKind {
    pub const ALL: [DeadlineKind; 6] = [
        DeadlineKind::BiaAppeal,
        DeadlineKind::PetitionForReview,
        DeadlineKind::MotionToReconsider,
        DeadlineKind::MotionToReopen,
        DeadlineKind::CredibleFearReview,
        DeadlineKind::DetainedBriefing,
    ];
}

/// Why a deadline moved past its nominal date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RolledFor {
    Weekend,
    Holiday { holiday: Holiday },
}

/// How the days of a period are counted (both skip the day of the event and roll a last day
/// that is not a business day forward); each has its own citation and explanation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// BIA Practice Manual ch. 3.1: filings due at the Board or an immigration court.
    #[default]
    BiaPracticeManual,
    /// FRAP 26(a): filings due at a federal court of appeals.
    AppellateRules,
}

impl Counting {
    pub const ALL: [Counting; 2] = [Counting::BiaPracticeManual, Counting::AppellateRules];

    /// The citation, the same in every language.
    pub fn citation(self) -> &'static str {
        match self {
            Counting::BiaPracticeManual => "BIA Practice Manual ch. 3.1",
            Counting::AppellateRules => "FRAP 26(a)",
        }
    }

    /// The interface's message explaining the method, such as `deadline-counting-appellate-rules`.
    pub fn message_id(self) -> &'static str {
        match self {
            Counting::BiaPracticeManual => "deadline-counting-bia-practice-manual",
            Counting::AppellateRules => "deadline-counting-appellate-rules",
        }
    }
}

/// Who made the decision a motion to reconsider or reopen is filed against: the motion goes to
/// them, under a different regulation (8 CFR 1003.23(b)(1) for an immigration judge, 8 CFR
/// 1003.2(b)(2) and (c)(2) for the Board).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Forum {
    ImmigrationJudge,
    Board,
    /// A final order was recorded without saying who made it.
    Unknown,
}

impl Forum {
    pub const ALL: [Forum; 3] = [Forum::ImmigrationJudge, Forum::Board, Forum::Unknown];

    /// The interface's message naming where the motion is filed, such as `deadline-forum-board`.
    pub fn message_id(self) -> &'static str {
        match self {
            Forum::ImmigrationJudge => "deadline-forum-immigration-judge",
            Forum::Board => "deadline-forum-board",
            Forum::Unknown => "deadline-forum-unknown",
        }
    }
}

/// A computed deadline on a case: an estimate, always shown with its rule and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseDeadline {
    pub kind: DeadlineKind,
    /// The legal event the period runs from.
    pub event_id: EntityId,
    pub trigger_date: NaiveDate,
    /// The trigger date plus the rule's days.
    pub nominal_date: NaiveDate,
    /// The last day to act, after rolling past weekends and holidays.
    pub due: NaiveDate,
    pub rolled_for: Option<RolledFor>,
    pub days: u32,
    /// Where the rule is written (citations only, the same in every language).
    pub source: String,
    /// How the days were counted.
    #[serde(default)]
    pub counting: Counting,
    /// For a motion: who decided last, so where it is filed (and so its rule).
    #[serde(default)]
    pub forum: Option<Forum>,
    /// The filing that met this deadline, once recorded.
    pub met_by: Option<EntityId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentState {
    /// In force today, for the recipients listed.
    Given,
    /// Given once and withdrawn since.
    Withdrawn,
    NotAsked,
}

/// What a case's consents allow today, one line per purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentSummary {
    pub purpose: ConsentPurpose,
    pub state: ConsentState,
    /// Recipients with consent in force (empty means "anyone for this purpose" if `Given`).
    pub recipients: Vec<String>,
}

/// A case's legal position today, derived from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStatus {
    /// Open and met deadlines, soonest first.
    pub deadlines: Vec<CaseDeadline>,
    /// The date the removal order became final, if it has.
    pub final_order: Option<NaiveDate>,
    /// Whether removal is stayed today (by a BIA appeal or a stay order).
    pub removal_stayed: bool,
    /// A final order with no stay: the person could be removed any day.
    pub removal_imminent: bool,
    pub consents: Vec<ConsentSummary>,
}

/// A saved note with when and where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRevision {
    pub note: Stored<Note>,
    /// When it was saved, by the saving device's (merged) clock.
    pub saved_at: DateTime<Utc>,
    pub device: DeviceId,
    /// How many revisions the note has, this one included.
    pub revisions: usize,
}

/// A visit write-up in progress. Texts are kept exactly as typed (even if too long to save yet),
/// so an autosave never fails on content and never loses a keystroke.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitDraft {
    pub case_id: Option<EntityId>,
    pub visit: Visit,
    pub notes: Vec<DraftNote>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftNote {
    pub kind: NoteKind,
    pub sensitivity: Sensitivity,
    pub text: String,
}

/// An unfinished write-up, as listed on the dashboard and case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitDraftSummary {
    pub id: EntityId,
    pub case_id: EntityId,
    pub updated_at: DateTime<Utc>,
}

/// Everything on a case page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFile {
    pub case: CaseRecord,
    pub facility: Option<Stored<Facility>>,
    pub status: CaseStatus,
    /// Oldest first.
    pub custody_events: Vec<Stored<CustodyEvent>>,
    /// Oldest first.
    pub legal_events: Vec<Stored<LegalEvent>>,
    /// Newest first.
    pub visits: Vec<Stored<Visit>>,
    /// Current revisions, newest first.
    pub notes: Vec<NoteRevision>,
    /// Open first, then by due date.
    pub tasks: Vec<Stored<Task>>,
    pub consents: Vec<Stored<Consent>>,
    pub relatives: Vec<Stored<Relative>>,
    pub evidence: Vec<Stored<Evidence>>,
    pub attachments: Vec<Stored<Attachment>>,
    pub drafts: Vec<VisitDraftSummary>,
    /// Evidence levels and review steps, the activity verdict, referrals, flights and the
    /// checklist (issue 13).
    #[serde(default)]
    pub coordination: crate::coordination::CaseCoordination,
}

/// A case as the dashboard names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRef {
    pub id: EntityId,
    pub name: String,
    pub native_name: String,
}

impl CaseRef {
    pub fn of(case: &CaseRecord) -> CaseRef {
        CaseRef {
            id: case.id,
            name: case.name.clone(),
            native_name: case.native_name.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardDeadline {
    pub case: CaseRef,
    pub deadline: CaseDeadline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardVisit {
    pub case: CaseRef,
    pub visit: Stored<Visit>,
    pub facility_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardTask {
    pub case: Option<CaseRef>,
    pub task: Stored<Task>,
}

/// The first screen after unlocking: what needs attention, most urgent first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub today: NaiveDate,
    /// Final order, no stay: ranked, most urgent first (see [`crate::board::RemovalFacts`]).
    pub removal_imminent: Vec<crate::board::RemovalImminent>,
    /// Open deadlines due from `today` through the next 14 days, and overdue ones still open,
    /// soonest first.
    pub deadlines: Vec<DashboardDeadline>,
    /// Visits dated today or later, soonest first.
    pub visits: Vec<DashboardVisit>,
    /// Open tasks, by due date (undated last).
    pub tasks: Vec<DashboardTask>,
    pub drafts: Vec<(CaseRef, VisitDraftSummary)>,
    pub case_count: usize,
}

/// A case that matches a search, and what in it matched when that was not the case itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub case: CaseRecord,
    pub matched: Option<SearchMatch>,
}

/// One page of a search's answer, and whether a later page holds more.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub more: bool,
}

/// A record inside a case that matched: a note, evidence, a relative, a task, an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchMatch {
    pub entity_id: EntityId,
    pub entity_type: String,
    /// A few words around the match.
    pub snippet: String,
}
