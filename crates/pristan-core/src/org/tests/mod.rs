//! The organisation through real vaults: creating and joining, invitations as text, approval and
//! revocation in signed roster versions, rosters that must be refused, key exports, and a canary
//! that no secret key reaches `Debug` output. Shared fixtures here; the tests by subject beside it.

mod exports;
mod flow;
mod rosters;
mod secrets;
mod succession;

use secrecy::SecretString;

pub(super) use super::*;
pub(super) use crate::error::Error;
use crate::KdfParams;

pub(super) fn new_vault() -> (tempfile::TempDir, Vault) {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) = Vault::create(
        &tmp.path().join("v"),
        &vault_passphrase(),
        KdfParams::MINIMUM,
    )
    .unwrap();
    (tmp, vault)
}

pub(super) fn vault_passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

/// A strong passphrase for key files.
pub(super) fn file_passphrase() -> SecretString {
    SecretString::from("lantern quietly gravel orchid twelve".to_owned())
}

/// A coordinator's vault with a new organisation.
pub(super) fn coordinator() -> (tempfile::TempDir, Vault) {
    let (tmp, mut vault) = new_vault();
    vault.set_device_name("Maria's laptop").unwrap();
    vault.create_org("Pristan Test Group").unwrap();
    (tmp, vault)
}

/// A volunteer's vault that joined `coordinator`'s organisation from the invitation text.
pub(super) fn volunteer_of(coordinator: &Vault) -> (tempfile::TempDir, Vault) {
    let (tmp, mut vault) = new_vault();
    vault.set_device_name("Anna's laptop").unwrap();
    let text = coordinator.invitation().unwrap().to_text();
    vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    (tmp, vault)
}

/// What an importer does when a bundle from `device` arrives at `vault`.
pub(super) fn arrives(vault: &mut Vault, device: &DeviceIdentity) -> crate::error::Result<()> {
    let tx = vault.conn.transaction().unwrap();
    note_pending(&tx, device)?;
    tx.commit().unwrap();
    Ok(())
}

/// What an importer does when a roster arrives in a bundle.
pub(super) fn roster_arrives(
    vault: &mut Vault,
    signed: &SignedRoster,
) -> crate::error::Result<bool> {
    let tx = vault.conn.transaction().unwrap();
    let accepted = accept_roster(&tx, signed)?;
    tx.commit().unwrap();
    Ok(accepted)
}

/// The organisation error inside `result`, for matching on its variant.
pub(super) fn org_error<T: std::fmt::Debug>(result: crate::error::Result<T>) -> OrgError {
    match result {
        Err(Error::Org(e)) => e,
        other => panic!("expected an organisation error, got {other:?}"),
    }
}
