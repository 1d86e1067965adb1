//! The other records of a case: tasks, consents, relatives, evidence, facilities, attachments.

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::string_enum;
use crate::text::{LongText, ShortText};

string_enum! {
    #[derive(Default)]
    pub enum Priority {
        Low = "low",
        #[default]
        Normal = "normal",
        High = "high",
        Urgent = "urgent",
    }
}

string_enum! {
    #[derive(Default)]
    pub enum TaskStatus {
        #[default]
        Open = "open",
        Done = "done",
        Cancelled = "cancelled",
    }
}

/// A follow-up: call the attorney, send a letter, bring shoes on the next visit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Task {
    pub case_id: Option<EntityId>,
    pub title: ShortText,
    pub details: LongText,
    pub due: Option<NaiveDate>,
    pub assignee: ShortText,
    pub priority: Priority,
    pub status: TaskStatus,
}

string_enum! {
    /// What the person agreed their information may be used for.
    #[derive(Default)]
    pub enum ConsentPurpose {
        #[default]
        KeepNotes = "keep_notes",
        ShareWithCoordinator = "share_with_coordinator",
        ShareWithAttorney = "share_with_attorney",
        GovernmentReferral = "government_referral",
        ShareWithRelative = "share_with_relative",
    }
}

string_enum! {
    #[derive(Default)]
    pub enum ConsentMethod {
        #[default]
        Verbal = "verbal",
        Written = "written",
    }
}

/// Consent for one purpose and, where it matters, one recipient (which attorney, which relative,
/// which government). Withdrawing sets `withdrawn_on`; the record stays so the history is visible.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consent {
    pub case_id: Option<EntityId>,
    pub purpose: ConsentPurpose,
    pub recipient: ShortText,
    pub given_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
    pub method: ConsentMethod,
    pub note: ShortText,
}

impl Consent {
    /// Whether the consent holds on `day`: given on or before it and not withdrawn by then.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.given_on.is_some_and(|given| given <= day)
            && self.withdrawn_on.is_none_or(|withdrawn| withdrawn > day)
    }
}

string_enum! {
    #[derive(Default)]
    pub enum Whereabouts {
        #[default]
        Unknown = "unknown",
        InUs = "in_us",
        DetainedElsewhere = "detained_elsewhere",
        FosterCare = "foster_care",
        InRussia = "in_russia",
        ElsewhereAbroad = "elsewhere_abroad",
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Relative {
    pub case_id: Option<EntityId>,
    pub name: ShortText,
    pub native_name: ShortText,
    /// "wife", "son", "mother": in the volunteer's words.
    pub relation: ShortText,
    pub whereabouts: Whereabouts,
    /// The facility, foster agency or city.
    pub location: ShortText,
    pub contact: ShortText,
    pub note: LongText,
}

string_enum! {
    #[derive(Default)]
    pub enum EvidenceCategory {
        Protest = "protest",
        Membership = "membership",
        Publication = "publication",
        CriminalCaseInRussia = "criminal_case_in_russia",
        MobilisationEvasion = "mobilisation_evasion",
        Desertion = "desertion",
        #[default]
        Other = "other",
    }
}

string_enum! {
    /// How far a claim has been checked, from the person's word to a coordinator's verification.
    #[derive(Default)]
    pub enum VerificationLevel {
        #[default]
        Claimed = "claimed",
        Documented = "documented",
        Corroborated = "corroborated",
        Verified = "verified",
    }
}

/// Evidence of political activity, the heart of a referral.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evidence {
    pub case_id: Option<EntityId>,
    pub category: EvidenceCategory,
    pub summary: LongText,
    pub date: Option<NaiveDate>,
    pub verification: VerificationLevel,
    pub verified_by: ShortText,
    pub verified_on: Option<NaiveDate>,
}

/// A detention facility (or a court) and the time zone its hours are in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Facility {
    pub name: ShortText,
    pub operator: ShortText,
    pub address: ShortText,
    /// The US state's two-letter code.
    pub state: ShortText,
    pub time_zone: Option<Tz>,
    pub visiting_rules: LongText,
}

/// A file kept in the encrypted store, named by the SHA-256 of its bytes. Immutable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attachment {
    pub case_id: Option<EntityId>,
    /// Lowercase hex SHA-256 of the content.
    pub sha256: ShortText,
    /// The name to show and to suggest on export; never used as a path.
    pub file_name: ShortText,
    pub media_type: ShortText,
    pub size: u64,
    pub caption: ShortText,
}
