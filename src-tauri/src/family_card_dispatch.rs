//! Handlers for the case page's status cards (issue 14, docs/family-card.md): the list, an issue
//! (in `family_card_issue`), a refresh (the new file saved in Downloads under the card's own
//! name, which carries no personal data, and published on the organisation's relay) and a revoke
//! (deleted from the relay too).
//! A refusal by the consent check answers `Ok` with its reason, for the page to say it.

use std::path::Path;

use chrono::Utc;
use pristan_core::exports::new_file::free_name;
use pristan_core::exports::save_new_file;
use pristan_core::family::{self, CardSummary, FamilyError};
use pristan_core::{Error, Vault};
use pristan_ipc::{
    self as ipc, Command, FamilyCardOutcome, FamilyCardRefusal, FamilyCardRow, IpcError,
};
use pristan_relay_client::{problem_of, publish_card, withdraw_card, Publication, Withdrawal};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;

/// Runs the family card command `name`, or returns `None` if `name` is not one.
pub fn dispatch_family_cards(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::ListFamilyCards::NAME => handle(args, |c: ipc::ListFamilyCards| {
            list(session.vault_mut()?, c.case_id)
        }),
        ipc::IssueFamilyCard::NAME => handle(args, |c: ipc::IssueFamilyCard| {
            let folder = crate::dossier_dispatch::target_folder(c.folder.as_deref())?;
            crate::family_card_issue::issue_into(session.vault_mut()?, &c, &folder)
        }),
        ipc::RefreshFamilyCard::NAME => handle(args, |c: ipc::RefreshFamilyCard| {
            let folder = crate::dossier_dispatch::downloads()?;
            refresh_into(session.vault_mut()?, &c.card_id, &folder)
        }),
        ipc::RevokeFamilyCard::NAME => handle(args, |c: ipc::RevokeFamilyCard| {
            revoke(session.vault_mut()?, &c.card_id)
        }),
        _ => return None,
    };
    Some(result)
}

pub(crate) fn list(
    vault: &Vault,
    case: pristan_core::ops::EntityId,
) -> Result<Vec<FamilyCardRow>, IpcError> {
    let cards = family::list(vault, Some(case), Utc::now()).map_err(to_ipc)?;
    Ok(cards.into_iter().map(row).collect())
}

fn row(card: CardSummary) -> FamilyCardRow {
    let time = |t: chrono::DateTime<Utc>| t.to_rfc3339();
    FamilyCardRow {
        card_id: card.card_id,
        relative_name: card.relative_name,
        language: card.language,
        issued_at: time(card.issued_at),
        refreshed_at: time(card.refreshed_at),
        revoked_at: card.revoked_at.map(time),
        consent_in_force: card.consent_in_force,
        code: card.code,
        published_at: card.published_at.map(time),
        withdrawn_at: card.withdrawn_at.map(time),
    }
}

/// A refused refresh or revoke, as the page words it; other errors stay errors.
pub(crate) fn refusal(error: &Error) -> Option<FamilyCardRefusal> {
    match error {
        Error::Family(FamilyError::NoConsent { .. }) => Some(FamilyCardRefusal::NoConsent),
        Error::Family(FamilyError::NoSuchRelative { .. }) => {
            Some(FamilyCardRefusal::NoSuchRelative)
        }
        Error::Family(FamilyError::Revoked { .. }) => Some(FamilyCardRefusal::Revoked),
        Error::Family(FamilyError::NoSuchCard { .. }) => Some(FamilyCardRefusal::NoSuchCard),
        _ => None,
    }
}

pub(crate) fn refresh_into(
    vault: &mut Vault,
    card_id: &str,
    folder: &Path,
) -> Result<FamilyCardOutcome, IpcError> {
    let file = match family::refresh(vault, card_id, None, Utc::now()) {
        Ok(file) => file,
        Err(error) => {
            return match refusal(&error) {
                Some(refused) => Ok(FamilyCardOutcome {
                    refused: Some(refused),
                    ..FamilyCardOutcome::default()
                }),
                None => Err(to_ipc(error)),
            }
        }
    };
    let stem = file.file_name.trim_end_matches(".age");
    let path = free_name(folder, stem, "age");
    save_new_file(&path, &file.bytes).map_err(to_ipc)?;
    let mut outcome = FamilyCardOutcome {
        path: Some(path.display().to_string()),
        ..FamilyCardOutcome::default()
    };
    match publish_card(vault, &file, None) {
        Ok(Publication::Published { .. }) => outcome.on_relay = true,
        Ok(Publication::NoRelay) => {}
        Err(error) => outcome.relay_problem = problem_of(&error),
    }
    Ok(outcome)
}

pub(crate) fn revoke(vault: &mut Vault, card_id: &str) -> Result<FamilyCardOutcome, IpcError> {
    if let Err(error) = family::revoke(vault, card_id, Utc::now()) {
        return match refusal(&error) {
            Some(refused) => Ok(FamilyCardOutcome {
                refused: Some(refused),
                ..FamilyCardOutcome::default()
            }),
            None => Err(to_ipc(error)),
        };
    }
    let mut outcome = FamilyCardOutcome::default();
    match withdraw_card(vault, card_id, None) {
        Ok(Withdrawal::Withdrawn) => outcome.on_relay = true,
        Ok(Withdrawal::NoRelay) => {}
        Err(error) => outcome.relay_problem = problem_of(&error),
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use pristan_core::domain::Consent;
    use pristan_core::family::IssueRequest;
    use pristan_family_card::{CardLanguage, WordList};

    use super::*;

    fn vault_with_card(consent: bool) -> (tempfile::TempDir, Vault, String, String) {
        let (dir, mut vault, case, relative, consent_id) =
            crate::family_card_testing::vault_with_relative(true);
        let request = IssueRequest {
            case,
            relative,
            language: CardLanguage::Ru,
            words: WordList::Russian,
            message: Default::default(),
            whom_to_call: Default::default(),
        };
        let issued = family::issue(&vault, &request, Utc::now()).unwrap();
        if !consent {
            vault.delete::<Consent>(consent_id.unwrap()).unwrap();
        }
        (dir, vault, case.to_string(), issued.file.card_id)
    }

    #[test]
    fn the_list_shows_the_code_and_never_the_passphrase() {
        let (_dir, vault, case, card) = vault_with_card(true);
        let rows = list(&vault, case.parse().unwrap()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].card_id, card);
        assert_eq!(rows[0].relative_name.as_deref(), Some("Olga Petrova"));
        assert_eq!(rows[0].code.as_deref().map(str::len), Some(14));
        assert!(rows[0].consent_in_force);
        assert!(rows[0].published_at.is_none());
        let json = serde_json::to_string(&rows).unwrap();
        assert!(!json.contains("passphrase"), "{json}");
    }

    #[test]
    fn a_refresh_without_consent_is_refused_with_its_reason_and_writes_nothing() {
        let (dir, mut vault, case, card) = vault_with_card(false);
        let folder = dir.path().join("downloads");
        std::fs::create_dir(&folder).unwrap();
        let outcome = refresh_into(&mut vault, &card, &folder).unwrap();
        assert_eq!(outcome.refused, Some(FamilyCardRefusal::NoConsent));
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
        assert!(!list(&vault, case.parse().unwrap()).unwrap()[0].consent_in_force);
    }

    #[test]
    fn a_refresh_saves_the_card_under_its_own_name_and_a_revoke_stops_the_next() {
        let (dir, mut vault, _case, card) = vault_with_card(true);
        let folder = dir.path().join("downloads");
        std::fs::create_dir(&folder).unwrap();
        let outcome = refresh_into(&mut vault, &card, &folder).unwrap();
        assert_eq!(outcome.refused, None);
        assert!(!outcome.on_relay, "no relay: only the file");
        let path = outcome.path.unwrap();
        assert!(
            path.ends_with(&format!("pristan-card-{card}.age")),
            "{path}"
        );
        let outcome = revoke(&mut vault, &card).unwrap();
        assert_eq!(outcome.refused, None);
        let again = refresh_into(&mut vault, &card, &folder).unwrap();
        assert_eq!(again.refused, Some(FamilyCardRefusal::Revoked));
    }
}
