//! Evidence review steps and activity confirmations: recording them, and the rules read from
//! them (docs/coordinator.md, "Verification").

use chrono::NaiveDate;

use super::authors::{creation, is_coordinator, same_person, time_of, Authors};
use super::referrals::referral_consent;
use crate::domain::views::CaseFile;
use crate::domain::{
    ActivityConfirmation, ActivityVerdict, ActivityVerification, Attachment, ChecklistItem,
    ChecklistLine, ConfirmationStep, ConsentPurpose, Evidence, EvidenceReview, EvidenceStanding,
    LongText, ReviewStep, ShortText, Stored, VerificationLevel,
};
use crate::error::{Error, Result};
use crate::ops::{Change, EntityId, EntityType, Hlc};
use crate::org::permissions::RoleRefusal;
use crate::vault::Vault;

/// Records a review step on evidence item `evidence`: the level it reached and how it was
/// checked, with the supporting attachment (its SHA-256, an attachment of the same case) if any.
/// The evidence item shows the new level at once (its `verification` field changes in the same
/// transaction). Corroborated and verified are a coordinator's (`org::permissions`).
pub fn verify_evidence(
    vault: &mut Vault,
    evidence: EntityId,
    level: VerificationLevel,
    method: &str,
    attachment_sha256: Option<&str>,
) -> Result<EntityId> {
    let item = vault.require::<Evidence>(evidence)?;
    let case = item.record.case_id;
    let attachment = match attachment_sha256.map(str::trim) {
        None | Some("") => None,
        Some(sha) => {
            let case = case.ok_or_else(|| invalid("evidence", "it belongs to no case"))?;
            let known = vault
                .list::<Attachment>(case)?
                .into_iter()
                .any(|a| a.record.sha256.as_str() == sha);
            if !known {
                return Err(invalid(
                    "attachment",
                    "this case has no attachment with that SHA-256: attach the file to the case \
                     first (its SHA-256 is shown beside it)",
                ));
            }
            Some(short(sha, "attachment")?)
        }
    };
    let review = EvidenceReview {
        case_id: case,
        evidence_id: Some(evidence),
        level,
        method: long(method, "method")?,
        attachment_sha256: attachment,
    };
    let id = EntityId::random();
    let created = vault.creation(&review)?;
    let level_field = Change::assign(
        [(
            "verification".to_owned(),
            serde_json::to_value(level).expect("a level serialises"),
        )]
        .into_iter()
        .collect(),
    );
    vault.record_all(
        vec![
            (EntityType::EvidenceReview, id, created),
            (EntityType::Evidence, evidence, level_field),
        ],
        |_| Ok(()),
    )?;
    Ok(id)
}

/// Records this coordinator's confirmation of `case`'s political activity, with what was checked.
/// Refused for a volunteer, and for a coordinator who (on this device or one it replaces) has
/// already confirmed it: the second confirmation must be another coordinator's.
pub fn confirm_activity(vault: &mut Vault, case: EntityId, checked: &str) -> Result<EntityId> {
    vault.require_case(case)?;
    if vault.own_role()? == Some(crate::org::Role::Volunteer) {
        return Err(Error::NotPermitted(RoleRefusal::ConfirmActivity));
    }
    let authors = Authors::load(vault)?;
    let me = same_person(vault.device_id(), authors.roster());
    for step in activity(vault, case, &authors)?.confirmations {
        if step.by.device == vault.device_id()
            || same_person(step.by.device, authors.roster()) == me
        {
            return Err(Error::NotPermitted(RoleRefusal::ConfirmTwice));
        }
    }
    let confirmation = ActivityConfirmation {
        case_id: Some(case),
        checked: long(checked, "what was checked")?,
    };
    vault.add(confirmation)
}

/// The review steps of a case's evidence, oldest first (by the operations' order).
pub(crate) fn review_steps(
    vault: &Vault,
    case: EntityId,
    authors: &Authors,
) -> Result<Vec<ReviewStep>> {
    let mut steps: Vec<(Hlc, ReviewStep)> = Vec::new();
    for stored in vault.list::<EvidenceReview>(case)? {
        let Some((device, hlc)) = creation(vault.connection(), stored.id)? else {
            continue;
        };
        steps.push((
            hlc,
            ReviewStep {
                id: stored.id,
                review: stored.record,
                by: authors.author(device),
                at: time_of(hlc),
            },
        ));
    }
    steps.sort_by_key(|(hlc, step)| (*hlc, step.by.device, step.id));
    Ok(steps.into_iter().map(|(_, step)| step).collect())
}

/// The confirmations of a case, oldest first, and the verdict of the two-reviewer rule.
pub(crate) fn activity(
    vault: &Vault,
    case: EntityId,
    authors: &Authors,
) -> Result<ActivityVerification> {
    let mut found = Vec::new();
    for stored in vault.list::<ActivityConfirmation>(case)? {
        if let Some((device, hlc)) = creation(vault.connection(), stored.id)? {
            found.push((hlc, authors.device(device), stored));
        }
    }
    found.sort_by_key(|(hlc, device, stored)| (*hlc, *device, stored.id));
    let roster = authors.roster();
    let verdict = super::two_reviewer_verdict(found.iter().map(|(_, d, _)| *d), roster);
    let mut counted = std::collections::BTreeSet::new();
    let confirmations = found
        .into_iter()
        .map(|(hlc, device, stored)| ConfirmationStep {
            counts: is_coordinator(device, roster) && counted.insert(same_person(device, roster)),
            id: stored.id,
            confirmation: stored.record,
            by: authors.author(device),
            at: time_of(hlc),
        })
        .collect();
    Ok(ActivityVerification {
        verdict,
        confirmations,
    })
}

/// Each evidence item's level and steps. `steps` are the case's review steps oldest first; an
/// item's level is that of its latest step, or the level it was entered with if it has none (a
/// later step may lower it: a document found doubtful).
pub fn evidence_standing(
    evidence: &[Stored<Evidence>],
    steps: &[ReviewStep],
) -> Vec<EvidenceStanding> {
    evidence
        .iter()
        .map(|item| {
            let own: Vec<ReviewStep> = steps
                .iter()
                .filter(|s| s.review.evidence_id == Some(item.id))
                .cloned()
                .collect();
            EvidenceStanding {
                evidence_id: item.id,
                level: own
                    .last()
                    .map_or(item.record.verification, |s| s.review.level),
                steps: own,
            }
        })
        .collect()
}

/// What the case has and lacks before it is verified and can be referred, from its file alone.
/// Evidence levels are read from `file.coordination.evidence`, the confirmations' verdict from
/// `file.coordination.activity`; the consent line is done when a referral's recipient passes the
/// consent gate on `today` (or, before any referral, when a consent to a government referral
/// naming a recipient is in force).
pub fn verification_checklist(file: &CaseFile, today: NaiveDate) -> Vec<ChecklistLine> {
    let levels: Vec<VerificationLevel> = if file.coordination.evidence.is_empty() {
        file.evidence
            .iter()
            .map(|e| e.record.verification)
            .collect()
    } else {
        file.coordination.evidence.iter().map(|e| e.level).collect()
    };
    let at_least = |level: VerificationLevel| levels.iter().any(|l| *l >= level);
    let verdict = file.coordination.activity.verdict;
    let consent = if file.coordination.referrals.is_empty() {
        file.consents.iter().any(|c| {
            c.record.purpose == ConsentPurpose::GovernmentReferral
                && !c.record.recipient.as_str().trim().is_empty()
                && c.record.in_force_on(today)
        })
    } else {
        file.coordination
            .referrals
            .iter()
            .any(|r| referral_consent(file, r.record.recipient.as_str(), today).is_ok())
    };
    ChecklistItem::ALL
        .into_iter()
        .map(|item| ChecklistLine {
            item,
            done: match item {
                ChecklistItem::EvidenceRecorded => !levels.is_empty(),
                ChecklistItem::EvidenceDocumented => at_least(VerificationLevel::Documented),
                ChecklistItem::EvidenceCorroborated => at_least(VerificationLevel::Corroborated),
                ChecklistItem::EvidenceVerified => at_least(VerificationLevel::Verified),
                ChecklistItem::FirstConfirmation => verdict != ActivityVerdict::Unconfirmed,
                ChecklistItem::SecondConfirmation => verdict == ActivityVerdict::Verified,
                ChecklistItem::ReferralConsent => consent,
            },
        })
        .collect()
}

pub(crate) fn long(text: &str, field: &'static str) -> Result<LongText> {
    LongText::new(text.trim()).map_err(|e| invalid(field, &e.to_string()))
}

pub(crate) fn short(text: &str, field: &'static str) -> Result<ShortText> {
    ShortText::new(text.trim()).map_err(|e| invalid(field, &e.to_string()))
}

pub(crate) fn invalid(field: &'static str, reason: &str) -> Error {
    Error::Invalid {
        field,
        reason: reason.to_owned(),
    }
}
