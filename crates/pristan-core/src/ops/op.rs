//! An operation: one change in the append-only log, in the form devices exchange and merge.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{DeviceId, EntityId, Hlc, OpStamp, Seq};

/// What kind of record an operation changes. Each has a materialised table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityType {
    Case,
    Facility,
    Visit,
    Note,
    CustodyEvent,
    LegalEvent,
    Task,
    Consent,
    Relative,
    Evidence,
    Attachment,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Case => "case",
            EntityType::Facility => "facility",
            EntityType::Visit => "visit",
            EntityType::Note => "note",
            EntityType::CustodyEvent => "custody_event",
            EntityType::LegalEvent => "legal_event",
            EntityType::Task => "task",
            EntityType::Consent => "consent",
            EntityType::Relative => "relative",
            EntityType::Evidence => "evidence",
            EntityType::Attachment => "attachment",
        }
    }
}

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
