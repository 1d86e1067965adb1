//! The organisation's public shapes: roles, the signed roster of approved devices, invitations and
//! the fingerprints people compare aloud. Keys travel as lowercase hex (Ed25519) or as age's
//! bech32 recipient text (`age1…`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use pristan_model::ids::DeviceId;
pub use pristan_model::ids::OrgId;

/// What a device may do in the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Holds the organisation's keys: decrypts every bundle, approves devices, sends case packets.
    Coordinator,
    /// Writes up visits; sends bundles to the coordinators and receives case packets.
    Volunteer,
}

/// One approved device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub device: DeviceId,
    /// What the device's owner called it ("Anna's laptop"); shown, never trusted.
    pub name: String,
    pub role: Role,
    /// The device's Ed25519 public key, 64 lowercase hex digits.
    pub signing_key: String,
    /// The device's age X25519 recipient (`age1…`).
    pub recipient: String,
    pub approved_at: DateTime<Utc>,
    /// Set when the device is revoked: its operations up to this sequence number are kept; any
    /// bundle reaching past it is quarantined.
    pub revoked_after_seq: Option<u64>,
}

/// The organisation's list of approved devices. Every change makes a new version, signed with
/// the organisation's key; a device accepts a roster only with a higher version than its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    pub org: OrgId,
    pub version: u64,
    pub issued_at: DateTime<Utc>,
    pub entries: Vec<RosterEntry>,
}

/// A roster as it travels: the exact JSON text that was signed, and the organisation's Ed25519
/// signature over `b"pristan-roster-v1\n" || roster_json` (128 lowercase hex digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRoster {
    pub roster_json: String,
    pub signature: String,
}

/// What a volunteer needs to join: the organisation's name and id, its public signing key (to
/// check rosters) and its age recipient (to encrypt bundles to the coordinators).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub org: OrgId,
    pub org_name: String,
    /// The organisation's Ed25519 public key, 64 lowercase hex digits.
    pub org_signing_key: String,
    /// The organisation's age X25519 recipient (`age1…`).
    pub org_recipient: String,
    pub created_at: DateTime<Utc>,
}

/// The organisation as this vault knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgInfo {
    pub org: OrgId,
    pub name: String,
    /// This device's role: coordinator if the vault holds the organisation's keys.
    pub role: Role,
    pub org_signing_key: String,
    pub org_recipient: String,
    /// The version of the newest roster this vault has accepted (0 before any).
    pub roster_version: u64,
}

/// A device's public identity as a bundle header announces it, kept while the device waits for
/// approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceIdentity {
    pub device: DeviceId,
    pub name: String,
    pub signing_key: String,
    pub recipient: String,
}
