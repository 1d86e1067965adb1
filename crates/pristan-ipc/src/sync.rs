//! Commands for sync: the organisation, this device's identity, exporting and importing bundles,
//! quarantine and gaps, the coordinator's roster and conflicts, case packets, assignments and
//! forgetting a person. Every one needs an unlocked vault and answers `Locked` otherwise.
//!
//! Views the core computes (the roster, import summaries, conflicts) are the model's own types,
//! so the shell passes them through unchanged.

use std::collections::BTreeMap;

use pristan_model::sync::{
    ConflictView, ExportOutcome, ExportReport, FileOutcome, ForkView, Gap, HeldOps, IdentityNotice,
    ImportSummary, OrgInfo, Progress, QuarantinedBundle, Role, RosterEntry,
};
use pristan_model::{DeviceId, EntityId};
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

/// The sync commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const SYNC_COMMAND_NAMES: &[&str] = &[
    GetSyncStatus::NAME,
    CreateOrganisation::NAME,
    MakeInvitation::NAME,
    ReadInvitation::NAME,
    JoinOrganisation::NAME,
    ExportBundle::NAME,
    ImportBundles::NAME,
    GetSyncProgress::NAME,
    RetryQuarantine::NAME,
    DiscardQuarantined::NAME,
    AcceptClockAhead::NAME,
    ListDevices::NAME,
    ApproveDevice::NAME,
    RevokeDevice::NAME,
    ListConflicts::NAME,
    ResolveConflict::NAME,
    SendCasePacket::NAME,
    AssignCase::NAME,
    ForgetCase::NAME,
    DismissIdentityNotice::NAME,
];

/// Everything the Sync screen shows before anything is exported or imported.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetSyncStatus;
command!(GetSyncStatus, "get_sync_status", SyncStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    /// `None` until this vault creates or joins an organisation.
    pub org: Option<OrgInfo>,
    pub device_name: String,
    /// This device's fingerprint, to read aloud to a coordinator; `None` before it has keys.
    pub device_fingerprint: Option<String>,
    /// This device's operations the coordinators have not been sent yet.
    pub unsent_ops: u64,
    /// Cases with changes kept on this laptop because the person has not agreed to share with
    /// the coordinator (or withdrew that consent); they are in no bundle.
    #[serde(default)]
    pub held_back_cases: u64,
    pub quarantine: Vec<QuarantinedBundle>,
    pub gaps: Vec<Gap>,
    /// Devices waiting for a coordinator's approval (always 0 on a volunteer's device).
    pub pending_devices: usize,
    /// Conflicts waiting for a coordinator (always 0 on a volunteer's device).
    pub conflicts: usize,
    /// Folders worth offering for export and import: mounted USB sticks, then Downloads.
    pub suggested_folders: Vec<String>,
    /// Two copies of one device's vault in use, not yet resolved (see `ForkView`).
    #[serde(default)]
    pub forks: Vec<ForkView>,
    /// Set when this vault moved to a new device identity, until dismissed.
    #[serde(default)]
    pub identity_notice: Option<IdentityNotice>,
}

/// The user has read that this vault moved to a new device identity.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DismissIdentityNotice;
command!(DismissIdentityNotice, "dismiss_identity_notice", ());

/// Makes this vault a new organisation's first coordinator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateOrganisation {
    pub name: String,
    /// What to call this device in the roster ("Main office laptop"); kept if absent or blank.
    #[serde(default)]
    pub device_name: Option<String>,
}
command!(CreateOrganisation, "create_organisation", OrgInfo);

/// The text a volunteer pastes to join the organisation (a coordinator's command).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MakeInvitation;
command!(MakeInvitation, "make_invitation", InvitationText);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationText {
    pub text: String,
    /// The organisation's fingerprint, for the coordinator to read aloud to the volunteer.
    pub org_fingerprint: String,
}

/// What a pasted invitation says, shown before joining: the organisation's name and the
/// fingerprint the volunteer compares aloud with the coordinator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadInvitation {
    pub invitation: String,
}
command!(ReadInvitation, "read_invitation", InvitationPreview);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub org_name: String,
    pub org_fingerprint: String,
}

/// Joins the organisation an invitation names; the device then waits for a coordinator's
/// approval, which arrives in the next bundle from a coordinator.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinOrganisation {
    pub invitation: String,
    /// The organisation fingerprint the volunteer compared aloud (as shown by
    /// [`ReadInvitation`]); an invitation of an organisation with another one is refused.
    pub org_fingerprint: String,
    /// What the coordinator sees this device as ("Anna's laptop"); kept if absent or blank.
    #[serde(default)]
    pub device_name: Option<String>,
}
command!(JoinOrganisation, "join_organisation", OrgInfo);

/// Writes a bundle of everything the coordinators have not been sent yet into `folder`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportBundle {
    pub folder: String,
}
command!(ExportBundle, "export_bundle", ExportOutcome);

/// Imports bundle files; a path may name a folder, whose bundle files are all imported.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportBundles {
    pub paths: Vec<String>,
}
command!(ImportBundles, "import_bundles", ImportSummary);

/// Where the running export or import is; `None` when none runs. The UI polls it while waiting
/// for [`ExportBundle`] or [`ImportBundles`] to answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetSyncProgress;
command!(GetSyncProgress, "get_sync_progress", Option<Progress>);

/// Tries every quarantined bundle again (after a device was approved, say).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetryQuarantine;
command!(RetryQuarantine, "retry_quarantine", ImportSummary);

/// Deletes one quarantined bundle, named by its file's SHA-256.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscardQuarantined {
    pub file_hash: String,
}
command!(DiscardQuarantined, "discard_quarantined", ());

/// Imports one quarantined bundle that waits because its changes are dated more than seven days
/// after this computer's clock, once a person has checked the dates with its sender. This
/// computer's clock does not follow those dates; every other check still applies.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AcceptClockAhead {
    pub file_hash: String,
}
command!(AcceptClockAhead, "accept_clock_ahead", FileOutcome);

/// The roster and the devices waiting for approval (a coordinator's command).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListDevices;
command!(ListDevices, "list_devices", DeviceList);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceList {
    pub roster: Vec<DeviceRow>,
    pub pending: Vec<PendingDeviceRow>,
}

/// An approved device, with the fingerprint people compare aloud.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRow {
    pub entry: RosterEntry,
    pub fingerprint: String,
    /// Whether this is the device the app runs on.
    pub this_device: bool,
    /// Which of the device's operations this vault holds, and which are missing: shown before
    /// revoking it, since only the held ones are accepted from it afterwards. `None` for this
    /// device.
    #[serde(default)]
    pub held: Option<HeldOps>,
}

/// A device that sent a bundle or asked to join, not yet in the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingDeviceRow {
    pub device: DeviceId,
    pub name: String,
    pub fingerprint: String,
    /// RFC 3339, UTC.
    pub first_seen: String,
    /// The device this one says it continues (a restored or copied vault), by its roster name
    /// (or its id when the roster does not know it).
    #[serde(default)]
    pub replaces: Option<String>,
}

/// Adds a pending device to the roster with `role`; its waiting bundles are retried.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApproveDevice {
    pub device: DeviceId,
    pub role: Role,
}
command!(ApproveDevice, "approve_device", DeviceList);

/// Revokes a device. Exactly its operations this vault holds are kept (those up to
/// `last_good_seq` among them, when given); any bundle from it with another operation is
/// quarantined.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RevokeDevice {
    pub device: DeviceId,
    pub last_good_seq: Option<u64>,
}
command!(RevokeDevice, "revoke_device", DeviceList);

/// Conflicts waiting for a coordinator, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListConflicts;
command!(ListConflicts, "list_conflicts", Vec<ConflictRow>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictRow {
    pub conflict: ConflictView,
    /// The case's name, when the record belongs to a case still in the vault.
    pub case_name: Option<String>,
    /// The names of the devices that wrote the values, as the roster knows them.
    pub device_names: BTreeMap<DeviceId, String>,
}

/// Keeps `value` for the conflicting field: it is written as a new change, which every device
/// receives, and the conflict is closed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResolveConflict {
    pub entity: EntityId,
    pub field: String,
    pub value: serde_json::Value,
}
command!(ResolveConflict, "resolve_conflict", ());

/// Writes a case packet for one volunteer device (its assigned cases) into `folder`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendCasePacket {
    pub device: DeviceId,
    pub folder: String,
}
command!(SendCasePacket, "send_case_packet", ExportReport);

/// Sets the volunteers' devices a case is assigned to (replacing the previous list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssignCase {
    pub case_id: EntityId,
    pub devices: Vec<DeviceId>,
}
command!(AssignCase, "assign_case", ());

/// Why a person is forgotten; kept with the instruction that travels to every device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForgetReasonChoice {
    ConsentWithdrawn,
    RequestedByPerson,
    EnteredByMistake,
}

impl ForgetReasonChoice {
    pub const ALL: [ForgetReasonChoice; 3] = [
        ForgetReasonChoice::ConsentWithdrawn,
        ForgetReasonChoice::RequestedByPerson,
        ForgetReasonChoice::EnteredByMistake,
    ];

    /// The snake_case spelling serde uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ForgetReasonChoice::ConsentWithdrawn => "consent_withdrawn",
            ForgetReasonChoice::RequestedByPerson => "requested_by_person",
            ForgetReasonChoice::EnteredByMistake => "entered_by_mistake",
        }
    }

    pub fn parse(text: &str) -> Option<ForgetReasonChoice> {
        ForgetReasonChoice::ALL
            .into_iter()
            .find(|reason| reason.as_str() == text)
    }
}

/// Removes everything about a person from this vault, and sends the instruction to every device
/// that imports it. `typed_name` is what the user typed to confirm; the shell refuses the command
/// unless it equals the case's name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ForgetCase {
    pub case_id: EntityId,
    pub reason: ForgetReasonChoice,
    pub typed_name: String,
}
command!(ForgetCase, "forget_case", ());
