//! Memory after lock (docs/SECURITY.md §9): a process unlocks a vault, reads a note, locks, and
//! stays alive; its memory is dumped with gcore (gdb) and scanned. Neither the database key (as
//! bytes or hex), the passphrase, nor the note's text may be anywhere in it.
//!
//! Ignored by default: it needs gdb (`scripts/setup.sh` installs it) and permission to ptrace a
//! child (root, or `kernel.yama.ptrace_scope` 0 or 1). Run it with
//! `cargo test -p pristan-core --test memory_after_lock -- --ignored`.
//!
//! The process is this test binary run again with `CHILD_ENV` set; it uses the core exactly as
//! the desktop shell does (unlock, read, `Vault::lock`), with the same global allocator, which
//! wipes memory when it is freed (`pristan_core::memory::WipingAllocator`).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};

use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::{KdfParams, Vault};
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

#[global_allocator]
static ALLOCATOR: pristan_core::memory::WipingAllocator = pristan_core::memory::WIPING_ALLOCATOR;

const CHILD_ENV: &str = "PRISTAN_MEMORY_CHILD";
const CHILD_TEST: &str = "memory_child_process";

/// Canaries made at run time: a literal would sit in the binary's own read-only data, which the
/// dump includes.
fn canary(kind: &str) -> String {
    let random: u128 = rand::random();
    format!("{kind}-{random:032x}")
}

/// Reads one line from standard input without a buffer that outlives it.
fn read_secret_line() -> SecretString {
    let mut stdin = std::fs::File::open("/dev/stdin").unwrap();
    let mut line = Zeroizing::new(Vec::with_capacity(256));
    let mut byte = [0u8; 1];
    while stdin.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    SecretString::from(String::from_utf8(line.to_vec()).unwrap())
}

/// The child: unlock, read the note back (through search and the record list), lock, and wait.
#[test]
fn memory_child_process() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    {
        let passphrase = read_secret_line();
        let vault = Vault::unlock(std::path::Path::new(&dir), &passphrase).unwrap();
        let notes = vault.list_all::<Note>().unwrap();
        assert_eq!(notes.len(), 1);
        let hits = if std::env::var_os("PRISTAN_MEMORY_NO_SEARCH").is_some() {
            Vec::new()
        } else {
            vault.search_cases("insulin").unwrap()
        };
        assert!(!hits.is_empty() || std::env::var_os("PRISTAN_MEMORY_NO_SEARCH").is_some());
        drop((notes, hits));
        vault.lock().unwrap();
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "LOCKED").unwrap();
    out.flush().unwrap();
    drop(out);
    // Stay alive, locked, until the parent closes the pipe.
    let mut rest = Vec::new();
    let _ = std::fs::File::open("/dev/stdin").and_then(|mut f| f.read_to_end(&mut rest));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
#[ignore = "needs gdb and ptrace; run with --ignored (see the module comment)"]
fn after_lock_the_process_memory_holds_no_key_passphrase_or_note() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let typed = canary("Quokka Meridian Tamarind");
    let note_canary = format!("{} needs insulin at 8pm", canary("NOTE"));
    let passphrase = SecretString::from(typed.clone());
    let (mut vault, _) = Vault::create(&dir, &passphrase, KdfParams::MINIMUM).unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Memory Test".into(),
            ..NewCase::default()
        })
        .unwrap();
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Medical,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(&note_canary).unwrap(),
            replaces: None,
        })
        .unwrap();
    vault.lock().unwrap();
    let dek_hex = pristan_core::vault::export_raw_key(&dir, &passphrase).unwrap();
    let dek = hex::decode(dek_hex.expose_secret()).unwrap();

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{typed}").unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("LOCKED") {
        line.clear();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "the child died");
    }

    let core = tmp.path().join("core");
    let gcore = Command::new("gcore")
        .arg("-o")
        .arg(&core)
        .arg(child.id().to_string())
        .output()
        .expect("gcore (from gdb) runs: install gdb");
    drop(stdin);
    child.wait().unwrap();
    assert!(
        gcore.status.success(),
        "{}",
        String::from_utf8_lossy(&gcore.stderr)
    );
    let path = tmp.path().join(format!("core.{}", child.id()));
    let memory = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    eprintln!(
        "memory after lock: scanned {} MiB",
        memory.len() / (1024 * 1024)
    );

    let mut found = Vec::new();
    for (what, needle) in [
        ("the database key", dek.clone()),
        (
            "the database key in hex",
            dek_hex.expose_secret().as_bytes().to_vec(),
        ),
        (
            "the database key in upper-case hex",
            dek_hex.expose_secret().to_uppercase().into_bytes(),
        ),
        ("the passphrase", typed.as_bytes().to_vec()),
        (
            "the passphrase's random part",
            typed.as_bytes()[typed.len() - 32..].to_vec(),
        ),
        ("the note", note_canary.as_bytes().to_vec()),
        (
            "the note's random part",
            note_canary.as_bytes()[5..37].to_vec(),
        ),
    ] {
        if contains(&memory, &needle) {
            found.push(what);
            if std::env::var_os("PRISTAN_MEMORY_SHOW").is_some() {
                for (at, _) in memory
                    .windows(needle.len())
                    .enumerate()
                    .filter(|(_, w)| *w == &needle[..])
                {
                    let from = at.saturating_sub(96);
                    let to = (at + needle.len() + 96).min(memory.len());
                    eprintln!(
                        "{what} at {at:#x}: {:?}",
                        String::from_utf8_lossy(&memory[from..to])
                    );
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "after lock the process memory holds {found:?}"
    );
    // The scan can find things: the dump holds what the process still uses.
    assert!(contains(&memory, b"LOCKED") || contains(&memory, CHILD_TEST.as_bytes()));
}
