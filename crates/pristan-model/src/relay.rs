//! What syncing through the relay shows people (docs/relay-protocol.md): the report of a sync,
//! the problems it met (ids, never sentences: the interface words them) and the device's relay
//! state. Shared by the core, the relay client, the CLI, the shell and the UI.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::sync::ImportSummary;

/// Why a sync, or one bundle of it, did not go through. The protocol's error codes, and what the
/// client itself can meet. Message id: `relay-problem-` and the snake-case name with dashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelayProblem {
    /// No answer: no network, the relay is down, or the address is wrong. Everything stays queued.
    Unreachable,
    /// The organisation has no relay address, and none was given.
    NoRelay,
    /// This device is not approved yet and has no join ticket (an older invitation).
    NotApprovedYet,
    Unsigned,
    BadSignature,
    /// This computer's clock is more than 10 minutes off the relay's.
    StaleTime,
    Replayed,
    /// A challenge was used too late (a very slow connection): the next sync asks a fresh one.
    ChallengeExpired,
    UnknownDevice,
    RevokedDevice,
    WrongOrganisation,
    TicketInvalid,
    TicketUsedUp,
    NotYours,
    HashMismatch,
    /// The bundle is larger than the relay takes: it stays queued; carry it by folder.
    TooLarge,
    /// The mailbox is full on the relay: it stays queued and goes when there is room.
    OverQuota,
    RateLimited,
    NotFound,
    /// The relay found this Pristan's request malformed (a bug, or a proxy changing requests).
    Malformed,
    /// The relay is there but cannot serve now (its storage is down).
    Unavailable,
    /// The relay answered something this Pristan does not understand (a newer relay?).
    UnexpectedAnswer,
    /// The family status card under this code was revoked by the organisation.
    CardRevoked,
}

impl RelayProblem {
    /// The message id the interface shows for it.
    pub fn message_id(self) -> String {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("relay-problem-{}", name.replace('_', "-"))
    }

    /// Reads a protocol error code (`{"error": "<code>"}`); unknown codes are unexpected.
    pub fn from_code(code: &str) -> RelayProblem {
        serde_json::from_value(serde_json::Value::String(code.to_owned()))
            .unwrap_or(RelayProblem::UnexpectedAnswer)
    }

    /// Whether the problem concerns one bundle only (the rest go on), rather than the relay.
    pub fn is_per_bundle(self) -> bool {
        matches!(
            self,
            RelayProblem::TooLarge | RelayProblem::OverQuota | RelayProblem::HashMismatch
        )
    }

    /// Every problem, for the locale-completeness test.
    pub const ALL: [RelayProblem; 23] = [
        RelayProblem::Unreachable,
        RelayProblem::NoRelay,
        RelayProblem::NotApprovedYet,
        RelayProblem::Unsigned,
        RelayProblem::BadSignature,
        RelayProblem::StaleTime,
        RelayProblem::Replayed,
        RelayProblem::ChallengeExpired,
        RelayProblem::UnknownDevice,
        RelayProblem::RevokedDevice,
        RelayProblem::WrongOrganisation,
        RelayProblem::TicketInvalid,
        RelayProblem::TicketUsedUp,
        RelayProblem::NotYours,
        RelayProblem::HashMismatch,
        RelayProblem::TooLarge,
        RelayProblem::OverQuota,
        RelayProblem::RateLimited,
        RelayProblem::NotFound,
        RelayProblem::Malformed,
        RelayProblem::Unavailable,
        RelayProblem::UnexpectedAnswer,
        RelayProblem::CardRevoked,
    ];
}

/// One problem met during a sync, and the bundle it concerns (the first 12 hex digits of its
/// SHA-256), if it concerns one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayError {
    pub problem: RelayProblem,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
}

/// What one "Sync now" did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelaySyncReport {
    /// Whether the relay answered at all.
    pub reachable: bool,
    /// Whether this coordinator's relay roster was accepted (or already held) by the relay.
    pub roster_sent: bool,
    /// Bundles the relay acknowledged in this sync (including those it already had).
    pub uploaded: usize,
    /// Bundles downloaded from this device's mailbox and the organisation inbox.
    pub downloaded: usize,
    /// Downloaded bundles acknowledged (deleted from the relay for this device).
    pub acknowledged: usize,
    /// The import, as a folder import reports it.
    pub import: ImportSummary,
    /// Bundles still waiting to go (including those held back).
    pub still_queued: usize,
    /// Of those, the ones the relay refused as too large or over quota.
    pub held_back: usize,
    pub errors: Vec<RelayError>,
}

/// The relay as this device knows it, without asking the relay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayLocalState {
    /// The organisation's relay address (signed), if any.
    pub relay_url: Option<String>,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Bundles waiting in the outbox.
    pub waiting: usize,
    /// Of those, refused by the relay as too large or over quota.
    pub held_back: usize,
    /// Whether this device syncs by itself every few minutes while unlocked (off by default).
    pub auto_sync: bool,
    /// Whether this device still needs its join ticket (not approved yet).
    pub waiting_for_approval: bool,
}
