//! The error every command can answer with: a kind the UI branches on, and a message for people.

use serde::{Deserialize, Serialize};

/// What went wrong, as far as the UI needs to know to choose what to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ErrorKind {
    /// The vault is locked; the UI must drop its state and show the unlock screen.
    Locked,
    /// The passphrase or recovery code did not open the vault.
    WrongPassphrase { attempts_before_wait: u32 },
    /// Too many wrong attempts in a row; the next one is accepted after this many seconds.
    TooManyAttempts { retry_after_secs: u64 },
    /// There is no vault yet where one was expected.
    NoVault,
    /// A vault already exists where a new one was to be created.
    VaultExists,
    /// The new passphrase is too easy to guess.
    WeakPassphrase,
    /// The two passphrases typed do not match.
    PassphraseMismatch,
    /// The input was not valid; the message says which part.
    Invalid,
    /// A bundle could not be made or read, and why (the interface words it).
    Bundle { refusal: pristan_model::Refusal },
    /// This device's role does not allow the change (a volunteer assigning a case, say).
    NotPermitted {
        refusal: pristan_model::sync::RoleRefusal,
    },
    /// A referral may not leave the vault (a dossier, a CSV row): the person's consent does not
    /// allow it, and why.
    ReferralRefused {
        refusal: pristan_model::ReferralRefusal,
    },
    /// The vault's files are damaged or were changed outside Pristan.
    Damaged,
    /// Reading or writing a file failed.
    Io,
    /// A backup or restore could not be done; nothing was changed.
    Backup { problem: BackupProblem },
    /// A bug: the message is for the report, not for the user.
    Internal,
}

/// Why a backup or restore could not be done, for the UI to say in the person's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupProblem {
    /// The folder to back up into does not exist (the drive is not plugged in).
    NoDestination,
    /// The folder to restore from is not a backup folder.
    NotABackup,
    /// The backup failed its integrity checks.
    Damaged,
    /// The folder to restore into holds files.
    DestinationNotEmpty,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub kind: ErrorKind,
    /// An English explanation for logs and for the CLI; the UI shows its own translated text by
    /// `kind`, and this message only where the kind has no better words.
    pub message: String,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> IpcError {
        IpcError {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpcError {}
