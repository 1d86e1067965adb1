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
    Assign { fields: BTreeMap<String, Value> },
    /// Creates an immutable record (a note, an event, an attachment) with all its fields. Records
    /// merge as a set: the same record arriving twice is one record.
    Record { fields: BTreeMap<String, Value> },
    /// Hides the entity (a tombstone). Its history stays until it is forgotten.
    Delete,
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
