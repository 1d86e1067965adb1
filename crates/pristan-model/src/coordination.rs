//! What the core computes for coordinators: a case's verification, referrals and flights (on its
//! page and in the dossier), and the list of referred cases (the board and the working group's
//! CSV).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::flight::LinkedFlight;
use crate::ids::EntityId;
use crate::referral::{Referral, ReferralRefusal};
use crate::verification::{ActivityVerdict, ActivityVerification, ChecklistLine, EvidenceStanding};
use crate::views::{CaseDeadline, CaseRef};
use crate::Stored;

/// The coordination part of a case file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseCoordination {
    /// One per evidence item of the case, in the order of `CaseFile::evidence`.
    pub evidence: Vec<EvidenceStanding>,
    pub activity: ActivityVerification,
    pub referrals: Vec<Stored<Referral>>,
    pub flights: Vec<LinkedFlight>,
    /// What the case still needs (`pristan_core::coordination::verification_checklist`).
    pub checklist: Vec<ChecklistLine>,
}

/// A referral as listed across cases: one row per referral.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralRow {
    pub case: CaseRef,
    pub referral_id: EntityId,
    pub referral: Referral,
    /// The pathway's name, empty if the referral names an unknown pathway.
    pub pathway_name: String,
    pub verdict: ActivityVerdict,
    /// The soonest open deadline of the case.
    pub next_deadline: Option<CaseDeadline>,
    pub removal_imminent: bool,
    /// Why nothing of this referral may leave the vault today; `None` when consent is in force.
    pub consent_refusal: Option<ReferralRefusal>,
    pub today: NaiveDate,
}
