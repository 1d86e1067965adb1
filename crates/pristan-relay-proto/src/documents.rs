//! The two documents the organisation signs for the relay: the **relay roster** (which device
//! keys belong to the organisation, their roles and revocations, with no names) and the **join
//! ticket** (lets a device not yet on the roster deliver its first bundles to the coordinators).
//!
//! Each travels as the exact JSON text that was signed, with the organisation's Ed25519 signature
//! over `DOMAIN || json`. Receivers check the size first, then the signature (strictly), and only
//! then parse the JSON: unsigned input never reaches the parser.

use std::collections::HashSet;
use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use pristan_model::ids::OrgId;
use pristan_model::sync::Role;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::limits::{MAX_DOCUMENT_BYTES, MAX_TICKET_HEADER_BYTES};

pub(crate) const RELAY_ROSTER_DOMAIN: &[u8] = b"pristan-relay-roster-v1\n";
pub(crate) const JOIN_TICKET_DOMAIN: &[u8] = b"pristan-join-ticket-v1\n";
/// The wrapper's JSON escapes the inner text, which can at most double it (quotes, backslashes).
const MAX_WRAPPER_BYTES: usize = 2 * MAX_DOCUMENT_BYTES + 512;

/// A signed document as it travels: `{ "json": "<text>", "signature": "<128 hex>" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedDocument {
    pub json: String,
    pub signature: String,
}

/// The organisation's devices as the relay needs them: keys, roles, revocations. No names and no
/// device ids, so a seized relay learns only how many devices there are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayRoster {
    pub org: OrgId,
    /// The version of the roster it was made from: the relay keeps the highest.
    pub version: u64,
    pub devices: Vec<RelayDevice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayDevice {
    /// Ed25519 public key, 64 lowercase hex digits.
    pub signing_key: String,
    /// age recipient, `age1…`.
    pub recipient: String,
    pub role: Role,
    pub revoked: bool,
}

/// Lets a device that is not on the roster yet deliver to the organisation inbox only, a few
/// small bundles, until it expires (docs/relay-protocol.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinTicket {
    pub org: OrgId,
    /// 32 lowercase hex digits, random.
    pub ticket: String,
    pub expires_at: DateTime<Utc>,
}

impl JoinTicket {
    pub fn has_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }
}

/// Why a signed document is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentError {
    /// Larger than [`MAX_DOCUMENT_BYTES`]: not parsed at all.
    TooLarge,
    /// Not signed by the organisation key (another organisation's, or altered).
    BadSignature,
    /// Signed, but not in the document's form (or an impossible roster: a key twice, version 0).
    Malformed,
}

impl fmt::Display for DocumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DocumentError::TooLarge => "the document is larger than any genuine one",
            DocumentError::BadSignature => "the document is not signed by this organisation",
            DocumentError::Malformed => "the document is not in the expected form",
        })
    }
}

impl std::error::Error for DocumentError {}

impl SignedDocument {
    /// Reads a document's wrapper (a `PUT /v1/roster` body), refusing oversize input unread.
    pub fn from_json_bytes(bytes: &[u8]) -> Result<SignedDocument, DocumentError> {
        if bytes.len() > MAX_WRAPPER_BYTES {
            return Err(DocumentError::TooLarge);
        }
        serde_json::from_slice(bytes).map_err(|_| DocumentError::Malformed)
    }

    pub fn to_json(&self) -> String {
        // Two strings cannot fail to serialise.
        serde_json::to_string(self).unwrap_or_default()
    }
}

pub fn sign_relay_roster(org_key: &SigningKey, roster: &RelayRoster) -> SignedDocument {
    sign(org_key, RELAY_ROSTER_DOMAIN, roster)
}

/// A relay roster signed by `org_key`, in a sane form: version at least 1, each key a valid
/// Ed25519 key listed once, each recipient an `age1…` string.
pub fn verify_relay_roster(
    org_key: &VerifyingKey,
    document: &SignedDocument,
) -> Result<RelayRoster, DocumentError> {
    let roster: RelayRoster = verify(org_key, RELAY_ROSTER_DOMAIN, document)?;
    if roster.version == 0 {
        return Err(DocumentError::Malformed);
    }
    let mut keys = HashSet::new();
    for device in &roster.devices {
        let key_ok = crate::parse_verifying_key(&device.signing_key).is_some();
        let recipient_ok = device.recipient.starts_with("age1")
            && device.recipient.len() <= 256
            && !device.recipient.chars().any(char::is_control);
        if !key_ok || !recipient_ok || !keys.insert(device.signing_key.as_str()) {
            return Err(DocumentError::Malformed);
        }
    }
    Ok(roster)
}

pub fn sign_join_ticket(org_key: &SigningKey, ticket: &JoinTicket) -> SignedDocument {
    sign(org_key, JOIN_TICKET_DOMAIN, ticket)
}

/// A join ticket signed by `org_key` with a ticket id of 32 lowercase hex digits. Whether it has
/// expired or is used up is the relay's question ([`JoinTicket::has_expired`]).
pub fn verify_join_ticket(
    org_key: &VerifyingKey,
    document: &SignedDocument,
) -> Result<JoinTicket, DocumentError> {
    let ticket: JoinTicket = verify(org_key, JOIN_TICKET_DOMAIN, document)?;
    if crate::parse_lower_hex::<16>(&ticket.ticket).is_none() {
        return Err(DocumentError::Malformed);
    }
    Ok(ticket)
}

/// The `Pristan-Join-Ticket` header: base64url, without padding, of the document's JSON.
pub fn encode_ticket_header(document: &SignedDocument) -> String {
    URL_SAFE_NO_PAD.encode(document.to_json())
}

/// Reads a `Pristan-Join-Ticket` header, refusing oversize input before decoding it.
pub fn decode_ticket_header(header: &str) -> Result<SignedDocument, DocumentError> {
    if header.len() > MAX_TICKET_HEADER_BYTES {
        return Err(DocumentError::TooLarge);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(header)
        .map_err(|_| DocumentError::Malformed)?;
    SignedDocument::from_json_bytes(&bytes)
}

fn sign<T: Serialize>(org_key: &SigningKey, domain: &[u8], value: &T) -> SignedDocument {
    // Plain structs of strings, numbers and booleans always serialise.
    sign_text(
        org_key,
        domain,
        serde_json::to_string(value).unwrap_or_default(),
    )
}

/// Signs `json` exactly as given (the fuzz targets sign what the fuzzer wrote).
pub(crate) fn sign_text(org_key: &SigningKey, domain: &[u8], json: String) -> SignedDocument {
    let signature = org_key.sign(&[domain, json.as_bytes()].concat());
    SignedDocument {
        json,
        signature: hex::encode(signature.to_bytes()),
    }
}

fn verify<T: DeserializeOwned>(
    org_key: &VerifyingKey,
    domain: &[u8],
    document: &SignedDocument,
) -> Result<T, DocumentError> {
    if document.json.len() > MAX_DOCUMENT_BYTES {
        return Err(DocumentError::TooLarge);
    }
    let signature =
        crate::parse_lower_hex::<64>(&document.signature).ok_or(DocumentError::BadSignature)?;
    org_key
        .verify_strict(
            &[domain, document.json.as_bytes()].concat(),
            &Signature::from_bytes(&signature),
        )
        .map_err(|_| DocumentError::BadSignature)?;
    serde_json::from_str(&document.json).map_err(|_| DocumentError::Malformed)
}

#[cfg(test)]
mod tests;
