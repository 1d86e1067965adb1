//! The core's errors. Each message says what happened and, where the user can act, what to do.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("wrong passphrase ({attempts_before_wait} attempts left before a wait)")]
    WrongPassphrase { attempts_before_wait: u32 },

    #[error("wrong recovery code: check each group of letters against your paper copy")]
    WrongRecoveryCode { attempts_before_wait: u32 },

    #[error("too many wrong attempts: try again in {} s", retry_after.as_secs().max(1))]
    TooManyAttempts { retry_after: Duration },

    #[error(
        "too many wrong passphrases: as this vault's settings asked, its keys were destroyed and \
         it can no longer be opened; ask your coordinator for the copy of what was synced"
    )]
    KeysDestroyed,

    #[error(
        "the vault was locked while a task was running: what had finished is saved; unlock it \
         and start the task again"
    )]
    VaultClosed,

    #[error("no vault at {path}: create one first (pristan init, or the app's first screen)")]
    NoVault { path: PathBuf },

    #[error("a vault already exists at {path}: unlock it, or choose another folder")]
    VaultExists { path: PathBuf },

    #[error("this passphrase is too easy to guess: use four or more random words")]
    WeakPassphrase,

    #[error("the two passphrases differ: type the same passphrase twice")]
    PassphraseMismatch,

    #[error("the recovery code is not in the expected form: {reason}")]
    MalformedRecoveryCode { reason: &'static str },

    #[error("the key file {path} is damaged or was changed outside Pristan: {reason}")]
    DamagedKeyslots { path: PathBuf, reason: String },

    #[error(
        "the key file asks for key-derivation settings outside the safe range ({reason}); \
         it may have been tampered with, so it was not used"
    )]
    KdfParamsOutOfRange { reason: String },

    #[error("the vault database was written by a newer Pristan (schema {found}, this one knows up to {supported}): update Pristan")]
    SchemaTooNew { found: u32, supported: u32 },

    #[error("schema migration to version {version} failed; the vault was left as it was")]
    Migration {
        version: u32,
        #[source]
        source: rusqlite::Error,
    },

    #[error("the vault database could not be opened or read")]
    Database(rusqlite::Error),

    /// The disk (or the vault's file system) is full: the write was not saved, and everything
    /// saved before is intact (SQLite rolls the transaction back).
    #[error(
        "the disk is full, so this was not saved; everything saved before is safe. \
         Free some space on the disk, then try again"
    )]
    DiskFull,

    #[error("could not {action} {path}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An export was asked to write over a file that exists: exports never replace one.
    #[error("{path} already exists: exports never replace a file, so choose a new name")]
    FileExists { path: PathBuf },

    #[error(transparent)]
    Clock(#[from] crate::ops::ClockError),

    #[error(transparent)]
    Sequence(#[from] crate::ops::SeqError),

    #[error(transparent)]
    Bundle(#[from] crate::bundle::BundleError),

    #[error(transparent)]
    Org(#[from] crate::org::OrgError),

    /// This device's role does not allow the change (see `org::permissions`).
    #[error("{0}")]
    NotPermitted(crate::org::permissions::RoleRefusal),

    /// A referral may not leave the vault: the person's consent does not allow it
    /// (`coordination::referrals::referral_consent`).
    #[error("{0}")]
    ReferralRefused(pristan_model::ReferralRefusal),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),

    #[error(transparent)]
    Family(#[from] crate::family::FamilyError),

    #[error("the value for {field} is not valid: {reason}")]
    Invalid { field: &'static str, reason: String },
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Error {
        if error.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            Error::DiskFull
        } else {
            Error::Database(error)
        }
    }
}

impl Error {
    pub(crate) fn io(
        action: &'static str,
        path: impl Into<PathBuf>,
    ) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
