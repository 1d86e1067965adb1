//! The organisation's relay (docs/relay-protocol.md): its address, signed in the roster so nobody
//! can redirect a team's sync; the signed address and the join ticket an invitation carries; and
//! the relay roster (keys and roles, no names) a coordinator sends to the relay.
//!
//! Everything here is signed with the organisation key, each kind under its own domain string,
//! so a signature on one can never pass for another (or for a roster). The relay roster and the
//! join ticket are the protocol's documents, made with `pristan-relay-proto` (the relay verifies
//! them with the same code); the signed address is Pristan's own, read only by devices.

use chrono::{Duration, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey};
use pristan_relay_proto::limits::TICKET_VALIDITY_DAYS;
use pristan_relay_proto::{
    decode_ticket_header, encode_ticket_header, sign_join_ticket, sign_relay_roster,
    verify_join_ticket, JoinTicket, RelayDevice, RelayRoster, SignedDocument,
};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::error::OrgError;
use super::keys;
use super::roster;
use super::store::{self, OrgRow, OrgSecrets};
use super::types::{Invitation, OrgId, RelaySetting, Roster, SignedText};
use crate::error::Result;
use crate::vault::Vault;

/// The relay address an invitation carries.
const RELAY_SETTING_DOMAIN: &[u8] = b"pristan-relay-setting-v1\n";
/// Longer than any real address; checked before anything else.
const MAX_URL: usize = 512;
/// Every relay request's canonical string starts with this (docs/relay-protocol.md, "Requests").
const REQUEST_PREFIX: &str = "pristan-relay-v1\n";
/// A signed document larger than this is not genuine (the protocol's cap).
const MAX_SIGNED_JSON: usize = 64 * 1024;

/// The relay address as an invitation carries it: signed on its own, since a volunteer has no
/// roster yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct InvitationRelay {
    org: OrgId,
    #[serde(flatten)]
    setting: RelaySetting,
}

/// Checks a relay address typed by a coordinator and returns it tidied (scheme in lower case,
/// no trailing slash). Only `http://` and `https://` addresses with a host, and without a user
/// name, password, query or fragment, are accepted.
pub fn check_relay_url(text: &str) -> std::result::Result<String, OrgError> {
    let invalid = |reason| OrgError::RelayUrlInvalid { reason };
    let text = text.trim();
    if text.len() > MAX_URL {
        return Err(invalid("it is longer than any relay address"));
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid("it has spaces in it"));
    }
    let (scheme, rest) = text
        .split_once("://")
        .ok_or(invalid("it must start with https:// or http://"))?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(invalid("it must start with https:// or http://"));
    }
    if rest.contains(['?', '#']) {
        return Err(invalid("it must not have a ? or # part"));
    }
    let (authority, path) = match rest.find('/') {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    if authority.contains('@') {
        return Err(invalid("it must not hold a user name or password"));
    }
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 address: [::1] or [::1]:8443.
        Some(rest) => {
            let (inside, after) = rest
                .split_once(']')
                .ok_or(invalid("it has no valid server name"))?;
            if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
                return Err(invalid("it has no valid server name"));
            }
            match after {
                "" => ("ipv6", None),
                _ => (
                    "ipv6",
                    Some(
                        after
                            .strip_prefix(':')
                            .ok_or(invalid("its port number is not valid"))?,
                    ),
                ),
            }
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    if !host_ok {
        return Err(invalid("it has no valid server name"));
    }
    if let Some(port) = port {
        if port.parse::<u16>().map_or(true, |p| p == 0) {
            return Err(invalid("its port number is not valid"));
        }
    }
    let path = path.trim_end_matches('/');
    Ok(format!("{scheme}://{authority}{path}"))
}

impl Vault {
    /// Sets the organisation's relay address, or removes it with `None` (coordinators only), in
    /// a new roster version: the change reaches volunteers in their next case packet.
    pub fn set_relay(&mut self, url: Option<&str>) -> Result<Roster> {
        let url = url.map(check_relay_url).transpose()?;
        let tx = self.conn.transaction()?;
        let (org, secrets) = store::require_coordinator(&tx)?;
        let roster = roster::publish(&tx, &org, &secrets, |_, relay| {
            // Strictly later than the setting it replaces, so the merge keeps this one.
            let after = relay.as_ref().map(|r| r.set_at);
            let set_at = match after {
                Some(previous) if previous >= Utc::now() => previous + Duration::seconds(1),
                _ => Utc::now(),
            };
            *relay = Some(RelaySetting { set_at, url });
            Ok(())
        })?;
        tx.commit()?;
        Ok(roster)
    }

    /// The organisation's relay address: the roster's (signed by the organisation), or before
    /// any roster arrived, the one the invitation carried (signed too). `None` if there is none.
    pub fn relay_url(&self) -> Result<Option<String>> {
        Ok(relay_setting(&self.conn)?.and_then(|s| s.url))
    }

    /// The join ticket from the invitation, while this device is not on the roster yet (its
    /// first bundle goes to the relay with it). `None` once it is approved.
    pub fn join_ticket(&self) -> Result<Option<String>> {
        if self.on_roster()? {
            return Ok(None);
        }
        Ok(stored_join(&self.conn)?.and_then(|j| j.ticket))
    }

    /// Signs a relay request's canonical string with this device's key (128 hex digits). Only
    /// strings starting with the protocol's prefix are signed, so this can never sign a bundle
    /// header, a roster or anything else; the key itself never leaves the vault.
    pub fn sign_relay_request(&self, canonical: &str) -> Result<String> {
        if !canonical.starts_with(REQUEST_PREFIX) || canonical.len() > 4096 {
            return Err(crate::Error::Invalid {
                field: "relay request",
                reason: "only a relay request's canonical string is signed".into(),
            });
        }
        let key = keys::device_signing_key(&self.conn)?;
        Ok(hex::encode(key.sign(canonical.as_bytes()).to_bytes()))
    }

    /// Whether this device is on the roster it holds (revoked or not).
    pub fn on_roster(&self) -> Result<bool> {
        Ok(super::roster_entry(&self.conn, self.device_id())?.is_some())
    }

    /// The relay roster for `PUT /v1/roster` (coordinators only): the roster in force without
    /// names or device ids, under the same version number, signed by the organisation.
    pub fn relay_roster(&self) -> Result<SignedDocument> {
        let (org, secrets) = store::require_coordinator(&self.conn)?;
        let roster = store::roster(&self.conn)?.ok_or(OrgError::NoOrganisation)?;
        let devices = roster
            .entries
            .iter()
            .map(|e| RelayDevice {
                signing_key: e.signing_key.clone(),
                recipient: e.recipient.clone(),
                role: e.role,
                revoked: e.revoked_after_seq.is_some(),
            })
            .collect();
        let relay_roster = RelayRoster {
            org: org.org,
            version: roster.version,
            devices,
        };
        Ok(sign_relay_roster(&secrets.signing, &relay_roster))
    }
}

/// What an invitation made now carries about the relay: the signed address and a fresh join
/// ticket, when the organisation has a relay.
pub(crate) fn invitation_extras(
    conn: &Connection,
    org: &OrgRow,
    secrets: &OrgSecrets,
) -> Result<(Option<SignedText>, Option<String>)> {
    let Some(setting) = relay_setting(conn)?.filter(|s| s.url.is_some()) else {
        return Ok((None, None));
    };
    let relay = InvitationRelay {
        org: org.org,
        setting,
    };
    let relay_json = serde_json::to_string(&relay).map_err(|_| malformed())?;
    let relay = sign(&secrets.signing, RELAY_SETTING_DOMAIN, relay_json);
    let mut random = [0u8; 16];
    rand::rng().fill_bytes(&mut random);
    let ticket = JoinTicket {
        org: org.org,
        ticket: hex::encode(random),
        expires_at: Utc::now() + Duration::days(TICKET_VALIDITY_DAYS),
    };
    let ticket = sign_join_ticket(&secrets.signing, &ticket);
    Ok((Some(relay), Some(encode_ticket_header(&ticket))))
}

/// Checks what an invitation says of the relay against its organisation's key. A bad signature
/// refuses the invitation: it was changed on the way.
pub(crate) fn check_invitation(invitation: &Invitation) -> Result<()> {
    if let Some(relay) = &invitation.relay {
        let setting = open_invitation_relay(invitation, relay)?;
        if let Some(url) = &setting.url {
            check_relay_url(url)?;
        }
    }
    if let Some(ticket) = &invitation.join_ticket {
        let key =
            keys::parse_verifying_key(&invitation.org_signing_key, "organisation's signing key")?;
        let ticket = decode_ticket_header(ticket).map_err(|_| OrgError::RelaySignature)?;
        let ticket = verify_join_ticket(&key, &ticket).map_err(|_| OrgError::RelaySignature)?;
        if ticket.org != invitation.org {
            return Err(OrgError::RelaySignature.into());
        }
    }
    Ok(())
}

fn open_invitation_relay(invitation: &Invitation, relay: &SignedText) -> Result<RelaySetting> {
    verify(&invitation.org_signing_key, RELAY_SETTING_DOMAIN, relay)?;
    let opened: InvitationRelay =
        serde_json::from_str(&relay.json).map_err(|_| OrgError::RelaySignature)?;
    if opened.org != invitation.org {
        return Err(OrgError::RelaySignature.into());
    }
    Ok(opened.setting)
}

/// Keeps the relay address and ticket of the invitation a volunteer joins with.
pub(crate) fn keep_from_invitation(tx: &Transaction<'_>, invitation: &Invitation) -> Result<()> {
    check_invitation(invitation)?;
    let setting = match &invitation.relay {
        Some(relay) => Some(open_invitation_relay(invitation, relay)?),
        None => None,
    };
    if setting.is_none() && invitation.join_ticket.is_none() {
        return Ok(());
    }
    let setting_json = setting
        .map(|s| serde_json::to_string(&s))
        .transpose()
        .map_err(|_| malformed())?;
    tx.execute(
        "INSERT INTO relay_join (id, setting_json, ticket) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET setting_json = excluded.setting_json,
             ticket = excluded.ticket",
        (setting_json, &invitation.join_ticket),
    )?;
    Ok(())
}

struct StoredJoin {
    setting: Option<RelaySetting>,
    ticket: Option<String>,
}

fn stored_join(conn: &Connection) -> Result<Option<StoredJoin>> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT setting_json, ticket FROM relay_join WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(row.map(|(setting, ticket)| StoredJoin {
        setting: setting.and_then(|json| serde_json::from_str(&json).ok()),
        ticket,
    }))
}

/// The relay setting in force: the later of the roster's and the invitation's.
fn relay_setting(conn: &Connection) -> Result<Option<RelaySetting>> {
    let from_roster = match store::load_org(conn)? {
        Some(_) => store::roster(conn)?.and_then(|r| r.relay),
        None => None,
    };
    let from_invitation = stored_join(conn)?.and_then(|j| j.setting);
    Ok(from_roster.max(from_invitation))
}

fn sign(key: &SigningKey, domain: &[u8], json: String) -> SignedText {
    let signature = key.sign(&[domain, json.as_bytes()].concat());
    SignedText {
        json,
        signature: hex::encode(signature.to_bytes()),
    }
}

/// Verifies a signed document strictly, its size first.
pub(crate) fn verify(org_signing_key_hex: &str, domain: &[u8], signed: &SignedText) -> Result<()> {
    if signed.json.len() > MAX_SIGNED_JSON || signed.signature.len() != 128 {
        return Err(OrgError::RelaySignature.into());
    }
    let key = keys::parse_verifying_key(org_signing_key_hex, "organisation's signing key")?;
    let mut bytes = [0u8; 64];
    hex::decode_to_slice(&signed.signature, &mut bytes).map_err(|_| OrgError::RelaySignature)?;
    key.verify_strict(
        &[domain, signed.json.as_bytes()].concat(),
        &Signature::from_bytes(&bytes),
    )
    .map_err(|_| OrgError::RelaySignature)?;
    Ok(())
}

fn malformed() -> OrgError {
    OrgError::RosterMalformed {
        reason: "it could not be written out".into(),
    }
}
