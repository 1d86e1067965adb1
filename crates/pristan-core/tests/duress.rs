//! Duress and the wipe-after-N policy (docs/SECURITY.md §6–7): destroying the key files leaves
//! nothing that opens the vault, and the policy is off unless switched on.

use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::cases::NewCase;
use pristan_core::vault::duress;
use pristan_core::{Error, KdfParams, Vault};
use secrecy::SecretString;

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn wrong() -> SecretString {
    SecretString::from("not the passphrase at all".to_owned())
}

/// A vault with one case, locked, and its recovery code.
fn vault(tmp: &tempfile::TempDir) -> (PathBuf, SecretString) {
    let dir = tmp.path().join("vault");
    let (mut vault, code) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            ..NewCase::default()
        })
        .unwrap();
    vault.lock().unwrap();
    (dir, code.to_secret_string())
}

fn assert_unopenable(dir: &Path, code: &SecretString) {
    assert!(!pristan_core::vault::exists(dir));
    assert!(!dir.join("keyslots").exists());
    assert!(!dir.join("vault.db").exists());
    assert!(matches!(
        Vault::unlock(dir, &passphrase()),
        Err(Error::NoVault { .. })
    ));
    let new = SecretString::from("copper lantern seven meadow whistle".to_owned());
    assert!(Vault::recover(dir, code, &new, KdfParams::MINIMUM).is_err());
}

#[test]
fn after_duress_neither_the_passphrase_nor_the_recovery_code_opens_the_vault() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, code) = vault(&tmp);
    // A key file a rotation left pending and the leftover of an interrupted write hold a
    // wrapped key too.
    fs::copy(dir.join("keyslots"), dir.join("keyslots.pending")).unwrap();
    fs::copy(dir.join("keyslots"), dir.join(".keyslots.123-00ff.tmp")).unwrap();
    let destroyed = duress::destroy(&dir).unwrap();
    assert_eq!(destroyed.key_files, 3);
    assert!(destroyed.other_files >= 1);
    assert_unopenable(&dir, &code);
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        0,
        "the folder is left empty"
    );
    // A second duress finds nothing to destroy and says so.
    assert!(matches!(duress::destroy(&dir), Err(Error::NoVault { .. })));
}

/// The file's blocks are overwritten before it is removed: a second name for the same file (a
/// hard link, standing for the blocks on disk) holds noise afterwards, not the wrapped key.
#[test]
fn duress_overwrites_the_key_files_before_removing_them() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = vault(&tmp);
    let original = fs::read(dir.join("keyslots")).unwrap();
    let link = tmp.path().join("same-blocks");
    fs::hard_link(dir.join("keyslots"), &link).unwrap();
    duress::destroy(&dir).unwrap();
    let after = fs::read(&link).unwrap();
    assert!(after.len() >= original.len());
    assert_ne!(after[..original.len()], original[..]);
    let text = String::from_utf8_lossy(&after);
    assert!(!text.contains("wrapped_key") && !text.contains("argon2id"));
}

#[test]
fn wipe_after_failed_attempts_is_off_by_default() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, _) = vault(&tmp);
    assert_eq!(duress::wipe_after(&dir), None);
    for _ in 0..pristan_core::vault::FREE_ATTEMPTS {
        assert!(matches!(
            Vault::unlock(&dir, &wrong()),
            Err(Error::WrongPassphrase { .. })
        ));
    }
    // Past the free attempts only waits follow; the keys stay.
    assert!(matches!(
        Vault::unlock(&dir, &wrong()),
        Err(Error::TooManyAttempts { .. })
    ));
    assert!(dir.join("keyslots").is_file());
    // A damaged policy file counts as off: it must never destroy a vault by mistake.
    fs::write(dir.join(duress::POLICY_FILE), b"{\"wipe_after\": 1").unwrap();
    assert_eq!(duress::wipe_after(&dir), None);
    fs::write(dir.join(duress::POLICY_FILE), b"{\"wipe_after\": 1}").unwrap();
    assert_eq!(duress::wipe_after(&dir), None, "below the minimum");
    // Nor can it be set below the minimum.
    assert!(duress::set_wipe_after(&dir, Some(duress::MIN_WIPE_AFTER - 1)).is_err());
}

#[test]
fn wipe_after_n_wrong_attempts_destroys_the_key_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, code) = vault(&tmp);
    let n = duress::MIN_WIPE_AFTER;
    duress::set_wipe_after(&dir, Some(n)).unwrap();
    assert_eq!(duress::wipe_after(&dir), Some(n));
    // The right passphrase before the limit resets the count.
    for _ in 0..n - 1 {
        let _ = Vault::unlock(&dir, &wrong());
        wait_out(&dir);
    }
    Vault::unlock(&dir, &passphrase()).unwrap().lock().unwrap();
    let mut last = None;
    for _ in 0..n {
        assert!(dir.join("keyslots").is_file(), "destroyed too early");
        wait_out(&dir);
        last = Some(Vault::unlock(&dir, &wrong()));
    }
    assert!(matches!(last, Some(Err(Error::KeysDestroyed))), "{last:?}");
    assert_unopenable(&dir, &code);
}

/// The waits between attempts are wall-clock time; the test moves the last failure into the
/// past instead of sleeping.
fn wait_out(dir: &Path) {
    let path = dir.join("unlock-attempts.json");
    let Ok(text) = fs::read_to_string(&path) else {
        return;
    };
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["last_failure_ms"] = serde_json::Value::from(0);
    fs::write(&path, value.to_string()).unwrap();
}
