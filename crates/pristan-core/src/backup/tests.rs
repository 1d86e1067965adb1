//! Backups against real vaults: the copy is encrypted and whole, opens with the passphrase and
//! the recovery code, never overwrites anything, and a restore marks the new identity due.

use std::fs;
use std::path::Path;

use chrono::{Duration, Utc};
use secrecy::SecretString;

use super::*;
use crate::cases::NewCase;
use crate::vault::Secret;
use crate::{Error, KdfParams, Vault};

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const CANARY: &str = "CANARY-backup-7f3a9c";

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

fn vault_with_case(dir: &Path) -> (Vault, crate::RecoveryCode) {
    let (mut vault, code) = Vault::create(dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    vault
        .add_case(NewCase {
            name: format!("Ivan {CANARY}"),
            ..NewCase::default()
        })
        .unwrap();
    (vault, code)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn vacuum_into_writes_a_copy_encrypted_under_the_vaults_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let report = create(&vault, &drive).unwrap();

    assert_eq!(
        files_in(&drive).len(),
        1,
        "only the finished folder remains"
    );
    let name = report.path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("pristan-backup-") && name.ends_with('Z'),
        "{name}"
    );
    assert_eq!(files_in(&report.path), ["keyslots", "vault.db"]);
    let raw = fs::read(report.path.join("vault.db")).unwrap();
    assert!(
        !raw.starts_with(b"SQLite format 3"),
        "the copy must be encrypted"
    );
    for file in files_in(&report.path) {
        let bytes = fs::read(report.path.join(&file)).unwrap();
        assert!(
            !bytes.windows(CANARY.len()).any(|w| w == CANARY.as_bytes()),
            "{file} holds plaintext"
        );
    }

    // The backup folder is a vault the same passphrase opens, sound by both checks.
    let copy = Vault::unlock(&report.path, &passphrase()).unwrap();
    assert!(copy.integrity_problems().unwrap().is_empty());
    assert_eq!(copy.cases().unwrap().len(), 1);
    assert_eq!(copy.state_hash().unwrap(), vault.state_hash().unwrap());
}

#[test]
fn a_second_backup_in_the_same_minute_overwrites_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let first = create(&vault, &drive).unwrap();
    let second = create(&vault, &drive).unwrap();
    assert_ne!(first.path, second.path);
    assert_eq!(files_in(&drive).len(), 2);
}

#[test]
fn a_missing_drive_is_reported_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let err = create(&vault, &tmp.path().join("no-drive")).unwrap_err();
    assert!(
        matches!(err, Error::Backup(BackupError::NoDestination { .. })),
        "{err}"
    );
    assert!(!tmp.path().join("no-drive").exists());
}

#[test]
fn an_unfinished_backup_folder_is_cleared_by_the_next_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let left = drive.join(".pristan-backup-2026-01-01T0000Z.abcdef.partial");
    fs::create_dir(&left).unwrap();
    fs::write(left.join("vault.db"), b"half").unwrap();
    create(&vault, &drive).unwrap();
    assert!(!left.exists());
    assert_eq!(files_in(&drive).len(), 1);
}

#[test]
fn restore_opens_with_passphrase_or_recovery_code_and_is_marked_for_a_new_identity() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, code) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let backup = create(&vault, &drive).unwrap().path;

    let secrets = [
        Secret::Passphrase(passphrase()),
        Secret::RecoveryCode(code.to_secret_string()),
    ];
    for (n, secret) in secrets.iter().enumerate() {
        let to = tmp.path().join(format!("restored-{n}"));
        let report = restore(&backup, &to, secret).unwrap();
        assert_eq!(report.vault, to);
        let conn = crate::vault::open_database(&to, &Secret::Passphrase(passphrase())).unwrap();
        let due: String = conn
            .query_row(
                "SELECT value FROM vault_meta WHERE key = ?1",
                [IDENTITY_ROTATION_KEY],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(due, IDENTITY_ROTATION_RESTORED);
        assert!(crate::vault::database_problems(&conn).unwrap().is_empty());
        drop(conn);
        // The backup itself is not marked: only the restored copy.
        let original = crate::vault::open_database(&backup, &Secret::Passphrase(passphrase()))
            .unwrap()
            .query_row(
                "SELECT count(*) FROM vault_meta WHERE key = ?1",
                [IDENTITY_ROTATION_KEY],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        assert_eq!(original, 0);
    }
    assert!(files_in(tmp.path())
        .iter()
        .all(|n| !n.ends_with(".partial")));
}

#[test]
fn restore_refuses_an_existing_vault_and_a_folder_with_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let backup = create(&vault, &drive).unwrap().path;
    let before = vault.state_hash().unwrap();
    let secret = Secret::Passphrase(passphrase());

    let err = restore(&backup, vault.dir(), &secret).unwrap_err();
    assert!(matches!(err, Error::VaultExists { .. }), "{err}");
    assert_eq!(vault.state_hash().unwrap(), before);

    let busy = tmp.path().join("busy");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("letter.txt"), b"keep me").unwrap();
    let err = restore(&backup, &busy, &secret).unwrap_err();
    assert!(
        matches!(err, Error::Backup(BackupError::DestinationNotEmpty { .. })),
        "{err}"
    );
    assert_eq!(files_in(&busy), ["letter.txt"]);

    // An empty folder (made by the person beforehand) is fine.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    restore(&backup, &empty, &secret).unwrap();
    assert!(crate::vault::exists(&empty));
}

#[test]
fn restore_with_a_wrong_passphrase_or_from_a_wrong_folder_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let backup = create(&vault, &drive).unwrap().path;
    let to = tmp.path().join("restored");

    let wrong = Secret::Passphrase(SecretString::from("wrong words entirely here".to_owned()));
    let err = restore(&backup, &to, &wrong).unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }), "{err}");
    let err = restore(&drive, &to, &Secret::Passphrase(passphrase())).unwrap_err();
    assert!(
        matches!(err, Error::Backup(BackupError::NotABackup { .. })),
        "{err}"
    );
    assert!(!to.exists());
    assert!(files_in(tmp.path())
        .iter()
        .all(|n| !n.ends_with(".partial")));
}

#[test]
fn a_damaged_backup_is_not_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let backup = create(&vault, &drive).unwrap().path;
    let db = backup.join("vault.db");
    let mut bytes = fs::read(&db).unwrap();
    let at = bytes.len() - 100;
    bytes[at] ^= 0x55;
    fs::write(&db, bytes).unwrap();
    let to = tmp.path().join("restored");
    assert!(restore(&backup, &to, &Secret::Passphrase(passphrase())).is_err());
    assert!(!to.exists());
}

#[test]
fn the_reminder_shows_after_a_week_without_a_backup_and_can_be_switched_off() {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = vault_with_case(&tmp.path().join("vault"));
    let now = Utc::now();
    let status = vault.backup_status(now).unwrap();
    assert_eq!(status.last_backup_at, None);
    assert!(status.reminder_on && !status.reminder_due);
    assert!(
        vault
            .backup_status(now + Duration::days(8))
            .unwrap()
            .reminder_due
    );

    let drive = tmp.path().join("drive");
    fs::create_dir(&drive).unwrap();
    let report = create(&vault, &drive).unwrap();
    let later = report.created_at + Duration::days(3);
    let status = vault.backup_status(later).unwrap();
    assert_eq!(
        status.last_backup_at.map(|t| t.timestamp()),
        Some(report.created_at.timestamp())
    );
    assert!(!status.reminder_due);
    let much_later = report.created_at + Duration::days(8);
    assert!(vault.backup_status(much_later).unwrap().reminder_due);

    vault.set_backup_reminder(false).unwrap();
    let status = vault.backup_status(much_later).unwrap();
    assert!(!status.reminder_on && !status.reminder_due);
    // Kept inside the vault: nothing about backups in plaintext next to it.
    for file in files_in(vault.dir()) {
        let bytes = fs::read(vault.dir().join(&file)).unwrap();
        assert!(!bytes.windows(14).any(|w| w == b"last_backup_at"), "{file}");
    }
}
