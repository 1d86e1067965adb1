//! What sync shows people: the organisation, its devices, bundle exports and imports, quarantine,
//! gaps and conflicts. Shared by the core (which produces them), the shell and the UI.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::EntityType;
use crate::ids::{DeviceId, EntityId, OrgId};
pub use crate::refusal::{OperationRule, Refusal};

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
    /// Set when the device is revoked: the highest of its operations that are kept; any bundle
    /// reaching past it is quarantined.
    pub revoked_after_seq: Option<u64>,
    /// The device this one continues: a restored or copied vault moves to a new identity, and
    /// the coordinator approves it as the old one's successor. A successor may carry the old
    /// identity's operations that never reached a coordinator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<DeviceId>,
    /// Set with `revoked_after_seq`: exactly the device's operations the revoking coordinator
    /// held, as ranges of sequence numbers. Only these are kept: a bundle from the device with
    /// any other operation (one that fills a gap below `revoked_after_seq`, say) is refused.
    /// Empty on a revocation made before this was recorded, which keeps `1..=revoked_after_seq`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_seqs: Vec<SeqRange>,
}

impl RosterEntry {
    /// Whether operation `seq` of this device is accepted: every one while it is not revoked;
    /// once revoked, only those kept at revocation.
    pub fn keeps(&self, seq: u64) -> bool {
        self.first_not_kept(seq, seq).is_none()
    }

    /// The first of the sequence numbers `first..=last` that is not accepted from this device.
    pub fn first_not_kept(&self, first: u64, last: u64) -> Option<u64> {
        let last_good = self.revoked_after_seq?;
        if self.kept_seqs.is_empty() {
            return (last > last_good).then(|| first.max(last_good.saturating_add(1)));
        }
        // Walk the sorted ranges, moving `next` past each one that covers it.
        let mut next = first;
        let mut ranges: Vec<&SeqRange> = self.kept_seqs.iter().collect();
        ranges.sort_by_key(|r| r.first);
        for range in ranges {
            if next > last {
                return None;
            }
            if range.first > next {
                return Some(next);
            }
            if range.last >= next {
                next = range.last.saturating_add(1);
                if range.last == u64::MAX {
                    return None;
                }
            }
        }
        (next <= last).then_some(next)
    }
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

/// A device's public identity as a bundle header announces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceIdentity {
    pub device: DeviceId,
    pub name: String,
    pub signing_key: String,
    pub recipient: String,
}

/// What a bundle is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BundleKind {
    /// A device's own operations that the coordinators have not seen yet.
    Ops,
    /// A coordinator's packet to one volunteer: the assigned cases' operations from every
    /// device, each with its original device, sequence number and clock.
    CasePacket,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeqRange {
    pub first: u64,
    pub last: u64,
}

/// Which of one device's operations this vault holds, for a coordinator to see before revoking
/// it: only the held ones will be accepted from it afterwards, so the missing ones are lost
/// unless they arrive first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldOps {
    /// Sequence numbers held, as ranges in order.
    pub held: Vec<SeqRange>,
    /// Sequence numbers below the highest held that are not here: bundles not yet received (or
    /// operations of a forgotten case, which are not kept).
    pub missing: Vec<SeqRange>,
}

/// Where a long export or import is, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Collecting,
    Compressing,
    Encrypting,
    Writing,
    Importing,
    Done,
}

impl Progress {
    pub fn new(stage: Stage, done: u64, total: u64) -> Progress {
        Progress { stage, done, total }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportReport {
    /// Where the (first) file was written (shown to the user; they chose the folder).
    pub path: String,
    /// Every file written, in order: a large export is split into several bundles so each stays
    /// within what other devices accept. All of them are to be carried.
    #[serde(default)]
    pub paths: Vec<String>,
    pub kind: BundleKind,
    /// The (last) bundle's number in its stream (1 for the first).
    pub number: u64,
    pub ops: usize,
    pub attachments: usize,
    pub bytes: u64,
    pub seq_range: Option<SeqRange>,
}

/// What an export did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ExportOutcome {
    Written(ExportReport),
    /// Nothing was written: the coordinators have been sent everything already.
    NothingNew,
}

/// What importing one file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FileOutcome {
    Imported(ImportCounts),
    /// The bundle was imported before: nothing changed.
    AlreadyImported {
        sender_name: String,
    },
    /// Kept, still encrypted, with the reason; `waiting` when it will be retried on approval.
    Quarantined {
        reason: Refusal,
        waiting: bool,
    },
    /// Not kept (too large to hold, or unreadable from disk): the reason says what to do.
    Rejected {
        reason: Refusal,
    },
}

/// What one imported bundle brought.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub sender_name: String,
    pub kind: Option<BundleKind>,
    pub new_ops: usize,
    pub duplicate_ops: usize,
    pub new_cases: usize,
    pub new_notes: usize,
    pub new_records: usize,
    pub updated_fields: usize,
    pub forgotten: usize,
    pub attachments: usize,
    /// Set when a received change was stamped more than a day after this computer's clock: the
    /// sender's clock (or this one) is set wrong. Merging stays correct; a person should fix it.
    #[serde(default)]
    pub clock_ahead_ms: Option<u64>,
    /// Devices for which this bundle brought an operation different from one already held under
    /// the same device and sequence number: two copies of one vault are in use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forks: Vec<ForkView>,
}

/// Two different copies of one device's vault wrote under the same identity: this vault holds
/// two different operations for the same `(device, seq)`. Both are kept; the second waits aside
/// until the coordinator revokes the identity at `last_common_seq` and the copies continue under
/// new identities (docs/sync-plan.md, "Forks").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForkView {
    pub device: DeviceId,
    pub device_name: String,
    /// The first sequence number under which two different operations arrived.
    pub first_seq: u64,
    /// The last sequence number both copies share: where to revoke the old identity.
    pub last_common_seq: u64,
    /// Who sent the bundle that conflicted with what was received before, and its number.
    pub bundle_sender_name: String,
    pub bundle_number: Option<u64>,
    /// How many operations wait aside.
    pub ops_aside: u64,
    /// The identity is revoked at or below `last_common_seq`: the copies are moving to new
    /// identities and issue their writes again; nothing more to do but to approve them.
    pub resolved: bool,
}

/// Why this vault moved to a new device identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityChangeReason {
    /// The vault was restored from a backup.
    Restored,
    /// The vault's folder was copied (or moved to another disk).
    Copied,
    /// Another copy of this vault wrote under the same identity (seen in a case packet).
    ForkSeen,
    /// A coordinator revoked the old identity (after two copies of it were in use, say).
    Revoked,
}

/// Shown until the user has read it: this vault continues under a new device identity, which a
/// coordinator must approve before its bundles are accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityNotice {
    pub previous: DeviceId,
    pub current: DeviceId,
    pub reason: IdentityChangeReason,
    pub at: DateTime<Utc>,
    /// Operations of the old identity issued again under the new one.
    pub reissued: u64,
}

/// One file's result in an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileResult {
    /// The file's name only (never used as a path by anything that reads the bundle).
    pub file_name: String,
    pub outcome: FileOutcome,
}

/// What an import did, file by file and in total.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub files: Vec<FileResult>,
    pub totals: ImportCounts,
    pub imported: usize,
    pub already_imported: usize,
    pub quarantined: usize,
    pub rejected: usize,
    /// Conflicts waiting for a coordinator after the import.
    pub conflicts: usize,
    pub gaps: Vec<Gap>,
    /// Every unresolved fork this vault holds after the import (see [`ForkView`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forks: Vec<ForkView>,
}

/// A bundle kept encrypted, with why it was not imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarantinedBundle {
    /// SHA-256 of the file: its name in this list.
    pub file_hash: String,
    pub file_name: String,
    pub reason: Refusal,
    /// Waiting for its device to be approved; retried after each approval.
    pub waiting: bool,
    pub received_at: String,
    pub size: u64,
    /// Whether the file's bytes are kept, to be tried again. A file that could never import (not
    /// a bundle, not for this organisation, damaged, forged) is listed by name, size, hash and
    /// reason only.
    #[serde(default)]
    pub kept: bool,
}

/// Bundles missing from a sender's stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub sender: DeviceId,
    pub sender_name: String,
    /// The missing bundle numbers (at most the first 20).
    pub missing: Vec<u64>,
}

/// A field two devices changed without seeing each other's change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    pub entity_type: EntityType,
    pub entity: EntityId,
    pub case_id: Option<EntityId>,
    pub field: String,
    pub values: Vec<ConflictValueView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValueView {
    pub value: serde_json::Value,
    pub device: DeviceId,
    /// When it was written, by the writing device's clock.
    pub written_at: DateTime<Utc>,
    /// Whether this is the value shown meanwhile (the last writer's).
    pub shown: bool,
}

/// Why an operation was refused for the role of the device that made it. The interface words
/// each one in the user's language; [`std::fmt::Display`] is the English the CLI prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleRefusal {
    /// Choosing which volunteers' devices a case goes to is a coordinator's decision.
    AssignCase,
    /// Forgetting a person must reach every device, so it comes from a coordinator.
    Forget,
    /// Marking evidence as corroborated or verified is a coordinator's judgement.
    VerifyEvidence,
    /// Confirming a case's political activity is a coordinator's judgement (two are needed).
    ConfirmActivity,
    /// The same coordinator (this device, or the one it replaces) already confirmed the case: the
    /// second confirmation must come from a different coordinator.
    ConfirmTwice,
    /// Referrals and the list of pathways are a coordinator's.
    Referral,
    /// Recording removal flights and linking cases to them is a coordinator's.
    RecordFlight,
    /// Choosing between conflicting writes is a coordinator's decision.
    ResolveConflict,
}

impl std::fmt::Display for RoleRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RoleRefusal::AssignCase => {
                "only a coordinator assigns cases: ask your coordinator to assign this one"
            }
            RoleRefusal::Forget => {
                "only a coordinator can forget a person, so that every device forgets them: \
                 ask your coordinator to do it"
            }
            RoleRefusal::VerifyEvidence => {
                "only a coordinator marks evidence as corroborated or verified: choose claimed or \
                 documented, or ask your coordinator"
            }
            RoleRefusal::ConfirmActivity => {
                "only a coordinator confirms a person's political activity: ask your coordinator"
            }
            RoleRefusal::ConfirmTwice => {
                "you have already confirmed this case: a second, different coordinator must \
                 confirm it"
            }
            RoleRefusal::Referral => {
                "only a coordinator marks referrals and edits the list of pathways: ask your \
                 coordinator"
            }
            RoleRefusal::RecordFlight => {
                "only a coordinator records removal flights and links cases to them: tell your \
                 coordinator what you heard"
            }
            RoleRefusal::ResolveConflict => {
                "only a coordinator resolves conflicting changes: your coordinator will choose"
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(revoked_after_seq: Option<u64>, kept: &[(u64, u64)]) -> RosterEntry {
        RosterEntry {
            device: DeviceId::from_bytes([1; 16]),
            name: "Anna's laptop".into(),
            role: Role::Volunteer,
            signing_key: String::new(),
            recipient: String::new(),
            approved_at: DateTime::<Utc>::MIN_UTC,
            revoked_after_seq,
            kept_seqs: kept
                .iter()
                .map(|&(first, last)| SeqRange { first, last })
                .collect(),
            replaces: None,
        }
    }

    #[test]
    fn a_device_not_revoked_keeps_everything() {
        let active = entry(None, &[]);
        assert!(active.keeps(1) && active.keeps(u64::MAX));
        assert_eq!(active.first_not_kept(1, u64::MAX), None);
    }

    #[test]
    fn a_revocation_keeps_exactly_the_held_ranges() {
        // Held 1–2 and 4–6; 3 was missing when the device was revoked.
        let revoked = entry(Some(6), &[(4, 6), (1, 2)]);
        assert!(revoked.keeps(1) && revoked.keeps(2) && revoked.keeps(5));
        assert!(!revoked.keeps(3) && !revoked.keeps(7) && !revoked.keeps(0));
        assert_eq!(revoked.first_not_kept(1, 2), None);
        assert_eq!(revoked.first_not_kept(1, 6), Some(3));
        assert_eq!(revoked.first_not_kept(4, 9), Some(7));
        assert_eq!(revoked.first_not_kept(3, 3), Some(3));
    }

    #[test]
    fn an_older_revocation_without_ranges_keeps_the_prefix() {
        let revoked = entry(Some(4), &[]);
        assert_eq!(revoked.first_not_kept(1, 4), None);
        assert_eq!(revoked.first_not_kept(2, 9), Some(5));
        assert_eq!(revoked.first_not_kept(7, 9), Some(7));
        let nothing = entry(Some(0), &[]);
        assert_eq!(nothing.first_not_kept(1, 1), Some(1));
    }
}
