//! A vault that continues under a new device identity: the restore's contract
//! (`vault_meta.identity_rotation_due`), a coordinator's own vault moving on, and a vault that was
//! only reopened keeping its identity.

use super::*;
use pristan_model::sync::IdentityChangeReason;

fn reopen(vault: Vault) -> Vault {
    let dir = vault.dir().to_owned();
    vault.lock().unwrap();
    Vault::unlock(&dir, &vault_passphrase()).unwrap()
}

// The restore sets `identity_rotation_due`; the first unlock must move the vault to a new device
// id and new keys before anything is written, and delete the key so it happens once.
#[test]
fn a_restored_vault_moves_to_a_new_identity_once() {
    let (_tmp, mut vault) = volunteer_of(&coordinator().1);
    let old = vault.device_identity().unwrap();
    vault
        .conn
        .execute(
            "INSERT INTO vault_meta (key, value) VALUES ('identity_rotation_due', 'restored')",
            [],
        )
        .unwrap();
    let mut vault = reopen(vault);
    let new = vault.device_identity().unwrap();
    assert_ne!(new.device, old.device);
    assert_ne!(new.signing_key, old.signing_key);
    assert_ne!(new.recipient, old.recipient);
    let notice = vault.identity_notice().unwrap().unwrap();
    assert_eq!(notice.reason, IdentityChangeReason::Restored);
    assert_eq!((notice.previous, notice.current), (old.device, new.device));
    assert_eq!(vault.earlier_identities().unwrap(), [old.device]);
    let due: i64 = vault
        .conn
        .query_row(
            "SELECT count(*) FROM vault_meta WHERE key = 'identity_rotation_due'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(due, 0);

    vault.dismiss_identity_notice().unwrap();
    let vault = reopen(vault);
    assert_eq!(vault.device_id(), new.device, "only once");
    assert!(vault.identity_notice().unwrap().is_none());
}

// A coordinator's vault that moves on signs its new identity into the roster itself, as the
// successor of the old one, still a coordinator.
#[test]
fn a_restored_coordinator_signs_its_successor_into_the_roster() {
    let (_tmp, vault) = coordinator();
    let old = vault.device_id();
    vault
        .conn
        .execute(
            "INSERT INTO vault_meta (key, value) VALUES ('identity_rotation_due', 'restored')",
            [],
        )
        .unwrap();
    let vault = reopen(vault);
    let roster = vault.roster().unwrap().unwrap();
    let entry = roster
        .entries
        .iter()
        .find(|e| e.device == vault.device_id())
        .expect("the new identity is on the roster");
    assert_eq!((entry.role, entry.replaces), (Role::Coordinator, Some(old)));
    assert_eq!(roster.version, 2);
}

#[test]
fn reopening_a_vault_keeps_its_identity() {
    let (_tmp, vault) = volunteer_of(&coordinator().1);
    let id = vault.device_id();
    let vault = reopen(vault);
    assert_eq!(vault.device_id(), id);
    assert!(vault.identity_notice().unwrap().is_none());
}
