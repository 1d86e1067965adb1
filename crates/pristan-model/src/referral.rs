//! Referrals of a case to a resettlement pathway, and the pathways themselves (issue 13).
//!
//! A pathway is an entry in an editable list (Canada's public policy under IRPA s.25.2 and the
//! Human Rights Defenders stream are built in). A referral follows a case through candidate →
//! dossier prepared → submitted → decision, with a date for each step, the coordinator's
//! recommendation and the recipient the person's consent must name. Nothing about a referral may
//! leave the vault (a dossier, a CSV row) unless [`crate::referral::ReferralRefusal`]'s gate in the
//! core (`coordination::referrals::referral_consent`) says the person consented.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::string_enum;
use crate::text::{LongText, ShortText};

/// A pathway a case can be referred to. Mutable; retired rather than deleted, so old referrals
/// still name it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pathway {
    pub name: ShortText,
    /// The country (or body) that decides: "Canada".
    pub country: ShortText,
    /// Where the pathway is written: "IRPA s.25.2".
    pub legal_basis: ShortText,
    /// Whom a referral normally goes to; offered as the referral's recipient.
    pub recipient: ShortText,
    pub notes: LongText,
    /// No longer offered for new referrals.
    pub retired: bool,
}

/// A pathway every vault knows without any operation, under a fixed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltInPathway {
    pub id: EntityId,
    pub name: &'static str,
    pub country: &'static str,
    pub legal_basis: &'static str,
    pub recipient: &'static str,
}

impl BuiltInPathway {
    pub fn pathway(&self) -> Pathway {
        let text = |s: &str| ShortText::new(s).expect("built-in texts are short");
        Pathway {
            name: text(self.name),
            country: text(self.country),
            legal_basis: text(self.legal_basis),
            recipient: text(self.recipient),
            notes: LongText::default(),
            retired: false,
        }
    }
}

/// The built-in pathways. Their ids are fixed (16 ASCII bytes), so an edit made on one device
/// (a record under that id, which then replaces the built-in entry) applies on every device.
pub const BUILT_IN_PATHWAYS: [BuiltInPathway; 2] = [
    BuiltInPathway {
        id: EntityId::from_bytes(*b"pristan-path-001"),
        name: "Canada: public policy for Russian dissidents",
        country: "Canada",
        legal_basis: "IRPA s.25.2",
        recipient: "Government of Canada (IRCC)",
    },
    BuiltInPathway {
        id: EntityId::from_bytes(*b"pristan-path-002"),
        name: "Canada: Human Rights Defenders stream",
        country: "Canada",
        legal_basis: "Human Rights Defenders stream (refugee resettlement)",
        recipient: "Government of Canada (IRCC)",
    },
];

string_enum! {
    /// How soon the person must be moved, as UNHCR's resettlement forms grade it.
    #[derive(Default)]
    pub enum ReferralPriority {
        /// Days: removal is imminent.
        Emergency = "emergency",
        /// Weeks.
        Urgent = "urgent",
        #[default]
        Normal = "normal",
    }
}

string_enum! {
    /// Where a referral stands.
    #[derive(Default)]
    pub enum ReferralStatus {
        #[default]
        Candidate = "candidate",
        DossierPrepared = "dossier_prepared",
        Submitted = "submitted",
        Decision = "decision",
    }
}

string_enum! {
    /// What the pathway decided.
    pub enum ReferralDecision {
        Accepted = "accepted",
        Declined = "declined",
        /// The referral was withdrawn (by the person or the organisation).
        Withdrawn = "withdrawn",
    }
}

/// A case put forward for a pathway. Mutable, merged field by field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Referral {
    pub case_id: Option<EntityId>,
    pub pathway_id: Option<EntityId>,
    pub priority: ReferralPriority,
    pub status: ReferralStatus,
    /// The day each status was reached.
    pub candidate_on: Option<NaiveDate>,
    pub dossier_prepared_on: Option<NaiveDate>,
    pub submitted_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub decision: Option<ReferralDecision>,
    pub decision_note: LongText,
    /// The coordinator's recommendation, as the dossier prints it.
    pub recommendation: LongText,
    /// Who receives the referral ("Government of Canada (IRCC)"): the person's consent to a
    /// government referral must name exactly this recipient.
    pub recipient: ShortText,
}

impl Referral {
    /// The day the referral reached `status`, if it has.
    pub fn date_of(&self, status: ReferralStatus) -> Option<NaiveDate> {
        match status {
            ReferralStatus::Candidate => self.candidate_on,
            ReferralStatus::DossierPrepared => self.dossier_prepared_on,
            ReferralStatus::Submitted => self.submitted_on,
            ReferralStatus::Decision => self.decided_on,
        }
    }
}

/// Why a referral may not leave the vault for `recipient` (a dossier, a CSV row): the core's
/// consent gate returns one of these; the interface words it with [`ReferralRefusal::message_id`]
/// (assets/locales/*/referrals.ftl); `Display` is the English the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReferralRefusal {
    /// The referral names no recipient, so no consent can be matched to it.
    NoRecipient,
    /// No consent to a government referral naming this recipient was ever recorded.
    NoConsent { recipient: String },
    /// The consent naming this recipient was withdrawn.
    ConsentWithdrawn {
        recipient: String,
        withdrawn_on: NaiveDate,
    },
    /// The consent naming this recipient is dated after today.
    ConsentNotYetGiven {
        recipient: String,
        given_on: NaiveDate,
    },
}

impl ReferralRefusal {
    pub fn message_id(&self) -> &'static str {
        match self {
            ReferralRefusal::NoRecipient => "referral-refusal-no-recipient",
            ReferralRefusal::NoConsent { .. } => "referral-refusal-no-consent",
            ReferralRefusal::ConsentWithdrawn { .. } => "referral-refusal-consent-withdrawn",
            ReferralRefusal::ConsentNotYetGiven { .. } => "referral-refusal-consent-not-yet-given",
        }
    }
}

impl std::fmt::Display for ReferralRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReferralRefusal::NoRecipient => f.write_str(
                "the referral names no recipient: set the recipient (pristan referral status \
                 --recipient TEXT), then record the person's consent naming it",
            ),
            ReferralRefusal::NoConsent { recipient } => write!(
                f,
                "the person has not consented to a government referral to {recipient:?}: ask \
                 them, and record it (pristan consent add --purpose government_referral \
                 --recipient {recipient:?})"
            ),
            ReferralRefusal::ConsentWithdrawn {
                recipient,
                withdrawn_on,
            } => write!(
                f,
                "the person withdrew their consent to a referral to {recipient:?} on \
                 {withdrawn_on}: nothing may be sent unless they consent again"
            ),
            ReferralRefusal::ConsentNotYetGiven {
                recipient,
                given_on,
            } => write!(
                f,
                "the consent to a referral to {recipient:?} is dated {given_on}, after today: \
                 correct the date if they have already agreed"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_pathways_have_distinct_fixed_ids() {
        let [a, b] = BUILT_IN_PATHWAYS;
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.to_string().len(), 32);
        assert_eq!(a.pathway().legal_basis.as_str(), "IRPA s.25.2");
    }
}
