//! Commands for syncing through the organisation's relay (docs/relay-protocol.md): Sync now (a
//! job whose progress `GetSyncProgress` reports, like a folder import), the relay's status, this
//! device's automatic sync, and the coordinator's relay address.

use pristan_model::relay::{RelayLocalState, RelaySyncReport};
use pristan_model::sync::OrgInfo;
use serde::{Deserialize, Serialize};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The relay commands' names.
pub const RELAY_COMMAND_NAMES: &[&str] = &[
    SyncNow::NAME,
    GetRelayStatus::NAME,
    CheckRelay::NAME,
    SetRelayAutoSync::NAME,
    SetRelayAddress::NAME,
];

/// Sends what waits in the outbox and imports what waits on the relay for this device. Problems
/// with the relay are in the report (everything stays queued); only a vault problem is an error.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SyncNow;
command!(SyncNow, "sync_now", RelaySyncReport);

/// What the Sync screen shows of the relay, without calling it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetRelayStatus;
command!(GetRelayStatus, "get_relay_status", RelayStatus);

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayStatus {
    pub local: RelayLocalState,
    /// Whether the relay answered the last time this window tried (a sync or a check); `None`
    /// before any try.
    pub reachable: Option<bool>,
    /// Whether an automatic sync is running now.
    #[serde(default)]
    pub syncing: bool,
}

/// Asks the relay whether it answers (a few seconds at most); answers `reachable`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckRelay;
command!(CheckRelay, "check_relay", bool);

/// Turns this device's automatic sync (every few minutes while unlocked) on or off.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetRelayAutoSync {
    pub on: bool,
}
command!(SetRelayAutoSync, "set_relay_auto_sync", ());

/// Sets (or with `None` removes) the organisation's relay address: a coordinator's command. The
/// address is signed into the roster and reaches volunteers with their next case packet.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetRelayAddress {
    pub url: Option<String>,
}
command!(SetRelayAddress, "set_relay_address", OrgInfo);
