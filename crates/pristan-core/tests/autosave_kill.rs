//! A visit write-up survives the program being killed at any moment (DESIGN.md §10, "kill -9
//! during writes"): whatever an autosave acknowledged is there after a restart, the database
//! passes SQLite's and SQLCipher's checks, and finishing a write-up is all or nothing.
//!
//! The typing is done by a child process: this test binary run again with `CHILD_ENV` set, which
//! makes `autosave_child_process` act instead of returning at once. It prints an acknowledgement
//! after each save returns; the parent reads them and kills the child with SIGKILL
//! (`Child::kill` on Unix) at varied moments.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use pristan_core::casebook::{DraftNote, VisitDraft};
use pristan_core::cases::NewCase;
use pristan_core::domain::{Note, NoteKind, Sensitivity, Visit};
use pristan_core::ops::EntityId;
use pristan_core::{KdfParams, Vault};
use rand::Rng;
use secrecy::SecretString;

const CHILD_ENV: &str = "PRISTAN_AUTOSAVE_KILL_CHILD";
const CHILD_TEST: &str = "autosave_child_process";
const PASSPHRASE: &str = "maple orbit candle sixty harbor";

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

/// What the volunteer has typed after `n` autosaves: one more sentence each time.
fn typed(n: usize) -> String {
    (1..=n)
        .map(|i| format!("Фраза {i}: tired but calm, asked for reading glasses (+2.5) and socks."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// How many sentences `text` holds, if it is exactly what `typed` gives for that many.
fn sentences_in(text: &str) -> Option<usize> {
    let n = text.matches("Фраза ").count();
    (typed(n) == text).then_some(n)
}

fn draft(case: EntityId, notes: Vec<DraftNote>) -> VisitDraft {
    VisitDraft {
        case_id: Some(case),
        visit: Visit {
            case_id: Some(case),
            date: Some("2026-11-20".parse().unwrap()),
            ..Visit::default()
        },
        notes,
    }
}

fn welfare(text: String) -> DraftNote {
    DraftNote {
        kind: NoteKind::Welfare,
        sensitivity: Sensitivity::Normal,
        text,
    }
}

/// The child's side. A no-op when run as an ordinary test.
#[test]
fn autosave_child_process() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let passphrase = SecretString::from(line.trim_end().to_owned());
    let parts: Vec<&str> = mode.split('|').collect();
    let (dir, draft_id) = (Path::new(parts[1]), parts[2].parse::<EntityId>().unwrap());
    let mut vault = Vault::unlock(dir, &passphrase).unwrap();
    let mut out = std::io::stdout().lock();
    match parts[0] {
        "type" => {
            let mut current = vault.visit_draft(draft_id).unwrap().unwrap();
            let start = sentences_in(&current.notes[0].text).unwrap();
            for n in start + 1..start + 5_000 {
                current.notes[0].text = typed(n);
                vault.save_visit_draft(draft_id, &current).unwrap();
                writeln!(out, "ACK {n}").unwrap();
                out.flush().unwrap();
            }
        }
        "finish" => {
            writeln!(out, "FINISHING").unwrap();
            out.flush().unwrap();
            vault.finish_visit_draft(draft_id).unwrap();
            writeln!(out, "FINISHED").unwrap();
            out.flush().unwrap();
        }
        other => panic!("unknown child mode {other}"),
    }
    vault.lock().unwrap();
}

fn spawn_child(mode: &str, dir: &Path, draft_id: EntityId) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{mode}|{}|{draft_id}", dir.display()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSPHRASE}").unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

/// The next line holding `prefix`, from `prefix` on, or `None` at the end of the output. The test
/// harness prints its own text too, and the child's first line follows "test … ... " on its line.
fn next_line(stdout: &mut BufReader<ChildStdout>, prefix: &str) -> Option<String> {
    let mut line = String::new();
    loop {
        line.clear();
        if stdout.read_line(&mut line).unwrap() == 0 {
            return None;
        }
        if let Some(start) = line.find(prefix) {
            return Some(line[start..].trim_end().to_owned());
        }
    }
}

fn ack_number(line: &str) -> usize {
    line.trim_start_matches("ACK ").parse().unwrap()
}

/// Kills the child with SIGKILL, then reads what it had printed: the last acknowledgement.
fn kill_and_drain(mut child: Child, mut stdout: BufReader<ChildStdout>, mut last: usize) -> usize {
    child.kill().unwrap();
    child.wait().unwrap();
    while let Some(line) = next_line(&mut stdout, "ACK ") {
        last = ack_number(&line);
    }
    last
}

fn assert_sound(vault: &Vault, when: &str) {
    let problems = vault.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{when}: {problems:?}");
}

fn new_vault(tmp: &tempfile::TempDir) -> (PathBuf, EntityId) {
    let dir = tmp.path().join("vault");
    let (mut vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            ..NewCase::default()
        })
        .unwrap();
    vault.lock().unwrap();
    (dir, case)
}

// Every acknowledged autosave survives SIGKILL: the draft afterwards holds at least what was last
// acknowledged (and at most the save that was under way), and the database is sound.
#[test]
fn autosave_survives_being_killed_at_any_moment() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, case) = new_vault(&tmp);
    let draft_id = EntityId::random();
    let mut vault = Vault::unlock(&dir, &passphrase()).unwrap();
    vault
        .save_visit_draft(draft_id, &draft(case, vec![welfare(String::new())]))
        .unwrap();
    vault.lock().unwrap();

    let mut rng = rand::rng();
    let mut saved = 0;
    for run in 0..12 {
        let (child, mut stdout) = spawn_child("type", &dir, draft_id);
        let acked = if run % 4 == 3 {
            // Now and then kill it early: while it unlocks, or in its first saves.
            std::thread::sleep(Duration::from_millis(rng.random_range(0..1500)));
            saved
        } else {
            let wait_for = rng.random_range(1..40);
            let mut last = saved;
            for _ in 0..wait_for {
                match next_line(&mut stdout, "ACK ") {
                    Some(line) => last = ack_number(&line),
                    None => panic!("run {run}: the child stopped before it was killed"),
                }
            }
            std::thread::sleep(Duration::from_micros(rng.random_range(0..5_000)));
            last
        };
        let acked = kill_and_drain(child, stdout, acked);

        let vault = Vault::unlock(&dir, &passphrase()).unwrap();
        let kept = vault.visit_draft(draft_id).unwrap().expect("the draft");
        let n = sentences_in(&kept.notes[0].text)
            .unwrap_or_else(|| panic!("run {run}: not a prefix of what was typed"));
        assert!(
            n >= acked && n <= acked + 1,
            "run {run}: acknowledged {acked} sentences, kept {n}"
        );
        assert_sound(&vault, &format!("run {run}"));
        vault.lock().unwrap();
        saved = n;
    }
    assert!(saved > 0, "the child saved something in twelve runs");
}

// Finishing a write-up killed at any moment leaves either the draft and no visit, or the visit
// with every note and no draft: never a visit with some of its notes.
#[test]
fn finishing_a_write_up_killed_midway_saves_all_of_it_or_none() {
    const NOTES: usize = 300;
    let tmp = tempfile::tempdir().unwrap();
    let (dir, case) = new_vault(&tmp);
    let notes: Vec<DraftNote> = (0..NOTES).map(|i| welfare(typed(i % 7 + 1))).collect();
    let new_draft = || {
        let id = EntityId::random();
        let mut vault = Vault::unlock(&dir, &passphrase()).unwrap();
        vault
            .save_visit_draft(id, &draft(case, notes.clone()))
            .unwrap();
        vault.lock().unwrap();
        id
    };

    // One uninterrupted finish, to spread the kills across how long it takes.
    let id = new_draft();
    let (mut child, mut stdout) = spawn_child("finish", &dir, id);
    next_line(&mut stdout, "FINISHING").expect("the child starts");
    let started = Instant::now();
    next_line(&mut stdout, "FINISHED").expect("the child finishes");
    let full = started.elapsed();
    child.wait().unwrap();

    let kills = 10;
    let (mut before, mut after) = (0, 0);
    for i in 0..kills {
        let id = new_draft();
        let (mut child, mut stdout) = spawn_child("finish", &dir, id);
        next_line(&mut stdout, "FINISHING").expect("the child starts");
        let delay = full.mul_f64(1.2 * f64::from(i) / f64::from(kills));
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();

        let vault = Vault::unlock(&dir, &passphrase()).unwrap();
        let draft_kept = vault.visit_draft(id).unwrap().is_some();
        let visit = vault.get::<Visit>(id).unwrap();
        let saved_notes = vault
            .list::<Note>(case)
            .unwrap()
            .into_iter()
            .filter(|n| n.record.visit_id == Some(id))
            .count();
        if draft_kept {
            assert!(visit.is_none() && saved_notes == 0, "kill {i}: half saved");
            before += 1;
        } else {
            assert!(visit.is_some(), "kill {i}: the draft is gone but not saved");
            assert_eq!(saved_notes, NOTES, "kill {i}: some notes are missing");
            after += 1;
        }
        assert_sound(&vault, &format!("kill {i} after {delay:?}"));
        vault.lock().unwrap();
    }
    eprintln!("finishing took {full:?}; {kills} kills: {before} before the commit, {after} after");
}
