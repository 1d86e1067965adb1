//! `pristan rekey` killed with SIGKILL at any moment never locks the person out (issue 10,
//! finding 5): afterwards the passphrase opens the vault, every case is there, and the database
//! passes its integrity check. Kills land at each step of the rotation (the rotation pauses
//! there when PRISTAN_TEST_ROTATION_PAUSE names the step, and the test kills it while it waits)
//! and at random moments over a clean run (the seed is printed).

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use pristan_core::cases::NewCase;
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const CASES: usize = 300;
const RANDOM_TRIES: u32 = 8;
const STEPS: [&str; 4] = [
    "after-pending",
    "after-rekey",
    "after-checkpoint",
    "after-keyslots",
];

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

fn pristine(dir: &Path) {
    let (mut vault, _) = Vault::create(dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    for n in 0..CASES {
        vault
            .add_case(NewCase {
                name: format!("Person {n}"),
                ..NewCase::default()
            })
            .unwrap();
    }
    vault.lock().unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    let _ = fs::remove_dir_all(to);
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn rekey(dir: &Path, pause_at: Option<&str>) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pristan"));
    command
        .arg("--vault")
        .arg(dir)
        .args(["rekey", "--passphrase-stdin", "--fast-kdf"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    if let Some(step) = pause_at {
        command.env("PRISTAN_TEST_ROTATION_PAUSE", step);
    }
    let mut child = command.spawn().expect("pristan runs");
    let mut stdin = child.stdin.take().unwrap();
    // A child killed before it reads standard input closes the pipe.
    let _ = stdin.write_all(format!("{PASSPHRASE}\n").as_bytes());
    child
}

fn kill(child: &mut Child) {
    let _ = nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    );
    let _ = child.wait();
}

/// The passphrase opens the vault, all of it is there and sound, and it opens again after that
/// (an interrupted rotation is finished by the first opening).
fn assert_opens_whole(dir: &Path, label: &str) {
    for round in 0..2 {
        let vault = Vault::unlock(dir, &passphrase())
            .unwrap_or_else(|e| panic!("{label}, opening {round}: locked out: {e}"));
        assert_eq!(vault.cases().unwrap().len(), CASES, "{label}");
        let problems = vault.integrity_problems().unwrap();
        assert!(problems.is_empty(), "{label}: {problems:?}");
        vault.lock().unwrap();
    }
    assert!(!dir.join("keyslots.pending").exists(), "{label}");
}

#[test]
fn a_rotation_killed_at_each_step_leaves_the_vault_openable() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("pristine");
    pristine(&template);
    let work = tmp.path().join("work");
    for step in STEPS {
        copy_dir(&template, &work);
        let mut child = rekey(&work, Some(step));
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut paused = false;
        for line in stderr.lines() {
            let line = line.unwrap();
            if line.contains("rotation paused at") {
                paused = true;
                break;
            }
        }
        assert!(paused, "{step}: the rotation never reached the step");
        kill(&mut child);
        assert_opens_whole(&work, step);
    }
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
fn a_rotation_killed_at_a_random_moment_leaves_the_vault_openable() {
    let tmp = tempfile::tempdir().unwrap();
    let template = tmp.path().join("pristine");
    pristine(&template);
    let work = tmp.path().join("work");
    copy_dir(&template, &work);
    let started = Instant::now();
    let status = rekey(&work, None).wait().unwrap();
    let full = started.elapsed();
    assert!(status.success());
    assert_opens_whole(&work, "clean run");

    let mut seed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    eprintln!("clean rotation: {full:?}; kill offsets seed {seed}");
    for i in 0..RANDOM_TRIES {
        copy_dir(&template, &work);
        let fraction =
            (f64::from(i) + (next(&mut seed) % 1000) as f64 / 1000.0) / f64::from(RANDOM_TRIES);
        let delay = full.mul_f64(1.2 * fraction);
        let mut child = rekey(&work, None);
        std::thread::sleep(delay);
        kill(&mut child);
        assert_opens_whole(&work, &format!("try {i}, killed after {delay:?}"));
    }
}
