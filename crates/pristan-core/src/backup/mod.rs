//! Backups of the vault and restoring them (issue 9).
//!
//! A backup is a folder `pristan-backup-YYYY-MM-DDTHHMMZ` holding `vault.db`, a consistent
//! snapshot made by SQLite's `VACUUM INTO` on the open (keyed) connection, and a copy of the
//! `keyslots` file. SQLCipher attaches the `VACUUM INTO` target under the main database's key, so
//! the snapshot is encrypted exactly as the vault is and opens with the same passphrase or
//! recovery code (`tests` prove it). Both files are written into a hidden `.partial` folder,
//! fsynced, and the folder is renamed into place: a backup folder is complete or absent.
//!
//! Restoring copies a backup into a new vault folder the same way, checks that it opens with the
//! person's secret and passes SQLite's and SQLCipher's integrity checks, and marks it, inside the
//! encrypted database, as needing a new device identity (`identity_rotation_due`), because the
//! laptop the backup came from may have gone on writing under the old one.

mod create;
mod files;
mod restore;
mod settings;
#[cfg(test)]
mod tests;

use std::path::PathBuf;

use chrono::{DateTime, Utc};

pub use create::create;
pub use restore::restore;
pub use settings::{BackupStatus, REMINDER_AFTER_DAYS};

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// The backup folder (inside the folder the person chose).
    pub path: PathBuf,
    /// Bytes written (database and key file).
    pub bytes: u64,
    pub created_at: DateTime<Utc>,
}

/// What a restore made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The new vault folder.
    pub vault: PathBuf,
}

/// Why a backup or restore could not be done. Nothing was changed when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "the folder {path} does not exist: plug in the backup drive, or create the folder first"
    )]
    NoDestination { path: PathBuf },

    #[error("{path} is not a Pristan backup (it needs vault.db and keyslots): choose the pristan-backup-… folder itself")]
    NotABackup { path: PathBuf },

    #[error("the backup failed its integrity check ({problems}): nothing was restored; try another backup")]
    Damaged { problems: String },

    #[error(
        "the folder {path} is not empty: restore into a new folder, so that nothing is overwritten"
    )]
    DestinationNotEmpty { path: PathBuf },
}

/// The row `restore` leaves in the restored vault's `vault_meta`: the vault must take a new device
/// identity before it exports anything (helper `fork` implements the move).
pub const IDENTITY_ROTATION_KEY: &str = "identity_rotation_due";
pub const IDENTITY_ROTATION_RESTORED: &str = "restored";
