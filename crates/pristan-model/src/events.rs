//! Custody and legal events: dated, immutable facts on a case's timelines. A mistaken event is
//! deleted (a tombstone) and entered again, so the timeline never changes under a reader's eyes.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::string_enum;
use crate::text::{LongText, ShortText};

string_enum! {
    #[derive(Default)]
    pub enum CustodyEventKind {
        #[default]
        Detained = "detained",
        Transferred = "transferred",
        Released = "released",
        Removed = "removed",
        LeftCountry = "left_country",
    }
}

string_enum! {
    pub enum ReleaseType {
        Parole = "parole",
        Bond = "bond",
        Recognizance = "recognizance",
        Other = "other",
    }
}

string_enum! {
    /// The legal steps Pristan tracks. Deadlines are computed from some of them (see the core's
    /// `case_status` module).
    #[derive(Default)]
    pub enum LegalEventKind {
        CredibleFearInterview = "credible_fear_interview",
        /// The asylum officer's finding: `Outcome::Granted` is positive, `Denied` negative.
        CredibleFearFinding = "credible_fear_finding",
        CredibleFearReview = "credible_fear_review",
        AsylumApplicationFiled = "asylum_application_filed",
        #[default]
        MasterHearing = "master_hearing",
        IndividualHearing = "individual_hearing",
        /// The immigration judge's decision on removal and relief.
        IjDecision = "ij_decision",
        BiaAppealFiled = "bia_appeal_filed",
        BiaBriefingSchedule = "bia_briefing_schedule",
        BiaDecision = "bia_decision",
        PetitionForReviewFiled = "petition_for_review_filed",
        MotionToReopenFiled = "motion_to_reopen_filed",
        MotionToReconsiderFiled = "motion_to_reconsider_filed",
        StayRequested = "stay_requested",
        /// A court's or agency's decision on a stay: `Granted` stays removal until `Lifted`.
        StayDecision = "stay_decision",
        BondHearing = "bond_hearing",
        HabeasPetitionFiled = "habeas_petition_filed",
        FinalOrder = "final_order",
    }
}

string_enum! {
    #[derive(Default)]
    pub enum Outcome {
        #[default]
        Unknown = "unknown",
        Pending = "pending",
        Granted = "granted",
        Denied = "denied",
        /// An appeal dismissed (the removal order stands).
        Dismissed = "dismissed",
        /// An appeal sustained (the person won).
        Sustained = "sustained",
        Remanded = "remanded",
        Withdrawn = "withdrawn",
        /// A stay that was in force has ended.
        Lifted = "lifted",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CustodyEvent {
    pub case_id: Option<EntityId>,
    pub kind: CustodyEventKind,
    pub date: Option<NaiveDate>,
    /// Where the person was taken (detained, transferred to).
    pub facility_id: Option<EntityId>,
    /// Where a transfer started.
    pub from_facility_id: Option<EntityId>,
    pub release_type: Option<ReleaseType>,
    /// Who said so: "ICE locator", "the person", "attorney".
    pub source: ShortText,
    pub note: LongText,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LegalEvent {
    pub case_id: Option<EntityId>,
    pub kind: LegalEventKind,
    /// The local date where the court sits.
    pub date: Option<NaiveDate>,
    /// Hearing time, local to `time_zone`.
    pub time: Option<NaiveTime>,
    /// The court's (or the facility's) IANA time zone.
    pub time_zone: Option<Tz>,
    pub court: ShortText,
    pub judge: ShortText,
    pub outcome: Outcome,
    /// An IJ decision whose appeal was waived is final on the day.
    pub appeal_waived: bool,
    pub source: ShortText,
    pub note: LongText,
}
