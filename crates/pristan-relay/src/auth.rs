//! Who is calling: the request's signature (proto's canonical string), its freshness (an
//! upload's time and nonce, a read's one-time challenge), and the caller's standing on the relay
//! roster or its join ticket. Challenges and nonces live in memory only: a restart forgets them,
//! which costs a client one new challenge and lets no replay through (uploads are create-only,
//! and a time older than ten minutes is refused anyway).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use pristan_relay_proto::limits::{CHALLENGE_TTL_SECONDS, MAX_CLOCK_SKEW_SECONDS};
use pristan_relay_proto::{
    check_time, decode_ticket_header, headers, verify_join_ticket, verify_request, ErrorCode,
    Freshness, JoinTicket, MailboxId, RequestAuth, Role,
};
use rand::RngCore;

use crate::error::ApiError;
use crate::roster::Standing;
use crate::state::AppState;

/// Outstanding challenges and recent nonces, each capped so no caller can grow them forever.
pub struct FreshnessBook {
    challenges: Mutex<HashMap<String, Challenge>>,
    nonces: Mutex<HashMap<String, Instant>>,
}

#[derive(Debug, Clone, Copy)]
struct Challenge {
    issued: Instant,
    used: bool,
}

const MAX_OUTSTANDING_CHALLENGES: usize = 100_000;
const MAX_REMEMBERED_NONCES: usize = 1_000_000;

impl Default for FreshnessBook {
    fn default() -> Self {
        FreshnessBook {
            challenges: Mutex::new(HashMap::new()),
            nonces: Mutex::new(HashMap::new()),
        }
    }
}

impl FreshnessBook {
    pub fn issue_challenge(&self) -> Result<String, ApiError> {
        let now = Instant::now();
        let ttl = Duration::from_secs(CHALLENGE_TTL_SECONDS);
        let mut challenges = self.challenges.lock().unwrap_or_else(|e| e.into_inner());
        if challenges.len() >= MAX_OUTSTANDING_CHALLENGES {
            challenges.retain(|_, c| now.saturating_duration_since(c.issued) < ttl);
            if challenges.len() >= MAX_OUTSTANDING_CHALLENGES {
                return Err(ApiError::retry_after(ErrorCode::RateLimited, 10));
            }
        }
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let challenge = hex::encode(bytes);
        challenges.insert(
            challenge.clone(),
            Challenge {
                issued: now,
                used: false,
            },
        );
        Ok(challenge)
    }

    /// Uses a challenge: once, within its time.
    fn take_challenge(&self, challenge: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        let ttl = Duration::from_secs(CHALLENGE_TTL_SECONDS);
        let mut challenges = self.challenges.lock().unwrap_or_else(|e| e.into_inner());
        match challenges.get_mut(challenge) {
            None => Err(ErrorCode::ChallengeExpired.into()),
            Some(c) if now.saturating_duration_since(c.issued) >= ttl => {
                challenges.remove(challenge);
                Err(ErrorCode::ChallengeExpired.into())
            }
            Some(c) if c.used => Err(ErrorCode::Replayed.into()),
            Some(c) => {
                c.used = true;
                Ok(())
            }
        }
    }

    /// Records an upload's nonce, refusing one seen within the time window.
    fn note_nonce(&self, nonce: &str) -> Result<(), ApiError> {
        let now = Instant::now();
        // A time is accepted up to ten minutes either side: a nonce must be remembered twice that.
        let window = Duration::from_secs(2 * MAX_CLOCK_SKEW_SECONDS as u64);
        let mut nonces = self.nonces.lock().unwrap_or_else(|e| e.into_inner());
        if nonces.len() >= MAX_REMEMBERED_NONCES {
            nonces.retain(|_, seen| now.saturating_duration_since(*seen) < window);
            if nonces.len() >= MAX_REMEMBERED_NONCES {
                return Err(ApiError::retry_after(ErrorCode::RateLimited, 60));
            }
        }
        match nonces.get(nonce) {
            Some(seen) if now.saturating_duration_since(*seen) < window => {
                Err(ErrorCode::Replayed.into())
            }
            _ => {
                nonces.insert(nonce.to_owned(), now);
                Ok(())
            }
        }
    }

    /// Drops expired challenges and old nonces (the sweeper calls this).
    pub fn prune(&self) {
        let now = Instant::now();
        let ttl = Duration::from_secs(CHALLENGE_TTL_SECONDS);
        let window = Duration::from_secs(2 * MAX_CLOCK_SKEW_SECONDS as u64);
        self.challenges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, c| now.saturating_duration_since(c.issued) < ttl);
        self.nonces
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|_, seen| now.saturating_duration_since(*seen) < window);
    }
}

/// A caller whose signature verified.
#[derive(Debug, Clone)]
pub struct Caller {
    pub key_hex: String,
    pub mailbox: MailboxId,
}

/// Why an uploader may upload.
#[derive(Debug, Clone)]
pub enum UploadRight {
    Member(Role),
    /// Not on the roster: a valid join ticket, for the organisation inbox only.
    Ticket(JoinTicket),
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// An upload (`PUT` of a bundle named `sha256`): signed over the name, fresh by time and nonce,
/// from a roster device or with a join ticket.
pub async fn upload_caller(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    sha256: &str,
) -> Result<(Caller, UploadRight), ApiError> {
    let auth = RequestAuth::from_headers(|name| header(headers, name), false)?;
    let key = verify_request(&auth, "PUT", path, sha256)?;
    state.rate.check_key(&auth.signing_key)?;
    let Freshness::Time { time, nonce } = &auth.freshness else {
        return Err(ErrorCode::Malformed.into());
    };
    check_time(time, chrono::Utc::now())?;
    let right = match state
        .roster
        .standing(&auth.signing_key, &auth.recipient)
        .await
    {
        Standing::Revoked => return Err(ErrorCode::RevokedDevice.into()),
        Standing::OtherRecipient => return Err(ErrorCode::NotYours.into()),
        Standing::Member(role) => UploadRight::Member(role),
        Standing::Unknown => UploadRight::Ticket(ticket_of(state, headers).await?),
    };
    state.freshness.note_nonce(nonce)?;
    let caller = Caller {
        mailbox: pristan_relay_proto::mailbox_id(&key, &auth.recipient),
        key_hex: auth.signing_key,
    };
    Ok((caller, right))
}

async fn ticket_of(state: &AppState, headers: &HeaderMap) -> Result<JoinTicket, ApiError> {
    let Some(text) = header(headers, headers::JOIN_TICKET) else {
        return Err(ErrorCode::UnknownDevice.into());
    };
    let document = decode_ticket_header(text).map_err(|_| ErrorCode::TicketInvalid)?;
    let ticket = verify_join_ticket(&state.config.org_key, &document)
        .map_err(|_| ErrorCode::TicketInvalid)?;
    if state
        .roster
        .org()
        .await
        .is_some_and(|org| org != ticket.org)
        || ticket.has_expired(chrono::Utc::now())
    {
        return Err(ErrorCode::TicketInvalid.into());
    }
    Ok(ticket)
}

/// A read or acknowledgement: signed, fresh by a challenge the relay issued, from a device on
/// the roster that is not revoked. Returns the caller and its role.
pub async fn read_caller(
    state: &AppState,
    headers: &HeaderMap,
    method: &str,
    path: &str,
) -> Result<(Caller, Role), ApiError> {
    let auth = RequestAuth::from_headers(|name| header(headers, name), true)?;
    let key = verify_request(&auth, method, path, pristan_relay_proto::EMPTY_BODY_SHA256)?;
    state.rate.check_key(&auth.signing_key)?;
    let Freshness::Challenge(challenge) = &auth.freshness else {
        return Err(ErrorCode::Malformed.into());
    };
    state.freshness.take_challenge(challenge)?;
    let role = match state
        .roster
        .standing(&auth.signing_key, &auth.recipient)
        .await
    {
        Standing::Revoked => return Err(ErrorCode::RevokedDevice.into()),
        Standing::OtherRecipient => return Err(ErrorCode::NotYours.into()),
        Standing::Unknown => return Err(ErrorCode::UnknownDevice.into()),
        Standing::Member(role) => role,
    };
    let caller = Caller {
        mailbox: pristan_relay_proto::mailbox_id(&key, &auth.recipient),
        key_hex: auth.signing_key,
    };
    Ok((caller, role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_is_used_once_and_an_unknown_one_is_expired() {
        let book = FreshnessBook::default();
        let challenge = book.issue_challenge().unwrap();
        assert!(book.take_challenge(&challenge).is_ok());
        assert_eq!(
            book.take_challenge(&challenge).unwrap_err().code,
            ErrorCode::Replayed
        );
        assert_eq!(
            book.take_challenge(&"00".repeat(32)).unwrap_err().code,
            ErrorCode::ChallengeExpired
        );
    }

    #[test]
    fn a_nonce_is_accepted_once() {
        let book = FreshnessBook::default();
        assert!(book.note_nonce("aa").is_ok());
        assert_eq!(book.note_nonce("aa").unwrap_err().code, ErrorCode::Replayed);
        assert!(book.note_nonce("bb").is_ok());
    }
}
