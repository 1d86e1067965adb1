//! Signed requests: the canonical string a device signs for each request, the headers that carry
//! it, and the relay's check. In the spirit of RFC 9421, kept to the fields that matter here:
//!
//! ```text
//! pristan-relay-v1\nMETHOD\nPATH\nBODY_SHA256_HEX\nFRESHNESS\nSIGNING_KEY_HEX\nRECIPIENT\nto:DESTINATION
//! ```
//!
//! DESTINATION is the mailbox id a delivery names in `Pristan-To` (empty for every other
//! request), so nobody on the way can move a signed delivery into another mailbox.
//!
//! No field may hold a newline, so no two different requests share a canonical string.

use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::errors::ErrorCode;
use crate::headers;
use crate::limits::MAX_CLOCK_SKEW_SECONDS;

const CANONICAL_PREFIX: &str = "pristan-relay-v1";
/// The SHA-256 of zero bytes: the body digest of every `GET`, `DELETE` and `POST /v1/challenge`.
pub const EMPTY_BODY_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/// An age recipient is 62 characters; anything much longer is not one.
const MAX_RECIPIENT_LEN: usize = 256;
const MAX_PATH_LEN: usize = 512;
const MAX_TIME_LEN: usize = 64;

/// Why a request is fresh: an upload's client time and nonce, or a read's server challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// `time:<Pristan-Time>:<Pristan-Nonce>`; the time is signed exactly as sent.
    Time { time: String, nonce: String },
    /// `challenge:<challenge>`, a one-time value from `POST /v1/challenge`.
    Challenge(String),
}

impl Freshness {
    /// An upload's freshness at `time` with 16 random bytes the caller drew.
    pub fn at(time: DateTime<Utc>, nonce: [u8; 16]) -> Freshness {
        Freshness::Time {
            time: time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            nonce: hex::encode(nonce),
        }
    }

    pub fn challenge(challenge: &str) -> Freshness {
        Freshness::Challenge(challenge.to_owned())
    }

    fn canonical(&self) -> String {
        match self {
            Freshness::Time { time, nonce } => format!("time:{time}:{nonce}"),
            Freshness::Challenge(challenge) => format!("challenge:{challenge}"),
        }
    }

    fn check_form(&self) -> Result<(), RequestError> {
        match self {
            Freshness::Time { time, nonce } => {
                if time.len() > MAX_TIME_LEN || DateTime::parse_from_rfc3339(time).is_err() {
                    return Err(RequestError::Malformed(headers::TIME));
                }
                if crate::parse_lower_hex::<16>(nonce).is_none() {
                    return Err(RequestError::Malformed(headers::NONCE));
                }
            }
            Freshness::Challenge(challenge) => {
                if !crate::is_sha256_hex(challenge) {
                    return Err(RequestError::Malformed("challenge"));
                }
            }
        }
        Ok(())
    }
}

/// What a signed request carries in its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestAuth {
    /// 64 lowercase hex digits.
    pub signing_key: String,
    /// `age1…`
    pub recipient: String,
    /// 128 lowercase hex digits.
    pub signature: String,
    pub freshness: Freshness,
    /// The mailbox a delivery is for (`Pristan-To`), signed with the rest; `None` otherwise.
    pub to: Option<String>,
}

/// Header name and value pairs to add to a request.
pub type SignedHeaders = Vec<(&'static str, String)>;

impl RequestAuth {
    /// The headers that carry this signature (and an upload's time and nonce).
    pub fn headers(&self) -> SignedHeaders {
        let mut pairs = vec![
            (headers::KEY, self.signing_key.clone()),
            (headers::RECIPIENT, self.recipient.clone()),
            (headers::SIGNATURE, self.signature.clone()),
        ];
        match &self.freshness {
            Freshness::Time { time, nonce } => {
                pairs.push((headers::TIME, time.clone()));
                pairs.push((headers::NONCE, nonce.clone()));
            }
            Freshness::Challenge(challenge) => pairs.push((headers::CHALLENGE, challenge.clone())),
        }
        if let Some(to) = &self.to {
            pairs.push((headers::TO, to.clone()));
        }
        pairs
    }

    /// Reads the headers of a request. `by_challenge` is the route's choice: reads and
    /// acknowledgements are fresh by a challenge (sent back in `Pristan-Challenge`), uploads by
    /// time and nonce. Only presence is checked here; [`verify_request`] checks the forms.
    pub fn from_headers<'a>(
        get: impl Fn(&str) -> Option<&'a str>,
        by_challenge: bool,
    ) -> Result<RequestAuth, RequestError> {
        let required = |name: &'static str| get(name).ok_or(RequestError::Unsigned);
        let signing_key = required(headers::KEY)?.to_owned();
        let recipient = required(headers::RECIPIENT)?.to_owned();
        let signature = required(headers::SIGNATURE)?.to_owned();
        let freshness = if by_challenge {
            Freshness::Challenge(required(headers::CHALLENGE)?.to_owned())
        } else {
            Freshness::Time {
                time: required(headers::TIME)?.to_owned(),
                nonce: required(headers::NONCE)?.to_owned(),
            }
        };
        Ok(RequestAuth {
            signing_key,
            recipient,
            signature,
            freshness,
            to: get(headers::TO).map(str::to_owned),
        })
    }
}

/// Why a request's signature is not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestError {
    /// A header the route needs is missing.
    Unsigned,
    /// A header (named) or a field is not in the protocol's form.
    Malformed(&'static str),
    /// The signature does not verify.
    BadSignature,
    /// An upload's time is more than ten minutes from the relay's clock.
    StaleTime,
}

impl RequestError {
    pub fn code(self) -> ErrorCode {
        match self {
            RequestError::Unsigned => ErrorCode::Unsigned,
            RequestError::Malformed(_) => ErrorCode::Malformed,
            RequestError::BadSignature => ErrorCode::BadSignature,
            RequestError::StaleTime => ErrorCode::StaleTime,
        }
    }
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::Unsigned => f.write_str("the request is not signed"),
            RequestError::Malformed(what) => write!(f, "the request's {what} is malformed"),
            RequestError::BadSignature => f.write_str("the request's signature does not verify"),
            RequestError::StaleTime => f.write_str(
                "the request's time is more than ten minutes from the relay's clock: check this computer's clock",
            ),
        }
    }
}

impl std::error::Error for RequestError {}

/// The SHA-256 of a body, in lowercase hex, as the canonical string names it.
pub fn body_sha256_hex(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// The exact text a device signs. Fails only on fields no honest request has (a newline, a
/// path or recipient of absurd length, a digest that is not 64 lowercase hex digits).
pub fn canonical_string(
    method: &str,
    path: &str,
    body_sha256_hex: &str,
    freshness: &Freshness,
    signing_key_hex: &str,
    recipient: &str,
    to: Option<&str>,
) -> Result<String, RequestError> {
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(RequestError::Malformed("method"));
    }
    if path.is_empty() || path.len() > MAX_PATH_LEN || !path.starts_with('/') || has_control(path) {
        return Err(RequestError::Malformed("path"));
    }
    if !crate::is_sha256_hex(body_sha256_hex) {
        return Err(RequestError::Malformed("body digest"));
    }
    freshness.check_form()?;
    if crate::parse_lower_hex::<32>(signing_key_hex).is_none() {
        return Err(RequestError::Malformed(headers::KEY));
    }
    if recipient.is_empty() || recipient.len() > MAX_RECIPIENT_LEN || has_control(recipient) {
        return Err(RequestError::Malformed(headers::RECIPIENT));
    }
    if to.is_some_and(|to| !crate::is_sha256_hex(to)) {
        return Err(RequestError::Malformed(headers::TO));
    }
    Ok(format!(
        "{CANONICAL_PREFIX}\n{method}\n{path}\n{body_sha256_hex}\n{}\n{signing_key_hex}\n{recipient}\nto:{}",
        freshness.canonical(),
        to.unwrap_or_default()
    ))
}

fn has_control(text: &str) -> bool {
    text.chars().any(char::is_control)
}

/// Signs a request as the device holding `key`, whose age recipient is `recipient`. For a `PUT`
/// of a bundle, `body_sha256_hex` is the object's name; for a body-less request it is
/// [`EMPTY_BODY_SHA256`]. A delivery to one device's mailbox names it in `to`.
pub fn sign_request(
    key: &SigningKey,
    recipient: &str,
    method: &str,
    path: &str,
    body_sha256_hex: &str,
    freshness: Freshness,
    to: Option<&str>,
) -> Result<RequestAuth, RequestError> {
    let signing_key = hex::encode(key.verifying_key().as_bytes());
    let text = canonical_string(
        method,
        path,
        body_sha256_hex,
        &freshness,
        &signing_key,
        recipient,
        to,
    )?;
    Ok(RequestAuth {
        signing_key,
        recipient: recipient.to_owned(),
        signature: hex::encode(key.sign(text.as_bytes()).to_bytes()),
        freshness,
        to: to.map(str::to_owned),
    })
}

/// Checks a request's signature (strictly: no malleable or small-order signatures) and returns
/// the key that made it. Who that key is, and whether the freshness is new, are the relay's
/// questions: this only proves the holder of the key made exactly this request.
pub fn verify_request(
    auth: &RequestAuth,
    method: &str,
    path: &str,
    body_sha256_hex: &str,
) -> Result<VerifyingKey, RequestError> {
    let text = canonical_string(
        method,
        path,
        body_sha256_hex,
        &auth.freshness,
        &auth.signing_key,
        &auth.recipient,
        auth.to.as_deref(),
    )?;
    let key = crate::parse_verifying_key(&auth.signing_key)
        .ok_or(RequestError::Malformed(headers::KEY))?;
    let signature = crate::parse_lower_hex::<64>(&auth.signature)
        .ok_or(RequestError::Malformed(headers::SIGNATURE))?;
    key.verify_strict(text.as_bytes(), &Signature::from_bytes(&signature))
        .map_err(|_| RequestError::BadSignature)?;
    Ok(key)
}

/// Checks an upload's `Pristan-Time` against the relay's clock `now`.
pub fn check_time(sent: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>, RequestError> {
    let sent = DateTime::parse_from_rfc3339(sent)
        .map_err(|_| RequestError::Malformed(headers::TIME))?
        .with_timezone(&Utc);
    if (sent - now).num_seconds().abs() > MAX_CLOCK_SKEW_SECONDS {
        return Err(RequestError::StaleTime);
    }
    Ok(sent)
}

#[cfg(test)]
mod tests;
