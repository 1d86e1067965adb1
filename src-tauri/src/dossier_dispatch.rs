//! Handlers for the referral exports: the dossier PDF and the working group's CSV, saved into the
//! user's Downloads folder under names without personal data (`pristan-dossier-1a2b3c4d-
//! 2026-12-02.pdf`, `pristan-working-group-2026-12-02.csv`). Both go through the core's consent
//! gate on the computer's local day; a refusal answers `ReferralRefused` with its reason.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pristan_core::coordination::referral_consent;
use pristan_core::coordination::referrals::pathways;
use pristan_core::domain::{DossierSection, Sensitivity};
use pristan_core::exports::new_file::free_name;
use pristan_core::exports::{save_new_file, working_group_list};
use pristan_core::Vault;
use pristan_dossier::{export_dossier, Choices, DossierError, DossierRequest};
use pristan_ipc::{self as ipc, Command, ErrorKind, IpcError};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;
use crate::sync_dispatch::existing_folder;

/// Runs the dossier command `name`, or returns `None` if `name` is not one.
pub fn dispatch_dossier(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetDossierChoices::NAME => handle(args, |c: ipc::GetDossierChoices| {
            choices(session.vault_mut()?, c.case_id, today()).map_err(to_ipc)
        }),
        // The vault first: a locked window must not learn which folders exist.
        ipc::ExportDossier::NAME => handle(args, |c: ipc::ExportDossier| {
            let vault = session.vault_mut()?;
            let folder = target_folder(c.folder.as_deref())?;
            dossier_into(vault, c, &folder, today())
        }),
        ipc::ExportWorkingGroupCsv::NAME => handle(args, |c: ipc::ExportWorkingGroupCsv| {
            let vault = session.vault_mut()?;
            let folder = target_folder(c.folder.as_deref())?;
            list_into(vault, c, &folder, today())
        }),
        _ => return None,
    };
    Some(result)
}

/// Saves the dossier `c` asks for in `folder`, under a free name without personal data.
pub(crate) fn dossier_into(
    vault: &Vault,
    c: ipc::ExportDossier,
    folder: &Path,
    day: NaiveDate,
) -> Result<ipc::ExportedFile, IpcError> {
    let case = c.case_id.to_string();
    let path = free_name(
        folder,
        &format!("pristan-dossier-{}-{day}", &case[..8]),
        "pdf",
    );
    let request = DossierRequest {
        case: c.case_id,
        referral: c.referral_id,
        choices: Choices {
            withhold: c.withhold.into_iter().collect(),
            include_notes: c.include_notes.into_iter().collect(),
        },
        author: None,
    };
    let saved = export_dossier(vault, &request, day, &path).map_err(dossier_error)?;
    Ok(ipc::ExportedFile {
        path: path.display().to_string(),
        bytes: saved.bytes,
        cases: 1,
        left_out: Vec::new(),
    })
}

/// Saves the working group's list in `folder`, under a free name without personal data.
pub(crate) fn list_into(
    vault: &Vault,
    c: ipc::ExportWorkingGroupCsv,
    folder: &Path,
    day: NaiveDate,
) -> Result<ipc::ExportedFile, IpcError> {
    let list = working_group_list(vault, day, c.delimiter).map_err(to_ipc)?;
    let path = free_name(folder, &format!("pristan-working-group-{day}"), "csv");
    save_new_file(&path, &list.bytes).map_err(to_ipc)?;
    Ok(ipc::ExportedFile {
        path: path.display().to_string(),
        bytes: list.bytes.len() as u64,
        cases: list.rows.len(),
        left_out: list
            .left_out
            .into_iter()
            .filter_map(|row| {
                Some(ipc::LeftOut {
                    case: row.case,
                    referral_id: row.referral_id,
                    refusal: row.consent_refusal?,
                })
            })
            .collect(),
    })
}

pub(crate) fn choices(
    vault: &Vault,
    case: pristan_core::ops::EntityId,
    day: NaiveDate,
) -> Result<ipc::DossierChoices, pristan_core::Error> {
    let file = vault.case_file(case, day)?;
    let names = pathways(vault)?;
    let referrals = file
        .coordination
        .referrals
        .iter()
        .map(|r| ipc::ReferralChoice {
            id: r.id,
            pathway: r
                .record
                .pathway_id
                .and_then(|p| names.iter().find(|n| n.id == p))
                .map(|p| p.record.name.to_string())
                .unwrap_or_default(),
            recipient: r.record.recipient.to_string(),
            refusal: referral_consent(&file, r.record.recipient.as_str(), day).err(),
        })
        .collect();
    let notes = file
        .notes
        .iter()
        .map(|n| {
            let note = &n.note.record;
            ipc::NoteChoice {
                id: n.note.id,
                kind: note.kind,
                sensitivity: note.sensitivity,
                saved_at: n.saved_at.to_rfc3339(),
                preview: match note.sensitivity {
                    Sensitivity::Restricted => String::new(),
                    Sensitivity::Normal => note.text.as_str().chars().take(80).collect(),
                },
            }
        })
        .collect();
    Ok(ipc::DossierChoices {
        referrals,
        sections: DossierSection::REDACTABLE.to_vec(),
        notes,
    })
}

fn dossier_error(error: DossierError) -> IpcError {
    match error {
        DossierError::Core(error) => to_ipc(error),
        DossierError::Typeset(error) => IpcError::new(ErrorKind::Internal, error.to_string()),
        choice @ (DossierError::NoReferral
        | DossierError::SeveralReferrals(_)
        | DossierError::ReferralOfAnotherCase(_)
        | DossierError::Choice(_)) => IpcError::new(ErrorKind::Invalid, choice.to_string()),
    }
}

/// The folder chosen in the dialog, which must exist; Downloads when none was chosen.
pub(crate) fn target_folder(chosen: Option<&str>) -> Result<PathBuf, IpcError> {
    match chosen.map(str::trim).filter(|typed| !typed.is_empty()) {
        Some(typed) => existing_folder(typed),
        None => downloads(),
    }
}

/// Where exports are saved by default: Downloads, or the home folder if there is none.
pub(crate) fn downloads() -> Result<PathBuf, IpcError> {
    dirs::download_dir()
        .filter(|d| d.is_dir())
        .or_else(dirs::home_dir)
        .ok_or_else(|| IpcError::new(ErrorKind::Io, "no Downloads folder was found"))
}

/// The computer's local date: consent is judged on the coordinator's day.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use pristan_core::coordination::referrals::mark_referral;
    use pristan_core::domain::{
        Consent, ConsentMethod, ConsentPurpose, CsvDelimiter, ReferralPriority, ReferralRefusal,
        ShortText, BUILT_IN_PATHWAYS,
    };
    use pristan_core::ops::EntityId;
    use secrecy::SecretString;

    use super::*;

    const CANADA: &str = "Government of Canada (IRCC)";

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    /// An open vault with a referred case, without consent yet.
    fn referred(dir: &Path) -> (Session, EntityId) {
        let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
        session
            .create_vault(&SecretString::from(
                "maple orbit candle sixty harbor".to_owned(),
            ))
            .unwrap();
        let vault = session.vault_mut().unwrap();
        let case = vault
            .add_case(pristan_core::cases::NewCase {
                name: "Aleksei Smirnov".into(),
                native_name: Some("Алексей Смирнов".into()),
                ..Default::default()
            })
            .unwrap();
        mark_referral(
            vault,
            case,
            BUILT_IN_PATHWAYS[0].id,
            ReferralPriority::Urgent,
            day(),
        )
        .unwrap();
        (session, case)
    }

    fn consent(vault: &mut Vault, case: EntityId) {
        vault
            .add(Consent {
                case_id: Some(case),
                purpose: ConsentPurpose::GovernmentReferral,
                recipient: ShortText::new(CANADA).unwrap(),
                given_on: Some(day()),
                method: ConsentMethod::Written,
                ..Consent::default()
            })
            .unwrap();
    }

    fn request(case: EntityId) -> ipc::ExportDossier {
        ipc::ExportDossier {
            case_id: case,
            referral_id: None,
            withhold: Vec::new(),
            include_notes: Vec::new(),
            folder: None,
        }
    }

    #[test]
    fn without_consent_the_dialog_and_both_exports_say_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let downloads = tempfile::tempdir().unwrap();
        let (mut session, case) = referred(dir.path());
        let vault = session.vault_mut().unwrap();
        let missing = ReferralRefusal::NoConsent {
            recipient: CANADA.into(),
        };
        let offered = choices(vault, case, day()).unwrap();
        assert_eq!(offered.referrals[0].refusal, Some(missing.clone()));
        let refused = dossier_into(vault, request(case), downloads.path(), day()).unwrap_err();
        assert_eq!(
            refused.kind,
            ErrorKind::ReferralRefused {
                refusal: missing.clone()
            }
        );
        let list = ipc::ExportWorkingGroupCsv {
            delimiter: CsvDelimiter::Comma,
            folder: None,
        };
        let refused = list_into(vault, list, downloads.path(), day()).unwrap_err();
        assert_eq!(
            refused.kind,
            ErrorKind::ReferralRefused { refusal: missing }
        );
        assert_eq!(std::fs::read_dir(downloads.path()).unwrap().count(), 0);
    }

    #[test]
    fn exports_land_in_the_folder_under_names_without_personal_data() {
        let dir = tempfile::tempdir().unwrap();
        let downloads = tempfile::tempdir().unwrap();
        let (mut session, case) = referred(dir.path());
        let vault = session.vault_mut().unwrap();
        consent(vault, case);
        let first = dossier_into(vault, request(case), downloads.path(), day()).unwrap();
        let second = dossier_into(vault, request(case), downloads.path(), day()).unwrap();
        let short = &case.to_string()[..8];
        assert!(first
            .path
            .ends_with(&format!("pristan-dossier-{short}-2026-12-02.pdf")));
        assert!(second
            .path
            .ends_with(&format!("pristan-dossier-{short}-2026-12-02-2.pdf")));
        assert!(std::fs::read(&first.path).unwrap().starts_with(b"%PDF-"));
        let list = ipc::ExportWorkingGroupCsv {
            delimiter: CsvDelimiter::Semicolon,
            folder: None,
        };
        let csv = list_into(vault, list, downloads.path(), day()).unwrap();
        assert!(csv.path.ends_with("pristan-working-group-2026-12-02.csv"));
        assert_eq!((csv.cases, csv.left_out.len()), (1, 0));
        for entry in std::fs::read_dir(downloads.path()).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            assert!(
                !name.contains("Smirnov") && !name.starts_with('.'),
                "{name}"
            );
        }
    }

    // The dialog's folder: a chosen one must exist (a stick that is not plugged in is said so,
    // and nothing is written anywhere); none chosen means Downloads.
    #[test]
    fn a_chosen_folder_must_exist() {
        let stick = tempfile::tempdir().unwrap();
        let typed = stick.path().display().to_string();
        assert_eq!(target_folder(Some(&typed)).unwrap(), stick.path());
        let missing = stick.path().join("not-plugged-in");
        let refused = target_folder(Some(&missing.display().to_string())).unwrap_err();
        assert_eq!(refused.kind, ErrorKind::Io);
        assert!(!missing.exists());
        assert_eq!(target_folder(Some("  ")).ok(), downloads().ok());
    }

    #[test]
    fn a_restricted_notes_text_is_not_previewed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut session, case) = referred(dir.path());
        let vault = session.vault_mut().unwrap();
        for (sensitivity, text) in [
            (Sensitivity::Restricted, "insulin twice a day"),
            (Sensitivity::Normal, "asked for books"),
        ] {
            vault
                .add(pristan_core::domain::Note {
                    case_id: Some(case),
                    sensitivity,
                    text: pristan_core::domain::LongText::new(text).unwrap(),
                    ..Default::default()
                })
                .unwrap();
        }
        let offered = choices(vault, case, day()).unwrap();
        assert_eq!(offered.notes.len(), 2);
        for note in &offered.notes {
            match note.sensitivity {
                Sensitivity::Restricted => assert_eq!(note.preview, ""),
                Sensitivity::Normal => assert_eq!(note.preview, "asked for books"),
            }
        }
    }
}
