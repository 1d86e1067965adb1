//! What the board reads besides cases and legal events, each in one query for every case.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::coordination::linked_flights_by_case;
use crate::domain::board::FlightRef;
use crate::domain::referral::{Referral, ReferralStatus};
use crate::domain::views::CaseStatus;
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

/// Each case's soonest linked flight that has not left yet (dated today or later). A flight
/// without a date cannot be counted down, so it does not rank a case.
pub fn soonest_flights(vault: &Vault, today: NaiveDate) -> Result<HashMap<EntityId, FlightRef>> {
    Ok(linked_flights_by_case(vault)?
        .into_iter()
        .filter_map(|(case, linked)| {
            let soonest = linked
                .into_iter()
                .filter_map(|l| Some((l.flight.date?, l)))
                .filter(|(date, _)| *date >= today)
                .min_by_key(|(date, l)| (*date, l.flight_id))?;
            let (date, linked) = soonest;
            Some((
                case,
                FlightRef {
                    id: linked.flight_id,
                    date,
                    route: linked.flight.route.to_string(),
                },
            ))
        })
        .collect())
}

/// Each referred case's referral statuses, furthest along first (a case may be put forward for
/// more than one pathway).
pub fn referral_statuses(vault: &Vault) -> Result<HashMap<EntityId, Vec<ReferralStatus>>> {
    let mut statuses: HashMap<EntityId, Vec<ReferralStatus>> = HashMap::new();
    for referral in vault.list_all::<Referral>()? {
        if let Some(case) = referral.record.case_id {
            statuses
                .entry(case)
                .or_default()
                .push(referral.record.status);
        }
    }
    for list in statuses.values_mut() {
        list.sort_by(|a, b| b.cmp(a));
        list.dedup();
    }
    Ok(statuses)
}

/// The last contact with `case` (the latest date of a visit, in person, video or phone, on or
/// before `today`) if its removal is imminent, the only rows that show it; `None` otherwise, or if
/// it was never visited. One search of the case's visit dates, so a board of a thousand cases
/// searches only for the few whose removal is imminent.
pub fn last_contact_if_imminent(
    vault: &Vault,
    case: EntityId,
    status: &CaseStatus,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    if !status.removal_imminent {
        return Ok(None);
    }
    crate::case_facts::last_contact(vault.connection(), case, today)
}
