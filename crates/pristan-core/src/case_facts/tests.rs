//! The query plans the case facts are for: each read uses its index of migration 18 and, but for
//! the few records returned whole, never the `records` table (and so never the notes' pages).

use chrono::NaiveDate;
use secrecy::SecretString;

use crate::cases::NewCase;
use crate::domain::{LegalEvent, LegalEventKind, Outcome, Task, Visit};
use crate::{KdfParams, Vault};

const INDEXES: [&str; 4] = [
    "legal_event_facts",
    "visit_days",
    "visits_by_day",
    "open_tasks",
];

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn indexes(vault: &Vault) -> Vec<String> {
    let mut stmt = vault
        .connection()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        .unwrap();
    let rows = stmt.query_map([], |row| row.get::<_, String>(0)).unwrap();
    rows.collect::<rusqlite::Result<Vec<_>>>().unwrap()
}

/// A vault last opened by a build before migration 18 holds records but none of the indexes:
/// opening it builds them from every record, and the dashboard reads what it read before.
#[test]
fn a_vault_from_before_migration_18_gets_its_case_facts_on_opening() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let (mut vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            ..NewCase::default()
        })
        .unwrap();
    let event = |kind, on: &str, outcome| LegalEvent {
        case_id: Some(case),
        kind,
        date: Some(date(on)),
        outcome,
        ..LegalEvent::default()
    };
    vault
        .add(event(
            LegalEventKind::IjDecision,
            "2026-09-01",
            Outcome::Denied,
        ))
        .unwrap();
    vault
        .add(event(
            LegalEventKind::StayRequested,
            "2026-11-20",
            Outcome::Pending,
        ))
        .unwrap();
    for on in ["2026-11-01", "2026-12-05"] {
        vault
            .add(Visit {
                case_id: Some(case),
                date: Some(date(on)),
                ..Visit::default()
            })
            .unwrap();
    }
    vault
        .add(Task {
            case_id: Some(case),
            title: crate::domain::ShortText::new("Call the attorney").unwrap(),
            ..Task::default()
        })
        .unwrap();
    let today = date("2026-12-02");
    let before = vault.dashboard(today).unwrap();
    assert_eq!(before.removal_imminent.len(), 1);
    assert_eq!(
        before.removal_imminent[0].facts.last_contact,
        Some(date("2026-11-01"))
    );
    assert!(before.removal_imminent[0].facts.stay_motion_pending);
    assert_eq!((before.visits.len(), before.tasks.len()), (1, 1));

    // What a vault at version 17 holds: the same tables, without the indexes of 18 or what 22
    // builds on them.
    vault
        .connection()
        .execute_batch("DROP VIEW legal_facts_by_case; DROP TABLE case_legal_facts;")
        .unwrap();
    for index in INDEXES {
        vault
            .connection()
            .execute_batch(&format!("DROP INDEX {index}"))
            .unwrap();
    }
    // And without what 19 adds, so that 19 runs again after 18 as it would on that vault.
    vault
        .connection()
        .execute_batch("DROP TABLE search_order; DROP TABLE name_order;")
        .unwrap();
    vault
        .connection()
        .pragma_update(None, "user_version", 17)
        .unwrap();
    vault.lock().unwrap();

    let vault = Vault::unlock(&dir, &passphrase()).unwrap();
    let present = indexes(&vault);
    for index in INDEXES {
        assert!(present.iter().any(|i| i == index), "{index}: {present:?}");
    }
    check_legal_facts(&vault, "after migrations 18 to 22");
    assert_eq!(vault.dashboard(today).unwrap(), before);
}

fn plan(vault: &Vault, sql: &str) -> String {
    crate::query_plan::query_plan(vault.connection(), sql).join("; ")
}

#[test]
fn each_read_uses_its_own_index_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    // Each case's legal facts are one row of their own table (migration 22).
    let legal = plan(&vault, super::LEGAL_EVENTS);
    assert!(legal.contains("SCAN case_legal_facts"), "{legal}");
    assert!(!legal.contains("records"), "{legal}");
    let reads = [
        (super::LAST_CONTACT, "COVERING INDEX visit_days"),
        (super::UPCOMING_VISITS, "COVERING INDEX visits_by_day"),
        (super::OPEN_TASKS, "COVERING INDEX open_tasks"),
    ];
    for (sql, index) in reads {
        let plan = plan(&vault, sql);
        assert!(plan.contains(index), "{plan}");
        // Every step reads its index alone (or the small `cases` table by its key).
        for step in plan.split("; ").filter(|s| s.contains(" records ")) {
            assert!(step.contains(index), "{plan}");
        }
        assert!(
            !plan.contains("SCAN records USING COVERING INDEX visits_by_day"),
            "{plan}"
        );
    }
    // A last contact is a search of the case's visit dates up to the day, never every visit.
    let plan = plan(&vault, super::LAST_CONTACT);
    assert!(
        plan.contains("SEARCH records USING COVERING INDEX visit_days (case_id=? AND <expr><?)"),
        "{plan}"
    );
    assert!(!plan.contains("SCAN records"), "{plan}");
}

/// The rows of `case_legal_facts` (migration 22) against what the index says now, read through
/// the view `legal_facts_changed` writes them from; and the events `legal_events_by_case`
/// returns against every legal event read whole, reduced to the fields the status reads.
fn check_legal_facts(vault: &Vault, context: &str) {
    let rows = |sql: &str| -> Vec<(String, String)> {
        let mut stmt = vault.connection().prepare(sql).unwrap();
        let rows = stmt
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(
        rows("SELECT case_id, events FROM case_legal_facts ORDER BY case_id"),
        rows("SELECT case_id, events FROM legal_facts_by_case ORDER BY case_id"),
        "{context}"
    );
    let mut expected: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    let mut events = vault.list_all::<LegalEvent>().unwrap();
    events.sort_by_key(|e| e.id);
    for event in events {
        let Some(case) = event.record.case_id else {
            continue;
        };
        let reduced = LegalEvent {
            case_id: Some(case),
            kind: event.record.kind,
            date: event.record.date,
            outcome: event.record.outcome,
            appeal_waived: event.record.appeal_waived,
            ..LegalEvent::default()
        };
        expected
            .entry(case)
            .or_default()
            .push(crate::domain::Stored {
                id: event.id,
                record: reduced,
            });
    }
    assert_eq!(
        super::legal_events_by_case(vault.connection()).unwrap(),
        expected,
        "{context}"
    );
}

/// Every write of a legal event keeps its case's row: added, changed, moved to another case,
/// deleted, its case forgotten. Other records leave the rows alone.
#[test]
fn each_case_row_of_legal_facts_follows_every_write() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    let mut new_case = |name: &str| {
        vault
            .add_case(NewCase {
                name: name.into(),
                ..NewCase::default()
            })
            .unwrap()
    };
    let (ivan, olga) = (new_case("Ivan Petrov"), new_case("Olga Smirnova"));
    let event = |case, kind, on: &str, outcome| LegalEvent {
        case_id: Some(case),
        kind,
        date: Some(date(on)),
        outcome,
        ..LegalEvent::default()
    };
    check_legal_facts(&vault, "no events");

    let decision = vault
        .add(event(
            ivan,
            LegalEventKind::IjDecision,
            "2026-09-01",
            Outcome::Denied,
        ))
        .unwrap();
    let stay = vault
        .add(event(
            ivan,
            LegalEventKind::StayRequested,
            "2026-11-20",
            Outcome::Pending,
        ))
        .unwrap();
    vault
        .add(event(
            olga,
            LegalEventKind::MasterHearing,
            "2026-12-10",
            Outcome::Pending,
        ))
        .unwrap();
    check_legal_facts(&vault, "three events added");
    let count = |vault: &Vault| -> i64 {
        vault
            .connection()
            .query_row("SELECT count(*) FROM case_legal_facts", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(count(&vault), 2);

    // A legal event cannot be changed once saved, nor moved to another case, by any operation;
    // but a hostile bundle can save one id twice, in two cases. The row of each case is written
    // again by `legal_facts_changed` after any write, which these two, made in SQL, stand for.
    vault
        .connection()
        .execute(
            "UPDATE records SET body = json_set(body, '$.date', '2026-09-02',
                                                '$.appeal_waived', json('true'))
             WHERE id = ?1",
            [decision.to_string()],
        )
        .unwrap();
    super::legal_facts_changed(vault.connection(), &ivan.to_string()).unwrap();
    check_legal_facts(&vault, "decision changed, appeal waived");

    vault
        .connection()
        .execute(
            "UPDATE records SET case_id = ?1, body = json_set(body, '$.case_id', ?1) WHERE id = ?2",
            [olga.to_string(), stay.to_string()],
        )
        .unwrap();
    for case in [ivan, olga] {
        super::legal_facts_changed(vault.connection(), &case.to_string()).unwrap();
    }
    check_legal_facts(&vault, "stay moved to the other case");

    vault
        .add(Visit {
            case_id: Some(ivan),
            date: Some(date("2026-11-01")),
            ..Visit::default()
        })
        .unwrap();
    check_legal_facts(&vault, "a visit added");

    vault.delete::<LegalEvent>(decision).unwrap();
    check_legal_facts(&vault, "Ivan's last event deleted");
    assert_eq!(count(&vault), 1, "a case with no legal event keeps no row");

    vault
        .forget_case(olga, crate::ops::ForgetReason::RequestedByPerson)
        .unwrap();
    check_legal_facts(&vault, "Olga forgotten");
    assert_eq!(count(&vault), 0);
}

/// A case's row is written again from the view, for that case: a search of the index by case,
/// never a read of every legal event.
#[test]
fn a_case_row_is_written_from_a_search_of_the_index() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    let plan = plan(
        &vault,
        "SELECT events FROM legal_facts_by_case WHERE case_id = ?1",
    );
    assert!(
        plan.contains("SEARCH records USING COVERING INDEX legal_event_facts (case_id=?"),
        "{plan}"
    );
    assert!(!plan.contains("SCAN records"), "{plan}");
}

mod iso_dates {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::super::iso_date;

    proptest! {
        /// Ten characters shaped like a date (digits, or anything, around two dashes): the fast
        /// reading agrees with chrono's, days that do not exist included; any other text is
        /// left to chrono.
        #[test]
        fn the_fast_reading_agrees_with_chrono(
            text in prop_oneof![
                "[0-9]{4}-[0-9]{2}-[0-9]{2}",
                "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
                "[0-9+ -]{4}-[0-9a ]{2}-[0-9 +]{2}",
                ".{0,12}",
            ]
        ) {
            let fast = iso_date(&text);
            if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
                && text.bytes().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
            {
                prop_assert_eq!(fast, text.parse::<NaiveDate>().ok());
                prop_assert_eq!(fast, NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok());
            } else {
                prop_assert_eq!(fast, None);
            }
        }
    }

    #[test]
    fn real_and_impossible_days() {
        assert_eq!(iso_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(iso_date("2026-02-29"), None);
        assert_eq!(iso_date("0000-01-01"), NaiveDate::from_ymd_opt(0, 1, 1));
        assert_eq!(iso_date("+2026-01-01"), None);
        assert_eq!(iso_date("2026-1-01 "), None);
    }
}

/// A case's last contact is the latest date of its own visits on or before today: a visit later
/// than today, a deleted visit and another case's visit do not count; a case never visited (or
/// visited only in the future) has none.
#[test]
fn a_last_contact_is_the_latest_own_visit_up_to_today() {
    let tmp = tempfile::tempdir().unwrap();
    let (mut vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    let mut case = |name: &str| {
        vault
            .add_case(NewCase {
                name: name.into(),
                ..NewCase::default()
            })
            .unwrap()
    };
    let (visited, other, only_later, never) = (
        case("Ivan Petrov"),
        case("Olga Smirnova"),
        case("Pavel Orlov"),
        case("Anna Volkova"),
    );
    let mut visit = |case, on: &str| {
        vault
            .add(Visit {
                case_id: Some(case),
                date: Some(date(on)),
                ..Visit::default()
            })
            .unwrap()
    };
    visit(visited, "2026-10-01");
    visit(visited, "2026-11-01");
    let deleted = visit(visited, "2026-11-20");
    visit(visited, "2026-12-05");
    visit(other, "2026-11-25");
    visit(only_later, "2026-12-03");
    vault.delete::<Visit>(deleted).unwrap();
    let today = date("2026-12-02");
    let contact = |case| super::last_contact(vault.connection(), case, today).unwrap();
    assert_eq!(contact(visited), Some(date("2026-11-01")));
    assert_eq!(contact(other), Some(date("2026-11-25")));
    assert_eq!(contact(only_later), None);
    assert_eq!(contact(never), None);
    // A visit on the day itself is a contact.
    assert_eq!(
        super::last_contact(vault.connection(), only_later, date("2026-12-03")).unwrap(),
        Some(date("2026-12-03"))
    );
}
