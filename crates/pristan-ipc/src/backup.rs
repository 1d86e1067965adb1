//! Backups (Settings) and restoring one (the start screen).

use serde::{Deserialize, Serialize};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The backup commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const BACKUP_COMMAND_NAMES: &[&str] = &[
    GetBackupStatus::NAME,
    MakeBackup::NAME,
    SetBackupReminder::NAME,
    RestoreBackup::NAME,
];

/// When the last backup was made, and whether to remind the person.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetBackupStatus;
command!(GetBackupStatus, "get_backup_status", BackupStatus);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupStatus {
    /// RFC 3339, UTC; `None` before the first backup.
    pub last_backup_at: Option<String>,
    pub reminder_on: bool,
    /// The last backup (or the vault's creation) is more than a week old and the reminder is on.
    pub reminder_due: bool,
    /// Folders worth offering: mounted drives first.
    pub suggested_folders: Vec<String>,
}

/// Writes a backup folder into `to` (a folder that exists, best on a separate encrypted drive).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MakeBackup {
    pub to: String,
}
command!(MakeBackup, "make_backup", BackupMade);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupMade {
    /// The new backup folder.
    pub path: String,
    pub bytes: u64,
}

/// Switches the weekly reminder on or off (kept inside the vault).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetBackupReminder {
    pub on: bool,
}
command!(SetBackupReminder, "set_backup_reminder", ());

/// Restores the backup folder `from` as this app's vault, which must not exist yet. `secret` is
/// the backup's passphrase, or its recovery code when `recovery_code` is set. The vault stays
/// locked: the person unlocks it next.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RestoreBackup {
    pub from: String,
    pub secret: String,
    #[serde(default)]
    pub recovery_code: bool,
}
command!(RestoreBackup, "restore_backup", ());
