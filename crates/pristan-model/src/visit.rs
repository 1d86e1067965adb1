//! Visits and the notes written during or after them.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::string_enum;
use crate::text::{LongText, ShortText};

string_enum! {
    #[derive(Default)]
    pub enum VisitMode {
        #[default]
        InPerson = "in_person",
        Video = "video",
        Phone = "phone",
    }
}

string_enum! {
    /// What a note is about; a visit write-up has one section per kind.
    #[derive(Default)]
    pub enum NoteKind {
        #[default]
        Welfare = "welfare",
        Medical = "medical",
        Legal = "legal",
        Family = "family",
        Needs = "needs",
        Observation = "observation",
    }
}

string_enum! {
    /// Restricted notes hold what could harm the person or their family if it leaked (health,
    /// family in Russia, details of political activity): they are shown only on purpose.
    #[derive(Default)]
    pub enum Sensitivity {
        #[default]
        Normal = "normal",
        Restricted = "restricted",
    }
}

/// A visit to a detained person (in person, by video or by phone). Its fields may be corrected.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Visit {
    pub case_id: Option<EntityId>,
    pub facility_id: Option<EntityId>,
    pub date: Option<NaiveDate>,
    /// Local time at the facility.
    pub start_time: Option<NaiveTime>,
    pub mode: VisitMode,
    pub language: ShortText,
    /// The interpreter's name, or empty when there was none.
    pub interpreter: ShortText,
    pub visitors: ShortText,
}

/// A volunteer's note: immutable once saved. Correcting it saves a new note that `replaces` it;
/// the newest revision is shown and the chain stays as history.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    pub case_id: Option<EntityId>,
    pub visit_id: Option<EntityId>,
    pub kind: NoteKind,
    pub sensitivity: Sensitivity,
    pub text: LongText,
    pub replaces: Option<EntityId>,
}
