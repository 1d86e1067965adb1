//! The dashboard and the deadlines board computed the slow, obvious way: every case's own
//! records read one case at a time (`Vault::list`, by case), its status from `case_status`, its
//! last contact from its visits. The fast paths read each kind of record for all cases at once.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use pristan_core::board;
use pristan_core::casebook::case_status;
use pristan_core::casebook::DEADLINE_HORIZON_DAYS;
use pristan_core::domain::board::BoardFilter;
use pristan_core::domain::{Consent, LegalEvent, Task, TaskStatus, Visit};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

/// Sorted debug forms: lists compared whatever the order of equal keys.
fn sorted<T: std::fmt::Debug>(items: impl IntoIterator<Item = T>) -> Vec<String> {
    let mut out: Vec<String> = items.into_iter().map(|i| format!("{i:?}")).collect();
    out.sort();
    out
}

/// Per case: (deadlines not met, removal facts), for cases with legal events.
type Expected = BTreeMap<EntityId, (Vec<String>, Option<String>)>;

fn per_case(vault: &Vault, today: NaiveDate, horizon: Option<NaiveDate>) -> Expected {
    let mut out = BTreeMap::new();
    for case in vault.cases().unwrap() {
        let events = vault.list::<LegalEvent>(case.id).unwrap();
        if events.is_empty() {
            continue;
        }
        let consents = if horizon.is_some() {
            vault.list::<Consent>(case.id).unwrap()
        } else {
            Vec::new()
        };
        let status = case_status(&events, &consents, case.custody_status, today);
        let contact = vault
            .list::<Visit>(case.id)
            .unwrap()
            .into_iter()
            .filter_map(|v| v.record.date)
            .filter(|d| *d <= today)
            .max();
        let facts = board::removal_facts(&case, &status, &events, contact, None, today);
        let deadlines = sorted(
            status
                .deadlines
                .into_iter()
                .filter(|d| d.met_by.is_none() && horizon.is_none_or(|h| d.due <= h)),
        );
        out.insert(case.id, (deadlines, facts.map(|f| format!("{f:?}"))));
    }
    out
}

pub fn check_views(vault: &Vault, today: NaiveDate, context: &str) {
    let horizon = today + Days::new(DEADLINE_HORIZON_DAYS);
    let expected = per_case(vault, today, Some(horizon));
    let dashboard = vault.dashboard(today).unwrap();
    let mut deadlines: BTreeMap<EntityId, Vec<_>> = BTreeMap::new();
    for d in &dashboard.deadlines {
        deadlines.entry(d.case.id).or_default().push(&d.deadline);
    }
    for (case, (want, _)) in &expected {
        let got = sorted(deadlines.remove(case).unwrap_or_default());
        assert_eq!(&got, want, "dashboard deadlines of {case}, {context}");
    }
    assert!(
        deadlines.is_empty(),
        "deadlines of cases without events, {context}"
    );
    let imminent: BTreeMap<EntityId, String> = dashboard
        .removal_imminent
        .iter()
        .map(|r| (r.case.id, format!("{:?}", r.facts)))
        .collect();
    let want: BTreeMap<EntityId, String> = expected
        .iter()
        .filter_map(|(id, (_, facts))| Some((*id, facts.clone()?)))
        .collect();
    assert_eq!(imminent, want, "removal imminent, {context}");

    let cases = vault.cases().unwrap();
    let mut visits = Vec::new();
    let mut tasks = Vec::new();
    for case in &cases {
        visits.extend(
            vault
                .list::<Visit>(case.id)
                .unwrap()
                .into_iter()
                .filter(|v| v.record.date.is_some_and(|d| d >= today))
                .map(|v| v.id),
        );
        tasks.extend(
            vault
                .list::<Task>(case.id)
                .unwrap()
                .into_iter()
                .filter(|t| t.record.status == TaskStatus::Open)
                .map(|t| t.id),
        );
    }
    assert_eq!(
        sorted(dashboard.visits.iter().map(|v| v.visit.id)),
        sorted(visits),
        "upcoming visits, {context}"
    );
    assert_eq!(
        sorted(dashboard.tasks.iter().map(|t| t.task.id)),
        sorted(tasks),
        "open tasks, {context}"
    );
    assert_eq!(dashboard.case_count, cases.len(), "{context}");

    // The board shows no consents, so its statuses are computed without them.
    let expected = per_case(vault, today, None);
    let rows = board::deadlines_board(vault, &BoardFilter::default(), today)
        .unwrap()
        .rows;
    let got: BTreeMap<EntityId, (Vec<String>, Option<String>)> = rows
        .iter()
        .map(|r| {
            (
                r.case.id,
                (
                    sorted(&r.deadlines),
                    r.removal.as_ref().map(|f| format!("{f:?}")),
                ),
            )
        })
        .collect();
    assert_eq!(got.len(), rows.len(), "one row per case, {context}");
    let want: BTreeMap<EntityId, (Vec<String>, Option<String>)> = expected
        .into_iter()
        .filter(|(_, (deadlines, facts))| !deadlines.is_empty() || facts.is_some())
        .collect();
    assert_eq!(got, want, "board rows, {context}");
}
