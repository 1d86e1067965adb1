//! What the interface is told about a refused bundle: each [`BundleError`] becomes a
//! [`Refusal`], a value the interface turns into a sentence in the user's language.
//!
//! This is the one place the mapping is written. The `match` has no catch-all arm, so adding a
//! variant to `BundleError` does not compile until it is mapped here (and given a message
//! `refusal-…` in every `assets/locales/*/sync.ftl`).

pub use pristan_model::{OperationRule, Refusal};

use super::BundleError;

/// The refusal to show for `error`.
pub fn refusal(error: &BundleError) -> Refusal {
    match error {
        BundleError::TooLarge { size, max } => Refusal::TooLarge {
            size: *size,
            max: *max,
        },
        BundleError::NotAge => Refusal::NotAge,
        BundleError::AgeHeader { reason } => Refusal::AgeHeader {
            detail: reason.clone(),
        },
        BundleError::TooManyStanzas { found, max } => Refusal::TooManyStanzas {
            found: *found,
            max: *max,
        },
        BundleError::NotForUs => Refusal::NotForUs,
        BundleError::Damaged { reason } => Refusal::Damaged {
            detail: reason.clone(),
        },
        BundleError::UnknownVersion { found, supported } => Refusal::UnknownVersion {
            found: *found,
            supported: *supported,
        },
        BundleError::HeaderTooLarge { size, max } => Refusal::HeaderTooLarge {
            size: *size,
            max: *max,
        },
        BundleError::MalformedHeader { reason } => Refusal::MalformedHeader {
            detail: reason.clone(),
        },
        BundleError::WrongOrganisation => Refusal::WrongOrganisation,
        BundleError::NoOrganisation => Refusal::NoOrganisation,
        BundleError::UnknownSigner {
            name, fingerprint, ..
        } => Refusal::UnknownSigner {
            name: name.clone(),
            fingerprint: fingerprint.clone(),
        },
        BundleError::RevokedSigner {
            name,
            last_good,
            bundle_last,
            ..
        } => Refusal::RevokedSigner {
            name: name.clone(),
            last_good: *last_good,
            bundle_last: *bundle_last,
        },
        BundleError::BadSignature => Refusal::BadSignature,
        BundleError::RecipientMismatch => Refusal::RecipientMismatch,
        BundleError::PayloadMismatch => Refusal::PayloadMismatch,
        BundleError::DecompressedTooLarge { max } => Refusal::DecompressedTooLarge { max: *max },
        BundleError::MalformedPayload { reason } => Refusal::MalformedPayload {
            detail: reason.clone(),
        },
        BundleError::NoRecipients => Refusal::NoRecipients,
        BundleError::Encrypt { .. } => Refusal::Encrypt,
        BundleError::ExportTooLarge { size, max, .. } => Refusal::ExportTooLarge {
            size: *size,
            max: *max,
        },
        BundleError::InvalidOperation { reason } => Refusal::InvalidOperation {
            rule: OperationRule::InvalidValue {
                detail: reason.clone(),
            },
        },
        BundleError::ForbiddenOperation { rule } => {
            Refusal::InvalidOperation { rule: rule.clone() }
        }
        BundleError::NotPermitted { refusal } => Refusal::NotPermitted { refusal: *refusal },
        BundleError::ClockTooFarAhead {
            days_ahead,
            max_days,
        } => Refusal::ClockTooFarAhead {
            days_ahead: *days_ahead,
            max_days: *max_days,
        },
        BundleError::ClockUnusable => Refusal::ClockUnusable,
        BundleError::RevokedSignerNotHeld { name, seq, .. } => Refusal::RevokedSignerNotHeld {
            name: name.clone(),
            seq: *seq,
        },
        BundleError::AttachmentTooLarge { size, max } => Refusal::AttachmentTooLarge {
            size: *size,
            max: *max,
        },
        BundleError::UnreferencedAttachment => Refusal::UnreferencedAttachment,
        BundleError::QuarantineFull { files, bytes } => Refusal::QuarantineFull {
            files: *files,
            bytes: *bytes,
        },
        BundleError::Organisation(error) => Refusal::Organisation {
            detail: error.to_string(),
        },
        BundleError::TooManyPendingDevices { max } => Refusal::TooManyPendingDevices { max: *max },
    }
}

/// A file that could not be read from disk (`detail` is the system's English words for why).
pub fn unreadable(error: &std::io::Error) -> Refusal {
    Refusal::Unreadable {
        detail: error.to_string(),
    }
}
