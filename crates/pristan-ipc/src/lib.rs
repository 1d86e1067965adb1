//! The contract between the UI (wasm) and the desktop shell: every command the UI can send, its
//! response type, and the error shape. Both sides depend on this crate, so a command's name and
//! argument types are written once.
//!
//! Architecture invariant: this crate depends on serde only and builds for `wasm32-unknown-unknown`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

mod backup;
mod casebook;
mod commands;
mod coordinator;
mod dossier;
mod error;
mod family;
mod relay;
mod security;
mod sync;

pub use backup::*;
pub use casebook::*;
pub use commands::*;
pub use coordinator::*;
pub use dossier::*;
pub use error::{BackupProblem, ErrorKind, IpcError};
pub use family::*;
pub use relay::*;
pub use security::*;
pub use sync::*;

/// The name of the single Tauri command through which every [`Command`] travels.
pub const INVOKE_NAME: &str = "ipc";

/// The commands that work without an open vault: the start and unlock screens', the language,
/// locking, restoring a backup onto an empty computer, and a running export's progress. Every
/// other command needs the vault open, and the shell answers [`ErrorKind::Locked`] to it before
/// reading its arguments: a command added later is locked unless it is named here.
pub const WITHOUT_OPEN_VAULT: &[&str] = &[
    GetAppState::NAME,
    CheckPassphrase::NAME,
    CreateVault::NAME,
    Unlock::NAME,
    Lock::NAME,
    Recover::NAME,
    SetLanguage::NAME,
    RestoreBackup::NAME,
    GetSyncProgress::NAME,
];

/// Every command's name, from every module.
pub fn every_command_name() -> Vec<&'static str> {
    [
        ALL_COMMAND_NAMES,
        CASEBOOK_COMMAND_NAMES,
        SYNC_COMMAND_NAMES,
        BACKUP_COMMAND_NAMES,
        RELAY_COMMAND_NAMES,
        COORDINATOR_COMMAND_NAMES,
        DOSSIER_COMMAND_NAMES,
        SECURITY_COMMAND_NAMES,
        FAMILY_CARD_COMMAND_NAMES,
    ]
    .concat()
}

/// A request from the UI to the shell.
pub trait Command: Serialize + DeserializeOwned {
    /// The name the shell dispatches on. Unique across all commands.
    const NAME: &'static str;
    /// What the shell answers when the command succeeds.
    type Response: Serialize + DeserializeOwned;
}

/// What travels over the bridge: a command's name and its serialised arguments.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub name: String,
    pub args: T,
}

/// The interface languages Pristan ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Ru,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The BCP 47 tag, as Fluent and the locale files use it.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "ru" => Some(Language::Ru),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_round_trip_and_accept_regions() {
        for lang in Language::ALL {
            assert_eq!(Language::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Language::from_tag("ru_RU.UTF-8"), Some(Language::Ru));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::En));
        assert_eq!(Language::from_tag("de"), None);
    }

    #[test]
    fn command_names_are_unique() {
        let mut names = every_command_name();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "two commands share a NAME");
        for name in WITHOUT_OPEN_VAULT {
            assert!(names.contains(name), "{name} is not a command");
        }
    }
}
