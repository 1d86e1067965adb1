//! Why a bundle was refused. Each message says what is wrong in plain words and what to do; none
//! quotes the bundle's contents.

use crate::ops::DeviceId;
use crate::org::OrgError;

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("the file is {size} bytes, more than the {max} bytes a bundle may have: it is not a Pristan bundle, or it was damaged")]
    TooLarge { size: u64, max: u64 },

    #[error("the file is not an encrypted Pristan bundle (it does not start like an age file)")]
    NotAge,

    #[error("the file's encryption header is not valid ({reason}): the bundle is damaged or was made by something else")]
    AgeHeader { reason: String },

    #[error("the bundle is encrypted to {found} keys, more than the {max} a bundle may have: it was not made by Pristan")]
    TooManyStanzas { found: usize, max: usize },

    #[error("this bundle was not encrypted to this organisation or this device: it may belong to another organisation, or be meant for another volunteer")]
    NotForUs,

    #[error("the bundle could not be decrypted ({reason}): it is damaged or incomplete; ask the sender to export it again")]
    Damaged { reason: String },

    #[error("the bundle was made by a newer Pristan (format {found}; this one reads format {supported}): update Pristan, then import it again")]
    UnknownVersion { found: u16, supported: u16 },

    #[error("the bundle's header is {size} bytes, more than the {max} allowed: it was not made by Pristan")]
    HeaderTooLarge { size: u64, max: u64 },

    #[error("the bundle's header is not valid ({reason})")]
    MalformedHeader { reason: String },

    #[error("the bundle belongs to another organisation")]
    WrongOrganisation,

    #[error("this vault has not joined an organisation yet: create one (coordinator) or join with an invitation (volunteer) first")]
    NoOrganisation,

    #[error("the bundle comes from a device that is not approved yet ({name}, fingerprint {fingerprint}); it waits in quarantine and is imported once a coordinator approves that device")]
    UnknownSigner {
        device: DeviceId,
        name: String,
        fingerprint: String,
    },

    #[error("the bundle comes from a revoked device ({name}): it reaches sequence number {bundle_last}, past its last good one, {last_good}; it stays in quarantine")]
    RevokedSigner {
        device: DeviceId,
        name: String,
        last_good: u64,
        bundle_last: u64,
    },

    #[error("the bundle's signature is not valid: it was changed after it was made, or forged; it was not imported")]
    BadSignature,

    #[error("the bundle's signed list of recipients does not include this organisation or device: it was re-encrypted by someone else, so it was not imported")]
    RecipientMismatch,

    #[error("the bundle's contents do not match its signed header: it was changed or damaged")]
    PayloadMismatch,

    #[error("the bundle's contents expand to more than {max} bytes: it is not a genuine bundle")]
    DecompressedTooLarge { max: u64 },

    #[error("the bundle's contents are not valid ({reason})")]
    MalformedPayload { reason: String },

    #[error("the bundle has no one to encrypt it to: check that the organisation's coordinator keys are set up, then export again")]
    NoRecipients,

    #[error("the bundle could not be encrypted, so nothing was exported: try again, and report it if it keeps happening")]
    Encrypt {
        #[source]
        source: age::EncryptError,
    },

    #[error("this bundle would be too large for other devices to import ({part} would be {size} bytes, more than the {max} they accept): a single attachment or change is too large to send; remove or shrink it")]
    ExportTooLarge {
        part: &'static str,
        size: u64,
        max: u64,
    },

    #[error(
        "an operation in the bundle was refused ({reason}); nothing from the bundle was imported"
    )]
    InvalidOperation { reason: String },

    #[error("the bundle holds changes dated {days_ahead} days after this computer's clock, more than the {max_days} days allowed: the sender's clock, or this computer's, is set wrong. Check the date and time on both; the bundle waits in quarantine and is tried again, and once you have checked with the sender you can accept it anyway")]
    ClockTooFarAhead { days_ahead: u64, max_days: u64 },

    #[error("a change in the bundle carries a timestamp this computer's clock cannot follow: the bundle is damaged or forged; it was not imported")]
    ClockUnusable,

    #[error("the bundle comes from a revoked device ({name}) and carries its operation number {seq}, which this organisation did not hold when the device was revoked: it may have been written after the device was lost, so it stays in quarantine")]
    RevokedSignerNotHeld {
        device: DeviceId,
        name: String,
        seq: u64,
    },

    #[error("the bundle holds an attachment of {size} bytes, more than the {max} bytes Pristan keeps: it was not made by Pristan, or was changed")]
    AttachmentTooLarge { size: u64, max: u64 },

    #[error("the bundle holds an attachment that none of its changes names: it was not made by Pristan, or was changed")]
    UnreferencedAttachment,

    #[error("the quarantine is full ({files} files, {bytes} bytes kept): discard bundles you do not need from the quarantine, then import this file again (it was not kept)")]
    QuarantineFull { files: u64, bytes: u64 },

    /// The bundle's roster or its sender's keys were refused (a roster not signed by the
    /// organisation, a device id announcing new keys, …); the message says which.
    #[error("{0}")]
    Organisation(OrgError),

    #[error("{max} devices are already waiting for approval, the most Pristan lists: approve or refuse some, then import this bundle again (it was not kept)")]
    TooManyPendingDevices { max: usize },
    #[error("the bundle carries a change its author's role does not allow ({refusal}); nothing from the bundle was imported")]
    NotPermitted {
        refusal: crate::org::permissions::RoleRefusal,
    },
}

impl BundleError {
    /// Whether the bundle may become importable later without changing the file: its signer is
    /// waiting for approval, or its clock is too far ahead of this one. Such bundles are retried
    /// after each approval (and whenever the quarantine is retried).
    pub fn may_succeed_later(&self) -> bool {
        matches!(
            self,
            BundleError::UnknownSigner { .. } | BundleError::ClockTooFarAhead { .. }
        )
    }

    /// Whether the file itself is kept in quarantine, encrypted as it arrived, to be tried
    /// again: a genuine bundle waiting for an approval or a clock, or one made by a newer
    /// Pristan. Anything else (not a bundle, not for us, damaged, forged, refused for what it
    /// carries) is listed by name, size, hash and reason only, so junk cannot fill the vault.
    pub fn keeps_file(&self) -> bool {
        self.may_succeed_later() || matches!(self, BundleError::UnknownVersion { .. })
    }
}
