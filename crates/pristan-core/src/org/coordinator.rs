//! Coordinator keys leaving and entering a vault: the organisation's identity file for `rage`,
//! and the key file that makes a second device a coordinator.
//!
//! Decision: a device that imports the coordinator key file adds itself to the roster as a
//! coordinator, signing the new version with the organisation key it now holds. Whoever has the
//! file and its passphrase already holds every power of the organisation, so waiting for the first
//! coordinator's approval would add a round trip and no protection. The cost: the two
//! coordinators must not change the roster at the same moment, since two rosters of one version
//! do not merge (see docs/organisation.md).

use secrecy::SecretString;

use super::error::OrgError;
use super::export::{self, CoordinatorKeyFile};
use super::keys::DeviceKeys;
use super::types::{OrgInfo, Role};
use super::{roster, store};
use crate::error::Result;
use crate::passphrase;
use crate::vault::Vault;

impl Vault {
    /// The organisation's age identity as a standard identity file (comments, then
    /// `AGE-SECRET-KEY-1…`), with which `rage -d -i FILE` opens any bundle. With a passphrase the
    /// file is age-encrypted to it, and rage asks for it; without one the key is in plain text,
    /// which the caller must warn about.
    pub fn export_org_identity(
        &self,
        passphrase: Option<&SecretString>,
    ) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        let (org, secrets) = store::require_coordinator(&self.conn)?;
        let file = export::identity_file(&org, &secrets);
        match passphrase {
            None => Ok(file),
            Some(passphrase) => {
                passphrase::check_acceptable(passphrase)?;
                export::encrypt_with_passphrase(&file, passphrase).map(zeroize::Zeroizing::new)
            }
        }
    }

    /// Everything another device needs to become a coordinator (organisation id and name, both
    /// organisation secret keys, the signed roster), encrypted to `passphrase`. The passphrase
    /// must be strong: this file opens every bundle the organisation ever exchanged.
    pub fn export_coordinator_keys(&self, passphrase: &SecretString) -> Result<Vec<u8>> {
        passphrase::check_acceptable(passphrase)?;
        let (org, secrets) = store::require_coordinator(&self.conn)?;
        let signed =
            store::signed_roster(&self.conn)?.ok_or(OrgError::DamagedKeys { what: "roster" })?;
        let file = CoordinatorKeyFile::new(&org, &secrets, signed);
        export::encrypt_with_passphrase(&file.to_json()?, passphrase)
    }

    /// Makes this device a coordinator from a key file made by
    /// [`Vault::export_coordinator_keys`]. Works on a new vault and on a volunteer's vault of the
    /// same organisation; then adds this device to the roster as a coordinator (see the module
    /// comment for why it approves itself).
    pub fn join_as_coordinator(
        &mut self,
        file: &[u8],
        passphrase: &SecretString,
    ) -> Result<OrgInfo> {
        let plaintext = export::decrypt_with_passphrase(file, passphrase)?;
        let (row, signed) = CoordinatorKeyFile::from_json(&plaintext)?.into_org()?;
        let secrets = row.secrets.as_ref().ok_or(OrgError::NotCoordinator)?;
        let name = self.own_name("Coordinator")?;
        let device = self.device_id();
        let tx = self.conn.transaction()?;
        match store::load_org(&tx)? {
            None => store::insert_org(&tx, &row)?,
            Some(existing) if existing.org != row.org => {
                return Err(OrgError::AlreadyInOrganisation {
                    name: existing.name,
                }
                .into())
            }
            Some(existing) => {
                if existing.signing_key != row.signing_key || existing.recipient != row.recipient {
                    return Err(OrgError::KeyFileOtherOrganisation.into());
                }
                if existing.secrets.is_none() {
                    store::set_org_secrets(&tx, secrets)?;
                }
            }
        }
        roster::accept_roster(&tx, &signed)?;
        let own = DeviceKeys::load_or_create(&tx)?.identity(device, name);
        let listed = roster::roster_entry(&tx, device)?;
        if let Some(entry) = &listed {
            if entry.signing_key != own.signing_key || entry.recipient != own.recipient {
                return Err(OrgError::KeyChanged {
                    device,
                    name: entry.name.clone(),
                }
                .into());
            }
            if entry.revoked_after_seq.is_some() {
                return Err(OrgError::ThisDeviceRevoked.into());
            }
        }
        if listed.map(|e| e.role) != Some(Role::Coordinator) {
            let own = super::own_coordinator_entry(&tx, own)?;
            roster::publish_next(&tx, &row, secrets, |entries| {
                match entries.iter_mut().find(|e| e.device == device) {
                    Some(entry) => entry.role = Role::Coordinator,
                    None => entries.push(own),
                }
                Ok(())
            })?;
        }
        let info = store::org_info(&tx)?.ok_or(OrgError::NoOrganisation)?;
        tx.commit()?;
        Ok(info)
    }
}
