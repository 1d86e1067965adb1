//! The vault against real SQLCipher files in temporary folders: create, unlock, lock, wrong
//! passphrases, recovery, passphrase change, tampered key files, and what ends up on disk.

use std::path::{Path, PathBuf};
use std::process::Command;

use pristan_core::{vault, Error, KdfParams, Vault};
use secrecy::{ExposeSecret, SecretString};

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const OTHER_PASSPHRASE: &str = "клён орбита свеча шестьдесят гавань";

fn secret(text: &str) -> SecretString {
    SecretString::from(text.to_owned())
}

fn new_vault() -> (tempfile::TempDir, PathBuf, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (vault, code) = Vault::create(&dir, &secret(PASSPHRASE), KdfParams::MINIMUM).unwrap();
    vault.lock().unwrap();
    (tmp, dir, code.to_string())
}

fn opens_with(dir: &Path, passphrase: &str) -> bool {
    match Vault::unlock(dir, &secret(passphrase)) {
        Ok(v) => {
            v.lock().unwrap();
            true
        }
        Err(Error::WrongPassphrase { .. }) => false,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

#[test]
fn create_unlock_and_lock() {
    let (_tmp, dir, code) = new_vault();
    assert!(vault::exists(&dir));
    assert_eq!(code.len(), 29);
    let vault = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    vault.set_device_name("Anna's laptop").unwrap();
    let summary = vault.summary().unwrap();
    assert_eq!(summary.device_name.as_deref(), Some("Anna's laptop"));
    assert_eq!(summary.kdf, KdfParams::MINIMUM);
    assert!(summary.schema_version >= 1);
    assert!(vault.integrity_problems().unwrap().is_empty());
    vault.lock().unwrap();
    // Locking folds the write-ahead log into the database.
    let wal = dir.join("vault.db-wal");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    let again = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    assert_eq!(
        again.device_name().unwrap().as_deref(),
        Some("Anna's laptop")
    );
}

#[cfg(unix)]
#[test]
fn a_vault_made_in_an_existing_folder_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("existing");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let (vault, _) = Vault::create(&dir, &secret(PASSPHRASE), KdfParams::MINIMUM).unwrap();
    vault.set_device_name("Anna's laptop").unwrap();
    for name in ["vault.db", "vault.db-wal", "vault.db-shm", "keyslots"] {
        let path = dir.join(name);
        if path.exists() {
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{name} is {mode:o}");
        }
    }
    vault.lock().unwrap();
}

#[test]
fn a_second_vault_is_not_created_over_the_first() {
    let (_tmp, dir, _) = new_vault();
    let err = Vault::create(&dir, &secret(OTHER_PASSPHRASE), KdfParams::MINIMUM).unwrap_err();
    assert!(matches!(err, Error::VaultExists { .. }));
    assert!(opens_with(&dir, PASSPHRASE));
}

#[test]
fn a_weak_passphrase_is_refused_before_anything_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let err = Vault::create(&dir, &secret("password123"), KdfParams::MINIMUM).unwrap_err();
    assert!(matches!(err, Error::WeakPassphrase));
    assert!(!dir.exists());
}

#[test]
fn wrong_passphrases_are_refused_then_made_to_wait() {
    let (_tmp, dir, _) = new_vault();
    let mut left = Vec::new();
    for _ in 0..vault::FREE_ATTEMPTS {
        match Vault::unlock(&dir, &secret("not the passphrase at all")) {
            Err(Error::WrongPassphrase {
                attempts_before_wait,
            }) => left.push(attempts_before_wait),
            other => panic!("expected a wrong passphrase, got {other:?}"),
        }
    }
    assert_eq!(left, [2, 1, 0]);
    // Even the right passphrase waits now: the wait is not an oracle for which one is right.
    let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
    assert!(matches!(err, Error::TooManyAttempts { .. }), "{err}");
    assert!(!vault::unlock_wait(&dir).is_zero());
    assert!(err.to_string().contains("try again in"));
}

#[test]
fn the_recovery_code_sets_a_new_passphrase_and_is_replaced() {
    let (_tmp, dir, code) = new_vault();
    let (vault, new_code) = Vault::recover(
        &dir,
        &secret(&code.to_lowercase()),
        &secret(OTHER_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    vault.lock().unwrap();
    assert_ne!(new_code.to_string(), code);
    assert!(opens_with(&dir, OTHER_PASSPHRASE));
    assert!(!opens_with(&dir, PASSPHRASE));
    // The used code no longer opens the vault; the new one does.
    let err = Vault::recover(
        &dir,
        &secret(&code),
        &secret(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongRecoveryCode { .. }), "{err}");
    let (vault, _) = Vault::recover(
        &dir,
        &new_code.to_secret_string(),
        &secret(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    vault.lock().unwrap();
    assert!(opens_with(&dir, PASSPHRASE));
}

#[test]
fn changing_the_passphrase_leaves_only_the_new_one_working() {
    let (_tmp, dir, code) = new_vault();
    let err = vault::change_passphrase(
        &dir,
        &secret("wrong wrong wrong wrong"),
        &secret(OTHER_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap_err();
    assert!(matches!(err, Error::WrongPassphrase { .. }));
    vault::change_passphrase(
        &dir,
        &secret(PASSPHRASE),
        &secret(OTHER_PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    assert!(!opens_with(&dir, PASSPHRASE));
    assert!(opens_with(&dir, OTHER_PASSPHRASE));
    // The recovery code is untouched by a passphrase change.
    let (v, _) = Vault::recover(
        &dir,
        &secret(&code),
        &secret(PASSPHRASE),
        KdfParams::MINIMUM,
    )
    .unwrap();
    v.lock().unwrap();
}

/// Applies `edit` to the passphrase slot of the key file, as JSON.
fn tamper(dir: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("keyslots");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let slot = json["slots"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["kind"] == "passphrase")
        .unwrap();
    edit(slot);
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
}

fn flip_first_byte(slot: &mut serde_json::Value, field: &str) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut bytes = b64.decode(slot[field].as_str().unwrap()).unwrap();
    bytes[0] ^= 0x01;
    slot[field] = b64.encode(bytes).into();
}

#[test]
fn a_tampered_keyslot_is_rejected_even_with_the_right_passphrase() {
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 5] = [
        ("salt", |s| flip_first_byte(s, "salt")),
        ("nonce", |s| flip_first_byte(s, "nonce")),
        ("ciphertext", |s| flip_first_byte(s, "wrapped_key")),
        ("params (passes)", |s| s["params"]["t"] = 4.into()),
        ("params (memory)", |s| {
            s["params"]["m_kib"] = (64 * 1024 + 8).into()
        }),
    ];
    for (what, edit) in edits {
        let (_tmp, dir, _) = new_vault();
        tamper(&dir, edit);
        let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
        assert!(
            matches!(err, Error::WrongPassphrase { .. }),
            "{what}: {err}"
        );
    }
}

#[test]
fn out_of_range_kdf_params_are_refused_before_the_kdf_runs() {
    // 4 TiB of memory: had Argon2 run, the allocation would abort the test process.
    for (field, value) in [
        ("m_kib", u64::from(u32::MAX)),
        ("t", 1_000_000),
        ("p", 1),
        ("m_kib", 1024),
    ] {
        let (_tmp, dir, _) = new_vault();
        tamper(&dir, |s| s["params"][field] = value.into());
        let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
        assert!(
            matches!(err, Error::KdfParamsOutOfRange { .. }),
            "{field}={value}: {err}"
        );
        // A tampered file is not a wrong passphrase: it must not count towards a wait.
        assert!(vault::unlock_wait(&dir).is_zero());
    }
}

#[test]
fn a_damaged_key_file_gives_a_clear_error() {
    for content in [
        &b""[..],
        b"{",
        b"[]",
        &[0xff, 0xfe, 0x00][..],
        &vec![b' '; 100_000][..],
    ] {
        let (_tmp, dir, _) = new_vault();
        std::fs::write(dir.join("keyslots"), content).unwrap();
        let err = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap_err();
        assert!(matches!(err, Error::DamagedKeyslots { .. }), "{err}");
        assert!(err.to_string().contains("damaged"));
    }
}

#[test]
fn debian_sqlite3_cannot_read_the_database() {
    let (_tmp, dir, _) = new_vault();
    let out = Command::new("sqlite3")
        .arg(dir.join("vault.db"))
        .arg("SELECT count(*) FROM sqlite_master;")
        .output()
        .expect("sqlite3 is installed by scripts/setup.sh");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("file is not a database"), "{stderr}");
}

/// The independent SQLCipher 4 reader (PyPI `sqlcipher3-binary`) that scripts/setup.sh installs.
fn independent_sqlcipher_python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/setup.sh (or scripts/test.sh) to install sqlcipher3-binary",
        python.display()
    );
    python
}

#[test]
fn an_independent_sqlcipher_4_reads_the_database_with_the_raw_key() {
    let (_tmp, dir, _) = new_vault();
    let v = Vault::unlock(&dir, &secret(PASSPHRASE)).unwrap();
    v.set_device_name("Ноутбук Анны").unwrap();
    v.lock().unwrap();
    let key = vault::export_raw_key(&dir, &secret(PASSPHRASE)).unwrap();
    let script = r#"
import sys
from sqlcipher3 import dbapi2 as sqlcipher
db = sqlcipher.connect(sys.argv[1])
db.execute("PRAGMA key = \"x'" + sys.stdin.read().strip() + "'\"")
db.execute("PRAGMA cipher_compatibility = 4")
print(db.execute("SELECT value FROM vault_settings WHERE key = 'device_name'").fetchone()[0])
print(db.execute("PRAGMA cipher_version").fetchone()[0])
"#;
    let mut child = Command::new(independent_sqlcipher_python())
        .arg("-c")
        .arg(script)
        .arg(dir.join("vault.db"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The key goes through a pipe, never the command line.
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(key.expose_secret().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "Ноутбук Анны");
    assert!(lines[1].starts_with('4'), "cipher_version {}", lines[1]);
}
