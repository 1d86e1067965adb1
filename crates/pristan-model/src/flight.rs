//! Reported removal flights, the cases believed to be on them, and the triage list (issue 13).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::EntityId;
use crate::text::{LongText, ShortText};
use crate::views::{CaseDeadline, CaseRef};

/// A removal flight someone reported. Mutable; belongs to no case. Its notes are the
/// organisation's, not a person's: names belong in the linked cases, never here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Flight {
    /// The day it is expected to leave.
    pub date: Option<NaiveDate>,
    /// The route or the destination: "Alexandria LA → Cairo → Moscow".
    pub route: ShortText,
    /// Who reported it: "an attorney at the facility", "Witness at the Border".
    pub source: ShortText,
    pub notes: LongText,
}

/// A case believed to be on a flight. Mutable (the note); deleting it unlinks the case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlightLink {
    pub case_id: Option<EntityId>,
    pub flight_id: Option<EntityId>,
    /// Why the case is believed to be on it.
    pub note: ShortText,
}

/// A flight a case is linked to, as its case page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedFlight {
    pub link_id: EntityId,
    pub flight_id: EntityId,
    pub flight: Flight,
}

/// The groups of the triage list, in the order they are listed (docs/coordinator.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriageGroup {
    /// A final order, no stay, nothing pending: nothing stands between the person and the plane.
    FinalOrderNoStay,
    /// A motion (to reopen, to reconsider, for a stay) or a petition for review is pending, but
    /// removal is not stayed.
    PendingMotion,
    /// Removal is stayed today.
    Stayed,
    /// No final order: still in proceedings (removal should not be possible, so check why the
    /// case is believed to be on the flight).
    NoFinalOrder,
}

impl TriageGroup {
    pub fn message_id(self) -> &'static str {
        match self {
            TriageGroup::FinalOrderNoStay => "triage-group-final-order-no-stay",
            TriageGroup::PendingMotion => "triage-group-pending-motion",
            TriageGroup::Stayed => "triage-group-stayed",
            TriageGroup::NoFinalOrder => "triage-group-no-final-order",
        }
    }
}

/// One linked case on the triage list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageRow {
    pub case: CaseRef,
    pub group: TriageGroup,
    pub final_order: Option<NaiveDate>,
    pub removal_stayed: bool,
    pub pending_motion: bool,
    /// An attorney's notice of appearance (G-28, EOIR-28 or EOIR-27) is on file.
    pub attorney_of_record: bool,
    /// The soonest open deadline.
    pub next_deadline: Option<CaseDeadline>,
    /// The last visit (in person, by phone or video) with the person.
    pub last_contact: Option<NaiveDate>,
}

/// Whom to call first about a flight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlightTriage {
    pub flight_id: EntityId,
    pub flight: Flight,
    /// Days from today to the flight (negative once it has left); `None` without a date.
    pub days_until: Option<i64>,
    pub today: NaiveDate,
    /// In the documented order.
    pub rows: Vec<TriageRow>,
}
