//! Issuing a status card from the case page (issue 14, docs/family-card.md): the core issues it
//! (refused without the relative's consent), the file is saved under its own name, which carries
//! no personal data, in the chosen folder or Downloads, and it is published on the organisation's
//! relay where it has one. The passphrase is in this one answer and never again.

use std::path::Path;

use chrono::Utc;
use pristan_core::exports::new_file::free_name;
use pristan_core::exports::save_new_file;
use pristan_core::family::{self, IssueRequest};
use pristan_core::Vault;
use pristan_family_card::{CardLanguage, CardMessage, WordList};
use pristan_ipc::{FamilyCardRefusal, IpcError, IssueFamilyCard, IssuedFamilyCard, NotPublished};
use pristan_model::{ShortText, TextError};
use pristan_relay_client::{problem_of, publish_card, Publication};
use secrecy::ExposeSecret;

use crate::errors::to_ipc;
use crate::family_card_dispatch::refusal;

/// Issues the card into `folder` (the caller resolves the chosen folder or Downloads).
pub(crate) fn issue_into(
    vault: &mut Vault,
    command: &IssueFamilyCard,
    folder: &Path,
) -> Result<IssuedFamilyCard, IpcError> {
    let refused = |reason| {
        Ok(IssuedFamilyCard {
            refused: Some(reason),
            ..IssuedFamilyCard::default()
        })
    };
    let message = match CardMessage::new(&command.message) {
        Ok(message) => message,
        Err(TextError::TooLong { .. }) => return refused(FamilyCardRefusal::MessageTooLong),
        Err(error) => {
            return Err(IpcError::new(
                pristan_ipc::ErrorKind::Invalid,
                error.to_string(),
            ))
        }
    };
    let whom_to_call = match ShortText::new(command.whom_to_call.trim()) {
        Ok(contact) => contact,
        Err(TextError::TooLong { .. }) => return refused(FamilyCardRefusal::ContactTooLong),
        Err(error) => {
            return Err(IpcError::new(
                pristan_ipc::ErrorKind::Invalid,
                error.to_string(),
            ))
        }
    };
    let request = IssueRequest {
        case: command.case_id,
        relative: command.relative_id,
        language: command.language,
        words: match command.language {
            CardLanguage::Ru => WordList::Russian,
            CardLanguage::En => WordList::English,
        },
        message,
        whom_to_call,
    };
    let issued = match family::issue(vault, &request, Utc::now()) {
        Ok(issued) => issued,
        Err(error) => {
            return match refusal(&error) {
                Some(reason) => refused(reason),
                None => Err(to_ipc(error)),
            }
        }
    };
    let stem = issued.file.file_name.trim_end_matches(".age");
    let path = free_name(folder, stem, "age");
    save_new_file(&path, &issued.file.bytes).map_err(to_ipc)?;
    let mut answer = IssuedFamilyCard {
        card_id: Some(issued.file.card_id.clone()),
        path: Some(path.display().to_string()),
        passphrase: Some(issued.passphrase.expose_secret().to_owned()),
        ..IssuedFamilyCard::default()
    };
    match publish_card(vault, &issued.file, None) {
        Ok(Publication::Published { code, relay, .. }) => {
            answer.code = Some(code.grouped());
            answer.relay = Some(relay);
        }
        Ok(Publication::NoRelay) => answer.not_published = Some(NotPublished::NoRelay),
        Err(error) => {
            answer.not_published = Some(match problem_of(&error) {
                Some(problem) => NotPublished::Relay(problem),
                None => NotPublished::Failed,
            })
        }
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use pristan_core::ops::EntityId;

    use super::*;

    fn vault_with_relative(consent: bool) -> (tempfile::TempDir, Vault, EntityId, EntityId) {
        let (dir, vault, case, relative, _) =
            crate::family_card_testing::vault_with_relative(consent);
        (dir, vault, case, relative)
    }

    fn command(case: EntityId, relative: EntityId, message: &str) -> IssueFamilyCard {
        IssueFamilyCard {
            case_id: case,
            relative_id: relative,
            language: CardLanguage::En,
            message: message.to_owned(),
            whom_to_call: "Anna (volunteer) +1 555 0100".to_owned(),
            folder: None,
        }
    }

    fn downloads(dir: &tempfile::TempDir) -> std::path::PathBuf {
        let folder = dir.path().join("downloads");
        std::fs::create_dir(&folder).unwrap();
        folder
    }

    #[test]
    fn with_consent_the_card_is_saved_and_its_passphrase_opens_it() {
        let (dir, mut vault, case, relative) = vault_with_relative(true);
        let folder = downloads(&dir);
        let answer = issue_into(
            &mut vault,
            &command(case, relative, "She is well."),
            &folder,
        )
        .unwrap();
        assert_eq!(answer.refused, None);
        let card_id = answer.card_id.clone().unwrap();
        let path = answer.path.clone().unwrap();
        assert!(
            path.ends_with(&format!("pristan-card-{card_id}.age")),
            "{path}"
        );
        assert!(!path.contains("Olga") && !path.contains("Ivan"), "{path}");
        let passphrase = answer.passphrase.clone().unwrap();
        assert!(passphrase.split_whitespace().count() >= 4, "{passphrase}");
        let bytes = std::fs::read(&path).unwrap();
        let card = pristan_family_card::open(&bytes, &passphrase).unwrap();
        assert_eq!(card.message.to_string(), "She is well.");
        assert_eq!(card.whom_to_call.as_str(), "Anna (volunteer) +1 555 0100");
        assert_eq!(card.language, CardLanguage::En);
        assert_eq!(answer.not_published, Some(NotPublished::NoRelay));
        assert_eq!(answer.code, None);
        let listed = crate::family_card_dispatch::list(&vault, case).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].card_id, card_id);
        let json = serde_json::to_string(&listed).unwrap();
        assert!(
            !json.contains(&passphrase),
            "the list never carries the passphrase"
        );
    }

    #[test]
    fn without_consent_it_is_refused_with_its_reason_and_writes_nothing() {
        let (dir, mut vault, case, relative) = vault_with_relative(false);
        let folder = downloads(&dir);
        let answer = issue_into(&mut vault, &command(case, relative, ""), &folder).unwrap();
        assert_eq!(answer.refused, Some(FamilyCardRefusal::NoConsent));
        assert_eq!(answer.passphrase, None);
        assert_eq!(answer.path, None);
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
        assert!(crate::family_card_dispatch::list(&vault, case)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_message_too_long_is_refused_before_any_card_is_made() {
        let (dir, mut vault, case, relative) = vault_with_relative(true);
        let folder = downloads(&dir);
        let long = "a".repeat(601);
        let answer = issue_into(&mut vault, &command(case, relative, &long), &folder).unwrap();
        assert_eq!(answer.refused, Some(FamilyCardRefusal::MessageTooLong));
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
        assert!(crate::family_card_dispatch::list(&vault, case)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn whom_to_call_too_long_is_refused_before_any_card_is_made() {
        let (dir, mut vault, case, relative) = vault_with_relative(true);
        let folder = downloads(&dir);
        let mut too_long = command(case, relative, "");
        too_long.whom_to_call = "5".repeat(201);
        let answer = issue_into(&mut vault, &too_long, &folder).unwrap();
        assert_eq!(answer.refused, Some(FamilyCardRefusal::ContactTooLong));
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);
    }
}
