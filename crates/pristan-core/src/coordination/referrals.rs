//! Pathways, referrals and the referral consent gate (docs/coordinator.md, "Referrals").
//!
//! Nothing about a referral leaves the vault (a dossier, a row of the working group's CSV)
//! unless [`referral_consent`] allows it on the day: the person's consent to a government
//! referral, naming that recipient, in force. Every export path goes through
//! [`referral_for_export`] or [`referrals_for_export`], which call it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use super::verification::{invalid, long, short};
use crate::domain::views::{CaseFile, CaseRef};
use crate::domain::{
    ConsentPurpose, Pathway, Referral, ReferralDecision, ReferralPriority, ReferralRefusal,
    ReferralRow, ReferralStatus, Stored, BUILT_IN_PATHWAYS,
};
use crate::error::{Error, Result};
use crate::ops::{Change, EntityId, EntityType};
use crate::vault::Vault;

/// The consent gate: whether a referral of `file`'s person to `recipient` may leave the vault on
/// `today`. Allowed only by a consent with purpose `government_referral` whose recipient is the
/// same text (ignoring case and runs of spaces) and which is in force today. A consent naming no
/// recipient does not allow a government referral: the person must know whom it goes to.
pub fn referral_consent(
    file: &CaseFile,
    recipient: &str,
    today: NaiveDate,
) -> std::result::Result<(), ReferralRefusal> {
    let wanted = normalise(recipient);
    if wanted.is_empty() {
        return Err(ReferralRefusal::NoRecipient);
    }
    let matching: Vec<_> = file
        .consents
        .iter()
        .map(|c| &c.record)
        .filter(|c| c.purpose == ConsentPurpose::GovernmentReferral)
        .filter(|c| normalise(c.recipient.as_str()) == wanted)
        .collect();
    if matching.iter().any(|c| c.in_force_on(today)) {
        return Ok(());
    }
    let recipient = recipient.trim().to_owned();
    if let Some(withdrawn_on) = matching
        .iter()
        .filter_map(|c| c.withdrawn_on)
        .filter(|day| *day <= today)
        .max()
    {
        return Err(ReferralRefusal::ConsentWithdrawn {
            recipient,
            withdrawn_on,
        });
    }
    if let Some(given_on) = matching
        .iter()
        .filter_map(|c| c.given_on)
        .filter(|day| *day > today)
        .min()
    {
        return Err(ReferralRefusal::ConsentNotYetGiven {
            recipient,
            given_on,
        });
    }
    Err(ReferralRefusal::NoConsent { recipient })
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A referral that passed the consent gate, with its case file: what a dossier is made from.
#[derive(Debug, Clone)]
pub struct ReferralExport {
    pub file: CaseFile,
    pub referral: Stored<Referral>,
    pub pathway: Option<Stored<Pathway>>,
}

/// The referral `id` and its case file, if the person's consent allows it to leave on `today`;
/// otherwise [`Error::ReferralRefused`] with the reason. The dossier export calls this.
pub fn referral_for_export(
    vault: &Vault,
    id: EntityId,
    today: NaiveDate,
) -> Result<ReferralExport> {
    let referral = vault.require::<Referral>(id)?;
    let case = referral
        .record
        .case_id
        .ok_or_else(|| invalid("referral", "it belongs to no case"))?;
    let file = vault.case_file(case, today)?;
    referral_consent(&file, referral.record.recipient.as_str(), today)
        .map_err(Error::ReferralRefused)?;
    let pathway = match referral.record.pathway_id {
        Some(pathway) => pathway_by_id(vault, pathway)?,
        None => None,
    };
    Ok(ReferralExport {
        file,
        referral,
        pathway,
    })
}

/// Every referral, split into those whose consent allows them to leave on `today` and those
/// refused (each with `consent_refusal` set). The working group's CSV is made from the first
/// list only.
pub fn referrals_for_export(
    vault: &Vault,
    today: NaiveDate,
) -> Result<(Vec<ReferralRow>, Vec<ReferralRow>)> {
    Ok(referral_rows(vault, today)?
        .into_iter()
        .partition(|row| row.consent_refusal.is_none()))
}

/// Every referral of every case, most urgent priority first, then by case name.
pub fn referral_rows(vault: &Vault, today: NaiveDate) -> Result<Vec<ReferralRow>> {
    let pathways: BTreeMap<EntityId, String> = pathways(vault)?
        .into_iter()
        .map(|p| (p.id, p.record.name.to_string()))
        .collect();
    let mut by_case: BTreeMap<EntityId, Vec<Stored<Referral>>> = BTreeMap::new();
    for referral in vault.list_all::<Referral>()? {
        if let Some(case) = referral.record.case_id {
            by_case.entry(case).or_default().push(referral);
        }
    }
    let mut rows = Vec::new();
    for (case, referrals) in by_case {
        let file = vault.case_file(case, today)?;
        let next_deadline = super::flights::next_open_deadline(&file.status.deadlines);
        for referral in referrals {
            rows.push(ReferralRow {
                case: CaseRef::of(&file.case),
                referral_id: referral.id,
                pathway_name: referral
                    .record
                    .pathway_id
                    .and_then(|p| pathways.get(&p).cloned())
                    .unwrap_or_default(),
                verdict: file.coordination.activity.verdict,
                next_deadline: next_deadline.clone(),
                removal_imminent: file.status.removal_imminent,
                consent_refusal: referral_consent(&file, referral.record.recipient.as_str(), today)
                    .err(),
                referral: referral.record,
                today,
            });
        }
    }
    rows.sort_by(|a, b| {
        (
            priority_rank(a.referral.priority),
            &a.case.name,
            a.referral_id,
        )
            .cmp(&(
                priority_rank(b.referral.priority),
                &b.case.name,
                b.referral_id,
            ))
    });
    Ok(rows)
}

fn priority_rank(priority: ReferralPriority) -> u8 {
    match priority {
        ReferralPriority::Emergency => 0,
        ReferralPriority::Urgent => 1,
        ReferralPriority::Normal => 2,
    }
}

/// The pathways: the built-in ones (as edited, if a coordinator edited them) first, then those
/// added, by name. Retired ones are included (old referrals name them); offer only the others.
pub fn pathways(vault: &Vault) -> Result<Vec<Stored<Pathway>>> {
    let mut stored: BTreeMap<EntityId, Stored<Pathway>> = vault
        .list_all::<Pathway>()?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut list: Vec<Stored<Pathway>> = BUILT_IN_PATHWAYS
        .iter()
        .map(|b| {
            stored.remove(&b.id).unwrap_or(Stored {
                id: b.id,
                record: b.pathway(),
            })
        })
        .collect();
    let mut added: Vec<_> = stored.into_values().collect();
    added.sort_by(|a, b| (&a.record.name, a.id).cmp(&(&b.record.name, b.id)));
    list.extend(added);
    Ok(list)
}

fn pathway_by_id(vault: &Vault, id: EntityId) -> Result<Option<Stored<Pathway>>> {
    Ok(pathways(vault)?.into_iter().find(|p| p.id == id))
}

/// Adds a pathway to the list (coordinators only).
pub fn add_pathway(vault: &mut Vault, pathway: Pathway) -> Result<EntityId> {
    vault.add(pathway)
}

/// Saves an edited pathway. A built-in one's first edit stores all its fields under its fixed
/// id, which from then on replaces the built-in entry on every device.
pub fn update_pathway(vault: &mut Vault, id: EntityId, pathway: Pathway) -> Result<()> {
    if vault.get::<Pathway>(id)?.is_some() {
        return vault.update(id, pathway);
    }
    if !BUILT_IN_PATHWAYS.iter().any(|b| b.id == id) {
        return Err(invalid("pathway", &format!("there is no pathway {id}")));
    }
    let change = vault.creation(&pathway)?;
    vault.record(EntityType::Pathway, id, change)?;
    Ok(())
}

/// Marks `case` as a candidate for `pathway` (coordinators only), dated `today`, with the
/// pathway's usual recipient. A case already marked for that pathway keeps its referral, whose
/// id is returned.
pub fn mark_referral(
    vault: &mut Vault,
    case: EntityId,
    pathway: EntityId,
    priority: ReferralPriority,
    today: NaiveDate,
) -> Result<EntityId> {
    vault.require_case(case)?;
    let Some(found) = pathway_by_id(vault, pathway)? else {
        return Err(invalid(
            "pathway",
            "there is no such pathway: list them with pristan referral pathways",
        ));
    };
    if let Some(existing) = vault
        .list::<Referral>(case)?
        .into_iter()
        .find(|r| r.record.pathway_id == Some(pathway))
    {
        return Ok(existing.id);
    }
    if found.record.retired {
        return Err(invalid(
            "pathway",
            "this pathway is retired: choose another, or restore it first",
        ));
    }
    vault.add(Referral {
        case_id: Some(case),
        pathway_id: Some(pathway),
        priority,
        status: ReferralStatus::Candidate,
        candidate_on: Some(today),
        recipient: found.record.recipient,
        ..Referral::default()
    })
}

/// What to change on a referral; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferralUpdate {
    /// The new status, reached on `on` (today if not given).
    pub status: Option<ReferralStatus>,
    pub on: Option<NaiveDate>,
    pub priority: Option<ReferralPriority>,
    pub decision: Option<ReferralDecision>,
    pub decision_note: Option<String>,
    pub recommendation: Option<String>,
    pub recipient: Option<String>,
}

/// Changes a referral (coordinators only): only the fields that differ become operations. A
/// status records its date; a decision sets the status to `decision`.
pub fn update_referral(
    vault: &mut Vault,
    id: EntityId,
    update: ReferralUpdate,
    today: NaiveDate,
) -> Result<()> {
    let mut referral = vault.require::<Referral>(id)?.record;
    let on = update.on.unwrap_or(today);
    let status = match (update.status, update.decision) {
        (Some(status), _) => Some(status),
        (None, Some(_)) => Some(ReferralStatus::Decision),
        (None, None) => None,
    };
    if let Some(status) = status {
        referral.status = status;
        let day = Some(on);
        match status {
            ReferralStatus::Candidate => referral.candidate_on = day,
            ReferralStatus::DossierPrepared => referral.dossier_prepared_on = day,
            ReferralStatus::Submitted => referral.submitted_on = day,
            ReferralStatus::Decision => referral.decided_on = day,
        }
    }
    if let Some(priority) = update.priority {
        referral.priority = priority;
    }
    if let Some(decision) = update.decision {
        referral.decision = Some(decision);
    }
    if let Some(note) = update.decision_note {
        referral.decision_note = long(&note, "decision note")?;
    }
    if let Some(text) = update.recommendation {
        referral.recommendation = long(&text, "recommendation")?;
    }
    if let Some(recipient) = update.recipient {
        referral.recipient = short(&recipient, "recipient")?;
    }
    vault.update(id, referral)
}

/// Withdraws a consent on `on` (today if not given): the next export for its recipient is
/// refused. The record stays, so the case shows it was given and withdrawn.
pub fn withdraw_consent(vault: &mut Vault, consent: EntityId, on: NaiveDate) -> Result<()> {
    let current = vault.require::<crate::domain::Consent>(consent)?;
    if current.record.withdrawn_on.is_some() {
        return Ok(());
    }
    let fields: BTreeMap<String, Value> = [(
        "withdrawn_on".to_owned(),
        serde_json::to_value(on).expect("a date serialises"),
    )]
    .into_iter()
    .collect();
    vault.record(EntityType::Consent, consent, Change::assign(fields))?;
    Ok(())
}
