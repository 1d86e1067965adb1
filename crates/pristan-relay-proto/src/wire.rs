//! The small JSON answers of the relay.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::errors::ErrorCode;

/// `POST /v1/challenge`: sign `challenge:<challenge>` as the freshness of one `GET`/`DELETE`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Challenge {
    /// 64 lowercase hex digits, used once.
    pub challenge: String,
    pub expires_in_seconds: u64,
}

/// One object waiting in a mailbox or in the organisation inbox (`GET /v1/mailbox`,
/// `GET /v1/org/inbox`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListEntry {
    /// The SHA-256 of the bundle's bytes, 64 lowercase hex digits: the name to `GET`/`DELETE`.
    pub id: String,
    pub size: u64,
    pub stored_at: DateTime<Utc>,
}

/// A `PUT` of a bundle: 201 when stored now, 200 with `already_stored` when the same bytes were
/// stored before (an earlier try whose answer was lost).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadAnswer {
    pub id: String,
    pub already_stored: bool,
}

/// `PUT /v1/roster`: the version the relay now holds, and whether this roster changed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterAnswer {
    pub version: u64,
    pub accepted: bool,
}

/// `PUT /v1/cards/{lookup}`: 201 with `replaced: false` for a new card, 200 with `replaced: true`
/// when it took the place of the card published before under the same code (a refresh).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardAnswer {
    pub replaced: bool,
}

/// `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    pub protocol: u32,
}

/// Every refusal's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

impl ErrorBody {
    pub fn new(error: ErrorCode) -> ErrorBody {
        ErrorBody {
            error,
            retry_after_seconds: None,
        }
    }
}
