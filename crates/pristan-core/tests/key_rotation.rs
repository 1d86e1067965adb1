//! Key rotation (issue 10, finding 5): after `rotate_key` or a recovery, an old copy of the key
//! file with the old passphrase (or the old recovery code) no longer opens the vault, and no
//! page of the database, its write-ahead log or its shared-memory index is one the old key wrote.
//! The crash tests (SIGKILL at each step) are in the CLI's tests/rekey_kill.rs.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::cases::NewCase;
use pristan_core::{vault, Error, KdfParams, Vault};
use secrecy::{ExposeSecret, SecretString};

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const NEW_PASSPHRASE: &str = "клён орбита свеча шестьдесят гавань";
const PAGE: usize = 4096;

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

/// A vault with a few cases, locked, and its recovery code.
fn vault_with_cases() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (mut vault, code) = Vault::create(&dir, &secret(PASSPHRASE), KdfParams::MINIMUM).unwrap();
    for n in 0..200 {
        vault
            .add_case(NewCase {
                name: format!("Person {n}"),
                ..NewCase::default()
            })
            .unwrap();
    }
    vault.lock().unwrap();
    (tmp, dir, code.to_string())
}

/// A copy of the vault's files (those present) in a new folder.
fn copy_of(dir: &Path, to: &Path) -> PathBuf {
    fs::create_dir_all(to).unwrap();
    for name in ["vault.db", "vault.db-wal", "vault.db-shm", "keyslots"] {
        if dir.join(name).exists() {
            fs::copy(dir.join(name), to.join(name)).unwrap();
        }
    }
    to.to_owned()
}

fn pages(path: &Path) -> Vec<Vec<u8>> {
    match fs::read(path) {
        Ok(bytes) => bytes.chunks(PAGE).map(<[u8]>::to_vec).collect(),
        Err(_) => Vec::new(),
    }
}

/// Whether SQLCipher opens the database in `dir` with this raw key and reads it.
#[allow(clippy::disallowed_methods)]
fn raw_key_opens(dir: &Path, key: &SecretString) -> bool {
    let conn = rusqlite::Connection::open(dir.join("vault.db")).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", key.expose_secret()))
        .unwrap();
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

fn assert_old_copy_refused(copy: &Path, passphrase: &str) {
    match Vault::unlock(copy, &secret(passphrase)) {
        Err(Error::DamagedKeyslots { .. }) => {}
        Ok(_) => panic!("an old key file copy still opens the rotated vault"),
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn after_rotation_an_old_key_file_copy_and_the_old_passphrase_open_nothing() {
    let (tmp, dir, old_code) = vault_with_cases();
    let old_key = vault::export_raw_key(&dir, &secret(PASSPHRASE)).unwrap();
    let old_keyslots = fs::read(dir.join("keyslots")).unwrap();
    let old_pages: HashSet<Vec<u8>> = pages(&dir.join("vault.db")).into_iter().collect();
    assert!(old_pages.len() > 10, "a database of several pages");

    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let new_code = vault
        .rotate_key(&secret(PASSPHRASE), None, KdfParams::MINIMUM)
        .unwrap();
    assert_ne!(new_code.to_string(), old_code);
    assert!(!dir.join("keyslots.pending").exists());

    // While the vault is still open: the database, its log and its index as they are now.
    let open_copy = copy_of(&dir, &tmp.path().join("open-copy"));
    let wal = open_copy.join("vault.db-wal");
    assert!(!wal.exists() || fs::metadata(&wal).unwrap().len() == 0);
    for name in ["vault.db", "vault.db-wal", "vault.db-shm"] {
        for page in pages(&open_copy.join(name)) {
            assert!(
                !old_pages.contains(&page),
                "{name} still holds a page the old key wrote"
            );
        }
    }
    assert!(!raw_key_opens(&open_copy, &old_key));
    fs::write(open_copy.join("keyslots"), &old_keyslots).unwrap();
    assert_old_copy_refused(&open_copy, PASSPHRASE);

    // The data is intact and the same passphrase opens the rotated vault.
    assert_eq!(vault.cases().unwrap().len(), 200);
    assert!(vault.integrity_problems().unwrap().is_empty());
    vault.lock().unwrap();
    let again = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    assert_eq!(again.cases().unwrap().len(), 200);
    again.lock().unwrap();
    let new_key = vault::export_raw_key(&dir, &secret(PASSPHRASE)).unwrap();
    assert_ne!(new_key.expose_secret(), old_key.expose_secret());
    assert!(raw_key_opens(&dir, &new_key));
    assert!(!raw_key_opens(&dir, &old_key));

    // The old recovery code no longer works; the new one does.
    let err = Vault::recover(
        &dir,
        &secret(&old_code),
        &secret(NEW_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongRecoveryCode { .. }), "{err}");
    let (v, _) = Vault::recover(
        &dir,
        &secret(&new_code.to_string()),
        &secret(NEW_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    v.lock().unwrap();
}

#[test]
fn rotation_with_a_new_passphrase_replaces_both() {
    let (_tmp, dir, _) = vault_with_cases();
    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    vault
        .rotate_key(
            &secret(PASSPHRASE),
            Some(&secret(NEW_PASSPHRASE)),
            KdfParams::MINIMUM,
        )
        .unwrap();
    vault.lock().unwrap();
    assert!(matches!(
        Vault::unlock(&dir, &secret(PASSPHRASE)),
        Err(Error::WrongPassphrase { .. })
    ));
    let v = Vault::unlock(&dir, &secret(NEW_PASSPHRASE)).unwrap();
    assert_eq!(v.cases().unwrap().len(), 200);
    v.lock().unwrap();
}

#[test]
fn rotation_needs_the_current_passphrase() {
    let (_tmp, dir, _) = vault_with_cases();
    let mut vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    let err = vault
        .rotate_key(&secret(NEW_PASSPHRASE), None, KdfParams::MINIMUM)
        .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }), "{err}");
    assert_eq!(vault.cases().unwrap().len(), 200);
    vault.lock().unwrap();
    Vault::unlock(&dir, &secret(PASSPHRASE))
        .unwrap()
        .lock()
        .unwrap();
}

#[test]
fn recovery_rotates_the_key() {
    let (tmp, dir, code) = vault_with_cases();
    let old_copy = copy_of(&dir, &tmp.path().join("border-copy"));
    let (vault, _) = Vault::recover(
        &dir,
        &secret(&code),
        &secret(NEW_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    assert_eq!(vault.cases().unwrap().len(), 200);
    vault.lock().unwrap();
    // The copy taken earlier (key file and passphrase) against today's database.
    let today = copy_of(&dir, &tmp.path().join("today"));
    fs::copy(old_copy.join("keyslots"), today.join("keyslots")).unwrap();
    assert_old_copy_refused(&today, PASSPHRASE);
}

#[test]
fn a_plain_passphrase_change_keeps_the_key_as_its_message_says() {
    // The documented limit of a passphrase change, kept honest: the old copy still opens.
    let (tmp, dir, _) = vault_with_cases();
    let old_keyslots = fs::read(dir.join("keyslots")).unwrap();
    vault::change_passphrase(
        &dir,
        &secret(PASSPHRASE),
        &secret(NEW_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    let copy = copy_of(&dir, &tmp.path().join("copy"));
    fs::write(copy.join("keyslots"), &old_keyslots).unwrap();
    Vault::unlock(&copy, &secret(PASSPHRASE))
        .unwrap()
        .lock()
        .unwrap();
}
