//! `pristan demo`: invented vaults that are the same for the same seed, and realistic enough to
//! show every part of the casebook (removal-imminent cases, deadlines soon, notes in two scripts).
//!
//! Record ids are random by design (see the demo module), so vaults are compared by content with
//! every id blanked out.

mod support;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use pristan_core::domain::{Note, Relative, Whereabouts};
use pristan_core::Vault;
use secrecy::SecretString;
use serde_json::Value;
use support::{run, text};

const DEMO_PASSPHRASE: &str = "demo vault only — not for real cases";
const TODAY: &str = "2026-11-22";

fn demo(dir: &Path, seed: &str) -> String {
    let out = run(
        dir,
        &[
            "demo",
            "--cases",
            "40",
            "--notes",
            "200",
            "--seed",
            seed,
            "--today",
            TODAY,
            "--fast-kdf",
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run(dir, args, DEMO_PASSPHRASE);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `value` with every record id replaced by "<id>", and arrays sorted, so that two vaults with the
/// same contents compare equal.
fn without_ids(value: Value) -> Value {
    match value {
        Value::String(s) if s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit()) => {
            Value::from("<id>")
        }
        Value::Array(items) => {
            let mut items: Vec<Value> = items.into_iter().map(without_ids).collect();
            items.sort_by_key(|v| v.to_string());
            Value::Array(items)
        }
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, without_ids(v))).collect())
        }
        other => other,
    }
}

/// Everything the command line shows of a vault, ids aside.
fn contents(dir: &Path) -> Vec<Value> {
    let p = "--passphrase-stdin";
    [
        vec!["case", "list", p, "--json"],
        vec!["task", "list", p, "--json"],
        vec!["facility", "list", p, "--json"],
        vec!["deadlines", p, "--json", "--today", TODAY],
        vec!["case", "search", p, "--json", "очки"],
    ]
    .iter()
    .map(|args| without_ids(json(dir, args)))
    .collect()
}

fn vaults() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|n| tmp.path().join(n));
    (tmp, a, b, c)
}

#[test]
fn the_same_seed_gives_the_same_vault_and_another_seed_another() {
    let (_tmp, a, b, c) = vaults();
    let printed = demo(&a, "7");
    demo(&b, "7");
    demo(&c, "8");
    assert!(
        printed.contains("Passphrase: demo vault only — not for real cases"),
        "{printed}"
    );
    assert!(printed.contains("invented"), "{printed}");
    let (first, again, other) = (contents(&a), contents(&b), contents(&c));
    assert_eq!(first, again);
    assert_ne!(first[0], other[0], "another seed, other people");
    assert_eq!(first[0].as_array().unwrap().len(), 40);
    assert_eq!(first[2].as_array().unwrap().len(), 8, "eight facilities");
}

#[test]
fn a_demo_vault_shows_every_part_of_the_casebook() {
    let (_tmp, dir, _, _) = vaults();
    demo(&dir, "1");
    let today: NaiveDate = TODAY.parse().unwrap();
    let vault = Vault::unlock(&dir, &SecretString::from(DEMO_PASSPHRASE.to_owned())).unwrap();
    let cases = vault.cases().unwrap();
    assert_eq!(cases.len(), 40);
    let current: usize = cases
        .iter()
        .map(|c| vault.current_notes(c.id).unwrap().len())
        .sum();
    assert_eq!(current, 200, "--notes counts current notes, not revisions");
    let notes = vault.list_all::<Note>().unwrap();
    assert!(notes
        .iter()
        .any(|n| n.record.sensitivity.as_str() == "restricted"));
    assert!(notes.iter().any(|n| n
        .record
        .text
        .as_str()
        .chars()
        .any(|c| ('а'..='я').contains(&c))));
    assert!(notes.iter().all(|n| n.record.visit_id.is_some()));
    assert!(cases.iter().any(|c| c.native_name.contains('ё')));
    assert!(cases.iter().all(|c| !c.native_name.is_empty()));

    let dashboard = vault.dashboard(today).unwrap();
    assert!(!dashboard.removal_imminent.is_empty(), "{dashboard:?}");
    assert!(
        dashboard
            .deadlines
            .iter()
            .any(|d| d.deadline.due >= today && (d.deadline.due - today).num_days() <= 14),
        "a deadline in the next two weeks"
    );
    assert!(!dashboard.tasks.is_empty());
    assert_eq!(dashboard.drafts.len(), 2, "two unfinished write-ups");
    let relatives = vault.list_all::<Relative>().unwrap();
    assert!(relatives
        .iter()
        .any(|r| r.record.whereabouts == Whereabouts::FosterCare
            || r.record.whereabouts == Whereabouts::DetainedElsewhere));
    assert!(vault.integrity_problems().unwrap().is_empty());
    vault.lock().unwrap();

    // A name with ё is found typed with е, as Russian is often typed.
    let with_yo = cases.iter().find(|c| c.native_name.contains('ё')).unwrap();
    let typed = with_yo.native_name.replace('ё', "е");
    let hits = json(
        &dir,
        &["case", "search", "--passphrase-stdin", "--json", &typed],
    );
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["id"] == with_yo.id.to_string()));
}

#[test]
fn a_demo_is_never_made_over_an_existing_vault_and_takes_a_passphrase_from_stdin() {
    let (_tmp, dir, other, _) = vaults();
    demo(&dir, "1");
    let again = run(&dir, &["demo", "--cases", "2", "--fast-kdf"], "");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("a vault already exists"),
        "{}",
        text(&again.stderr)
    );

    let own = "walnut ferry lantern ninety pebble";
    let out = run(
        &other,
        &[
            "demo",
            "--cases",
            "3",
            "--notes",
            "9",
            "--passphrase-stdin",
            "--fast-kdf",
        ],
        own,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains(own),
        "the passphrase is not echoed"
    );
    let vault = Vault::unlock(&other, &SecretString::from(own.to_owned())).unwrap();
    assert_eq!(vault.cases().unwrap().len(), 3);

    let bad = run(&other, &["demo", "--cases", "0", "--notes", "5"], "");
    assert!(text(&bad.stderr).contains("notes need cases"));
}

/// The 100,000-case vault takes hours: a run can stop (`--pause-after`, or be interrupted) and
/// `--resume` goes on after the last batch saved, giving the vault one uninterrupted run gives.
#[test]
fn a_paused_demo_goes_on_where_it_stopped_and_gives_the_same_vault() {
    let (_tmp, whole, parts, _) = vaults();
    let args = |more: &[&'static str]| {
        let mut args = vec![
            "demo",
            "--cases",
            "120",
            "--notes",
            "600",
            "--seed",
            "3",
            "--today",
            TODAY,
            "--fast-kdf",
        ];
        args.extend_from_slice(more);
        args
    };
    let ok = |dir: &Path, args: &[&str]| {
        let out = run(dir, args, "");
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    let cases = |dir: &Path| {
        let vault = Vault::unlock(dir, &SecretString::from(DEMO_PASSPHRASE.to_owned())).unwrap();
        (
            vault.cases().unwrap().len(),
            vault.visit_drafts().unwrap().len(),
        )
    };
    assert!(ok(&whole, &args(&[])).contains("Created a demo vault"));

    let paused = ok(&parts, &args(&["--pause-after", "40"]));
    assert!(paused.contains("after 40 cases"), "{paused}");
    assert!(
        paused.contains("--today 2026-11-22 --resume"),
        "it says how to go on: {paused}"
    );
    assert!(paused.contains("Recovery code:"), "{paused}");
    assert_eq!(cases(&parts), (40, 2));
    ok(&parts, &args(&["--resume", "--pause-after", "100"]));
    assert_eq!(cases(&parts), (100, 2));
    let finished = ok(&parts, &args(&["--resume"]));
    assert!(finished.contains("Finished the demo vault"), "{finished}");
    assert!(!finished.contains("Recovery code:"), "{finished}");
    assert_eq!(contents(&whole), contents(&parts));
    assert_eq!(cases(&whole), (120, 2));
    assert!(ok(&parts, &args(&["--resume"])).contains("0 records saved by this run"));

    // Other arguments than the vault was begun with are refused, and nothing is added.
    for (wrong, words) in [
        (["--seed", "4"], "not the ones"),
        (["--notes", "700"], "not the ones"),
        (["--cases", "200"], "not the ones"),
        (["--cases", "100"], "give --resume the --cases"),
    ] {
        let mut args = args(&["--resume"]);
        let at = args.iter().position(|a| *a == wrong[0]).unwrap();
        args[at + 1] = wrong[1];
        let out = run(&parts, &args, "");
        assert!(!out.status.success(), "{args:?}");
        assert!(text(&out.stderr).contains(words), "{}", text(&out.stderr));
    }
    let undated = run(&parts, &["demo", "--cases", "120", "--resume"], "");
    assert!(
        text(&undated.stderr).contains("--today"),
        "{}",
        text(&undated.stderr)
    );
    assert_eq!(contents(&whole), contents(&parts));
}
