//! The dashboard: removal-imminent cases first (ranked, see `board::rank`), then deadlines in the next 14 days, upcoming
//! visits, open tasks and unfinished write-ups, each naming its case.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};

use super::case_status;
use crate::board;
use crate::case_facts;
use crate::domain::board::RemovalImminent;
use crate::domain::views::{
    CaseRef, CaseStatus, Dashboard, DashboardDeadline, DashboardTask, DashboardVisit,
};
use crate::domain::{CaseRecord, Consent, Facility, LegalEvent, Stored};
use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

/// How far ahead the dashboard looks for deadlines.
pub const DEADLINE_HORIZON_DAYS: u64 = 14;

/// A case's legal position: its legal events, and what follows from them on a given day.
#[derive(Debug, Clone)]
pub struct CasePosition {
    pub case: CaseRecord,
    pub legal_events: Vec<Stored<LegalEvent>>,
    pub status: CaseStatus,
}

impl Vault {
    /// The legal position of every case that has legal events (or of case `only`), by name.
    pub fn case_positions(
        &self,
        only: Option<EntityId>,
        today: NaiveDate,
    ) -> Result<Vec<CasePosition>> {
        let (cases, events, consents) = match only {
            Some(id) => (
                vec![self.require_case(id)?],
                self.list::<LegalEvent>(id)?,
                self.list::<Consent>(id)?,
            ),
            None => (
                self.cases()?,
                self.list_all::<LegalEvent>()?,
                self.list_all::<Consent>()?,
            ),
        };
        let mut events = group_by_case(events, |e| e.record.case_id);
        let consents = group_by_case(consents, |c| c.record.case_id);
        let mut positions = Vec::new();
        for case in cases {
            let Some(legal_events) = events.remove(&case.id) else {
                continue;
            };
            let case_consents = consents.get(&case.id).map(Vec::as_slice).unwrap_or(&[]);
            let status = case_status(&legal_events, case_consents, case.custody_status, today);
            positions.push(CasePosition {
                case,
                legal_events,
                status,
            });
        }
        Ok(positions)
    }

    /// The dashboard on `today`. Each case's legal events, the last contact of a case whose
    /// removal is imminent, upcoming visits and open tasks come from `case_facts`, so no record is
    /// parsed whole but the visits and tasks shown; the status is computed from the events here,
    /// as ever.
    pub fn dashboard(&self, today: NaiveDate) -> Result<Dashboard> {
        let all_cases = self.cases()?;
        let mut events = case_facts::legal_events_by_case(self.connection())?;
        let horizon = today + Days::new(DEADLINE_HORIZON_DAYS);
        let flights = board::soonest_flights(self, today)?;
        let mut removal_imminent = Vec::new();
        let mut deadlines = Vec::new();
        for case in &all_cases {
            let Some(legal_events) = events.remove(&case.id) else {
                continue;
            };
            // The dashboard shows no consents, so none are read: the status's consent lines
            // stay empty.
            let status = case_status(&legal_events, &[], case.custody_status, today);
            let this = CaseRef::of(case);
            let contact = board::last_contact_if_imminent(self, case.id, &status, today)?;
            let facts = board::removal_facts(
                case,
                &status,
                &legal_events,
                contact,
                flights.get(&case.id).cloned(),
                today,
            );
            if let Some(facts) = facts {
                removal_imminent.push(RemovalImminent {
                    case: this.clone(),
                    facts,
                });
            }
            deadlines.extend(
                status
                    .deadlines
                    .into_iter()
                    .filter(|d| d.met_by.is_none() && d.due <= horizon)
                    .map(|deadline| DashboardDeadline {
                        case: this.clone(),
                        deadline,
                    }),
            );
        }
        let cases: HashMap<EntityId, CaseRecord> =
            all_cases.into_iter().map(|c| (c.id, c)).collect();
        let case_ref = |id: Option<EntityId>| id.and_then(|id| cases.get(&id)).map(CaseRef::of);
        board::rank(&mut removal_imminent);
        // Compared in place: a key holding the name would copy it at every comparison.
        deadlines
            .sort_by(|a, b| (a.deadline.due, &a.case.name).cmp(&(b.deadline.due, &b.case.name)));

        let facilities: HashMap<EntityId, String> = self
            .list_all::<Facility>()?
            .into_iter()
            .map(|f| (f.id, f.record.name.to_string()))
            .collect();
        let mut visits: Vec<DashboardVisit> =
            case_facts::upcoming_visits(self.connection(), today)?
                .into_iter()
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

        let mut tasks: Vec<DashboardTask> = case_facts::open_tasks(self.connection())?
            .into_iter()
            .map(|task| DashboardTask {
                case: case_ref(task.record.case_id),
                task,
            })
            .collect();
        tasks.sort_by_key(|t| (t.task.record.due.is_none(), t.task.record.due, t.task.id));

        let drafts = self
            .visit_drafts()?
            .into_iter()
            .filter_map(|d| Some((case_ref(Some(d.case_id))?, d)))
            .collect();
        Ok(Dashboard {
            today,
            removal_imminent,
            deadlines,
            visits,
            tasks,
            drafts,
            case_count: cases.len(),
        })
    }
}

fn group_by_case<T>(
    records: Vec<Stored<T>>,
    case_of: impl Fn(&Stored<T>) -> Option<EntityId>,
) -> HashMap<EntityId, Vec<Stored<T>>> {
    let mut groups: HashMap<EntityId, Vec<Stored<T>>> = HashMap::new();
    for record in records {
        if let Some(case) = case_of(&record) {
            groups.entry(case).or_default().push(record);
        }
    }
    groups
}
