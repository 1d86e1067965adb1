//! Exporting a referral's dossier: the one path the CLI and the shell share. It chooses the
//! case's referral, asks the core's consent gate (`coordination::referral_for_export`, which
//! checks the person's consent on the day), typesets, and saves the PDF as a new file; a PDF is
//! never made from anything the gate did not return.

use std::path::Path;

use chrono::NaiveDate;
use pristan_core::coordination::referral_for_export;
use pristan_core::coordination::referrals::ReferralExport;
use pristan_core::domain::Referral;
use pristan_core::exports::save_new_file;
use pristan_core::ops::EntityId;
use pristan_core::Vault;

use crate::compose::{compose, Choices, ComposeError, DossierInput};
use crate::typeset::{typeset, TypesetError};

#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error(transparent)]
    Core(#[from] pristan_core::Error),
    #[error(
        "this case has no referral: mark it first (pristan referral mark --case ID --pathway ID)"
    )]
    NoReferral,
    #[error("this case has {} referrals ({}): choose one with --referral ID", .0.len(), list(.0))]
    SeveralReferrals(Vec<EntityId>),
    #[error("referral {0} belongs to another case")]
    ReferralOfAnotherCase(EntityId),
    #[error(transparent)]
    Choice(#[from] ComposeError),
    #[error(transparent)]
    Typeset(#[from] TypesetError),
}

fn list(ids: &[EntityId]) -> String {
    ids.iter()
        .map(|id| id.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the coordinator asked for.
#[derive(Debug, Clone)]
pub struct DossierRequest {
    pub case: EntityId,
    /// Which referral, when the case has more than one.
    pub referral: Option<EntityId>,
    pub choices: Choices,
    /// Who the cover names as its author; the device's name if `None`.
    pub author: Option<String>,
}

/// A dossier written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierSaved {
    pub referral: EntityId,
    pub bytes: u64,
}

/// Makes the dossier `request` asks for, on `today`, and saves it at `path` (a new file).
/// Refused with `pristan_core::Error::ReferralRefused` (naming what is missing) when the
/// person's consent does not allow the referral to leave today.
pub fn export_dossier(
    vault: &Vault,
    request: &DossierRequest,
    today: NaiveDate,
    path: &Path,
) -> Result<DossierSaved, DossierError> {
    let referral = choose_referral(vault, request.case, request.referral)?;
    let export = referral_for_export(vault, referral, today)?;
    let author = match &request.author {
        Some(author) => author.clone(),
        None => vault.device_name()?.unwrap_or_default(),
    };
    let pdf = referral_pdf(&export, &request.choices, today, &author)?;
    save_new_file(path, &pdf)?;
    Ok(DossierSaved {
        referral,
        bytes: pdf.len() as u64,
    })
}

/// The referral of `case` to export: `chosen` if it is the case's, else the case's only one.
pub fn choose_referral(
    vault: &Vault,
    case: EntityId,
    chosen: Option<EntityId>,
) -> Result<EntityId, DossierError> {
    let referrals = vault.list::<Referral>(case)?;
    match chosen {
        Some(id) if referrals.iter().any(|r| r.id == id) => Ok(id),
        Some(id) => Err(DossierError::ReferralOfAnotherCase(id)),
        None => match referrals.as_slice() {
            [] => Err(DossierError::NoReferral),
            [only] => Ok(only.id),
            several => Err(DossierError::SeveralReferrals(
                several.iter().map(|r| r.id).collect(),
            )),
        },
    }
}

/// The PDF of `export`'s referral with the coordinator's `choices`, dated `generated_on`.
pub fn referral_pdf(
    export: &ReferralExport,
    choices: &Choices,
    generated_on: NaiveDate,
    author: &str,
) -> Result<Vec<u8>, DossierError> {
    let pathway = export
        .pathway
        .as_ref()
        .map(|p| p.record.name.to_string())
        .unwrap_or_default();
    let dossier = compose(DossierInput {
        case_file: &export.file,
        referral: &export.referral.record,
        pathway: &pathway,
        choices,
        generated_on,
        author,
    })?;
    Ok(typeset(&dossier)?)
}
