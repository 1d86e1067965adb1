//! The signed roster: how a new version is signed, how a received one is verified and accepted,
//! and how devices seen in bundles wait for approval.
//!
//! A roster is signed as the exact JSON text it travels in, so no receiver ever has to
//! re-serialise it the same way to check the signature.

use std::collections::HashSet;

use chrono::Utc;
use ed25519_dalek::{Signature, Signer, SigningKey};
use rusqlite::{Connection, Transaction};

use super::error::OrgError;
use super::keys;
use super::roster_merge;
use super::store::{self, OrgRow, OrgSecrets};
use super::types::{DeviceIdentity, RelaySetting, Roster, RosterEntry, SignedRoster};
use crate::error::Result;
use crate::ops::DeviceId;

/// Domain separation: a roster signature can never be replayed as a signature on anything else.
const ROSTER_DOMAIN: &[u8] = b"pristan-roster-v1\n";
/// A roster of a few hundred devices is tens of kilobytes; anything near this is not genuine,
/// and the cap keeps a hostile bundle from making us parse megabytes.
pub const MAX_ROSTER_JSON: usize = 1 << 20;
/// 64 signature bytes in hex.
const SIGNATURE_HEX_LEN: usize = 128;

pub(crate) fn sign_roster(key: &SigningKey, roster: &Roster) -> Result<SignedRoster> {
    let roster_json = serde_json::to_string(roster).map_err(|_| OrgError::RosterMalformed {
        reason: "it could not be written out".into(),
    })?;
    let signature = key.sign(&signed_message(&roster_json));
    Ok(SignedRoster {
        roster_json,
        signature: hex::encode(signature.to_bytes()),
    })
}

/// Signs roster JSON exactly as given, which `verify_roster` then checks like any roster (the
/// fuzz target `roster` uses it to reach the checks behind the signature).
pub(crate) fn sign_roster_json(key: &SigningKey, roster_json: String) -> SignedRoster {
    let signature = key.sign(&signed_message(&roster_json));
    SignedRoster {
        roster_json,
        signature: hex::encode(signature.to_bytes()),
    }
}

/// Checks a roster's signature against the organisation's public key (64 hex digits) and returns
/// the roster it carries. Strict verification refuses the malleable and small-order signatures
/// that plain Ed25519 verification lets through. The signature is checked before the JSON is
/// parsed, so unsigned input never reaches the parser.
pub fn verify_roster(org_signing_key_hex: &str, signed: &SignedRoster) -> Result<Roster> {
    let size = signed.roster_json.len();
    if size > MAX_ROSTER_JSON {
        return Err(OrgError::RosterTooLarge {
            size,
            max: MAX_ROSTER_JSON,
        }
        .into());
    }
    let key = keys::parse_verifying_key(org_signing_key_hex, "organisation's signing key")?;
    if signed.signature.len() != SIGNATURE_HEX_LEN {
        return Err(OrgError::RosterSignature.into());
    }
    let mut bytes = [0u8; 64];
    hex::decode_to_slice(&signed.signature, &mut bytes).map_err(|_| OrgError::RosterSignature)?;
    key.verify_strict(
        &signed_message(&signed.roster_json),
        &Signature::from_bytes(&bytes),
    )
    .map_err(|_| OrgError::RosterSignature)?;
    let roster: Roster =
        serde_json::from_str(&signed.roster_json).map_err(|e| OrgError::RosterMalformed {
            // Only the position: serde's message could quote a device's name.
            reason: format!("unreadable at line {} column {}", e.line(), e.column()),
        })?;
    check_roster(&roster)?;
    Ok(roster)
}

fn signed_message(roster_json: &str) -> Vec<u8> {
    [ROSTER_DOMAIN, roster_json.as_bytes()].concat()
}

/// What a signed roster must still satisfy: a coordinator's bug must not become a roster that
/// names one device twice or holds a key nobody can use.
fn check_roster(roster: &Roster) -> Result<()> {
    let malformed = |reason: &str| OrgError::RosterMalformed {
        reason: reason.into(),
    };
    if roster.version == 0 || i64::try_from(roster.version).is_err() {
        return Err(malformed("its version number is out of range").into());
    }
    let mut seen = HashSet::new();
    for entry in &roster.entries {
        if !seen.insert(entry.device) {
            return Err(malformed("it lists a device twice").into());
        }
        keys::check_identity(&identity_of(entry))?;
    }
    Ok(())
}

fn identity_of(entry: &RosterEntry) -> DeviceIdentity {
    DeviceIdentity {
        device: entry.device,
        name: entry.name.clone(),
        signing_key: entry.signing_key.clone(),
        recipient: entry.recipient.clone(),
    }
}

/// Accepts a roster that arrived in a bundle: it must be signed by this vault's organisation and
/// name it. It is merged with the roster in force (`roster_merge`): one that adds nothing is
/// ignored (false), so a replayed old roster can never undo a revocation; one made concurrently
/// by another coordinator is kept beside this vault's, and a coordinator signs their merge as
/// the next version, which every device then takes. Returns true if the roster in force changed.
pub(crate) fn accept_roster(tx: &Transaction<'_>, signed: &SignedRoster) -> Result<bool> {
    let org = store::require_org(tx)?;
    let roster = verify_roster(&org.signing_key, signed)?;
    if roster.org != org.org {
        return Err(OrgError::RosterOtherOrganisation.into());
    }
    let Some(current) = store::roster(tx)? else {
        store::store_roster(tx, &roster, signed)?;
        return Ok(true);
    };
    if roster_merge::includes(&current.entries, &roster.entries) && current.relay >= roster.relay {
        return Ok(false);
    }
    store::store_roster(tx, &roster, signed)?;
    // Two rosters kept side by side: a coordinator signs their merge, so every device soon holds
    // one roster again. A volunteer keeps both and uses their merge meanwhile.
    if let Some(secrets) = org.secrets.as_ref() {
        if store::kept_rosters(tx)? > 1 {
            publish_next(tx, &org, secrets, |_| Ok(()))?;
        }
    }
    Ok(true)
}

/// The device's entry in this vault's roster, revoked or not; `None` if it was never approved.
pub(crate) fn roster_entry(conn: &Connection, device: DeviceId) -> Result<Option<RosterEntry>> {
    Ok(store::roster(conn)?
        .and_then(|roster| roster.entries.into_iter().find(|e| e.device == device)))
}

/// Remembers a device seen in a bundle header so a coordinator can approve it. The first keys
/// seen for a device id are kept for good: a second set of keys under the same id is what an
/// impostor would send, so it is refused with [`OrgError::KeyChanged`] and changes nothing. A
/// device already on the roster is not pending, but its keys are checked the same way.
pub(crate) fn note_pending(tx: &Transaction<'_>, identity: &DeviceIdentity) -> Result<()> {
    keys::check_identity(identity)?;
    let known = match roster_entry(tx, identity.device)? {
        Some(entry) => Some(identity_of(&entry)),
        None => store::pending_identity(tx, identity.device)?.map(|(known, _)| known),
    };
    match known {
        Some(known) if same_keys(&known, identity) => Ok(()),
        Some(known) => Err(OrgError::KeyChanged {
            device: identity.device,
            name: known.name,
        }
        .into()),
        None => store::insert_pending(tx, identity),
    }
}

fn same_keys(a: &DeviceIdentity, b: &DeviceIdentity) -> bool {
    a.signing_key == b.signing_key && a.recipient == b.recipient
}

/// Signs and stores the next roster version made by `change` from the current one. Used by
/// approval, revocation and a second coordinator adding itself, always inside one transaction.
pub(crate) fn publish_next(
    tx: &Transaction<'_>,
    org: &OrgRow,
    secrets: &OrgSecrets,
    change: impl FnOnce(&mut Vec<RosterEntry>) -> Result<()>,
) -> Result<Roster> {
    publish(tx, org, secrets, |entries, _| change(entries))
}

/// [`publish_next`] for a change that may also set the relay (`org::relay`).
pub(crate) fn publish(
    tx: &Transaction<'_>,
    org: &OrgRow,
    secrets: &OrgSecrets,
    change: impl FnOnce(&mut Vec<RosterEntry>, &mut Option<RelaySetting>) -> Result<()>,
) -> Result<Roster> {
    let current = store::roster(tx)?;
    let (version, mut entries, mut relay) = match current {
        Some(roster) => (
            roster.version.saturating_add(1),
            roster.entries,
            roster.relay,
        ),
        None => (1, Vec::new(), None),
    };
    change(&mut entries, &mut relay)?;
    let roster = Roster {
        org: org.org,
        version,
        issued_at: Utc::now(),
        entries,
        relay,
    };
    check_roster(&roster)?;
    let signed = sign_roster(&secrets.signing, &roster)?;
    store::store_roster(tx, &roster, &signed)?;
    Ok(roster)
}
