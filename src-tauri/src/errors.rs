//! Core errors as the UI sees them: a kind to branch on, and an English message.

use pristan_core::backup::BackupError;
use pristan_core::Error;
use pristan_ipc::{BackupProblem, ErrorKind, IpcError};

pub fn to_ipc(err: Error) -> IpcError {
    let kind = match &err {
        Error::WrongPassphrase {
            attempts_before_wait,
        }
        | Error::WrongRecoveryCode {
            attempts_before_wait,
        } => ErrorKind::WrongPassphrase {
            attempts_before_wait: *attempts_before_wait,
        },
        Error::TooManyAttempts { retry_after } => ErrorKind::TooManyAttempts {
            retry_after_secs: retry_after.as_secs().max(1),
        },
        Error::NotPermitted(refusal) => ErrorKind::NotPermitted { refusal: *refusal },
        Error::ReferralRefused(refusal) => ErrorKind::ReferralRefused {
            refusal: refusal.clone(),
        },
        Error::NoVault { .. } => ErrorKind::NoVault,
        Error::KeysDestroyed => ErrorKind::KeysDestroyed,
        Error::VaultClosed => ErrorKind::Locked,
        Error::VaultExists { .. } => ErrorKind::VaultExists,
        Error::WeakPassphrase => ErrorKind::WeakPassphrase,
        Error::PassphraseMismatch => ErrorKind::PassphraseMismatch,
        Error::MalformedRecoveryCode { .. }
        | Error::Invalid { .. }
        | Error::Org(_)
        | Error::Family(_) => ErrorKind::Invalid,
        Error::Bundle(error) => ErrorKind::Bundle {
            refusal: pristan_core::bundle::refusal(error),
        },
        Error::DamagedKeyslots { .. }
        | Error::KdfParamsOutOfRange { .. }
        | Error::SchemaTooNew { .. } => ErrorKind::Damaged,
        Error::Io { .. } | Error::DiskFull | Error::FileExists { .. } => ErrorKind::Io,
        Error::Backup(problem) => ErrorKind::Backup {
            problem: match problem {
                BackupError::NoDestination { .. } => BackupProblem::NoDestination,
                BackupError::NotABackup { .. } => BackupProblem::NotABackup,
                BackupError::Damaged { .. } => BackupProblem::Damaged,
                BackupError::DestinationNotEmpty { .. } => BackupProblem::DestinationNotEmpty,
            },
        },
        // An exhausted clock or sequence means a malformed operation in the log.
        Error::Clock(_) | Error::Sequence(_) => ErrorKind::Damaged,
        Error::Migration { .. } | Error::Database(_) => ErrorKind::Internal,
    };
    IpcError::new(kind, err.to_string())
}

pub fn locked() -> IpcError {
    IpcError::new(
        ErrorKind::Locked,
        "the vault is locked: unlock it to continue",
    )
}
