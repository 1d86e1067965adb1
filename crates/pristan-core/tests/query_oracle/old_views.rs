//! The oracle: the dashboard and the deadlines board as they were computed before migration 18
//! (main at beb3834), over the public API: every legal event, consent, visit and task read and
//! parsed whole, each case's status computed with its consents, its last contact from its visits.
//! The fast paths (`case_facts`) must return exactly what these return, order included.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use pristan_core::board::{self, compare_cases, rank, referral_statuses, removal_facts};
use pristan_core::casebook::DEADLINE_HORIZON_DAYS;
use pristan_core::domain::board::{
    Board, BoardChoice, BoardFilter, BoardRow, ReferralFilter, RemovalImminent,
};
use pristan_core::domain::referral::ReferralStatus;
use pristan_core::domain::sync::Role;
use pristan_core::domain::views::{
    CaseDeadline, CaseRef, Dashboard, DashboardDeadline, DashboardTask, DashboardVisit,
};
use pristan_core::domain::{CaseRecord, DeviceId, Facility, Task, TaskStatus, Visit};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

/// Each case's latest visit on or before `today`, from every visit parsed whole.
fn last_contacts(vault: &Vault, today: NaiveDate) -> HashMap<EntityId, NaiveDate> {
    let mut contacts: HashMap<EntityId, NaiveDate> = HashMap::new();
    for visit in vault.list_all::<Visit>().unwrap() {
        let (Some(case), Some(date)) = (visit.record.case_id, visit.record.date) else {
            continue;
        };
        if date <= today {
            let latest = contacts.entry(case).or_insert(date);
            *latest = (*latest).max(date);
        }
    }
    contacts
}

fn facilities(vault: &Vault) -> HashMap<EntityId, String> {
    vault
        .list_all::<Facility>()
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f.record.name.to_string()))
        .collect()
}

pub fn dashboard(vault: &Vault, today: NaiveDate) -> Dashboard {
    let cases: HashMap<EntityId, CaseRecord> = vault
        .cases()
        .unwrap()
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let case_ref = |id: Option<EntityId>| id.and_then(|id| cases.get(&id)).map(CaseRef::of);
    let horizon = today + Days::new(DEADLINE_HORIZON_DAYS);
    let contacts = last_contacts(vault, today);
    let flights = board::soonest_flights(vault, today).unwrap();
    let mut removal_imminent = Vec::new();
    let mut deadlines = Vec::new();
    for position in vault.case_positions(None, today).unwrap() {
        let this = CaseRef::of(&position.case);
        let facts = removal_facts(
            &position.case,
            &position.status,
            &position.legal_events,
            contacts.get(&position.case.id).copied(),
            flights.get(&position.case.id).cloned(),
            today,
        );
        if let Some(facts) = facts {
            removal_imminent.push(RemovalImminent {
                case: this.clone(),
                facts,
            });
        }
        deadlines.extend(
            position
                .status
                .deadlines
                .into_iter()
                .filter(|d| d.met_by.is_none() && d.due <= horizon)
                .map(|deadline| DashboardDeadline {
                    case: this.clone(),
                    deadline,
                }),
        );
    }
    rank(&mut removal_imminent);
    deadlines.sort_by_key(|d| (d.deadline.due, d.case.name.clone()));
    let facilities = facilities(vault);
    let mut visits: Vec<DashboardVisit> = vault
        .list_all::<Visit>()
        .unwrap()
        .into_iter()
        .filter(|v| v.record.date.is_some_and(|d| d >= today))
        .filter_map(|visit| {
            Some(DashboardVisit {
                case: case_ref(visit.record.case_id)?,
                facility_name: visit
                    .record
                    .facility_id
                    .and_then(|f| facilities.get(&f).cloned()),
                visit,
            })
        })
        .collect();
    visits.sort_by_key(|v| (v.visit.record.date, v.visit.record.start_time, v.visit.id));
    let mut tasks: Vec<DashboardTask> = vault
        .list_all::<Task>()
        .unwrap()
        .into_iter()
        .filter(|t| t.record.status == TaskStatus::Open)
        .map(|task| DashboardTask {
            case: case_ref(task.record.case_id),
            task,
        })
        .collect();
    tasks.sort_by_key(|t| (t.task.record.due.is_none(), t.task.record.due, t.task.id));
    let drafts = vault
        .visit_drafts()
        .unwrap()
        .into_iter()
        .filter_map(|d| Some((case_ref(Some(d.case_id))?, d)))
        .collect();
    Dashboard {
        today,
        removal_imminent,
        deadlines,
        visits,
        tasks,
        drafts,
        case_count: cases.len(),
    }
}

pub fn deadlines_board(vault: &Vault, filter: &BoardFilter, today: NaiveDate) -> Board {
    let cases = vault.cases().unwrap();
    let case_count = cases.len();
    let facilities = facilities(vault);
    let (device_names, volunteers) = devices(vault);
    let mut positions: HashMap<EntityId, _> = vault
        .case_positions(None, today)
        .unwrap()
        .into_iter()
        .map(|p| (p.case.id, p))
        .collect();
    let contacts = last_contacts(vault, today);
    let flights = board::soonest_flights(vault, today).unwrap();
    let referrals = referral_statuses(vault).unwrap();
    let (mut imminent, mut others) = (Vec::new(), Vec::new());
    let no_referral = Vec::new();
    for case in cases {
        let case_referrals = referrals.get(&case.id).unwrap_or(&no_referral);
        if !passes(filter, &case, case_referrals) {
            continue;
        }
        let Some(position) = positions.remove(&case.id) else {
            continue;
        };
        // The board shows no consents: the status is the same but for its consent lines.
        let status = position.status;
        let removal = removal_facts(
            &case,
            &status,
            &position.legal_events,
            contacts.get(&case.id).copied(),
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
        (Some(x), Some(y)) => compare_cases((&a.case, x), (&b.case, y)),
        (x, y) => y.is_some().cmp(&x.is_some()),
    });
    others.sort_by_cached_key(|row| (deadline_key(&row.deadlines, today), row.case.id));
    let removal_imminent = imminent.len();
    let mut facility_choices: Vec<BoardChoice<EntityId>> = facilities
        .into_iter()
        .map(|(id, name)| BoardChoice { id, name })
        .collect();
    facility_choices.sort_by_cached_key(|a| (a.name.to_lowercase(), a.id));
    Board {
        today,
        rows: imminent.into_iter().chain(others).collect(),
        removal_imminent,
        case_count,
        facilities: facility_choices,
        volunteers,
    }
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

#[allow(clippy::type_complexity)]
fn devices(vault: &Vault) -> (HashMap<DeviceId, String>, Vec<BoardChoice<DeviceId>>) {
    let Some(roster) = vault.roster().unwrap() else {
        return (HashMap::new(), Vec::new());
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
    (names, volunteers)
}
