//! Words for every error the shell can answer with, in the user's language.

use pristan_ipc::{BackupProblem, ErrorKind, IpcError};
use pristan_model::sync::RoleRefusal;
use pristan_model::ReferralRefusal;

use crate::i18n::I18n;

/// What to show for an error: a translated sentence, and for kinds that have no better words,
/// the shell's own (English) explanation as a detail for a bug report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorText {
    pub message: String,
    pub detail: Option<String>,
}

pub fn describe(i18n: &I18n, error: &IpcError) -> ErrorText {
    let plain = |key: &str| ErrorText {
        message: i18n.t(key),
        detail: None,
    };
    let with_detail = |key: &str| ErrorText {
        message: i18n.t(key),
        detail: (!error.message.is_empty())
            .then(|| i18n.t_args("error-details", &[("detail", error.message.clone().into())])),
    };
    match &error.kind {
        ErrorKind::Locked => plain("error-locked"),
        ErrorKind::WrongPassphrase { .. } => plain("error-wrong-passphrase"),
        ErrorKind::TooManyAttempts { retry_after_secs } => ErrorText {
            message: wait_message(i18n, *retry_after_secs),
            detail: None,
        },
        ErrorKind::NoVault => plain("error-no-vault"),
        ErrorKind::KeysDestroyed => plain("security-keys-destroyed"),
        ErrorKind::VaultExists => plain("error-vault-exists"),
        ErrorKind::WeakPassphrase => plain("error-weak-passphrase"),
        ErrorKind::PassphraseMismatch => plain("error-passphrase-mismatch"),
        ErrorKind::Invalid => with_detail("error-invalid"),
        ErrorKind::Bundle { refusal } => ErrorText {
            message: crate::core_words::refusal_sentence(i18n, refusal),
            detail: None,
        },
        ErrorKind::NotPermitted { refusal } => plain(refusal_key(*refusal)),
        ErrorKind::ReferralRefused { refusal } => ErrorText {
            message: referral_refusal_sentence(i18n, refusal),
            detail: None,
        },
        ErrorKind::Damaged => with_detail("error-damaged"),
        ErrorKind::Io => with_detail("error-io"),
        ErrorKind::Backup { problem } => plain(match problem {
            BackupProblem::NoDestination => "error-backup-no-destination",
            BackupProblem::NotABackup => "error-backup-not-a-backup",
            BackupProblem::Damaged => "error-backup-damaged",
            BackupProblem::DestinationNotEmpty => "error-backup-destination-not-empty",
        }),
        ErrorKind::Internal => with_detail("error-internal"),
    }
}

/// The message id for a change this device's role does not allow.
pub fn refusal_key(refusal: RoleRefusal) -> &'static str {
    match refusal {
        RoleRefusal::AssignCase => "role-refusal-assign-case",
        RoleRefusal::Forget => "role-refusal-forget",
        RoleRefusal::VerifyEvidence => "role-refusal-verify-evidence",
        RoleRefusal::ConfirmActivity => "role-refusal-confirm-activity",
        RoleRefusal::ConfirmTwice => "role-refusal-confirm-twice",
        RoleRefusal::Referral => "role-refusal-referral",
        RoleRefusal::RecordFlight => "role-refusal-record-flight",
        RoleRefusal::ResolveConflict => "role-refusal-resolve-conflict",
    }
}

/// Why a referral may not leave the vault, naming the recipient and the date that matters.
pub fn referral_refusal_sentence(i18n: &I18n, refusal: &ReferralRefusal) -> String {
    let key = refusal.message_id();
    match refusal {
        ReferralRefusal::NoRecipient => i18n.t(key),
        ReferralRefusal::NoConsent { recipient } => {
            i18n.t_args(key, &[("recipient", recipient.clone().into())])
        }
        ReferralRefusal::ConsentWithdrawn {
            recipient,
            withdrawn_on: date,
        }
        | ReferralRefusal::ConsentNotYetGiven {
            recipient,
            given_on: date,
        } => i18n.t_args(
            key,
            &[
                ("recipient", recipient.clone().into()),
                ("date", crate::format::long_date(i18n, *date).into()),
            ],
        ),
    }
}

/// "Too many attempts. Try again in N seconds.", with the plural form the language needs.
pub fn wait_message(i18n: &I18n, seconds: u64) -> String {
    i18n.t_args("error-too-many-attempts", &[("seconds", seconds.into())])
}
