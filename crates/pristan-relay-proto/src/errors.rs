//! The relay's refusals: one code per reason, each with its HTTP status and its wire string
//! (`{ "error": "<code>" }`). Clients branch on the code, never on a message, so the interface
//! can say what happened in the person's language.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A header the route needs is missing.
    Unsigned,
    /// The signature does not verify, or a header is not in its required form.
    BadSignature,
    /// An upload's `Pristan-Time` is more than ten minutes from the relay's clock.
    StaleTime,
    /// The nonce was seen already, or the challenge was used already.
    Replayed,
    /// The challenge is unknown or expired (or the relay restarted): ask for a new one.
    ChallengeExpired,
    /// The signing key is not on the relay roster (and no valid ticket came with it).
    UnknownDevice,
    /// The device is revoked in a roster the relay has accepted.
    RevokedDevice,
    /// The document is not signed by this relay's organisation, or names another organisation.
    WrongOrganisation,
    /// The join ticket is malformed, forged or expired.
    TicketInvalid,
    /// The join ticket's uploads are spent.
    TicketUsedUp,
    /// The mailbox or inbox is not the caller's to read, delete from or deliver to.
    NotYours,
    /// The body's SHA-256 is not the name in the path.
    HashMismatch,
    /// The body is larger than the relay accepts.
    TooLarge,
    /// The mailbox holds as many bytes or objects as the relay allows.
    OverQuota,
    /// Too many requests: wait `retry_after_seconds`.
    RateLimited,
    /// No such object (or route).
    NotFound,
    /// The request is not in the protocol's form (a path, a header value, a document).
    Malformed,
    /// The relay cannot serve now (its store failed, or it is shutting down): try later.
    Unavailable,
    /// The family status card under this code was revoked by the organisation.
    CardRevoked,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::Unsigned,
        ErrorCode::BadSignature,
        ErrorCode::StaleTime,
        ErrorCode::Replayed,
        ErrorCode::ChallengeExpired,
        ErrorCode::UnknownDevice,
        ErrorCode::RevokedDevice,
        ErrorCode::WrongOrganisation,
        ErrorCode::TicketInvalid,
        ErrorCode::TicketUsedUp,
        ErrorCode::NotYours,
        ErrorCode::HashMismatch,
        ErrorCode::TooLarge,
        ErrorCode::OverQuota,
        ErrorCode::RateLimited,
        ErrorCode::NotFound,
        ErrorCode::Malformed,
        ErrorCode::Unavailable,
        ErrorCode::CardRevoked,
    ];

    /// The HTTP status the relay answers with this code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::Unsigned
            | ErrorCode::BadSignature
            | ErrorCode::StaleTime
            | ErrorCode::ChallengeExpired => 401,
            ErrorCode::UnknownDevice
            | ErrorCode::RevokedDevice
            | ErrorCode::WrongOrganisation
            | ErrorCode::TicketInvalid
            | ErrorCode::TicketUsedUp
            | ErrorCode::NotYours => 403,
            ErrorCode::Replayed => 409,
            ErrorCode::HashMismatch => 422,
            ErrorCode::TooLarge => 413,
            ErrorCode::OverQuota => 507,
            ErrorCode::RateLimited => 429,
            ErrorCode::NotFound => 404,
            ErrorCode::Malformed => 400,
            ErrorCode::Unavailable => 503,
            ErrorCode::CardRevoked => 410,
        }
    }

    /// The code as it travels in `{ "error": … }`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unsigned => "unsigned",
            ErrorCode::BadSignature => "bad_signature",
            ErrorCode::StaleTime => "stale_time",
            ErrorCode::Replayed => "replayed",
            ErrorCode::ChallengeExpired => "challenge_expired",
            ErrorCode::UnknownDevice => "unknown_device",
            ErrorCode::RevokedDevice => "revoked_device",
            ErrorCode::WrongOrganisation => "wrong_organisation",
            ErrorCode::TicketInvalid => "ticket_invalid",
            ErrorCode::TicketUsedUp => "ticket_used_up",
            ErrorCode::NotYours => "not_yours",
            ErrorCode::HashMismatch => "hash_mismatch",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::OverQuota => "over_quota",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Malformed => "malformed",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::CardRevoked => "card_revoked",
        }
    }

    pub fn parse(text: &str) -> Option<ErrorCode> {
        ErrorCode::ALL
            .into_iter()
            .find(|code| code.as_str() == text)
    }

    /// Whether the same request may succeed later without anything changing on the client:
    /// the client keeps the bundle queued and retries with backoff.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            ErrorCode::RateLimited
                | ErrorCode::Unavailable
                | ErrorCode::OverQuota
                | ErrorCode::ChallengeExpired
                | ErrorCode::StaleTime
        )
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_through_its_wire_string_and_json() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
        }
        assert_eq!(ErrorCode::parse("nope"), None);
    }

    #[test]
    fn statuses_are_the_documented_ones() {
        assert_eq!(ErrorCode::TooLarge.http_status(), 413);
        assert_eq!(ErrorCode::OverQuota.http_status(), 507);
        assert_eq!(ErrorCode::RateLimited.http_status(), 429);
        assert_eq!(ErrorCode::NotFound.http_status(), 404);
        assert_eq!(ErrorCode::HashMismatch.http_status(), 422);
        assert_eq!(ErrorCode::Unavailable.http_status(), 503);
        assert_eq!(ErrorCode::CardRevoked.http_status(), 410);
        for code in ErrorCode::ALL {
            assert!((400..600).contains(&code.http_status()));
        }
    }
}
