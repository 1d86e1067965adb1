//! A case's history (the audit trail), read from the operation log (issue 13).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::entity::EntityType;
use crate::ids::EntityId;
use crate::string_enum;
use crate::verification::Author;

string_enum! {
    /// What kind of change a history entry is, for filtering.
    pub enum HistoryKind {
        /// A change made on this device.
        Edit = "edit",
        /// A change made on another device, received in a bundle or case packet.
        Import = "import",
        /// A coordinator's choice between conflicting writes.
        ConflictResolution = "conflict_resolution",
        /// An evidence review step, an activity confirmation, or an evidence level set.
        VerificationStep = "verification_step",
        Referral = "referral",
        /// A flight linked to or unlinked from the case.
        Flight = "flight",
    }
}

/// One change: which record and field, from what to what, by whom, when. Values are the JSON
/// values the operations carry; notes and other immutable records appear once, as created, with
/// no values (a restricted note's text must not surface here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub by: Author,
    pub kind: HistoryKind,
    /// Whether it arrived from another device (as opposed to being made here).
    pub received: bool,
    pub entity_type: EntityType,
    pub entity: EntityId,
    /// The field changed; `None` for a record created whole or deleted.
    pub field: Option<String>,
    pub from: Option<Value>,
    pub to: Option<Value>,
    /// The record was deleted (a tombstone).
    pub deleted: bool,
}
