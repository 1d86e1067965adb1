//! An operation: one change in the append-only log, in the form devices exchange and merge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use pristan_model::EntityType;

use super::{DeviceId, EntityId, Hlc, OpStamp, Seq};

/// The change an operation makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// Sets fields; each field is merged on its own by last-writer-wins on `(hlc, device)`.
    Assign {
        fields: BTreeMap<String, Value>,
        /// For each field written, the stamps of that field's heads (the writes no later write
        /// had seen) on the writing device when it wrote: the writes this one replaces. Usually
        /// one; several when a coordinator resolves a conflict. Two writes that did not see each
        /// other are a conflict (see `ops::history`). Operations made before conflicts were kept
        /// have none, and still parse.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        seen: BTreeMap<String, Vec<OpStamp>>,
    },
    /// Creates an immutable record (a note, an event, an attachment) with all its fields. Records
    /// merge as a set: the same record arriving twice is one record.
    Record { fields: BTreeMap<String, Value> },
    /// Hides the entity (a tombstone). Its history stays until it is forgotten.
    Delete,
    /// Forgets a case (the entity) on every device that receives it: its rows, its records, their
    /// history and attachments are purged, and only the case's random id is kept, so that older
    /// operations arriving later are dropped (DESIGN.md §1, §5).
    Forget { reason: ForgetReason },
}

/// Why a person was forgotten. Kept in the log so every device can say why a case disappeared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForgetReason {
    /// The person withdrew consent to keep notes.
    ConsentWithdrawn,
    /// The person asked to be forgotten.
    RequestedByPerson,
    /// The case was opened by mistake (a duplicate, the wrong person).
    EnteredByMistake,
}

impl Change {
    /// Field assignments made here; `record_local` fills `seen` from the local heads.
    pub fn assign(fields: BTreeMap<String, Value>) -> Change {
        Change::Assign {
            fields,
            seen: BTreeMap::new(),
        }
    }
}

/// One recorded change: who made it (`device`, `seq`), when (`hlc`), to what, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub device: DeviceId,
    pub seq: Seq,
    pub hlc: Hlc,
    pub entity_type: EntityType,
    pub entity: EntityId,
    pub change: Change,
}

impl Op {
    /// The order in which concurrent writes are resolved.
    pub fn stamp(&self) -> OpStamp {
        OpStamp {
            hlc: self.hlc,
            device: self.device,
        }
    }
}
