//! The fast read paths against the slow, obvious computation (issue 15): after random sequences of
//! every kind of operation — cases opened, edited and deleted, custody changes, legal events
//! (deadlines), visits, tasks, notes added, revised and deleted, bundles imported from the other
//! devices, a person forgotten, conflicts resolved — on every device:
//!
//! - search returns exactly the cases whose name entry, or one of whose current records,
//!   contains every typed word as the start of a word (computed here from the records
//!   themselves, in Rust, not from the search tables), names first; name hits ordered by when
//!   the case was last written, newest first; then the cases with a record holding every typed
//!   word whole, then the others, each kind by its newest matching record (times read from the
//!   operation log: `cases::last_written`), each record hit naming that record, with a snippet
//!   showing the match;
//! - every page of the answer, read at several page sizes, together is the whole answer, with
//!   no case twice;
//! - once every bundle is delivered, every device gives the same answers and snippets, whatever
//!   order it applied the operations in;
//! - the dashboard and the deadlines board equal what they are computed from: the same
//!   functions over every case's records read one case at a time (`tests/query_oracle/slow.rs`);
//! - the dashboard and the board, read from the indexes of migration 18 (`case_facts`), equal
//!   exactly (order included) the views computed the old way, every record parsed whole
//!   (`tests/query_oracle/old_views.rs`), on several days and with several board filters, after
//!   legal events, visits and tasks are also deleted, tasks closed and visits moved.
//!
//! Runs the organisation of `sync_convergence.rs` (a coordinator and two volunteers).

#[allow(dead_code)]
mod convergence;
#[path = "query_oracle/old_views.rs"]
mod old_views;
#[path = "query_oracle/search.rs"]
mod search;
#[path = "query_oracle/slow.rs"]
mod slow;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

use convergence::{template, Step, Template, World, COORDINATOR, DEVICES, FIELDS};
use pristan_core::board;
use pristan_core::cases::CaseField;
use pristan_core::domain::board::{BoardFilter, ReferralFilter};
use pristan_core::domain::{
    CustodyStatus, LegalEvent, LegalEventKind, Outcome, ShortText, Task, TaskStatus, Visit,
};
use pristan_core::ops::EntityId;
use pristan_core::Vault;

/// What a step does besides the convergence test's own steps.
#[derive(Debug, Clone)]
enum Op {
    Sync(Step),
    Custody {
        device: usize,
        case: u8,
        status: u8,
    },
    LegalEvent {
        device: usize,
        case: u8,
        kind: u8,
        days: i8,
        outcome: u8,
        waived: bool,
    },
    Visit {
        device: usize,
        case: u8,
        days: i8,
    },
    Task {
        device: usize,
        case: u8,
        word: u8,
    },
    ResolveConflicts,
    /// Deletes a legal event (0), a visit (1) or a task (2) of a case.
    DeleteRecord {
        device: usize,
        case: u8,
        kind: u8,
        pick: u8,
    },
    /// Marks a task of a case done.
    CloseTask {
        device: usize,
        case: u8,
        pick: u8,
    },
    /// Moves a visit of a case to another day.
    MoveVisit {
        device: usize,
        case: u8,
        pick: u8,
        days: i8,
    },
}

/// Words of task titles. "glass" is a whole word in some and starts "glasses" in others, so
/// searching it ranks whole words first.
const WORDS: [&str; 7] = [
    "glasses",
    "socks",
    "lawyer",
    "очки",
    "Фёдор",
    "written",
    "glass",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn step() -> impl Strategy<Value = Op> {
    let device = 0..DEVICES;
    prop_oneof![
        3 => device.clone().prop_map(|device| Op::Sync(Step::AddCase { device })),
        3 => (device.clone(), any::<u8>(), 0..FIELDS.len(), 0..3u8).prop_map(
            |(device, case, field, value)| Op::Sync(Step::Update { device, case, field, value })),
        4 => (device.clone(), any::<u8>())
            .prop_map(|(device, case)| Op::Sync(Step::AddNote { device, case })),
        2 => (device.clone(), any::<u8>(), any::<u8>())
            .prop_map(|(device, case, note)| Op::Sync(Step::ReviseNote { device, case, note })),
        2 => (device.clone(), any::<u8>(), any::<u8>())
            .prop_map(|(device, case, note)| Op::Sync(Step::DeleteNote { device, case, note })),
        1 => (device.clone(), any::<u8>())
            .prop_map(|(device, case)| Op::Sync(Step::DeleteCase { device, case })),
        1 => any::<u8>().prop_map(|case| Op::Sync(Step::Forget { case })),
        3 => device.clone().prop_map(|device| Op::Sync(Step::Export { device })),
        3 => (device.clone(), proptest::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(device, picks)| Op::Sync(Step::Deliver { device, picks })),
        2 => (device.clone(), any::<u8>(), 0..5u8)
            .prop_map(|(device, case, status)| Op::Custody { device, case, status }),
        3 => (device.clone(), any::<u8>(), 0..8u8, -60..40i8, 0..5u8, any::<bool>()).prop_map(
            |(device, case, kind, days, outcome, waived)| {
                Op::LegalEvent { device, case, kind, days, outcome, waived }
            }),
        2 => (device.clone(), any::<u8>(), -30..30i8)
            .prop_map(|(device, case, days)| Op::Visit { device, case, days }),
        2 => (device.clone(), any::<u8>(), 0..WORDS.len() as u8)
            .prop_map(|(device, case, word)| Op::Task { device, case, word }),
        1 => Just(Op::ResolveConflicts),
        2 => (device.clone(), any::<u8>(), 0..3u8, any::<u8>())
            .prop_map(|(device, case, kind, pick)| Op::DeleteRecord { device, case, kind, pick }),
        1 => (device.clone(), any::<u8>(), any::<u8>())
            .prop_map(|(device, case, pick)| Op::CloseTask { device, case, pick }),
        1 => (device.clone(), any::<u8>(), any::<u8>(), -30..30i8)
            .prop_map(|(device, case, pick, days)| Op::MoveVisit { device, case, pick, days }),
    ]
}

fn pick_case(vault: &Vault, pick: u8) -> Option<EntityId> {
    let cases = vault.cases().unwrap();
    (!cases.is_empty()).then(|| cases[pick as usize % cases.len()].id)
}

fn day(days: i8) -> NaiveDate {
    let d = today();
    if days >= 0 {
        d + Days::new(days as u64)
    } else {
        d - Days::new(days.unsigned_abs() as u64)
    }
}

fn run(world: &mut World, op: &Op) {
    match *op {
        Op::Sync(ref step) => world.run(step),
        Op::Custody {
            device,
            case,
            status,
        } => {
            if let Some(id) = pick_case(&world.vaults[device], case) {
                let status = [
                    CustodyStatus::Detained,
                    CustodyStatus::Released,
                    CustodyStatus::Removed,
                    CustodyStatus::LeftCountry,
                    CustodyStatus::Unknown,
                ][status as usize];
                let change = BTreeMap::from([(
                    CaseField::CustodyStatus,
                    serde_json::to_value(status).unwrap(),
                )]);
                world.vaults[device].update_case(id, change).unwrap();
            }
        }
        Op::LegalEvent {
            device,
            case,
            kind,
            days,
            outcome,
            waived,
        } => {
            if let Some(id) = pick_case(&world.vaults[device], case) {
                let kind = [
                    LegalEventKind::MasterHearing,
                    LegalEventKind::IndividualHearing,
                    LegalEventKind::IjDecision,
                    LegalEventKind::BiaDecision,
                    LegalEventKind::FinalOrder,
                    LegalEventKind::StayDecision,
                    LegalEventKind::StayRequested,
                    LegalEventKind::BiaAppealFiled,
                ][kind as usize];
                let outcome = [
                    Outcome::Unknown,
                    Outcome::Denied,
                    Outcome::Granted,
                    Outcome::Dismissed,
                    Outcome::Pending,
                ][outcome as usize];
                world.vaults[device]
                    .add(LegalEvent {
                        case_id: Some(id),
                        kind,
                        date: Some(day(days)),
                        outcome,
                        appeal_waived: waived,
                        ..LegalEvent::default()
                    })
                    .unwrap();
            }
        }
        Op::Visit { device, case, days } => {
            if let Some(id) = pick_case(&world.vaults[device], case) {
                world.vaults[device]
                    .add(Visit {
                        case_id: Some(id),
                        date: Some(day(days)),
                        ..Visit::default()
                    })
                    .unwrap();
            }
        }
        Op::Task { device, case, word } => {
            if let Some(id) = pick_case(&world.vaults[device], case) {
                let title = format!(
                    "{} and {}",
                    WORDS[word as usize],
                    WORDS[(word as usize + 1) % WORDS.len()]
                );
                world.vaults[device]
                    .add(Task {
                        case_id: Some(id),
                        title: ShortText::new(&title).unwrap(),
                        due: Some(day(word as i8 * 3)),
                        ..Task::default()
                    })
                    .unwrap();
            }
        }
        Op::ResolveConflicts => {
            let vault = &mut world.vaults[COORDINATOR];
            for conflict in vault.conflicts().unwrap() {
                let value = conflict
                    .values
                    .last()
                    .map(|v| v.value.clone())
                    .unwrap_or(Value::Null);
                vault
                    .resolve_conflict(conflict.entity, &conflict.field, value)
                    .unwrap();
            }
        }
        Op::DeleteRecord {
            device,
            case,
            kind,
            pick,
        } => {
            let vault = &mut world.vaults[device];
            if let Some(id) = pick_case(vault, case) {
                let ids: Vec<EntityId> = match kind {
                    0 => ids(vault.list::<LegalEvent>(id).unwrap()),
                    1 => ids(vault.list::<Visit>(id).unwrap()),
                    _ => ids(vault.list::<Task>(id).unwrap()),
                };
                if let Some(&record) = ids.get(pick as usize % ids.len().max(1)) {
                    match kind {
                        0 => vault.delete::<LegalEvent>(record).unwrap(),
                        1 => vault.delete::<Visit>(record).unwrap(),
                        _ => vault.delete::<Task>(record).unwrap(),
                    }
                }
            }
        }
        Op::CloseTask { device, case, pick } => {
            let vault = &mut world.vaults[device];
            if let Some(id) = pick_case(vault, case) {
                let mut tasks = vault.list::<Task>(id).unwrap();
                tasks.sort_by_key(|t| t.id);
                if !tasks.is_empty() {
                    let task = tasks.swap_remove(pick as usize % tasks.len());
                    let record = Task {
                        status: TaskStatus::Done,
                        ..task.record
                    };
                    vault.update(task.id, record).unwrap();
                }
            }
        }
        Op::MoveVisit {
            device,
            case,
            pick,
            days,
        } => {
            let vault = &mut world.vaults[device];
            if let Some(id) = pick_case(vault, case) {
                let mut visits = vault.list::<Visit>(id).unwrap();
                visits.sort_by_key(|v| v.id);
                if !visits.is_empty() {
                    let visit = visits.swap_remove(pick as usize % visits.len());
                    let record = Visit {
                        date: Some(day(days)),
                        ..visit.record
                    };
                    vault.update(visit.id, record).unwrap();
                }
            }
        }
    }
}

fn ids<T>(mut records: Vec<pristan_core::domain::Stored<T>>) -> Vec<EntityId> {
    records.sort_by_key(|r| r.id);
    records.into_iter().map(|r| r.id).collect()
}

/// The dashboard and the board read through the indexes of migration 18 against the old
/// computation, on days around the one the records were dated from, and with board filters.
fn check_against_old_views(vault: &Vault, context: &str) {
    let filters = [
        BoardFilter::default(),
        BoardFilter {
            custody: Some(CustodyStatus::Detained),
            ..BoardFilter::default()
        },
        BoardFilter {
            referral: Some(ReferralFilter::NotReferred),
            ..BoardFilter::default()
        },
    ];
    for offset in [-45i8, -10, 0, 3, 31, 100] {
        let on = day(offset);
        assert_eq!(
            vault.dashboard(on).unwrap(),
            old_views::dashboard(vault, on),
            "dashboard on {on}, {context}"
        );
        for filter in &filters {
            assert_eq!(
                board::deadlines_board(vault, filter, on).unwrap(),
                old_views::deadlines_board(vault, filter, on),
                "board on {on} with {filter:?}, {context}"
            );
        }
    }
}

fn check_all(world: &World, context: &str) {
    for (device, vault) in world.vaults.iter().enumerate() {
        search::check_search(vault, device, context);
        slow::check_views(vault, today(), &format!("device {device} after {context}"));
        check_against_old_views(vault, &format!("device {device} after {context}"));
    }
}

fn check_run(template: &Template, ops: &[Op], seed: u64) {
    let mut world = World::new(template, seed);
    for (n, op) in ops.iter().enumerate() {
        run(&mut world, op);
        if n % 4 == 3 {
            check_all(&world, &format!("step {n} ({op:?})"));
        }
    }
    world.deliver_until_quiet();
    check_all(&world, "every bundle delivered");
    // The devices applied the same operations in different orders.
    let reference = search::answers(&world.vaults[0]);
    for (device, vault) in world.vaults.iter().enumerate().skip(1) {
        assert_eq!(
            search::answers(vault),
            reference,
            "device {device} answers differently from device 0 holding the same operations"
        );
    }
}

#[test]
fn fast_reads_equal_the_slow_computation_after_any_operations() {
    let template = template();
    let mut runner = TestRunner::new(Config {
        cases: 12,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(proptest::collection::vec(step(), 10..40), any::<u64>()),
            |(ops, seed)| {
                check_run(&template, &ops, seed);
                Ok(())
            },
        )
        .unwrap();
}
