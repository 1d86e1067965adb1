//! The deadlines board: one row per case with open deadlines or an imminent removal, ranked
//! removal-imminent cases first, then the others by their next open deadline.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::facts::{last_contact_if_imminent, referral_statuses, soonest_flights};
use super::ranking::{self, removal_facts};
use crate::case_facts;
use crate::casebook::case_status;
use crate::domain::board::{Board, BoardChoice, BoardFilter, BoardRow, ReferralFilter};
use crate::domain::referral::ReferralStatus;
use crate::domain::sync::Role;
use crate::domain::views::{CaseDeadline, CaseRef};
use crate::domain::{CaseRecord, DeviceId, Facility};
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

/// The board on `today`, narrowed by `filter`.
pub fn deadlines_board(vault: &Vault, filter: &BoardFilter, today: NaiveDate) -> Result<Board> {
    let cases = vault.cases()?;
    let case_count = cases.len();
    let facilities: HashMap<EntityId, String> = vault
        .list_all::<Facility>()?
        .into_iter()
        .map(|f| (f.id, f.record.name.to_string()))
        .collect();
    let (device_names, volunteers) = devices(vault)?;
    let mut events = case_facts::legal_events_by_case(vault.connection())?;
    let flights = soonest_flights(vault, today)?;
    let referrals = referral_statuses(vault)?;

    let mut imminent = Vec::new();
    let mut others = Vec::new();
    let no_referral = Vec::new();
    for case in cases.into_iter() {
        let case_referrals = referrals.get(&case.id).unwrap_or(&no_referral);
        if !passes(filter, &case, case_referrals) {
            continue;
        }
        let legal_events = events.remove(&case.id).unwrap_or_default();
        if legal_events.is_empty() {
            continue;
        }
        // The board shows no consents, so none are read: the status's consent lines stay empty.
        let status = case_status(&legal_events, &[], case.custody_status, today);
        let contact = last_contact_if_imminent(vault, case.id, &status, today)?;
        let removal = removal_facts(
            &case,
            &status,
            &legal_events,
            contact,
            flights.get(&case.id).cloned(),
            today,
        );
        let deadlines: Vec<CaseDeadline> = status
            .deadlines
            .into_iter()
            .filter(|d| d.met_by.is_none())
            .collect();
        if removal.is_none() && deadlines.is_empty() {
            continue;
        }
        let row = BoardRow {
            case: CaseRef::of(&case),
            custody_status: case.custody_status,
            facility_name: case.facility_id.and_then(|f| facilities.get(&f).cloned()),
            volunteers: case
                .assigned_to
                .iter()
                .filter_map(|d| device_names.get(d).cloned())
                .collect(),
            removal,
            referral: case_referrals.first().copied(),
            deadlines,
        };
        if row.removal.is_some() {
            imminent.push(row);
        } else {
            others.push(row);
        }
    }
    imminent.sort_by(|a, b| match (&a.removal, &b.removal) {
        (Some(x), Some(y)) => ranking::compare_cases((&a.case, x), (&b.case, y)),
        // Not reached (only removal-imminent rows are here), but a total order all the same.
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    others.sort_by_cached_key(|row| (deadline_key(&row.deadlines, today), row.case.id));
    let removal_imminent = imminent.len();
    let mut facility_choices: Vec<BoardChoice<EntityId>> = facilities
        .into_iter()
        .map(|(id, name)| BoardChoice { id, name })
        .collect();
    facility_choices.sort_by_cached_key(|a| (a.name.to_lowercase(), a.id));
    Ok(Board {
        today,
        rows: imminent.into_iter().chain(others).collect(),
        removal_imminent,
        case_count,
        facilities: facility_choices,
        volunteers,
    })
}

fn passes(filter: &BoardFilter, case: &CaseRecord, referrals: &[ReferralStatus]) -> bool {
    filter.facility.is_none_or(|f| case.facility_id == Some(f))
        && filter
            .volunteer
            .is_none_or(|v| case.assigned_to.contains(&v))
        && filter.custody.is_none_or(|c| case.custody_status == c)
        && filter.referral.is_none_or(|r| match r {
            ReferralFilter::NotReferred => referrals.is_empty(),
            ReferralFilter::Status(status) => referrals.contains(&status),
        })
}

/// Rows with an upcoming deadline first, by its date; then rows whose deadlines have all passed,
/// the most recently missed first.
fn deadline_key(deadlines: &[CaseDeadline], today: NaiveDate) -> (bool, i64) {
    let upcoming = deadlines
        .iter()
        .map(|d| d.due)
        .filter(|&due| due >= today)
        .min();
    match upcoming {
        Some(due) => (false, due.signed_duration_since(today).num_days()),
        None => {
            let last = deadlines.iter().map(|d| d.due).max().unwrap_or(today);
            (true, today.signed_duration_since(last).num_days())
        }
    }
}

/// Every roster device's name, and the volunteers a filter can choose (revoked devices too:
/// cases may still be assigned to them).
#[allow(clippy::type_complexity)]
fn devices(vault: &Vault) -> Result<(HashMap<DeviceId, String>, Vec<BoardChoice<DeviceId>>)> {
    let Some(roster) = vault.roster()? else {
        return Ok((HashMap::new(), Vec::new()));
    };
    let names = roster
        .entries
        .iter()
        .map(|e| (e.device, e.name.clone()))
        .collect();
    let mut volunteers: Vec<BoardChoice<DeviceId>> = roster
        .entries
        .iter()
        .filter(|e| e.role == Role::Volunteer)
        .map(|e| BoardChoice {
            id: e.device,
            name: e.name.clone(),
        })
        .collect();
    volunteers.sort_by_cached_key(|a| (a.name.to_lowercase(), a.id));
    Ok((names, volunteers))
}
