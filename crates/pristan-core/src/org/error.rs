//! Why an organisation step was refused. Each message says what is wrong in plain words and what to
//! do; none quotes a key, and none quotes more of a received file than a device's own name.

use crate::ops::DeviceId;

#[derive(Debug, thiserror::Error)]
pub enum OrgError {
    #[error("this vault already belongs to the organisation {name}: a vault can be in one organisation only, so create a new vault for another one")]
    AlreadyInOrganisation { name: String },

    #[error("this vault has not joined an organisation yet: create one (coordinator) or join with an invitation (volunteer) first")]
    NoOrganisation,

    #[error("only a coordinator can do this, and this device is a volunteer's: ask a coordinator")]
    NotCoordinator,

    #[error("the organisation's name is not valid: {reason}")]
    InvalidName { reason: &'static str },

    #[error("the invitation is longer than any Pristan invitation ({length} characters, at most {max}): copy only the text that starts with PRISTAN-INVITE")]
    InvitationTooLong { length: usize, max: usize },

    #[error("this is not a Pristan invitation ({reason}): copy the whole text that starts with PRISTAN-INVITE-1 from the coordinator")]
    InvitationMalformed { reason: &'static str },

    #[error("the invitation was made by a newer Pristan: update Pristan, then paste it again")]
    InvitationTooNew,

    #[error("the invitation text was mistyped or cut short (its checksum does not match): copy it again, whole, from the coordinator")]
    InvitationChecksum,

    #[error("the invitation's organisation ({org_name}) has the fingerprint {actual}, not {expected}: it may have been swapped on the way, so this vault did not join; call your coordinator on a number you already know and ask for a new invitation")]
    FingerprintMismatch {
        org_name: String,
        expected: String,
        actual: String,
    },

    #[error("the {what} is not a valid key: the data is damaged or was not made by Pristan")]
    InvalidKey { what: &'static str },

    #[error(
        "this vault's {what} is damaged and could not be read: restore the vault from a backup"
    )]
    DamagedKeys { what: &'static str },

    #[error("no device {device} is waiting for approval: a device appears here once a bundle from it has been imported")]
    NotPending { device: DeviceId },

    #[error("device {device} is already on the roster")]
    AlreadyApproved { device: DeviceId },

    #[error("device {device} is not on the roster, so there is nothing to revoke")]
    NotInRoster { device: DeviceId },

    #[error("device {device} is already revoked after sequence number {last_good}: a revocation can only move earlier")]
    AlreadyRevoked { device: DeviceId, last_good: u64 },

    #[error("this device was revoked from the organisation, so it cannot become a coordinator: use another device")]
    ThisDeviceRevoked,

    #[error("a device cannot revoke itself: revoke it from another coordinator's device")]
    CannotRevokeSelf,

    #[error("the roster is {size} bytes, more than the {max} a roster may have: it was not made by Pristan")]
    RosterTooLarge { size: usize, max: usize },

    #[error("the roster's signature is not valid: it was changed after a coordinator signed it, or forged, so it was not accepted")]
    RosterSignature,

    #[error("the roster belongs to another organisation, so it was not accepted")]
    RosterOtherOrganisation,

    #[error("the roster is not valid ({reason}), so it was not accepted")]
    RosterMalformed { reason: String },

    #[error("device {name} ({device}) now announces different keys than when it was first seen: someone may be posing as it, so nothing from it was accepted; call its owner and compare fingerprints")]
    KeyChanged { device: DeviceId, name: String },

    #[error("the device name is not valid: {reason}")]
    InvalidDeviceName { reason: &'static str },

    #[error(
        "wrong passphrase for this key file, or the file is damaged: try the passphrase again"
    )]
    WrongPassphrase,

    #[error("this is not a Pristan coordinator key file ({reason}): choose the file exported under Coordinator → Organisation → Export keys")]
    KeyFileMalformed { reason: &'static str },

    #[error("the key file belongs to another organisation than the one this vault is in")]
    KeyFileOtherOrganisation,

    #[error("the relay address is not valid ({reason}): type it as the person running the relay gave it, for example https://relay.example.org")]
    RelayUrlInvalid { reason: &'static str },

    #[error("the invitation's relay address or join ticket is not signed by its organisation: it was changed on the way; ask your coordinator for a new invitation")]
    RelaySignature,

    #[error("the key file could not be encrypted")]
    Encryption(#[source] std::io::Error),
}
