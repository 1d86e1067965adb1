//! Forgetting a person removes the case, its records, history, search entries, drafts and
//! attachments on every device, and an older bundle arriving later cannot bring them back.

use std::collections::BTreeMap;

use pristan_testkit::canary;
use rusqlite::types::ValueRef;
use serde_json::json;

use super::convergence::{deliver, log_of};
use super::*;
use crate::cases::CaseField;
use crate::ops::{Applied, ForgetReason};

/// A case holding `canary` in every kind of place a person's data goes: its name, notes and a
/// revision, a visit, a task, an attachment's name and bytes, a draft, and a changed field.
fn case_full_of(vault: &mut Vault, canary: &str) -> EntityId {
    let case_id = vault
        .add_case(NewCase {
            name: format!("Ivan {canary}"),
            ..NewCase::default()
        })
        .unwrap();
    let changes = BTreeMap::from([(CaseField::Aliases, json!(format!("Vanya {canary}")))]);
    vault.update_case(case_id, changes).unwrap();
    let visit = Visit {
        case_id: Some(case_id),
        date: Some(day("2026-11-20")),
        visitors: short(&format!("Anna {canary}")),
        ..Visit::default()
    };
    vault.add(visit).unwrap();
    let first = vault
        .add(note(case_id, &format!("Tired {canary}")))
        .unwrap();
    vault
        .revise_note(
            first,
            NoteKind::Welfare,
            Sensitivity::Normal,
            text(&format!("Calm {canary}")),
        )
        .unwrap();
    let task = Task {
        case_id: Some(case_id),
        title: short(&format!("Call {canary}")),
        ..Task::default()
    };
    vault.add(task).unwrap();
    let bytes = format!("scan of a court decision {canary}");
    let file = format!("{}.txt", canary.replace(' ', "_"));
    vault
        .add_attachment(case_id, &file, canary, bytes.as_bytes())
        .unwrap();
    let draft = VisitDraft {
        case_id: Some(case_id),
        visit: Visit::default(),
        notes: vec![DraftNote {
            text: format!("Half-typed {canary}"),
            ..DraftNote::default()
        }],
    };
    vault.save_visit_draft(EntityId::random(), &draft).unwrap();
    case_id
}

/// Every value in every table (FTS5's own tables included) that holds one of `patterns`.
fn rows_holding(vault: &Vault, patterns: &[(String, Vec<u8>)]) -> Vec<String> {
    let conn = vault.connection();
    let tables: Vec<String> = {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let mut found = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let bytes = match row.get_ref(i).unwrap() {
                    ValueRef::Text(b) | ValueRef::Blob(b) => b,
                    _ => continue,
                };
                for (label, pattern) in patterns {
                    if bytes
                        .windows(pattern.len())
                        .any(|w| w == pattern.as_slice())
                    {
                        found.push(format!("{table}.{i}: {label}"));
                    }
                }
            }
        }
    }
    found
}

/// The canary's byte patterns, also in lower case, as the search index folds words.
fn patterns_of(canary: &str) -> Vec<(String, Vec<u8>)> {
    let mut patterns = canary::patterns(canary);
    patterns.extend(canary::patterns(&canary.to_lowercase()));
    patterns
}

#[test]
fn a_forgotten_case_leaves_no_trace_and_a_late_bundle_does_not_bring_it_back() {
    let (tmp, mut vault) = new_vault();
    let canary = canary::new_canary();
    let patterns = patterns_of(&canary);
    let other = open_case(&mut vault);
    vault.add(note(other, "Asked for shoes")).unwrap();
    let case_id = case_full_of(&mut vault, &canary);
    let token = canary.split(' ').next().unwrap();
    assert_eq!(vault.search_cases(token).unwrap().len(), 1);
    assert!(
        !rows_holding(&vault, &patterns).is_empty(),
        "the scan works"
    );
    let old_log = log_of(&vault);

    vault
        .forget_case(case_id, ForgetReason::RequestedByPerson)
        .unwrap();
    assert!(vault.case(case_id).unwrap().is_none());
    assert_eq!(vault.cases().unwrap().len(), 1, "the other case stays");
    assert_eq!(vault.current_notes(other).unwrap().len(), 1);
    for word in canary.split(' ') {
        assert_eq!(vault.search_cases(word).unwrap(), [], "{word}");
    }
    assert_eq!(rows_holding(&vault, &patterns), Vec::<String>::new());
    let blobs: i64 = vault
        .connection()
        .query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(blobs, 0);
    // The files are encrypted anyway; this guards against a plaintext side file.
    assert_eq!(
        canary::scan(&[tmp.path()], &patterns, None),
        Vec::<String>::new()
    );

    let hash = vault.state_hash().unwrap();
    let applied = deliver(&mut vault, &old_log);
    assert!(applied
        .iter()
        .all(|a| matches!(a, Applied::Forgotten | Applied::Duplicate)));
    assert!(applied.contains(&Applied::Forgotten));
    assert!(vault.case(case_id).unwrap().is_none());
    assert_eq!(vault.state_hash().unwrap(), hash);
    assert_eq!(rows_holding(&vault, &patterns), Vec::<String>::new());
}

#[test]
fn a_forget_converges_whether_it_arrives_before_or_after_the_case() {
    let (_tmp, mut source) = new_vault();
    let canary = canary::new_canary();
    let case_id = case_full_of(&mut source, &canary);
    let history = log_of(&source);
    source
        .forget_case(case_id, ForgetReason::ConsentWithdrawn)
        .unwrap();
    let forget: Vec<_> = log_of(&source)
        .into_iter()
        .filter(|op| op.entity == case_id)
        .collect();
    assert_eq!(forget.len(), 1, "only the Forget operation stays");

    let (_tmp_a, mut before) = new_vault();
    deliver(&mut before, &history);
    deliver(&mut before, &forget);
    let (_tmp_b, mut after) = new_vault();
    deliver(&mut after, &forget);
    let late = deliver(&mut after, &history);
    assert!(late.iter().all(|a| *a == Applied::Forgotten));
    for replica in [&before, &after] {
        assert_eq!(replica.state_hash().unwrap(), source.state_hash().unwrap());
        assert_eq!(
            rows_holding(replica, &patterns_of(&canary)),
            Vec::<String>::new()
        );
    }
}

#[test]
fn only_an_existing_case_can_be_forgotten() {
    let (_tmp, mut vault) = new_vault();
    let err = vault
        .forget_case(EntityId::random(), ForgetReason::EnteredByMistake)
        .unwrap_err();
    assert!(err.to_string().contains("no case"), "{err}");
    assert_eq!(op_count(&vault), 0);
}

/// Issue 10, finding 4: contents an older import stored without a record naming them (an
/// attachment of a forgotten case that arrived late) are removed at the next forget (purging and
/// compacting both remove them). The import no longer stores them: tests/adversarial/storage.rs.
#[test]
fn compacting_after_a_forget_removes_attachment_contents_no_record_names() {
    let (_tmp, mut vault) = new_vault();
    let kept = open_case(&mut vault);
    vault
        .add_attachment(kept, "scan.pdf", "", b"%PDF-1.4 kept")
        .unwrap();
    vault
        .conn
        .execute(
            "INSERT INTO blobs (sha256, data) VALUES ('00', x'0102')",
            [],
        )
        .unwrap();
    let blobs = |vault: &Vault| -> i64 {
        vault
            .conn
            .query_row("SELECT count(*) FROM blobs", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(blobs(&vault), 2);
    let other = open_case(&mut vault);
    vault
        .forget_case(other, ForgetReason::EnteredByMistake)
        .unwrap();
    assert_eq!(
        blobs(&vault),
        1,
        "the orphan is gone, the named contents stay"
    );
}
