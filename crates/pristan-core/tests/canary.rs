//! No secret reaches the disk in plaintext: after a vault is created, used, re-keyed and locked,
//! no file in the vault folder, or written to the temporary folder meanwhile, holds the canary.

use std::time::SystemTime;

use pristan_core::{vault, KdfParams, Vault};
use pristan_testkit::canary;
use secrecy::SecretString;

#[test]
#[allow(clippy::disallowed_methods)] // scanning the temp folder is the point
fn no_plaintext_canary_in_the_vault_or_temp_folders() {
    let started = SystemTime::now();
    let canary = canary::new_canary();
    let passphrase = SecretString::from(format!("{canary} maple orbit"));

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("vault");
    let (v, code) = Vault::create(&dir, &passphrase, KdfParams::MINIMUM).unwrap();
    v.set_device_name(&canary).unwrap();
    v.lock().unwrap();
    let v = Vault::unlock(&dir, &passphrase).unwrap();
    assert_eq!(v.device_name().unwrap().as_deref(), Some(canary.as_str()));
    v.lock().unwrap();
    let new = SecretString::from(format!("{canary} candle river"));
    vault::change_passphrase(&dir, &passphrase, &new, KdfParams::MINIMUM).unwrap();

    let mut patterns = canary::patterns(&canary);
    patterns.extend(canary::patterns(&code.to_string()));
    let in_vault = canary::scan(&[tmp.path()], &patterns, None);
    assert!(
        in_vault.is_empty(),
        "plaintext in the vault folder: {in_vault:#?}"
    );
    let in_temp = canary::scan(&[&std::env::temp_dir()], &patterns, Some(started));
    assert!(
        in_temp.is_empty(),
        "plaintext in the temp folder: {in_temp:#?}"
    );
}
