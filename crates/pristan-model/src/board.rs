//! The coordinator's deadlines board and the ranking of removal-imminent cases, as the core
//! computes them for the screens (the rules are in the core's `board` module).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::case::{Attorney, CustodyStatus, FilingStatus};
use crate::ids::{DeviceId, EntityId};
use crate::referral::ReferralStatus;
use crate::views::{CaseDeadline, CaseRef};

/// Whether an attorney is *of record*: a notice of appearance (G-28, EOIR-28 or EOIR-27) is on
/// file. A name alone is not enough: ICE tells an attorney about a transfer only with a G-28 on
/// file, and a court serves only the attorney who appeared.
pub fn has_attorney_of_record(attorney: &Attorney) -> bool {
    [attorney.g28, attorney.eoir28, attorney.eoir27].contains(&FilingStatus::Filed)
}

/// What ranks a removal-imminent case (final order, no stay) against the others. The order, most
/// urgent first: a linked flight (the soonest first), no attorney of record, no stay motion filed,
/// most days since the final order, most days since the last contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalFacts {
    /// The soonest flight, on or after today, the case is linked to.
    pub flight: Option<FlightRef>,
    pub attorney_of_record: bool,
    /// A stay of removal has been asked for and not yet decided.
    pub stay_motion_pending: bool,
    /// The day the removal order became final.
    pub final_order: NaiveDate,
    /// The latest visit (in person, video or phone) on or before today; `None` if never.
    pub last_contact: Option<NaiveDate>,
}

/// A reported removal flight, as a case's row names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlightRef {
    pub id: EntityId,
    pub date: NaiveDate,
    /// The route or destination, as reported.
    pub route: String,
}

/// A removal-imminent case, in rank order on the dashboard and the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovalImminent {
    pub case: CaseRef,
    pub facts: RemovalFacts,
}

/// Narrows the board; every filter left `None` lets every case through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFilter {
    pub facility: Option<EntityId>,
    /// A volunteer's device the case is assigned to.
    pub volunteer: Option<DeviceId>,
    pub custody: Option<CustodyStatus>,
    pub referral: Option<ReferralFilter>,
}

/// Cases never referred, or cases with a referral at this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "status", rename_all = "snake_case")]
pub enum ReferralFilter {
    NotReferred,
    Status(ReferralStatus),
}

/// One case on the board: removal-imminent cases first (ranked), then by the next open deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub case: CaseRef,
    pub custody_status: CustodyStatus,
    pub facility_name: Option<String>,
    /// The names of the volunteers' devices the case is assigned to.
    pub volunteers: Vec<String>,
    /// Set when removal is imminent: what ranks it.
    pub removal: Option<RemovalFacts>,
    /// The status of the case's referral furthest along, if it has any.
    pub referral: Option<ReferralStatus>,
    /// Open deadlines (not met by a filing), soonest first; overdue ones included.
    pub deadlines: Vec<CaseDeadline>,
}

/// A facility or volunteer a filter can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardChoice<Id> {
    pub id: Id,
    pub name: String,
}

/// Every case's deadlines across the organisation, as filtered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub today: NaiveDate,
    pub rows: Vec<BoardRow>,
    /// Removal-imminent cases among `rows`.
    pub removal_imminent: usize,
    /// Cases in the vault, before filtering.
    pub case_count: usize,
    pub facilities: Vec<BoardChoice<EntityId>>,
    pub volunteers: Vec<BoardChoice<DeviceId>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_attorney_is_of_record_only_with_a_notice_on_file() {
        let named = Attorney {
            name: "J. Reyes".into(),
            ..Attorney::default()
        };
        assert!(!has_attorney_of_record(&named));
        for filed in 0..3 {
            let mut attorney = named.clone();
            let field = [
                &mut attorney.g28,
                &mut attorney.eoir28,
                &mut attorney.eoir27,
            ];
            *field.into_iter().nth(filed).unwrap() = FilingStatus::Filed;
            assert!(has_attorney_of_record(&attorney), "{attorney:?}");
        }
    }
}
