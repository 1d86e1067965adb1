//! Removal flights, the cases linked to them, and the triage list: whom to call first
//! (docs/coordinator.md, "Flight triage").
//!
//! The order, as documented: first the groups, in this order:
//! 1. a final order with no stay and nothing pending ([`TriageGroup::FinalOrderNoStay`]);
//! 2. a pending motion or petition, removal not stayed ([`TriageGroup::PendingMotion`]);
//! 3. removal stayed ([`TriageGroup::Stayed`]);
//! 4. no final order ([`TriageGroup::NoFinalOrder`]).
//!
//! Within a group: no attorney of record first; then the soonest open deadline (cases without
//! one after those with one); then the longest since the last contact (never contacted first);
//! then by name and id, so the order is total.

use chrono::NaiveDate;

use crate::domain::views::{CaseDeadline, CaseFile, CaseRef};
use crate::domain::{
    FilingStatus, Flight, FlightLink, FlightTriage, LegalEventKind, LinkedFlight, Outcome, Stored,
    TriageGroup, TriageRow,
};
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

use super::verification::invalid;

/// Records a reported flight (coordinators only).
pub fn add_flight(vault: &mut Vault, flight: Flight) -> Result<EntityId> {
    vault.add(flight)
}

/// Saves a corrected flight (a new date, a better source).
pub fn update_flight(vault: &mut Vault, id: EntityId, flight: Flight) -> Result<()> {
    vault.update(id, flight)
}

/// Every flight, soonest first (undated last).
pub fn flights(vault: &Vault) -> Result<Vec<Stored<Flight>>> {
    let mut flights = vault.list_all::<Flight>()?;
    flights.sort_by_key(|f| (f.record.date.is_none(), f.record.date, f.id));
    Ok(flights)
}

/// Links `case` to `flight` (coordinators only); a case already linked keeps its link, whose id
/// is returned.
pub fn link_case(
    vault: &mut Vault,
    flight: EntityId,
    case: EntityId,
    note: &str,
) -> Result<EntityId> {
    vault.require::<Flight>(flight)?;
    if let Some(existing) = vault
        .list::<FlightLink>(case)?
        .into_iter()
        .find(|l| l.record.flight_id == Some(flight))
    {
        return Ok(existing.id);
    }
    vault.add(FlightLink {
        case_id: Some(case),
        flight_id: Some(flight),
        note: super::verification::short(note, "note")?,
    })
}

/// Unlinks `case` from `flight` (deletes its links to it; their history stays). Refused if the
/// case is not linked to that flight.
pub fn unlink_case(vault: &mut Vault, flight: EntityId, case: EntityId) -> Result<()> {
    let links: Vec<EntityId> = vault
        .list::<FlightLink>(case)?
        .into_iter()
        .filter(|l| l.record.flight_id == Some(flight))
        .map(|l| l.id)
        .collect();
    if links.is_empty() {
        return Err(invalid(
            "flight",
            "this case is not linked to that flight: see pristan flight show",
        ));
    }
    for link in links {
        vault.delete::<FlightLink>(link)?;
    }
    Ok(())
}

/// The flights `case` is linked to, soonest first.
pub(crate) fn linked_flights(vault: &Vault, case: EntityId) -> Result<Vec<LinkedFlight>> {
    let mut linked = Vec::new();
    for link in vault.list::<FlightLink>(case)? {
        let Some(flight_id) = link.record.flight_id else {
            continue;
        };
        if let Some(flight) = vault.get::<Flight>(flight_id)? {
            linked.push(LinkedFlight {
                link_id: link.id,
                flight_id,
                flight: flight.record,
            });
        }
    }
    linked.sort_by_key(|l| (l.flight.date.is_none(), l.flight.date, l.flight_id));
    Ok(linked)
}

/// Every case's linked flights, soonest first, in two reads (for the dashboard's ranking and the
/// deadlines board, which show a flight's countdown beside each case).
pub fn linked_flights_by_case(
    vault: &Vault,
) -> Result<std::collections::BTreeMap<EntityId, Vec<LinkedFlight>>> {
    let flights: std::collections::BTreeMap<EntityId, Flight> = vault
        .list_all::<Flight>()?
        .into_iter()
        .map(|f| (f.id, f.record))
        .collect();
    let mut by_case: std::collections::BTreeMap<EntityId, Vec<LinkedFlight>> = Default::default();
    for link in vault.list_all::<FlightLink>()? {
        let (Some(case), Some(flight_id)) = (link.record.case_id, link.record.flight_id) else {
            continue;
        };
        let Some(flight) = flights.get(&flight_id) else {
            continue;
        };
        let linked = by_case.entry(case).or_default();
        if linked.iter().all(|l| l.flight_id != flight_id) {
            linked.push(LinkedFlight {
                link_id: link.id,
                flight_id,
                flight: flight.clone(),
            });
        }
    }
    for linked in by_case.values_mut() {
        linked.sort_by_key(|l| (l.flight.date.is_none(), l.flight.date, l.flight_id));
    }
    Ok(by_case)
}

/// The triage list of `flight` on `today`: every case linked to it, in the documented order.
pub fn flight_triage(vault: &Vault, flight: EntityId, today: NaiveDate) -> Result<FlightTriage> {
    let found = vault
        .get::<Flight>(flight)?
        .ok_or_else(|| invalid("flight", &format!("there is no flight {flight}")))?;
    let mut rows = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for link in vault.list_all::<FlightLink>()? {
        let (Some(case), Some(linked)) = (link.record.case_id, link.record.flight_id) else {
            continue;
        };
        if linked != flight || !seen.insert(case) {
            continue;
        }
        if vault.case(case)?.is_none() {
            continue;
        }
        rows.push(triage_row(&vault.case_file(case, today)?, today));
    }
    Ok(FlightTriage {
        flight_id: flight,
        days_until: found.record.date.map(|d| (d - today).num_days()),
        flight: found.record,
        today,
        rows: triage_order(rows),
    })
}

/// A case's line on a triage list, from its file alone.
pub fn triage_row(file: &CaseFile, today: NaiveDate) -> TriageRow {
    let status = &file.status;
    let pending_motion = file.legal_events.iter().any(|e| {
        let event = &e.record;
        matches!(
            event.kind,
            LegalEventKind::MotionToReopenFiled
                | LegalEventKind::MotionToReconsiderFiled
                | LegalEventKind::StayRequested
                | LegalEventKind::PetitionForReviewFiled
        ) && matches!(event.outcome, Outcome::Pending | Outcome::Unknown)
            && match (status.final_order, event.date) {
                (Some(order), Some(filed)) => filed >= order,
                _ => true,
            }
    });
    let attorney = &file.case.attorney;
    let attorney_of_record =
        [attorney.g28, attorney.eoir28, attorney.eoir27].contains(&FilingStatus::Filed);
    let group = if status.removal_stayed {
        TriageGroup::Stayed
    } else if status.final_order.is_none() {
        TriageGroup::NoFinalOrder
    } else if pending_motion {
        TriageGroup::PendingMotion
    } else {
        TriageGroup::FinalOrderNoStay
    };
    TriageRow {
        case: CaseRef::of(&file.case),
        group,
        final_order: status.final_order,
        removal_stayed: status.removal_stayed,
        pending_motion,
        attorney_of_record,
        next_deadline: next_open_deadline(&status.deadlines),
        last_contact: file
            .visits
            .iter()
            .filter_map(|v| v.record.date)
            .filter(|d| *d <= today)
            .max(),
    }
}

/// The soonest deadline not yet met (an overdue one included: it still needs acting on).
pub fn next_open_deadline(deadlines: &[CaseDeadline]) -> Option<CaseDeadline> {
    deadlines
        .iter()
        .filter(|d| d.met_by.is_none())
        .min_by_key(|d| d.due)
        .cloned()
}

/// Sorts triage rows into the documented order (see the module's documentation).
pub fn triage_order(mut rows: Vec<TriageRow>) -> Vec<TriageRow> {
    rows.sort_by_key(|r| {
        (
            r.group,
            r.attorney_of_record,
            r.next_deadline.is_none(),
            r.next_deadline.as_ref().map(|d| d.due),
            // Never contacted sorts before any date; older dates before newer ones.
            r.last_contact,
            r.case.name.clone(),
            r.case.id,
        )
    });
    rows
}
