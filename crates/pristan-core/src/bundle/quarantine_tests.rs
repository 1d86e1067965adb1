//! Quarantine reasons are stored as typed refusals, so the interface can word them in any
//! language; a row written by an older version, which stored an English sentence, still lists.

use rusqlite::params;
use secrecy::SecretString;

use super::{FileOutcome, Limits, Refusal};
use crate::{KdfParams, Vault};

fn vault(dir: &std::path::Path) -> Vault {
    let passphrase = SecretString::from("walnut ember seven quietly".to_owned());
    let (mut vault, _) = Vault::create(&dir.join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    vault.create_org("Tuesday visitors").unwrap();
    vault
}

#[test]
fn a_refused_file_is_kept_with_its_typed_reason() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = vault(tmp.path());
    let file = tmp.path().join("junk.pristan");
    std::fs::write(&file, b"not a bundle").unwrap();
    let summary = vault
        .import_bundles_with(&[file], &Limits::DEFAULT, &mut |_| {})
        .unwrap();
    match &summary.files[0].outcome {
        FileOutcome::Quarantined { reason, waiting } => {
            assert_eq!(reason, &Refusal::NotAge);
            assert!(!waiting);
        }
        other => panic!("expected quarantine, got {other:?}"),
    }
    let held = vault.quarantine().unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].reason, Refusal::NotAge);
}

// Versions before typed refusals stored the English sentence itself.
#[test]
fn an_old_free_text_reason_still_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let vault = vault(tmp.path());
    let old = "the bundle belongs to another organisation";
    vault
        .conn
        .execute(
            "INSERT INTO quarantine (file_hash, file_name, bytes, reason, waiting, received_at)
             VALUES ('00', 'old.pristan', x'00', ?1, 0, '2026-01-01T00:00:00Z')",
            params![old],
        )
        .unwrap();
    let held = vault.quarantine().unwrap();
    assert_eq!(held[0].reason, Refusal::Unrecorded { text: old.into() });
    assert_eq!(held[0].reason.to_string(), old);
}
