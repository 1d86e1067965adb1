//! The webview's memory after lock, measured (issue 16, docs/SECURITY.md §9). The shell's own
//! process is checked by crates/pristan-core/tests/memory_after_lock.rs; this reads WebKit's web
//! process's resident memory (`/proc/PID/mem`) while a note is on screen and again after
//! locking, and scans it for the note's canary and the passphrase typed into the unlock field.
//!
//! WebKit gives the page no way to wipe its JavaScript heap or to force a collection, so on lock
//! the shell ends the web process itself and starts the app in a fresh one. The test asserts the
//! scan sees the note while it is on screen (so it could see it after lock), then that after lock
//! the old process is gone and neither the note nor the passphrase is in any web process of the
//! app. Needs root (or `kernel.yama.ptrace_scope` 0) to read another process's memory.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
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

/// Reads the resident memory of each web process (`/proc/PID/mem`, only the pages
/// `/proc/PID/pagemap` says are present: WebKit reserves many gigabytes it never touches, which a
/// whole `gcore` dump writes out as zeros, 11 GB of them) and returns the bytes read and the
/// labels of `patterns` found. Chunks overlap so that nothing is missed at a boundary.
fn scan_memory(home: &Path, patterns: &[(String, Vec<u8>)]) -> (u64, Vec<String>) {
    const PAGE: u64 = 4096;
    const CHUNK: u64 = 8 << 20;
    const OVERLAP: u64 = 512;
    let pids = web_processes(home);
    assert!(!pids.is_empty(), "no WebKitWebProcess of this app");
    let mut read = 0;
    let mut found = Vec::new();
    for pid in pids {
        let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap();
        let mut mem = std::fs::File::open(format!("/proc/{pid}/mem")).unwrap();
        let mut pagemap = std::fs::File::open(format!("/proc/{pid}/pagemap")).unwrap();
        let mut runs = Vec::new();
        for line in maps.lines() {
            let mut words = line.split_whitespace();
            let (Some(range), Some(perms)) = (words.next(), words.next()) else {
                continue;
            };
            let Some((start, end)) = range.split_once('-') else {
                continue;
            };
            let (Ok(start), Ok(end)) =
                (u64::from_str_radix(start, 16), u64::from_str_radix(end, 16))
            else {
                continue;
            };
            if !perms.starts_with('r') || line.contains("[vvar]") || line.contains("[vsyscall]") {
                continue;
            }
            let pages = (end - start) / PAGE;
            let mut entries = vec![0u8; (pages * 8) as usize];
            if pagemap.seek(SeekFrom::Start(start / PAGE * 8)).is_err()
                || pagemap.read_exact(&mut entries).is_err()
            {
                continue;
            }
            let mut run_start = None;
            for (i, entry) in entries.chunks_exact(8).enumerate() {
                let present = u64::from_le_bytes(entry.try_into().unwrap()) >> 63 == 1;
                let addr = start + i as u64 * PAGE;
                match (present, run_start) {
                    (true, None) => run_start = Some(addr),
                    (false, Some(from)) => {
                        runs.push((from, addr));
                        run_start = None;
                    }
                    _ => {}
                }
            }
            if let Some(from) = run_start {
                runs.push((from, end));
            }
        }
        let mut buffer = vec![0u8; (CHUNK + OVERLAP) as usize];
        for (start, end) in runs {
            let mut at = start;
            while at < end {
                let len = (end - at).min(CHUNK + OVERLAP) as usize;
                if mem.seek(SeekFrom::Start(at)).is_err() {
                    break;
                }
                let Ok(n) = mem.read(&mut buffer[..len]) else {
                    break;
                };
                if n == 0 {
                    break;
                }
                read += n as u64;
                for label in canary::find_in(&buffer[..n], patterns) {
                    if !found.contains(&label) {
                        found.push(label);
                    }
                }
                at += CHUNK;
            }
        }
    }
    (read, found)
}

#[tokio::test]
#[ignore = "end-to-end: needs a display, tauri-driver and root"]
async fn after_lock_no_web_process_holds_the_note_or_the_passphrase() {
    let home = tempfile::tempdir().unwrap();
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

    let env = [("PRISTAN_E2E_END_WEB_PROCESS", "1")];
    let mut app = App::start_with(TEST, home.path(), 0, &[], &env).await;
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
    let (open_bytes, open_found) = scan_memory(home.path(), &all);
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

    let before = web_processes(home.path());
    // Locking ends the web process that showed the casebook (src-tauri/src/window.rs,
    // `forget_page`) and loads the app in a fresh one. WebDriver's session ends with the old
    // process, so from here the test reads /proc and the screen only. What proves the click
    // happened is the fresh web process waited for below.
    app.click_ending_the_page("#lock-button").await;
    wait_for_fresh_web_process(home.path(), &before).await;
    // A few seconds, as a person walking away would leave it.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let (locked_bytes, locked_found) = scan_memory(home.path(), &all);
    eprintln!(
        "webview memory, 5 s after lock: {} MiB scanned; found {locked_found:?}",
        locked_bytes >> 20
    );
    screen_shot(&home.path().join("locked.png"), "locked");
    assert!(
        web_processes(home.path())
            .iter()
            .all(|pid| !before.contains(pid)),
        "the web process that showed the note is still running after lock"
    );
    assert!(
        locked_found.is_empty(),
        "after lock the web process still holds {locked_found:?}"
    );
    app.quit().await;
}

/// Waits (at most a minute) until every web process of the app is a new one, and one runs.
async fn wait_for_fresh_web_process(home: &Path, before: &[u32]) {
    for _ in 0..300 {
        let now = web_processes(home);
        if !now.is_empty() && now.iter().all(|pid| !before.contains(pid)) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("no fresh web process a minute after lock (before: {before:?})");
}

/// The whole X screen (the WebDriver session is gone), saved beside the other screenshots.
fn screen_shot(scratch: &Path, label: &str) {
    let shots = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts/e2e")
        .join(TEST);
    let taken = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(scratch)
        .status()
        .is_ok_and(|s| s.success());
    if taken {
        let _ = std::fs::copy(scratch, shots.join(format!("{label}.png")));
    }
}
