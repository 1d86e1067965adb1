//! The organisation's shapes. Those people see (roles, roster, devices) are shared with the UI
//! from `pristan_model::sync`; the signed roster and the invitation travel between devices.
//! Keys travel as lowercase hex (Ed25519) or as age's bech32 recipient text (`age1…`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use pristan_model::ids::OrgId;
pub use pristan_model::sync::{DeviceIdentity, OrgInfo, RelaySetting, Role, Roster, RosterEntry};

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
    /// The organisation's relay address, signed by the organisation (`org::relay`); absent in
    /// invitations made before relays existed or by an organisation without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay: Option<SignedText>,
    /// The join ticket that lets this device's first bundle through the relay before it is
    /// approved (docs/relay-protocol.md): base64url of the signed ticket, as the relay takes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub join_ticket: Option<String>,
}

/// A small JSON document signed by the organisation key as it travels: the signature is over a
/// domain string followed by exactly this text (docs/relay-protocol.md, "Signed documents").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedText {
    pub json: String,
    pub signature: String,
}

/// A device that sent a bundle but is not on the roster yet, as a coordinator sees it before
/// approving: its fingerprint is what they compare with the volunteer by phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingDevice {
    pub identity: DeviceIdentity,
    pub first_seen: DateTime<Utc>,
    /// [`crate::org::fingerprint`] of the identity, five groups of four digits.
    pub fingerprint: String,
    /// The device this one says it continues (a restored or copied vault), and that device's
    /// name in the roster. A claim until the coordinator confirms it by phone and approves.
    pub replaces: Option<crate::ops::DeviceId>,
    pub replaces_name: Option<String>,
}
