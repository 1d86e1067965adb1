//! What Pristan's relay and its clients must agree on, written once (docs/relay-protocol.md):
//! header names, the canonical string a device signs for each request, mailbox ids, the two
//! documents the organisation signs for the relay (the relay roster and join tickets), the error
//! codes with their HTTP statuses, the small JSON answers, and family card codes.
//!
//! Serde, Ed25519 and SHA-256 only: no runtime, no HTTP stack, so the relay, the desktop's client
//! and the tests share it without pulling each other's dependencies.

#![forbid(unsafe_code)]

pub mod card;
pub mod documents;
pub mod errors;
#[doc(hidden)]
pub mod fuzzing;
pub mod headers;
pub mod limits;
pub mod mailbox;
pub mod request;
pub mod wire;

pub use card::{looks_like_card, CardCode, CardCodeError, MAX_CARD_BYTES};
pub use documents::{
    decode_ticket_header, encode_ticket_header, sign_join_ticket, sign_relay_roster,
    verify_join_ticket, verify_relay_roster, DocumentError, JoinTicket, RelayDevice, RelayRoster,
    SignedDocument,
};
pub use errors::ErrorCode;
pub use mailbox::{mailbox_id, MailboxId, MailboxIdError};
pub use request::{
    body_sha256_hex, canonical_string, check_time, sign_request, verify_request, Freshness,
    RequestAuth, RequestError, SignedHeaders, EMPTY_BODY_SHA256,
};
pub use wire::{CardAnswer, Challenge, ErrorBody, Health, ListEntry, RosterAnswer, UploadAnswer};

pub use pristan_model::sync::Role;

/// The protocol version `GET /v1/health` answers and every route's `/v1` prefix names.
pub const PROTOCOL_VERSION: u32 = 1;

/// Parses 64 lowercase hex digits into an Ed25519 public key; `None` for anything else
/// (uppercase, wrong length, not a curve point).
pub fn parse_verifying_key(hex_text: &str) -> Option<ed25519_dalek::VerifyingKey> {
    let bytes: [u8; 32] = parse_lower_hex::<32>(hex_text)?;
    ed25519_dalek::VerifyingKey::from_bytes(&bytes).ok()
}

/// Exactly `2 * N` lowercase hex digits into `N` bytes. Lowercase only, so every key and hash
/// has one spelling and a mailbox id or canonical string can never differ by letter case.
pub(crate) fn parse_lower_hex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    let mut bytes = [0u8; N];
    hex::decode_to_slice(text, &mut bytes).ok()?;
    Some(bytes)
}

/// Whether `text` is 64 lowercase hex digits: a SHA-256 object name, a challenge, a mailbox id.
pub fn is_sha256_hex(text: &str) -> bool {
    parse_lower_hex::<32>(text).is_some()
}
