//! The webview's memory after lock, measured (issue 16, docs/SECURITY.md §9). The shell's own
//! process is checked by crates/pristan-core/tests/memory_after_lock.rs; this dumps WebKit's web
//! process (gcore) while a note is on screen and again after locking, and scans both dumps for
//! the note's canary and the passphrase typed into the unlock field.
//!
//! WebKit gives the page no way to wipe its JavaScript heap or to force a collection, so the
//! test asserts what must hold (the scan finds the note while it is on screen: the measurement
//! can see it) and prints what it found after lock, which docs/SECURITY.md §11 records. Needs
//! gdb and root (or `kernel.yama.ptrace_scope` 0).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note};
use pristan_core::{KdfParams, Vault};
use pristan_testkit::canary;
use secrecy::SecretString;

use crate::harness::App;

const TEST: &str = "webview_memory";

/// The web processes (WebKitWebProcess) of the app started with `home` as its home folder.
fn web_processes(home: &Path) -> Vec<u32> {
    let wanted = format!("HOME={}", home.display());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains("WebKitWebProcess") {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ
            .split(|&b| b == 0)
            .any(|var| var == wanted.as_bytes())
        {
            pids.push(pid);
        }
    }
    pids
}

/// Dumps each web process and returns, per pattern found, where.
fn dump_and_scan(home: &Path, work: &Path, patterns: &[(String, Vec<u8>)]) -> (u64, Vec<String>) {
    let pids = web_processes(home);
    assert!(!pids.is_empty(), "no WebKitWebProcess of this app");
    let mut bytes = 0;
    let mut found = Vec::new();
    for pid in pids {
        let prefix: PathBuf = work.join("core");
        let out = Command::new("gcore")
            .arg("-o")
            .arg(&prefix)
            .arg(pid.to_string())
            .output()
            .expect("gcore (from gdb) runs: install gdb");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = work.join(format!("core.{pid}"));
        bytes += std::fs::metadata(&path).unwrap().len();
        for hit in canary::scan(&[work], patterns, None) {
            // "…/core.PID (label)": keep the label.
            let label = hit.rsplit_once(" (").map(|(_, l)| l.trim_end_matches(')'));
            found.push(label.unwrap_or(&hit).to_owned());
        }
        std::fs::remove_file(&path).unwrap();
    }
    (bytes, found)
}

#[tokio::test]
#[ignore = "end-to-end: needs a display, tauri-driver, gdb and root"]
async fn the_webviews_memory_after_lock_is_measured() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let note = canary::new_canary();
    // Made at run time, so no copy sits in a binary's read-only data.
    let passphrase = format!("harbour lantern {}", &canary::new_canary()[6..18]);
    let dir = home.path().join(".local/share/org.pristan.casebook/vault");
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let secret = SecretString::from(passphrase.clone());
    let (mut vault, _) = Vault::create(&dir, &secret, KdfParams::MINIMUM).unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Anna Example".into(),
            ..NewCase::default()
        })
        .unwrap();
    vault
        .add(Note {
            case_id: Some(case),
            text: LongText::new(&note).unwrap(),
            ..Note::default()
        })
        .unwrap();
    vault.lock().unwrap();

    let mut app = App::start(TEST, home.path(), 0).await;
    app.type_into("#unlock-passphrase", &passphrase).await;
    app.click("#unlock-submit").await;
    app.click("#nav-cases").await;
    app.click("#case-results .case-result").await;
    let first_part = note.split(' ').next().unwrap().to_owned();
    app.wait_for_text("#case-page", &first_part).await;
    app.shot("note-on-screen").await;

    let note_patterns = canary::patterns(&note);
    let passphrase_patterns: Vec<(String, Vec<u8>)> = canary::patterns(&passphrase)
        .into_iter()
        .map(|(label, bytes)| (format!("passphrase {label}"), bytes))
        .collect();
    let all: Vec<(String, Vec<u8>)> = note_patterns
        .iter()
        .cloned()
        .chain(passphrase_patterns.iter().cloned())
        .collect();
    let (open_bytes, open_found) = dump_and_scan(home.path(), work.path(), &all);
    eprintln!(
        "webview memory, unlocked with the note on screen: {} MiB scanned; found {open_found:?}",
        open_bytes >> 20
    );
    assert!(
        open_found
            .iter()
            .any(|f| f.starts_with("whole") || f.starts_with("part")),
        "the scan does not see the note on screen, so it could not see it after lock either"
    );

    app.click("#lock-button").await;
    app.find("#unlock-passphrase").await;
    // A few seconds, as a person walking away would leave it.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (locked_bytes, locked_found) = dump_and_scan(home.path(), work.path(), &all);
    eprintln!(
        "webview memory, 5 s after lock: {} MiB scanned; found {locked_found:?}",
        locked_bytes >> 20
    );
    app.shot("locked").await;
    app.quit().await;
}
