//! `pristan backup --to DIR` and `pristan restore FROM --vault DIR` as a person or script uses
//! them: the backup opens with `pristan status` and passes both integrity checks, holds no
//! plaintext, and a restore never overwrites a vault.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::{run, TestVault, PASSPHRASE};

const CANARY: &str = "CANARY-cli-backup-5e81";

fn backup(vault: &TestVault, drive: &Path) -> PathBuf {
    let report = vault.json(&[
        "backup",
        "--passphrase-stdin",
        "--json",
        "--to",
        drive.to_str().unwrap(),
    ]);
    PathBuf::from(report["backup"].as_str().unwrap())
}

fn with_case() -> TestVault {
    let vault = TestVault::new();
    vault.ok(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--name",
        &format!("Ivan {CANARY}"),
        "--native-name",
        "Иван",
    ]);
    vault
}

#[test]
fn a_backup_opens_with_status_passes_both_checks_and_holds_no_plaintext() {
    let vault = with_case();
    let drive = tempfile::tempdir().unwrap();
    let folder = backup(&vault, drive.path());
    assert_eq!(folder.parent(), Some(drive.path()));
    let name = folder.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("pristan-backup-"), "{name}");

    let out = run(
        &folder,
        &["status", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        status["integrity"], "ok",
        "integrity_check and cipher_integrity_check"
    );

    let listed = run(
        &folder,
        &["case", "list", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(support::text(&listed.stdout).contains(CANARY));

    for entry in fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        assert!(
            !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
            "{} holds the canary in plaintext",
            path.display()
        );
    }
}

#[test]
fn restore_makes_a_new_vault_and_refuses_an_existing_one() {
    let vault = with_case();
    let drive = tempfile::tempdir().unwrap();
    let folder = backup(&vault, drive.path());
    let from = folder.to_str().unwrap();

    // Onto the vault that exists: refused, and the vault is as it was.
    let before = vault.ok(&["case", "list", "--passphrase-stdin", "--json"]);
    let (code, stderr) = vault.fails(&["restore", from, "--passphrase-stdin"], PASSPHRASE);
    assert_eq!(code, Some(5), "{stderr}");
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        vault.ok(&["case", "list", "--passphrase-stdin", "--json"]),
        before
    );

    // Into a new folder: a vault the passphrase opens, with the case.
    let elsewhere = tempfile::tempdir().unwrap();
    let restored = elsewhere.path().join("restored");
    let out = run(
        &restored,
        &["restore", from, "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let out = run(
        &restored,
        &["status", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let listed = run(
        &restored,
        &["case", "list", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(support::text(&listed.stdout).contains(CANARY));

    // A wrong passphrase restores nothing.
    let wrong = elsewhere.path().join("wrong");
    let out = run(
        &wrong,
        &["restore", from, "--passphrase-stdin"],
        "not the right words at all",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!wrong.exists());
}

#[test]
fn a_backup_to_a_missing_drive_says_what_to_do() {
    let vault = with_case();
    let (code, stderr) = vault.fails(
        &["backup", "--passphrase-stdin", "--to", "/nonexistent/drive"],
        PASSPHRASE,
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("plug in the backup drive"), "{stderr}");
}
