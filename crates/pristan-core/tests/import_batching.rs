//! Importing in one batch gives what importing operation by operation gives (issue 15): the
//! import applies a whole bundle in one transaction, reusing prepared statements and lookups
//! across operations, and none of that may change the outcome.
//!
//! Two coordinators write cases, field edits (some concurrent: a conflict), notes, corrections,
//! deletions, tasks and a forget. Two new coordinator laptops then receive everything: one as
//! each writer's whole log in one bundle, the other as bundles of one operation each, delivered
//! newest first. Both must end with the writers' state hash (log, cases, records, stamps, field
//! heads, forgotten cases), the same search index, the same search answers (cases, order and
//! snippets, whatever order the operations were applied in) and the same conflicts.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pristan_core::bundle::{BatchLimits, ExportOutcome, FileOutcome};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity, ShortText, Task};
use pristan_core::ops::{EntityId, ForgetReason};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn create(dir: &Path, name: &str) -> Vault {
    let (vault, _) = Vault::create(&dir.join(name), &passphrase(), KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    vault
}

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap()
}

fn add_note(vault: &mut Vault, case: EntityId, text: &str) -> EntityId {
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(text).unwrap(),
            replaces: None,
        })
        .unwrap()
}

fn set(vault: &mut Vault, case: EntityId, field: CaseField, value: &str) {
    let changes = BTreeMap::from([(field, Value::String(value.to_owned()))]);
    vault.update_case(case, changes).unwrap();
}

/// Every operation `vault` wrote, as bundles of at most `ops` operations each.
fn export_all(vault: &mut Vault, dir: &Path, ops: usize) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let limits = BatchLimits {
        ops,
        ..BatchLimits::DEFAULT
    };
    match vault
        .export_bundle_in_batches(dir, Some(1), &limits, &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(report) => report.paths.iter().map(PathBuf::from).collect(),
        ExportOutcome::NothingNew => panic!("expected bundles"),
    }
}

fn import_all(vault: &mut Vault, paths: &[PathBuf]) {
    let summary = vault.import_bundles(paths, &mut |_| {}).unwrap();
    for file in &summary.files {
        assert!(
            matches!(file.outcome, FileOutcome::Imported(_)),
            "{:?}",
            file.outcome
        );
    }
}

/// What a person would see of the casebook: search answers for a few words, and conflicts.
fn seen(vault: &Vault) -> Vec<String> {
    let mut seen = Vec::new();
    for query in [
        "Petrov",
        "Петров",
        "glasses",
        "socks",
        "Karimov",
        "boots",
        "dentist",
    ] {
        // Search ranks by when each record was written (its operation's clock and device), not
        // by the order this device applied operations in: every laptop holding the same records
        // gives the same cases, in the same order, each with the same record's snippet, and the
        // same first page.
        for hit in vault.search_cases(query).unwrap() {
            seen.push(format!("{query}: {hit:?}"));
        }
        let first_page = vault.search_page(query, 0, 1).unwrap();
        seen.push(format!("{query}, first page of one: {first_page:?}"));
    }
    let mut conflicts: Vec<String> = vault
        .conflicts()
        .unwrap()
        .into_iter()
        .map(|c| format!("{c:?}"))
        .collect();
    conflicts.sort();
    seen.extend(conflicts);
    seen
}

#[test]
fn one_bundle_and_one_operation_at_a_time_give_the_same_casebook() {
    let tmp = tempfile::tempdir().unwrap();
    let mut first = create(tmp.path(), "Office laptop");
    first.create_org("Batch Visitors").unwrap();
    let keys = first.export_coordinator_keys(&passphrase()).unwrap();
    let mut second = create(tmp.path(), "Second office laptop");
    second.join_as_coordinator(&keys, &passphrase()).unwrap();

    // The first coordinator's casebook.
    let ivan = add_case(&mut first, "Ivan Petrov");
    set(&mut first, ivan, CaseField::NativeName, "Иван Петров");
    let glasses = add_note(&mut first, ivan, "Needs reading glasses");
    first
        .revise_note(
            glasses,
            NoteKind::Welfare,
            Sensitivity::Normal,
            LongText::new("Needs reading glasses, +2.5, and warm socks").unwrap(),
        )
        .unwrap();
    let gone = add_note(&mut first, ivan, "Asked for boots");
    first.delete::<Note>(gone).unwrap();
    let task = first
        .add(Task {
            case_id: Some(ivan),
            title: ShortText::new("Find a dentist").unwrap(),
            ..Task::default()
        })
        .unwrap();
    first
        .update(
            task,
            Task {
                case_id: Some(ivan),
                title: ShortText::new("Find a dentist who speaks Russian").unwrap(),
                ..Task::default()
            },
        )
        .unwrap();
    let forgotten = add_case(&mut first, "Rustam Karimov");
    add_note(&mut first, forgotten, "Asked about his brother's boots");

    // The second coordinator hears of Ivan, then both change his nationality without seeing each
    // other (a conflict), and the second adds a note while the first forgets Rustam.
    let from_first = export_all(&mut first, &tmp.path().join("first-early"), 1000);
    import_all(&mut second, &from_first);
    set(&mut first, ivan, CaseField::Nationality, "Uzbekistan");
    set(&mut second, ivan, CaseField::Nationality, "Tajikistan");
    add_note(&mut second, ivan, "Glasses arrived; socks still needed");
    add_note(&mut second, forgotten, "Rustam asked for a dentist");
    let alone = add_case(&mut second, "Olga Sokolova");
    second.delete_case(alone).unwrap();
    first
        .forget_case(forgotten, ForgetReason::RequestedByPerson)
        .unwrap();

    // Both coordinators end with everything, as the reference state.
    let from_second = export_all(&mut second, &tmp.path().join("second-all"), 1000);
    import_all(&mut first, &from_second);
    let from_first = export_all(&mut first, &tmp.path().join("first-all"), 1000);
    import_all(&mut second, &from_first);
    assert_eq!(first.state_hash().unwrap(), second.state_hash().unwrap());
    assert!(
        !first.conflicts().unwrap().is_empty(),
        "the test makes a conflict"
    );

    // One laptop receives each log whole; the other one operation at a time, newest first.
    let mut whole = create(tmp.path(), "Whole");
    whole.join_as_coordinator(&keys, &passphrase()).unwrap();
    import_all(&mut whole, &from_first);
    import_all(&mut whole, &from_second);

    let mut piecemeal = create(tmp.path(), "Piecemeal");
    piecemeal.join_as_coordinator(&keys, &passphrase()).unwrap();
    let mut singles = export_all(&mut first, &tmp.path().join("first-singles"), 1);
    singles.extend(export_all(
        &mut second,
        &tmp.path().join("second-singles"),
        1,
    ));
    assert!(singles.len() >= 12, "{} bundles", singles.len());
    // The roster travels with every bundle; its newest version comes first so every signer is
    // known, then the operations arrive newest first.
    singles.reverse();
    for path in &singles {
        import_all(&mut piecemeal, std::slice::from_ref(path));
    }

    let reference = first.state_hash().unwrap();
    assert_eq!(whole.state_hash().unwrap(), reference);
    assert_eq!(piecemeal.state_hash().unwrap(), reference);
    assert_eq!(seen(&whole), seen(&first));
    assert_eq!(seen(&piecemeal), seen(&first));
    assert!(whole.case(forgotten).unwrap().is_none());
    assert!(whole.search_cases("Karimov").unwrap().is_empty());
    assert_eq!(
        whole.search_cases("glasses").unwrap().len(),
        1,
        "one case: the corrected note and Ivan's new note"
    );
}
