//! Every command the UI can send to the shell, with its response type.
//!
//! Passphrases and recovery codes cross the bridge as plain strings because the webview has no
//! other way to hand them over; the shell wraps them in secret types at once and never logs them.

use serde::{Deserialize, Serialize};

use crate::{Command, Language};

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// Every command name, for the uniqueness test and the shell's dispatch table check.
pub const ALL_COMMAND_NAMES: &[&str] = &[
    GetAppState::NAME,
    CheckPassphrase::NAME,
    CreateVault::NAME,
    Unlock::NAME,
    Lock::NAME,
    ChangePassphrase::NAME,
    RotateKey::NAME,
    Recover::NAME,
    SetLanguage::NAME,
    SetAutoLock::NAME,
    Touch::NAME,
    GetVaultSummary::NAME,
];

/// Where the app stands: is there a vault, is it open, which language and auto-lock apply.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetAppState;
command!(GetAppState, "get_app_state", AppState);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppState {
    pub vault_exists: bool,
    pub unlocked: bool,
    pub language: Language,
    pub auto_lock_minutes: u32,
    /// Seconds until another unlock attempt is accepted, when wrong attempts made it wait.
    pub unlock_wait_secs: u64,
}

/// Rates a candidate passphrase as the user types it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckPassphrase {
    pub passphrase: String,
}
command!(CheckPassphrase, "check_passphrase", PassphraseStrength);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassphraseStrength {
    /// 0 (trivial) to 4 (strong).
    pub score: u8,
    /// Whether Pristan accepts it for a vault.
    pub acceptable: bool,
    pub hints: Vec<PassphraseHint>,
}

/// Advice on a weak passphrase; the UI translates each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassphraseHint {
    TooShort,
    UseMoreWords,
    AvoidCommonWords,
    AvoidRepeats,
    AvoidSequences,
    AvoidPersonalInfo,
}

/// Creates the vault with a first passphrase, typed twice.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateVault {
    pub passphrase: String,
    pub confirmation: String,
}
command!(CreateVault, "create_vault", RecoveryCode);

/// A recovery code, shown once so that the user can write it down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryCode {
    pub code: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unlock {
    pub passphrase: String,
}
command!(Unlock, "unlock", ());

/// Locks at once: closes the database and wipes the keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lock;
command!(Lock, "lock", ());

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangePassphrase {
    pub current: String,
    pub new: String,
    pub confirmation: String,
}
command!(ChangePassphrase, "change_passphrase", ());

/// "My passphrase may be known": re-encrypts the open vault under a new random key, keeping the
/// passphrase (which must be typed again), so that no earlier copy of the key file opens it. The
/// recovery code is replaced too; the new one is returned once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RotateKey {
    pub passphrase: String,
}
command!(RotateKey, "rotate_key", RecoveryCode);

/// Opens the vault with the recovery code and sets a new passphrase. The used code is replaced by
/// a new one, returned once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recover {
    pub recovery_code: String,
    pub new_passphrase: String,
    pub confirmation: String,
}
command!(Recover, "recover", RecoveryCode);

/// Saves the interface language in the settings kept outside the vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetLanguage {
    pub language: Language,
}
command!(SetLanguage, "set_language", ());

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetAutoLock {
    pub minutes: u32,
}
command!(SetAutoLock, "set_auto_lock", ());

/// Tells the shell the user is active, so idle auto-lock waits.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Touch;
command!(Touch, "touch", ());

/// What the (so far empty) home screen shows about the open vault.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetVaultSummary;
command!(GetVaultSummary, "get_vault_summary", VaultSummary);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultSummary {
    /// RFC 3339, UTC.
    pub created_at: String,
    pub schema_version: u32,
    pub device_name: Option<String>,
}
