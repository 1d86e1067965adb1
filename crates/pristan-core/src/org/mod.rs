//! The organisation (DESIGN.md §6): its keys, the signed roster of approved devices, invitations,
//! joining, approval and revocation. docs/organisation.md tells the story end to end.
//!
//! Who holds what: every device has its own Ed25519 signing key and age identity
//! ([`keys`]). A coordinator's vault also holds the organisation's signing key (which signs
//! rosters) and the organisation's age identity (which opens every bundle). A volunteer's vault
//! holds only the organisation's public keys, from the invitation.

mod coordinator;
mod error;
mod export;
mod held;
mod invitation;
mod keys;
pub mod permissions;
mod relay;
mod roster;
mod roster_merge;
mod store;
pub(crate) mod succession;
mod types;

#[cfg(test)]
mod tests;

use chrono::Utc;

pub use error::OrgError;
pub use keys::{fingerprint, org_fingerprint};
pub use relay::check_relay_url;
pub use roster::{verify_roster, MAX_ROSTER_JSON};
pub use types::{
    DeviceIdentity, Invitation, OrgId, OrgInfo, PendingDevice, RelaySetting, Role, Roster,
    RosterEntry, SignedRoster, SignedText,
};

// For the bundle exporter and importer.
pub(crate) use keys::{decryption_identities, device_signing_key, org_recipient};
pub(crate) use roster::{accept_roster, note_pending, roster_entry, sign_roster_json};
pub(crate) use roster_merge::merge_entries;
pub(crate) use store::{is_coordinator, note_replaces, signed_roster as store_signed_roster};

use crate::error::Result;
use crate::ops::DeviceId;
use crate::vault::Vault;
use keys::DeviceKeys;
use store::{OrgRow, OrgSecrets};

impl Vault {
    /// Makes this vault the first coordinator of a new organisation: new organisation keys, and
    /// roster version 1 listing this device as its coordinator.
    pub fn create_org(&mut self, name: &str) -> Result<OrgInfo> {
        let name = name.trim();
        keys::check_name(name).map_err(|reason| OrgError::InvalidName { reason })?;
        let me = self.own_name("Coordinator")?;
        let device = self.device_id();
        let tx = self.conn.transaction()?;
        if let Some(org) = store::load_org(&tx)? {
            return Err(OrgError::AlreadyInOrganisation { name: org.name }.into());
        }
        let own = DeviceKeys::load_or_create(&tx)?.identity(device, me);
        let secrets = OrgSecrets {
            signing: keys::new_signing_key(),
            age: age::x25519::Identity::generate(),
        };
        let row = OrgRow {
            org: OrgId::random(),
            name: name.to_owned(),
            signing_key: keys::verifying_key_hex(&secrets.signing.verifying_key()),
            recipient: secrets.age.to_public().to_string(),
            secrets: Some(secrets),
        };
        store::insert_org(&tx, &row)?;
        let secrets = row.secrets.as_ref().ok_or(OrgError::NotCoordinator)?;
        let own = own_coordinator_entry(&tx, own)?;
        let roster = roster::publish_next(&tx, &row, secrets, |entries| {
            entries.push(own);
            Ok(())
        })?;
        tx.commit()?;
        Ok(row.info(roster.version))
    }

    /// The organisation this vault belongs to, if any.
    pub fn org(&self) -> Result<Option<OrgInfo>> {
        let Some(mut info) = store::org_info(&self.conn)? else {
            return Ok(None);
        };
        info.relay_url = self.relay_url()?;
        Ok(Some(info))
    }

    /// This device's public identity, making its keys on first use.
    pub fn device_identity(&mut self) -> Result<DeviceIdentity> {
        let name = self.own_name("Unnamed device")?;
        Ok(DeviceKeys::load_or_create(&self.conn)?.identity(self.device_id(), name))
    }

    /// This device's fingerprint, for the volunteer to read to the coordinator by phone.
    pub fn device_fingerprint(&mut self) -> Result<String> {
        Ok(fingerprint(&self.device_identity()?))
    }

    /// An invitation to this organisation (coordinators only), to send to a new volunteer.
    pub fn invitation(&self) -> Result<Invitation> {
        let (org, secrets) = store::require_coordinator(&self.conn)?;
        let (relay, join_ticket) = relay::invitation_extras(&self.conn, &org, &secrets)?;
        Ok(Invitation {
            org: org.org,
            org_name: org.name,
            org_signing_key: org.signing_key,
            org_recipient: org.recipient,
            created_at: Utc::now(),
            relay,
            join_ticket,
        })
    }

    /// Joins the organisation an invitation names, as a volunteer. The device has no roster until
    /// the first one arrives in a bundle after a coordinator approves it. Joining the same
    /// organisation twice is harmless; joining another is refused.
    pub fn join_org(&mut self, invitation: &Invitation) -> Result<OrgInfo> {
        invitation.check()?;
        let tx = self.conn.transaction()?;
        if let Some(org) = store::load_org(&tx)? {
            let same = org.org == invitation.org
                && org.signing_key == invitation.org_signing_key
                && org.recipient == invitation.org_recipient;
            if !same {
                return Err(OrgError::AlreadyInOrganisation { name: org.name }.into());
            }
            // A newer invitation of the same organisation may carry its relay.
            relay::keep_from_invitation(&tx, invitation)?;
            let info = org.info(store::roster_version(&tx)?);
            tx.commit()?;
            return Ok(info);
        }
        DeviceKeys::load_or_create(&tx)?;
        let row = OrgRow {
            org: invitation.org,
            name: invitation.org_name.trim().to_owned(),
            signing_key: invitation.org_signing_key.clone(),
            recipient: invitation.org_recipient.clone(),
            secrets: None,
        };
        store::insert_org(&tx, &row)?;
        relay::keep_from_invitation(&tx, invitation)?;
        tx.commit()?;
        Ok(row.info(0))
    }

    /// Joins as [`Vault::join_org`] does, once the volunteer has compared the organisation's
    /// fingerprint aloud with the coordinator: `compared` is the fingerprint they compared, and
    /// an invitation whose organisation has another one (a swapped e-mail) is refused.
    pub fn join_org_compared(
        &mut self,
        invitation: &Invitation,
        compared: &str,
    ) -> Result<OrgInfo> {
        invitation.check_fingerprint(compared)?;
        self.join_org(invitation)
    }

    /// The newest roster this vault has accepted, checked again against the organisation key.
    pub fn roster(&self) -> Result<Option<Roster>> {
        store::roster(&self.conn)
    }

    /// The newest roster exactly as signed, for a bundle header to carry.
    pub fn signed_roster(&self) -> Result<Option<SignedRoster>> {
        store::signed_roster(&self.conn)
    }

    /// Devices seen in imported bundles but not approved yet, oldest first.
    pub fn pending_devices(&self) -> Result<Vec<PendingDevice>> {
        store::pending_devices(&self.conn)
    }

    /// Approves a waiting device into a new roster version (coordinators only). The coordinator
    /// should first compare the device's fingerprint with its owner by phone.
    pub fn approve_device(&mut self, device: DeviceId, role: Role) -> Result<Roster> {
        let tx = self.conn.transaction()?;
        let (org, secrets) = store::require_coordinator(&tx)?;
        let Some((identity, _)) = store::pending_identity(&tx, device)? else {
            return Err(match roster::roster_entry(&tx, device)? {
                Some(_) => OrgError::AlreadyApproved { device },
                None => OrgError::NotPending { device },
            }
            .into());
        };
        let replaces = store::pending_replaces(&tx, device)?;
        let roster = roster::publish_next(&tx, &org, &secrets, |entries| {
            let mut approved = entry(identity, role);
            approved.replaces = replaces;
            entries.push(approved);
            Ok(())
        })?;
        tx.commit()?;
        Ok(roster)
    }

    /// Revokes a device in a new roster version (coordinators only). Exactly the device's
    /// operations this vault holds are kept (`RosterEntry::kept_seqs`), and with `last_good_seq`
    /// only those up to it: every other operation from it, a missing one below the highest held
    /// included, is refused everywhere once the roster arrives, so a seized laptop cannot fill a
    /// gap with new text. [`Vault::held_ops`] shows the gaps before revoking. A revocation can
    /// later be moved earlier, never later.
    pub fn revoke_device(
        &mut self,
        device: DeviceId,
        last_good_seq: Option<u64>,
    ) -> Result<Roster> {
        if device == self.device_id() {
            return Err(OrgError::CannotRevokeSelf.into());
        }
        let tx = self.conn.transaction()?;
        let (org, secrets) = store::require_coordinator(&tx)?;
        let held = held::held_ops(&tx, device)?.held;
        let roster = roster::publish_next(&tx, &org, &secrets, |entries| {
            let entry = entries
                .iter_mut()
                .find(|e| e.device == device)
                .ok_or(OrgError::NotInRoster { device })?;
            let kept = held::kept_at_revocation(&held, entry, last_good_seq);
            let last_good = kept.last().map_or(0, |r| r.last);
            if let Some(previous) = entry.revoked_after_seq {
                if last_good >= previous {
                    return Err(OrgError::AlreadyRevoked {
                        device,
                        last_good: previous,
                    }
                    .into());
                }
            }
            entry.revoked_after_seq = Some(last_good);
            entry.kept_seqs = kept;
            Ok(())
        })?;
        let mut clock = self.clock.clone();
        succession::after_roster(&tx, &mut clock)?;
        tx.commit()?;
        self.clock = clock;
        Ok(roster)
    }

    /// The role this device's own changes are held to: a coordinator holds the organisation's
    /// keys; a member without them is a volunteer. A vault outside any organisation is its
    /// owner's own casebook, held to nothing (`None`).
    pub fn own_role(&self) -> Result<Option<Role>> {
        if store::is_coordinator(&self.conn)? {
            return Ok(Some(Role::Coordinator));
        }
        Ok(store::load_org(&self.conn)?.map(|_| Role::Volunteer))
    }

    /// The name this device goes by in rosters: the one set in settings if it is a valid name.
    fn own_name(&self, fallback: &str) -> Result<String> {
        Ok(self
            .device_name()?
            .filter(|name| keys::check_name(name).is_ok())
            .unwrap_or_else(|| fallback.to_owned()))
    }
}

fn entry(identity: DeviceIdentity, role: Role) -> RosterEntry {
    RosterEntry {
        device: identity.device,
        name: identity.name,
        role,
        signing_key: identity.signing_key,
        recipient: identity.recipient,
        approved_at: Utc::now(),
        revoked_after_seq: None,
        replaces: None,
        kept_seqs: Vec::new(),
    }
}

/// The entry a vault signs for itself as a coordinator (founding an organisation or joining with
/// a coordinator key file). A vault copied or restored before then names the identity it
/// continues, so what it wrote before travels in its bundles (org/succession/).
fn own_coordinator_entry(
    conn: &rusqlite::Connection,
    identity: DeviceIdentity,
) -> Result<RosterEntry> {
    let replaces = succession::predecessor(conn, identity.device)?;
    Ok(RosterEntry {
        replaces,
        ..entry(identity, Role::Coordinator)
    })
}

/// The entries of the roster in force (empty before any), for the importer and fork views.
pub(crate) fn roster_entries(conn: &rusqlite::Connection) -> Result<Vec<RosterEntry>> {
    Ok(store::roster(conn)?.map(|r| r.entries).unwrap_or_default())
}
