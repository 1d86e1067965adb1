//! A full disk (docs/SECURITY.md §10): on a small tmpfs filled to the last byte, writes fail with
//! a message that says the disk is full and that what was saved is safe, and nothing already
//! saved is lost. Needs permission to mount a tmpfs (root, as on the project's machines and CI); without root it
//! says so and skips.
//!
//! The writer is a child process (this test binary run again with `CHILD_ENV` set), so that a
//! failure to write, however it shows, cannot take the checking process down with it.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::{Error, KdfParams, Vault};
use secrecy::SecretString;

const CHILD_ENV: &str = "PRISTAN_FULL_DISK_CHILD";
const CHILD_TEST: &str = "full_disk_child_process";

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn note(case: pristan_core::ops::EntityId, text: &str) -> Note {
    Note {
        case_id: Some(case),
        visit_id: None,
        kind: NoteKind::Welfare,
        sensitivity: Sensitivity::Normal,
        text: LongText::new(text).unwrap(),
        replaces: None,
    }
}

/// The child: adds notes of a few kilobytes until a write fails, acknowledging each, then prints
/// the error as a person would see it.
#[test]
fn full_disk_child_process() {
    let Ok(setup) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (dir, case) = setup.split_once('|').unwrap();
    let case = case.parse().unwrap();
    let mut vault = Vault::unlock(Path::new(dir), &passphrase()).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let text = format!("FULL-{n} {}", "the visit went well. ".repeat(200));
        match vault.add(note(case, &text)) {
            Ok(id) => writeln!(out, "ACK {id}").unwrap(),
            Err(e) => {
                let kind = if matches!(e, Error::DiskFull) {
                    "full"
                } else {
                    "other"
                };
                writeln!(out, "ERR {kind} {e}").unwrap();
                break;
            }
        }
        out.flush().unwrap();
    }
    out.flush().unwrap();
    drop(vault);
}

/// Whether this process runs as root (its effective user id, from /proc/self/status).
fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let uids = status.lines().find(|l| l.starts_with("Uid:"))?.to_owned();
            uids.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

struct Mount(std::path::PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_writes_clearly_and_loses_nothing_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let mnt = tmp.path().join("small-disk");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=3m", "tmpfs"])
        .arg(&mnt)
        .status()
        .expect("mount runs");
    if !mounted.success() && !running_as_root() {
        eprintln!(
            "SKIPPED a_full_disk_fails_writes_clearly_and_loses_nothing_saved: it mounts a small \
             tmpfs, which needs root (run it as root, as scripts/security-matrix.sh --full does on \
             the project's machines)"
        );
        return;
    }
    assert!(
        mounted.success(),
        "root could not mount a tmpfs for the full disk"
    );
    let _mount = Mount(mnt.clone());

    let dir = mnt.join("vault");
    let (mut vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Saved Before".into(),
            ..NewCase::default()
        })
        .unwrap();
    let saved = vault
        .add(note(case, "SAVED-BEFORE the disk filled"))
        .unwrap();
    vault.lock().unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{}|{case}", dir.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut acked = Vec::new();
    let mut error = None;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(at) = line.find("ACK ") {
            acked.push(line[at + 4..].trim().to_owned());
        } else if let Some(at) = line.find("ERR ") {
            error = Some(line[at + 4..].to_owned());
        }
    }
    child.wait().unwrap();
    let error = error.expect("a write failed once the disk was full");
    assert!(
        error.starts_with("full "),
        "not reported as a full disk: {error}"
    );
    assert!(
        error.contains("disk is full") && error.contains("safe"),
        "{error}"
    );
    assert!(
        acked.len() > 3,
        "the disk filled too soon to prove anything: {acked:?}"
    );

    // Room again (as after the person frees space): everything saved is there and sound.
    let grown = Command::new("mount")
        .args(["-o", "remount,size=16m"])
        .arg(&mnt)
        .status()
        .unwrap();
    assert!(grown.success());
    let vault = Vault::unlock(&dir, &passphrase()).unwrap();
    let problems = vault.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert!(vault.get::<Note>(saved).unwrap().is_some());
    for id in &acked {
        assert!(
            vault.get::<Note>(id.parse().unwrap()).unwrap().is_some(),
            "{id} lost"
        );
    }
    vault.lock().unwrap();
}
