//! Why a bundle was refused or is waiting, as a value the interface turns into a sentence in its
//! own language. The core maps its bundle errors to these in one place
//! (`pristan_core::bundle::refusal`); `Display` gives the English the command line prints.
//!
//! A refusal is stored with a quarantined bundle as JSON, so a reason written by a newer version,
//! or the free text older versions stored, still reads back: as [`Refusal::Unrecorded`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::sync::RoleRefusal;

/// Why a bundle was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Refusal {
    /// The file could not be read from disk.
    Unreadable {
        detail: String,
    },
    TooLarge {
        size: u64,
        max: u64,
    },
    NotAge,
    AgeHeader {
        detail: String,
    },
    TooManyStanzas {
        found: usize,
        max: usize,
    },
    NotForUs,
    Damaged {
        detail: String,
    },
    UnknownVersion {
        found: u16,
        supported: u16,
    },
    HeaderTooLarge {
        size: u64,
        max: u64,
    },
    MalformedHeader {
        detail: String,
    },
    WrongOrganisation,
    NoOrganisation,
    /// Waits in quarantine until a coordinator approves the device.
    UnknownSigner {
        name: String,
        fingerprint: String,
    },
    RevokedSigner {
        name: String,
        last_good: u64,
        bundle_last: u64,
    },
    BadSignature,
    RecipientMismatch,
    PayloadMismatch,
    DecompressedTooLarge {
        max: u64,
    },
    MalformedPayload {
        detail: String,
    },
    NoRecipients,
    Encrypt,
    ExportTooLarge {
        size: u64,
        max: u64,
    },
    /// An operation in the bundle broke a rule; nothing from the bundle was imported.
    InvalidOperation {
        rule: OperationRule,
    },
    /// An operation's author's role does not allow it (a volunteer forgetting a person, say).
    NotPermitted {
        refusal: RoleRefusal,
    },
    /// Changes dated further ahead of this computer's clock than allowed; waits until a person
    /// has checked the dates.
    ClockTooFarAhead {
        days_ahead: u64,
        max_days: u64,
    },
    ClockUnusable,
    /// A revoked device's operation that this organisation did not hold when it was revoked.
    RevokedSignerNotHeld {
        name: String,
        seq: u64,
    },
    AttachmentTooLarge {
        size: u64,
        max: u64,
    },
    UnreferencedAttachment,
    /// The quarantine holds as much as it may; the file was not kept.
    QuarantineFull {
        files: u64,
        bytes: u64,
    },
    /// The bundle's roster or its sender's keys were refused (in English, why).
    Organisation {
        detail: String,
    },
    /// Too many devices wait for approval already; the file was not kept.
    TooManyPendingDevices {
        max: usize,
    },
    /// A reason this version does not know: free text stored by an older version, or a kind
    /// added by a newer one. The text is kept for the command line; screens show a general
    /// sentence.
    Unrecorded {
        text: String,
    },
}

/// Which rule an operation in a refused bundle broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum OperationRule {
    CasePacketNotFromCoordinator,
    UnsignedOperations,
    FromRevokedDevice,
    /// A value in an operation was not valid (in English, which and why, for the command line).
    InvalidValue {
        detail: String,
    },
}

impl Refusal {
    /// Every kind, with placeholder arguments: for tests that each has a message.
    pub fn examples() -> Vec<Refusal> {
        let text = || String::from("x");
        vec![
            Refusal::Unreadable { detail: text() },
            Refusal::TooLarge { size: 2, max: 1 },
            Refusal::NotAge,
            Refusal::AgeHeader { detail: text() },
            Refusal::TooManyStanzas { found: 2, max: 1 },
            Refusal::NotForUs,
            Refusal::Damaged { detail: text() },
            Refusal::UnknownVersion {
                found: 2,
                supported: 1,
            },
            Refusal::HeaderTooLarge { size: 2, max: 1 },
            Refusal::MalformedHeader { detail: text() },
            Refusal::WrongOrganisation,
            Refusal::NoOrganisation,
            Refusal::UnknownSigner {
                name: text(),
                fingerprint: text(),
            },
            Refusal::RevokedSigner {
                name: text(),
                last_good: 1,
                bundle_last: 2,
            },
            Refusal::BadSignature,
            Refusal::RecipientMismatch,
            Refusal::PayloadMismatch,
            Refusal::DecompressedTooLarge { max: 1 },
            Refusal::MalformedPayload { detail: text() },
            Refusal::NoRecipients,
            Refusal::Encrypt,
            Refusal::ExportTooLarge { size: 2, max: 1 },
            Refusal::InvalidOperation {
                rule: OperationRule::CasePacketNotFromCoordinator,
            },
            Refusal::InvalidOperation {
                rule: OperationRule::UnsignedOperations,
            },
            Refusal::InvalidOperation {
                rule: OperationRule::FromRevokedDevice,
            },
            Refusal::InvalidOperation {
                rule: OperationRule::InvalidValue { detail: text() },
            },
            Refusal::NotPermitted {
                refusal: RoleRefusal::Forget,
            },
            Refusal::ClockTooFarAhead {
                days_ahead: 3,
                max_days: 1,
            },
            Refusal::ClockUnusable,
            Refusal::RevokedSignerNotHeld {
                name: text(),
                seq: 1,
            },
            Refusal::AttachmentTooLarge { size: 2, max: 1 },
            Refusal::UnreferencedAttachment,
            Refusal::QuarantineFull { files: 1, bytes: 1 },
            Refusal::Organisation { detail: text() },
            Refusal::TooManyPendingDevices { max: 1 },
            Refusal::Unrecorded { text: text() },
        ]
    }

    /// The interface's message for this refusal: `refusal-` and the kind (and, for a broken
    /// operation rule, the rule), such as `refusal-not-for-us`.
    pub fn message_id(&self) -> String {
        let kind = match self {
            Refusal::InvalidOperation { rule } => format!("invalid-operation-{}", rule.as_str()),
            other => other.kind().to_owned(),
        };
        format!("refusal-{}", kind.replace('_', "-"))
    }

    /// The snake_case kind, as serialised.
    pub fn kind(&self) -> &'static str {
        match self {
            Refusal::Unreadable { .. } => "unreadable",
            Refusal::TooLarge { .. } => "too_large",
            Refusal::NotAge => "not_age",
            Refusal::AgeHeader { .. } => "age_header",
            Refusal::TooManyStanzas { .. } => "too_many_stanzas",
            Refusal::NotForUs => "not_for_us",
            Refusal::Damaged { .. } => "damaged",
            Refusal::UnknownVersion { .. } => "unknown_version",
            Refusal::HeaderTooLarge { .. } => "header_too_large",
            Refusal::MalformedHeader { .. } => "malformed_header",
            Refusal::WrongOrganisation => "wrong_organisation",
            Refusal::NoOrganisation => "no_organisation",
            Refusal::UnknownSigner { .. } => "unknown_signer",
            Refusal::RevokedSigner { .. } => "revoked_signer",
            Refusal::BadSignature => "bad_signature",
            Refusal::RecipientMismatch => "recipient_mismatch",
            Refusal::PayloadMismatch => "payload_mismatch",
            Refusal::DecompressedTooLarge { .. } => "decompressed_too_large",
            Refusal::MalformedPayload { .. } => "malformed_payload",
            Refusal::NoRecipients => "no_recipients",
            Refusal::Encrypt => "encrypt",
            Refusal::ExportTooLarge { .. } => "export_too_large",
            Refusal::InvalidOperation { .. } => "invalid_operation",
            Refusal::NotPermitted { .. } => "not_permitted",
            Refusal::ClockTooFarAhead { .. } => "clock_too_far_ahead",
            Refusal::ClockUnusable => "clock_unusable",
            Refusal::RevokedSignerNotHeld { .. } => "revoked_signer_not_held",
            Refusal::AttachmentTooLarge { .. } => "attachment_too_large",
            Refusal::UnreferencedAttachment => "unreferenced_attachment",
            Refusal::QuarantineFull { .. } => "quarantine_full",
            Refusal::Organisation { .. } => "organisation",
            Refusal::TooManyPendingDevices { .. } => "too_many_pending_devices",
            Refusal::Unrecorded { .. } => "unrecorded",
        }
    }

    /// The stored form: JSON.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a stored reason; free text from an older version becomes [`Refusal::Unrecorded`].
    pub fn from_stored(text: &str) -> Refusal {
        serde_json::from_str(text).unwrap_or_else(|_| Refusal::Unrecorded {
            text: text.to_owned(),
        })
    }
}

impl OperationRule {
    pub fn as_str(&self) -> &'static str {
        match self {
            OperationRule::CasePacketNotFromCoordinator => "case_packet_not_from_coordinator",
            OperationRule::UnsignedOperations => "unsigned_operations",
            OperationRule::FromRevokedDevice => "from_revoked_device",
            OperationRule::InvalidValue { .. } => "invalid_value",
        }
    }
}

impl fmt::Display for OperationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OperationRule::CasePacketNotFromCoordinator => {
                f.write_str("a case packet must come from a coordinator")
            }
            OperationRule::UnsignedOperations => {
                f.write_str("the bundle carries operations its sender did not sign for")
            }
            OperationRule::FromRevokedDevice => {
                f.write_str("the bundle carries operations from a revoked device")
            }
            OperationRule::InvalidValue { detail } => f.write_str(detail),
        }
    }
}

/// The English the command line prints: what is wrong and what to do.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Unreadable { detail } => write!(f, "the file could not be read ({detail}): check the folder and try again"),
            Refusal::TooLarge { size, max } => write!(f, "the file is {size} bytes, more than the {max} bytes a bundle may have: it is not a Pristan bundle, or it was damaged"),
            Refusal::NotAge => f.write_str("the file is not an encrypted Pristan bundle (it does not start like an age file)"),
            Refusal::AgeHeader { detail } => write!(f, "the file's encryption header is not valid ({detail}): the bundle is damaged or was made by something else"),
            Refusal::TooManyStanzas { found, max } => write!(f, "the bundle is encrypted to {found} keys, more than the {max} a bundle may have: it was not made by Pristan"),
            Refusal::NotForUs => f.write_str("this bundle was not encrypted to this organisation or this device: it may belong to another organisation, or be meant for another volunteer"),
            Refusal::Damaged { detail } => write!(f, "the bundle could not be decrypted ({detail}): it is damaged or incomplete; ask the sender to export it again"),
            Refusal::UnknownVersion { found, supported } => write!(f, "the bundle was made by a newer Pristan (format {found}; this one reads format {supported}): update Pristan, then import it again"),
            Refusal::HeaderTooLarge { size, max } => write!(f, "the bundle's header is {size} bytes, more than the {max} allowed: it was not made by Pristan"),
            Refusal::MalformedHeader { detail } => write!(f, "the bundle's header is not valid ({detail})"),
            Refusal::WrongOrganisation => f.write_str("the bundle belongs to another organisation"),
            Refusal::NoOrganisation => f.write_str("this vault has not joined an organisation yet: create one (coordinator) or join with an invitation (volunteer) first"),
            Refusal::UnknownSigner { name, fingerprint } => write!(f, "the bundle comes from a device that is not approved yet ({name}, fingerprint {fingerprint}); it waits in quarantine and is imported once a coordinator approves that device"),
            Refusal::RevokedSigner { name, last_good, bundle_last } => write!(f, "the bundle comes from a revoked device ({name}): it reaches sequence number {bundle_last}, past its last good one, {last_good}; it stays in quarantine"),
            Refusal::BadSignature => f.write_str("the bundle's signature is not valid: it was changed after it was made, or forged; it was not imported"),
            Refusal::RecipientMismatch => f.write_str("the bundle's signed list of recipients does not include this organisation or device: it was re-encrypted by someone else, so it was not imported"),
            Refusal::PayloadMismatch => f.write_str("the bundle's contents do not match its signed header: it was changed or damaged"),
            Refusal::DecompressedTooLarge { max } => write!(f, "the bundle's contents expand to more than {max} bytes: it is not a genuine bundle"),
            Refusal::MalformedPayload { detail } => write!(f, "the bundle's contents are not valid ({detail})"),
            Refusal::NoRecipients => f.write_str("the bundle has no one to encrypt it to: check that the organisation's coordinator keys are set up, then export again"),
            Refusal::Encrypt => f.write_str("the bundle could not be encrypted, so nothing was exported: try again, and report it if it keeps happening"),
            Refusal::ExportTooLarge { size, max } => write!(f, "this bundle would be too large for other devices to import ({size} bytes, more than the {max} they accept): a single attachment or change is too large to send; remove or shrink it"),
            Refusal::InvalidOperation { rule } => write!(f, "an operation in the bundle was refused ({rule}); nothing from the bundle was imported"),
            Refusal::NotPermitted { refusal } => write!(f, "the bundle carries a change its author's role does not allow ({refusal}); nothing from the bundle was imported"),
            Refusal::ClockTooFarAhead { days_ahead, max_days } => write!(f, "the bundle holds changes dated {days_ahead} days after this computer's clock, more than the {max_days} days allowed: the sender's clock, or this computer's, is set wrong. Check the date and time on both; the bundle waits in quarantine and is tried again, and once you have checked with the sender you can accept it anyway"),
            Refusal::ClockUnusable => f.write_str("a change in the bundle carries a timestamp this computer's clock cannot follow: the bundle is damaged or forged; it was not imported"),
            Refusal::RevokedSignerNotHeld { name, seq } => write!(f, "the bundle comes from a revoked device ({name}) and carries its operation number {seq}, which this organisation did not hold when the device was revoked: it may have been written after the device was lost, so it stays in quarantine"),
            Refusal::AttachmentTooLarge { size, max } => write!(f, "the bundle holds an attachment of {size} bytes, more than the {max} bytes Pristan keeps: it was not made by Pristan, or was changed"),
            Refusal::UnreferencedAttachment => f.write_str("the bundle holds an attachment that none of its changes names: it was not made by Pristan, or was changed"),
            Refusal::QuarantineFull { files, bytes } => write!(f, "the quarantine is full ({files} files, {bytes} bytes kept): discard bundles you do not need from the quarantine, then import this file again (it was not kept)"),
            Refusal::Organisation { detail } => f.write_str(detail),
            Refusal::TooManyPendingDevices { max } => write!(f, "{max} devices are already waiting for approval, the most Pristan lists: approve or refuse some, then import this bundle again (it was not kept)"),
            Refusal::Unrecorded { text } => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_refusal_reads_back_and_old_free_text_is_kept() {
        for refusal in Refusal::examples() {
            assert_eq!(Refusal::from_stored(&refusal.to_stored()), refusal);
        }
        let old = "the bundle belongs to another organisation";
        assert_eq!(
            Refusal::from_stored(old),
            Refusal::Unrecorded { text: old.into() }
        );
        assert_eq!(Refusal::from_stored(old).to_string(), old);
    }

    #[test]
    fn every_kind_has_a_distinct_message_id() {
        let mut ids: Vec<String> = Refusal::examples()
            .iter()
            .map(Refusal::message_id)
            .collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count);
        assert!(ids.contains(&"refusal-not-for-us".to_owned()));
        assert!(ids.contains(&"refusal-invalid-operation-from-revoked-device".to_owned()));
    }
}
