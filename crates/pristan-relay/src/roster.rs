//! The relay roster the relay goes by: the highest version it has accepted, and every device any
//! accepted roster revoked (a revocation is never undone, as in the vault's roster merge). Each
//! accepted roster is kept in the store, signed as received, and read again at start.

use std::collections::{HashMap, HashSet};

use bytes::Bytes;
use ed25519_dalek::VerifyingKey;
use pristan_model::ids::OrgId;
use pristan_relay_proto::{
    verify_relay_roster, DocumentError, ErrorCode, RelayRoster, Role, SignedDocument,
};
use tokio::sync::RwLock;

use crate::error::ApiError;
use crate::layout;
use crate::store::{PutOutcome, Store};

/// What the relay knows of a device key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    Member(Role),
    /// On the roster, but the request names another recipient than the roster's.
    OtherRecipient,
    Revoked,
    Unknown,
}

#[derive(Debug, Default)]
struct Known {
    org: Option<OrgId>,
    version: u64,
    /// Signing key (hex) → role and age recipient, from the highest version.
    devices: HashMap<String, (Role, String)>,
    /// Every key revoked in any accepted roster.
    revoked: HashSet<String>,
}

pub struct RosterKeeper {
    org_key: VerifyingKey,
    known: RwLock<Known>,
}

impl RosterKeeper {
    /// Reads every roster kept in the store. One that no longer verifies (the store was edited,
    /// or the relay was pointed at another organisation's store) stops the start with a message.
    pub async fn load(org_key: VerifyingKey, store: &Store) -> anyhow::Result<RosterKeeper> {
        let keeper = RosterKeeper {
            org_key,
            known: RwLock::new(Known::default()),
        };
        let mut kept = store
            .list(&layout::roster_prefix())
            .await
            .map_err(|e| anyhow::anyhow!("could not list the kept rosters: {e}"))?;
        kept.sort_by(|a, b| a.location.as_ref().cmp(b.location.as_ref()));
        for meta in kept {
            let Some(bytes) = store
                .get_small(&meta.location)
                .await
                .map_err(|e| anyhow::anyhow!("could not read a kept roster: {e}"))?
            else {
                continue;
            };
            let document = SignedDocument::from_json_bytes(&bytes)
                .map_err(|e| anyhow::anyhow!("a kept roster is unreadable: {e}"))?;
            let roster = verify_relay_roster(&org_key, &document).map_err(|e| {
                anyhow::anyhow!(
                    "a kept roster does not verify with this organisation key ({e}): is --org-key the key of the organisation this store belongs to?"
                )
            })?;
            keeper.apply(roster).await;
        }
        Ok(keeper)
    }

    /// `PUT /v1/roster`: verifies the document with the organisation key, keeps it, and takes it
    /// if it is newer. Returns the version in force and whether this roster became it.
    pub async fn accept(&self, store: &Store, body: &[u8]) -> Result<(u64, bool), ApiError> {
        let document = SignedDocument::from_json_bytes(body).map_err(document_error)?;
        let roster = verify_relay_roster(&self.org_key, &document).map_err(document_error)?;
        {
            let known = self.known.read().await;
            if known.org.is_some_and(|org| org != roster.org) {
                return Err(ErrorCode::WrongOrganisation.into());
            }
        }
        let location = layout::roster_document(roster.version, &document.json);
        let bytes = Bytes::from(document.to_json());
        match store
            .put_new(&location, object_store::PutPayload::from_bytes(bytes))
            .await
        {
            Ok(PutOutcome::Created | PutOutcome::AlreadyStored) => {}
            Err(e) => return Err(ApiError::from(e)),
        }
        Ok(self.apply(roster).await)
    }

    async fn apply(&self, roster: RelayRoster) -> (u64, bool) {
        let mut known = self.known.write().await;
        if known.org.is_none() {
            known.org = Some(roster.org);
        }
        for device in roster.devices.iter().filter(|d| d.revoked) {
            known.revoked.insert(device.signing_key.clone());
        }
        let newer = roster.version > known.version;
        if newer {
            known.version = roster.version;
            known.devices = roster
                .devices
                .iter()
                .map(|d| (d.signing_key.clone(), (d.role, d.recipient.clone())))
                .collect();
        }
        (known.version, newer)
    }

    pub async fn standing(&self, signing_key_hex: &str, recipient: &str) -> Standing {
        let known = self.known.read().await;
        if known.revoked.contains(signing_key_hex) {
            return Standing::Revoked;
        }
        match known.devices.get(signing_key_hex) {
            Some((role, listed)) if listed == recipient => Standing::Member(*role),
            Some(_) => Standing::OtherRecipient,
            None => Standing::Unknown,
        }
    }

    /// The organisation named by the first roster accepted, once there is one.
    pub async fn org(&self) -> Option<OrgId> {
        self.known.read().await.org
    }

    /// The signing keys of the coordinators in force (newest roster, never revoked): an inbox
    /// object is deleted once each has acknowledged it.
    pub async fn coordinators(&self) -> Vec<String> {
        let known = self.known.read().await;
        known
            .devices
            .iter()
            .filter(|(key, (role, _))| *role == Role::Coordinator && !known.revoked.contains(*key))
            .map(|(key, _)| key.clone())
            .collect()
    }

    pub async fn version(&self) -> u64 {
        self.known.read().await.version
    }
}

fn document_error(error: DocumentError) -> ApiError {
    match error {
        DocumentError::TooLarge => ErrorCode::TooLarge.into(),
        DocumentError::BadSignature => ErrorCode::WrongOrganisation.into(),
        DocumentError::Malformed => ErrorCode::Malformed.into(),
    }
}
