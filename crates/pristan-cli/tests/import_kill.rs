//! `pristan bundle import` killed with SIGKILL at any moment applies the bundle whole or not at all
//! (DESIGN.md §6 and §10, "kill -9 during writes"): afterwards the coordinator's vault holds
//! either the state before the import or the state after it, passes SQLite's integrity check,
//! and importing the same file again gives the full state.
//!
//! The bundle is a volunteer's: a couple of thousand notes over 40 cases, made through the core.
//! Its state after a clean import is computed once on a copy of the coordinator's vault; each try
//! starts from a fresh copy, and the kills are spread over the time a clean import takes, with a
//! random offset (the seed is printed).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use pristan_core::bundle::{ExportOutcome, FileOutcome};
use pristan_core::casebook::RecordBatch;
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const CASES: usize = 40;
const NOTES_PER_CASE: usize = 50;
const TRIES: u32 = 10;

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

fn create(dir: &Path, name: &str) -> Vault {
    let (vault, _) = Vault::create(dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    vault
}

fn export(vault: &mut Vault, dir: &Path) -> PathBuf {
    match vault.export_bundle(dir, None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => PathBuf::from(report.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

fn note(case: pristan_core::ops::EntityId, n: usize) -> Note {
    let text = format!(
        "Visit {n}: tired but calm, asked for reading glasses (+2.5), warm socks and a \
         Russian–English dictionary. Очень устал, просит очки и тёплые носки. Hearing next month."
    );
    Note {
        case_id: Some(case),
        visit_id: None,
        kind: NoteKind::Welfare,
        sensitivity: Sensitivity::Normal,
        text: LongText::new(&text).unwrap(),
        replaces: None,
    }
}

/// A coordinator's vault (locked, in `dir/coordinator`) that has approved a volunteer, and that
/// volunteer's large second bundle, not imported yet.
fn coordinator_and_big_bundle(dir: &Path) -> (PathBuf, PathBuf) {
    let stick = dir.join("stick");
    fs::create_dir(&stick).unwrap();
    let mut coordinator = create(&dir.join("coordinator"), "Office laptop");
    coordinator.create_org("Kill Test Visitors").unwrap();
    let mut volunteer = create(&dir.join("volunteer"), "Anna's laptop");
    let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text()).unwrap();
    volunteer.join_org(&invitation).unwrap();
    volunteer
        .add_case(NewCase {
            name: "First case".into(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap();
    let first = export(&mut volunteer, &stick);
    coordinator.import_bundles(&[first], &mut |_| {}).unwrap();
    coordinator
        .approve_device(volunteer.device_id(), Role::Volunteer)
        .unwrap();
    assert_eq!(
        coordinator.retry_quarantine(&mut |_| {}).unwrap().imported,
        1
    );

    for c in 0..CASES {
        let case = volunteer
            .add_case(NewCase {
                name: format!("Person {c}"),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap();
        let mut batch = RecordBatch::new();
        for n in 0..NOTES_PER_CASE {
            batch.queue(&volunteer, note(case, n)).unwrap();
        }
        volunteer.save_batch(batch).unwrap();
    }
    let big = export(&mut volunteer, &stick);
    let coordinator_dir = coordinator.dir().to_owned();
    coordinator.lock().unwrap();
    volunteer.lock().unwrap();
    (coordinator_dir, big)
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        assert!(entry.file_type().unwrap().is_file(), "{:?}", entry.path());
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn import_command(dir: &Path, bundle: &Path) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--vault")
        .arg(dir)
        .args(["bundle", "import", "--passphrase-stdin", "--json"])
        .arg(bundle)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pristan runs");
    let mut stdin = child.stdin.take().unwrap();
    // A child killed before it reads standard input closes the pipe.
    let _ = stdin.write_all(format!("{PASSPHRASE}\n").as_bytes());
    child
}

/// The state hash of the vault in `dir`, after checking the database is sound.
fn checked_hash(dir: &Path, label: &str) -> (Vault, String) {
    let vault = Vault::unlock(dir, &passphrase()).unwrap();
    let problems = vault.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{label}: {problems:?}");
    let hash = vault.state_hash().unwrap();
    (vault, hash)
}

/// SplitMix64, for the kill offsets.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[test]
fn an_import_killed_at_any_moment_applies_all_of_the_bundle_or_none() {
    let tmp = tempfile::tempdir().unwrap();
    let (pristine, bundle) = coordinator_and_big_bundle(tmp.path());
    let (vault, before) = checked_hash(&pristine, "before");
    vault.lock().unwrap();

    // A clean import through the command, timed to spread the kills over it.
    let reference = tmp.path().join("reference");
    copy_dir(&pristine, &reference);
    let started = Instant::now();
    let status = import_command(&reference, &bundle).wait().unwrap();
    let full = started.elapsed();
    assert!(status.success());
    let (vault, after) = checked_hash(&reference, "clean import");
    assert_ne!(before, after);
    assert_eq!(vault.cases().unwrap().len(), CASES + 1);
    vault.lock().unwrap();

    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("clean import: {full:?}; kill offsets seed {seed}");
    let work = tmp.path().join("work");
    let (mut none, mut all) = (0, 0);
    for i in 0..TRIES {
        copy_dir(&pristine, &work);
        // Spread over 0..1.2 × the clean import, each try in its own slice at a random point.
        let fraction = (f64::from(i) + (next(&mut seed) % 1000) as f64 / 1000.0) / f64::from(TRIES);
        let delay = full.mul_f64(1.2 * fraction);
        let mut child = import_command(&work, &bundle);
        std::thread::sleep(delay);
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = child.wait();

        let label = format!("try {i}, killed after {delay:?}");
        let (mut vault, hash) = checked_hash(&work, &label);
        if hash == before {
            none += 1;
        } else if hash == after {
            all += 1;
        } else {
            panic!("{label}: the vault holds part of the bundle");
        }
        let summary = vault
            .import_bundles(std::slice::from_ref(&bundle), &mut |_| {})
            .unwrap();
        match &summary.files[0].outcome {
            FileOutcome::Imported(_) => assert_eq!(hash, before, "{label}"),
            FileOutcome::AlreadyImported { .. } => assert_eq!(hash, after, "{label}"),
            other => panic!("{label}: importing again gave {other:?}"),
        }
        assert_eq!(vault.state_hash().unwrap(), after, "{label}");
        assert!(vault.integrity_problems().unwrap().is_empty(), "{label}");
        assert!(vault.quarantine().unwrap().is_empty(), "{label}");
        vault.lock().unwrap();
    }
    eprintln!("{TRIES} kills: {none} left nothing applied, {all} left everything applied");
}
