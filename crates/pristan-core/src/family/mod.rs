//! Family status cards issued from this vault (issue 14, DESIGN.md §8, docs/family-card.md):
//! issue, refresh, revoke and list. A card needs the relative's consent in force, checked here on
//! every issue and refresh; the card itself is built by the pure
//! [`pristan_family_card::card_from_case`] and sealed by that crate.
//!
//! What is kept is local state (`family_cards`, migration 16), never an operation: a card's
//! passphrase stays inside this vault and never travels in a bundle. The core returns the card
//! file's bytes and name; the caller (CLI, shell) writes the file.

mod code;
mod consent;
mod store;

use chrono::{DateTime, Utc};
use pristan_family_card::{
    card_from_case, seal, CardError, CardInputs, CardLanguage, CardMessage, CardPassphrase,
    WordList,
};
use pristan_model::{Relative, ShortText};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

pub use code::{card_code, record_published, record_withdrawn, relay_standing, RelayStanding};
pub use consent::consent_in_force;
pub use pristan_relay_proto::CardCode;

/// Removes every card of a forgotten case, and their codes (inside the forget's transaction).
pub(crate) fn forget_cards_of(tx: &rusqlite::Transaction<'_>, case: &str) -> Result<()> {
    code::forget_codes_of(tx, case)?;
    store::forget_cards_of(tx, case)
}

/// Why a card could not be issued, refreshed or revoked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FamilyError {
    #[error("case {case} has no relative {relative}: see pristan relative list --case {case}")]
    NoSuchRelative { case: EntityId, relative: EntityId },
    #[error(
        "the relative has no consent in force to receive a status card: record it first \
         (pristan consent add --case {case} --purpose share_with_relative --recipient {relative})"
    )]
    NoConsent { case: EntityId, relative: EntityId },
    #[error("there is no status card {card}: see pristan family-card list")]
    NoSuchCard { card: String },
    #[error("status card {card} was revoked: issue a new card instead")]
    Revoked { card: String },
    #[error(transparent)]
    Card(#[from] CardError),
}

/// What the coordinator chooses when issuing a card.
#[derive(Debug, Clone)]
pub struct IssueRequest {
    pub case: EntityId,
    pub relative: EntityId,
    pub language: CardLanguage,
    /// The passphrase's words (a library PC may have no Russian keyboard).
    pub words: WordList,
    pub message: CardMessage,
    pub whom_to_call: ShortText,
}

/// A card file to write: its name carries no personal data (`pristan-card-<random id>.age`).
pub struct CardFile {
    pub card_id: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A newly issued card and its passphrase, to be shown once, and the code a family types to
/// fetch it from the organisation's relay (once it is published there).
pub struct IssuedCard {
    pub file: CardFile,
    pub passphrase: SecretString,
    pub code: CardCode,
}

/// A card as listed: for whom, when, and whether it is still kept up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSummary {
    pub card_id: String,
    pub case_id: EntityId,
    pub relative_id: EntityId,
    /// The relative's name, if the relative is still on the case.
    pub relative_name: Option<String>,
    pub language: CardLanguage,
    pub file_name: String,
    pub issued_at: DateTime<Utc>,
    pub refreshed_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// Whether the relative's consent is in force today (a refresh needs it).
    pub consent_in_force: bool,
    /// The card code, grouped (`K7QM-4TXD-PA9R`): never the passphrase.
    #[serde(default)]
    pub code: Option<String>,
    /// When the relay last received this card's file, if ever.
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    /// When the relay deleted the card (after a revoke), if it has.
    #[serde(default)]
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// The card file's name for a card id.
pub fn file_name(card_id: &str) -> String {
    format!("pristan-card-{card_id}.age")
}

/// Issues a card for `request.relative` of `request.case`, with a new passphrase.
pub fn issue(vault: &Vault, request: &IssueRequest, now: DateTime<Utc>) -> Result<IssuedCard> {
    check_consent(vault, request.case, request.relative, now)?;
    let passphrase = CardPassphrase::generate(request.words);
    let card_id = store::new_card_id();
    let inputs = CardInputs {
        language: request.language,
        message: request.message.clone(),
        whom_to_call: request.whom_to_call.clone(),
    };
    let file = vault.case_file(request.case, now.date_naive())?;
    let card = card_from_case(&file, &inputs, now, now);
    let bytes = seal(&card, &passphrase).map_err(FamilyError::from)?;
    store::insert(
        vault.connection(),
        &store::CardRow {
            id: card_id.clone(),
            case_id: request.case,
            relative_id: request.relative,
            words: request.words,
            inputs,
            issued_at: now,
            refreshed_at: now,
            revoked_at: None,
        },
        passphrase.expose(),
    )?;
    let code = code::new_code();
    code::store_code(vault.connection(), &card_id, &code)?;
    Ok(IssuedCard {
        code,
        file: CardFile {
            file_name: file_name(&card_id),
            card_id,
            bytes,
        },
        passphrase: SecretString::from(passphrase.expose().to_owned()),
    })
}

/// A new file for an issued card, from the case as it is now and the same passphrase. Refused
/// once the relative's consent is withdrawn, or the card revoked. `message` replaces the
/// visitor's message when given.
pub fn refresh(
    vault: &Vault,
    card_id: &str,
    message: Option<CardMessage>,
    now: DateTime<Utc>,
) -> Result<CardFile> {
    let (mut row, passphrase) = store::get(vault.connection(), card_id)?;
    let Some(passphrase) = passphrase else {
        return Err(FamilyError::Revoked {
            card: card_id.to_owned(),
        }
        .into());
    };
    check_consent(vault, row.case_id, row.relative_id, now)?;
    if let Some(message) = message {
        row.inputs.message = message;
    }
    let file = vault.case_file(row.case_id, now.date_naive())?;
    let card = card_from_case(&file, &row.inputs, row.issued_at, now);
    let bytes = seal(&card, &CardPassphrase::from_typed(&passphrase)).map_err(FamilyError::from)?;
    row.refreshed_at = now;
    store::update_refreshed(vault.connection(), &row)?;
    Ok(CardFile {
        card_id: row.id.clone(),
        file_name: file_name(&row.id),
        bytes,
    })
}

/// Stops a card: its passphrase and message are wiped from the vault, so it can never be
/// refreshed. A file already sent stays readable with its passphrase (it cannot be called back);
/// it just never changes again.
pub fn revoke(vault: &Vault, card_id: &str, now: DateTime<Utc>) -> Result<()> {
    store::get(vault.connection(), card_id)?;
    store::revoke(vault.connection(), card_id, now)
}

/// The cards issued for `case` (every case when `None`), newest first.
pub fn list(vault: &Vault, case: Option<EntityId>, now: DateTime<Utc>) -> Result<Vec<CardSummary>> {
    let rows = store::list(vault.connection(), case)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let relative = vault
            .get::<Relative>(row.relative_id)?
            .filter(|r| r.record.case_id == Some(row.case_id));
        let consents = vault.list::<pristan_model::Consent>(row.case_id)?;
        let consent_in_force = relative
            .as_ref()
            .is_some_and(|r| consent_in_force(&consents, r, now.date_naive()));
        let standing = code::standing_of(vault.connection(), &row.id)?;
        out.push(CardSummary {
            code: standing.code.map(|c| c.grouped()),
            published_at: standing.published_at,
            withdrawn_at: standing.withdrawn_at,
            file_name: file_name(&row.id),
            card_id: row.id,
            case_id: row.case_id,
            relative_id: row.relative_id,
            relative_name: relative.map(|r| r.record.name.as_str().to_owned()),
            language: row.inputs.language,
            issued_at: row.issued_at,
            refreshed_at: row.refreshed_at,
            revoked_at: row.revoked_at,
            consent_in_force,
        });
    }
    Ok(out)
}

fn check_consent(
    vault: &Vault,
    case: EntityId,
    relative: EntityId,
    now: DateTime<Utc>,
) -> Result<()> {
    vault.require_case(case)?;
    let found = vault
        .get::<Relative>(relative)?
        .filter(|r| r.record.case_id == Some(case))
        .ok_or(FamilyError::NoSuchRelative { case, relative })?;
    let consents = vault.list::<pristan_model::Consent>(case)?;
    if !consent_in_force(&consents, &found, now.date_naive()) {
        return Err(FamilyError::NoConsent { case, relative }.into());
    }
    Ok(())
}
