//! `pristan backup` killed with SIGKILL at any moment leaves either no backup or a complete one,
//! and never harms the live vault: afterwards every `pristan-backup-*` folder opens with the
//! passphrase and passes both integrity checks, and the live vault holds the same state and passes
//! them too. The kills are spread over the time a clean backup takes, with a random offset (the
//! seed is printed).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use pristan_core::casebook::RecordBatch;
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const TRIES: u32 = 10;

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

/// A vault of some megabytes, so that a backup takes long enough to be interrupted.
fn big_vault(dir: &Path) {
    let (mut vault, _) = Vault::create(dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    for c in 0..30 {
        let case = vault
            .add_case(NewCase {
                name: format!("Person {c}"),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap();
        let mut batch = RecordBatch::new();
        for n in 0..60 {
            let text = format!(
                "Visit {n}: tired but calm, asked for reading glasses, warm socks and a \
                 dictionary. Очень устал, просит очки и тёплые носки. {}",
                "Hearing next month. ".repeat(10)
            );
            let note = Note {
                case_id: Some(case),
                visit_id: None,
                kind: NoteKind::Welfare,
                sensitivity: Sensitivity::Normal,
                text: LongText::new(&text).unwrap(),
                replaces: None,
            };
            batch.queue(&vault, note).unwrap();
        }
        vault.save_batch(batch).unwrap();
    }
    vault.lock().unwrap();
}

fn backup_command(vault: &Path, drive: &Path) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--vault")
        .arg(vault)
        .args(["backup", "--passphrase-stdin", "--to"])
        .arg(drive)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("pristan runs");
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(format!("{PASSPHRASE}\n").as_bytes());
    child
}

/// The state hash of the vault in `dir`, after checking that it opens and is sound.
fn checked_hash(dir: &Path, label: &str) -> String {
    let vault = Vault::unlock(dir, &passphrase()).unwrap_or_else(|e| panic!("{label}: {e}"));
    let problems = vault.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{label}: {problems:?}");
    let hash = vault.state_hash().unwrap();
    vault.lock().unwrap();
    hash
}

fn backups(drive: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(drive)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pristan-backup-"))
        })
        .collect();
    found.sort();
    found
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
fn a_backup_killed_at_any_moment_leaves_no_backup_or_a_complete_one() {
    let tmp = tempfile::tempdir().unwrap();
    let live = tmp.path().join("vault");
    big_vault(&live);
    let before = checked_hash(&live, "before");

    let reference = tmp.path().join("reference");
    fs::create_dir(&reference).unwrap();
    let started = Instant::now();
    assert!(backup_command(&live, &reference).wait().unwrap().success());
    let full = started.elapsed();
    let made = backups(&reference);
    assert_eq!(made.len(), 1);
    assert_eq!(checked_hash(&made[0], "clean backup"), before);

    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("clean backup: {full:?}; kill offsets seed {seed}");
    let (mut none, mut complete) = (0, 0);
    for i in 0..TRIES {
        let drive = tmp.path().join(format!("drive-{i}"));
        fs::create_dir(&drive).unwrap();
        let fraction = (f64::from(i) + (next(&mut seed) % 1000) as f64 / 1000.0) / f64::from(TRIES);
        let delay = full.mul_f64(1.2 * fraction);
        let mut child = backup_command(&live, &drive);
        std::thread::sleep(delay);
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = child.wait();

        let label = format!("try {i}, killed after {delay:?}");
        assert_eq!(
            checked_hash(&live, &label),
            before,
            "{label}: the live vault changed"
        );
        match backups(&drive).as_slice() {
            [] => none += 1,
            [one] => {
                assert_eq!(checked_hash(one, &label), before, "{label}");
                complete += 1;
            }
            more => panic!("{label}: {more:?}"),
        }
        // Whatever was left half-written is hidden, and the next backup clears it.
        assert!(backup_command(&live, &drive).wait().unwrap().success());
        let leftovers: Vec<_> = fs::read_dir(&drive)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".partial"))
            .collect();
        assert!(leftovers.is_empty(), "{label}: {leftovers:?}");
    }
    eprintln!("{TRIES} kills: {none} left no backup, {complete} left a complete one");
}
