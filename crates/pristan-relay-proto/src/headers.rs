//! The request headers of the protocol. HTTP header names are case-insensitive; these are the
//! spellings clients send.

/// The caller's Ed25519 signing key, 64 lowercase hex digits.
pub const KEY: &str = "Pristan-Key";
/// The caller's age recipient (`age1…`); with the key it names the caller's mailbox.
pub const RECIPIENT: &str = "Pristan-Recipient";
/// The caller's Ed25519 signature over the canonical string, 128 lowercase hex digits.
pub const SIGNATURE: &str = "Pristan-Signature";
/// An upload's time on the client's clock (RFC 3339).
pub const TIME: &str = "Pristan-Time";
/// An upload's nonce, 32 lowercase hex digits.
pub const NONCE: &str = "Pristan-Nonce";
/// A read's or acknowledgement's challenge from `POST /v1/challenge`, 64 lowercase hex digits.
pub const CHALLENGE: &str = "Pristan-Challenge";
/// The mailbox id a coordinator delivers to (`PUT /v1/mailbox/{sha256}`).
pub const TO: &str = "Pristan-To";
/// A join ticket: base64url (no padding) of the signed ticket's JSON.
pub const JOIN_TICKET: &str = "Pristan-Join-Ticket";
