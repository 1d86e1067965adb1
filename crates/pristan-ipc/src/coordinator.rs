//! The coordinator's screens: the deadlines board, evidence verification and activity
//! confirmation, referrals and pathways, a case's history, and removal flights.

use chrono::NaiveDate;
use pristan_model::board::{Board, BoardFilter};
use pristan_model::referral::{Pathway, ReferralDecision, ReferralPriority, ReferralStatus};
use pristan_model::{
    EntityId, Flight, FlightTriage, HistoryEntry, HistoryKind, Stored, VerificationLevel,
};
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

/// The coordinator commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const COORDINATOR_COMMAND_NAMES: &[&str] = &[
    GetBoard::NAME,
    VerifyEvidence::NAME,
    ConfirmActivity::NAME,
    ListPathways::NAME,
    AddPathway::NAME,
    UpdatePathway::NAME,
    MarkReferral::NAME,
    UpdateReferral::NAME,
    GetCaseHistory::NAME,
    ListFlights::NAME,
    AddFlight::NAME,
    LinkFlight::NAME,
    UnlinkFlight::NAME,
    GetFlightTriage::NAME,
];

/// Every case's open deadlines for today (the computer's local date), removal-imminent cases
/// first, narrowed by `filter`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GetBoard {
    #[serde(default)]
    pub filter: BoardFilter,
}
command!(GetBoard, "get_board", Board);

/// Records a review step on an evidence item: the level reached, how it was checked (in words),
/// and the attachment (by its SHA-256) that supports it. Returns the step's id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VerifyEvidence {
    pub evidence: EntityId,
    pub level: VerificationLevel,
    pub method: String,
    #[serde(default)]
    pub attachment_sha256: Option<String>,
}
command!(VerifyEvidence, "verify_evidence", EntityId);

/// This coordinator confirms the case's political activity (what was checked, in words).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfirmActivity {
    pub case: EntityId,
    pub checked: String,
}
command!(ConfirmActivity, "confirm_activity", EntityId);

/// Every pathway, the built-in ones included.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListPathways;
command!(ListPathways, "list_pathways", Vec<Stored<Pathway>>);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddPathway {
    pub pathway: Pathway,
}
command!(AddPathway, "add_pathway", EntityId);

/// Saves a pathway's fields: renaming it, changing whom referrals go to, retiring it (no longer
/// offered for new referrals; referrals that name it keep it) or restoring it. A built-in
/// pathway's first edit is stored under its fixed id.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdatePathway {
    pub id: EntityId,
    pub pathway: Pathway,
}
command!(UpdatePathway, "update_pathway", ());

/// Marks the case as a candidate for a pathway, today.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MarkReferral {
    pub case: EntityId,
    pub pathway: EntityId,
    pub priority: ReferralPriority,
}
command!(MarkReferral, "mark_referral", EntityId);

/// Changes a referral; fields left `None` stay as they are. A status is dated `on` (today if
/// not given).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdateReferral {
    pub id: Option<EntityId>,
    pub status: Option<ReferralStatus>,
    pub on: Option<NaiveDate>,
    pub priority: Option<ReferralPriority>,
    pub decision: Option<ReferralDecision>,
    pub recommendation: Option<String>,
}
command!(UpdateReferral, "update_referral", ());

/// A case's history from the operation log, oldest first, optionally of one kind.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetCaseHistory {
    pub case: EntityId,
    #[serde(default)]
    pub kind: Option<HistoryKind>,
}
command!(GetCaseHistory, "get_case_history", Vec<HistoryEntry>);

/// Every reported flight, soonest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListFlights;
command!(ListFlights, "list_flights", Vec<Stored<Flight>>);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddFlight {
    pub flight: Flight,
}
command!(AddFlight, "add_flight", EntityId);

/// Links a case to a flight it is believed to be on, saying why.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkFlight {
    pub flight: EntityId,
    pub case: EntityId,
    #[serde(default)]
    pub note: String,
}
command!(LinkFlight, "link_flight", EntityId);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnlinkFlight {
    pub flight: EntityId,
    pub case: EntityId,
}
command!(UnlinkFlight, "unlink_flight", ());

/// The flight's triage list for today: whom to call first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetFlightTriage {
    pub flight: EntityId,
}
command!(GetFlightTriage, "get_flight_triage", FlightTriage);
