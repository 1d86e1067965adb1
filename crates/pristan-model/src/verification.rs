//! Checking a case's evidence and its political activity (issue 13).
//!
//! Each evidence item moves claimed → documented → corroborated → verified by **review steps**:
//! immutable records, one per step, saying which level was reached and how (the method, in
//! words), with an optional link to the supporting attachment. Who made a step and when come from
//! the operation that created it (its device and clock), never from typed fields, so they cannot
//! be typed wrong or forged by editing a record.
//!
//! A case's political activity is **verified** only when two different coordinators have each
//! confirmed it ([`ActivityConfirmation`]). "Different" means different device identities of
//! coordinator role in the roster, where a successor identity (a restored or copied vault,
//! `RosterEntry::replaces`) counts as the same person as the device it replaces. The rule is a
//! pure function of the set of confirmations (the core's `coordination::verification`), so the
//! order operations arrive in never changes the verdict.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, EntityId};
use crate::records::VerificationLevel;
use crate::sync::Role;
use crate::text::{LongText, ShortText};

/// One step in checking an evidence item. Immutable: a later step (a higher level, or a lower
/// one when a document turns out to be doubtful) is a new record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceReview {
    pub case_id: Option<EntityId>,
    /// The evidence item reviewed (an `Evidence` record of the same case).
    pub evidence_id: Option<EntityId>,
    /// The level this step establishes.
    pub level: VerificationLevel,
    /// How it was checked, in words: "court record found on the Moscow city court's site".
    pub method: LongText,
    /// The SHA-256 of the supporting attachment of the same case, if any.
    pub attachment_sha256: Option<ShortText>,
}

/// A coordinator's confirmation that a case's political activity is beyond doubt. Immutable; a
/// confirmation made by mistake is deleted (a tombstone), which the verdict then ignores.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityConfirmation {
    pub case_id: Option<EntityId>,
    /// What was checked, in words: "spoke with the editor of the newspaper he wrote for".
    pub checked: LongText,
}

/// Who made a change, as the operation log says: the device, and its name and role in the
/// roster (this device's own name for its own changes). Empty name and no role: a device this
/// vault's roster does not list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub device: DeviceId,
    pub name: String,
    pub role: Option<Role>,
}

/// A review step as the case page and the dossier show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewStep {
    pub id: EntityId,
    pub review: EvidenceReview,
    pub by: Author,
    pub at: DateTime<Utc>,
}

/// An evidence item's standing: its level now and the steps that led there, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceStanding {
    pub evidence_id: EntityId,
    /// The level of the latest review step (by the operations' order), or the level the item was
    /// entered with when no step was recorded.
    pub level: VerificationLevel,
    pub steps: Vec<ReviewStep>,
}

/// A confirmation as the case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationStep {
    pub id: EntityId,
    pub confirmation: ActivityConfirmation,
    pub by: Author,
    pub at: DateTime<Utc>,
    /// Whether it counts towards the two-reviewer rule: made by a coordinator, and not by the
    /// same person as an earlier counted confirmation.
    pub counts: bool,
}

/// Whether a case's political activity is verified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityVerdict {
    /// No coordinator has confirmed it.
    #[default]
    Unconfirmed,
    /// One coordinator has: a second, different one must.
    OneCoordinator,
    /// Two different coordinators have.
    Verified,
}

impl ActivityVerdict {
    /// The interface's message, such as `activity-verdict-verified`.
    pub fn message_id(self) -> &'static str {
        match self {
            ActivityVerdict::Unconfirmed => "activity-verdict-unconfirmed",
            ActivityVerdict::OneCoordinator => "activity-verdict-one-coordinator",
            ActivityVerdict::Verified => "activity-verdict-verified",
        }
    }
}

/// The verdict with the confirmations it was reached from, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityVerification {
    pub verdict: ActivityVerdict,
    pub confirmations: Vec<ConfirmationStep>,
}

/// One thing a case needs before it is verified and can be referred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistItem {
    /// At least one evidence item of political activity is recorded.
    EvidenceRecorded,
    /// At least one item is backed by a document (documented or higher).
    EvidenceDocumented,
    /// At least one item is corroborated by an independent source (or verified).
    EvidenceCorroborated,
    /// At least one item is verified by a coordinator.
    EvidenceVerified,
    /// A first coordinator confirmed the activity.
    FirstConfirmation,
    /// A second, different coordinator confirmed it.
    SecondConfirmation,
    /// The person's consent to a government referral is in force.
    ReferralConsent,
}

impl ChecklistItem {
    pub const ALL: [ChecklistItem; 7] = [
        ChecklistItem::EvidenceRecorded,
        ChecklistItem::EvidenceDocumented,
        ChecklistItem::EvidenceCorroborated,
        ChecklistItem::EvidenceVerified,
        ChecklistItem::FirstConfirmation,
        ChecklistItem::SecondConfirmation,
        ChecklistItem::ReferralConsent,
    ];

    /// The interface's message, such as `checklist-evidence-recorded`.
    pub fn message_id(self) -> &'static str {
        match self {
            ChecklistItem::EvidenceRecorded => "checklist-evidence-recorded",
            ChecklistItem::EvidenceDocumented => "checklist-evidence-documented",
            ChecklistItem::EvidenceCorroborated => "checklist-evidence-corroborated",
            ChecklistItem::EvidenceVerified => "checklist-evidence-verified",
            ChecklistItem::FirstConfirmation => "checklist-first-confirmation",
            ChecklistItem::SecondConfirmation => "checklist-second-confirmation",
            ChecklistItem::ReferralConsent => "checklist-referral-consent",
        }
    }
}

/// A line of the checklist: the item and whether the case has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistLine {
    pub item: ChecklistItem,
    pub done: bool,
}
