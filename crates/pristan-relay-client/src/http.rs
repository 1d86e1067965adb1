//! The relay's HTTP routes as plain calls (docs/relay-protocol.md, "Requests"): each request is
//! signed by the vault with this device's key (the key never leaves the vault; a
//! [`RequestSigner`] takes it only for the signature), reads and
//! acknowledgements with a fresh one-time challenge, uploads with this computer's time and a
//! nonce. Answers are read with caps, and every failure becomes a [`RelayProblem`] id.

use std::io::Read;
use std::time::Duration;

use pristan_core::Vault;

use crate::access::RequestSigner;
use pristan_model::relay::RelayProblem;
use pristan_model::sync::DeviceIdentity;
use pristan_relay_proto::{
    body_sha256_hex, canonical_string, headers, CardAnswer, Challenge, ErrorBody, Freshness,
    Health, ListEntry, MailboxId, RequestAuth, RosterAnswer, UploadAnswer, EMPTY_BODY_SHA256,
    PROTOCOL_VERSION,
};
use rand::RngCore;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::Method;

/// The most of a small JSON answer (a list, an error) that is read.
const MAX_ANSWER_BYTES: u64 = 4 * 1024 * 1024;

/// A failed call: the relay (or the way to it) failed, or this vault did.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    #[error("the relay: {problem:?}")]
    Relay { problem: RelayProblem },
    #[error(transparent)]
    Vault(#[from] pristan_core::Error),
}

impl CallError {
    fn relay(problem: RelayProblem) -> CallError {
        CallError::Relay { problem }
    }
}

/// Where a bundle is delivered or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mailbox {
    /// This device's own mailbox (reads), or another device's (a coordinator's deliveries).
    Device(MailboxId),
    /// The organisation inbox, read by coordinators.
    Org,
}

/// One relay, called on behalf of one device.
pub struct Relay {
    client: Client,
    base: String,
    signing_key: String,
    recipient: String,
}

impl Relay {
    /// A client for the relay at `base_url` (already checked: `org::check_relay_url`), signing
    /// as `vault`'s device (each signed call takes the vault again, which signs).
    pub fn new(base_url: &str, vault: &mut Vault) -> Result<Relay, CallError> {
        Relay::for_device(base_url, &vault.device_identity()?)
    }

    /// A client for the relay at `base_url` on behalf of the device `me` (its public keys only).
    pub fn for_device(base_url: &str, me: &DeviceIdentity) -> Result<Relay, CallError> {
        install_crypto_provider();
        let client = Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            // Redirects would send signed requests to an address the organisation did not sign.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|_| CallError::relay(RelayProblem::Unreachable))?;
        Ok(Relay {
            client,
            base: base_url.trim_end_matches('/').to_owned(),
            signing_key: me.signing_key.clone(),
            recipient: me.recipient.clone(),
        })
    }

    /// `GET /v1/health`: whether the relay answers, and speaks this protocol.
    pub fn health(&self) -> Result<(), CallError> {
        let answer: Health = json(send(self.request(Method::GET, "/v1/health"))?)?;
        if answer.protocol != PROTOCOL_VERSION {
            return Err(CallError::relay(RelayProblem::UnexpectedAnswer));
        }
        Ok(())
    }

    /// `PUT /v1/roster` with the organisation's signed relay roster (`{json, signature}`).
    pub fn put_roster(&self, document_json: String) -> Result<RosterAnswer, CallError> {
        let request = self
            .request(Method::PUT, "/v1/roster")
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(document_json);
        json(send(request)?)
    }

    /// Delivers a bundle's exact bytes, named by their SHA-256 (`sha256`, hex).
    pub fn upload(
        &self,
        vault: &dyn RequestSigner,
        to: Mailbox,
        sha256: &str,
        bytes: Vec<u8>,
        join_ticket: Option<&str>,
    ) -> Result<UploadAnswer, CallError> {
        let path = match to {
            Mailbox::Org => format!("/v1/org/inbox/{sha256}"),
            Mailbox::Device(_) => format!("/v1/mailbox/{sha256}"),
        };
        let mut nonce = [0u8; 16];
        rand::rng().fill_bytes(&mut nonce);
        let freshness = Freshness::at(chrono::Utc::now(), nonce);
        let digest = body_sha256_hex(&bytes);
        // A delivery's destination is signed with the request (`Pristan-To`).
        let destination = match to {
            Mailbox::Org => None,
            Mailbox::Device(mailbox) => Some(mailbox.to_string()),
        };
        let mut request = self.signed(
            vault,
            Method::PUT,
            &path,
            &digest,
            freshness,
            destination.as_deref(),
        )?;
        if let Some(ticket) = join_ticket {
            request = request.header(headers::JOIN_TICKET, ticket);
        }
        let request = request
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(bytes);
        json(send(request)?)
    }

    /// What waits for this device in `mailbox` (its own, or the organisation inbox).
    pub fn list(
        &self,
        vault: &dyn RequestSigner,
        mailbox: Mailbox,
    ) -> Result<Vec<ListEntry>, CallError> {
        let path = route(mailbox).to_owned();
        json(send(self.challenged(vault, Method::GET, &path)?)?)
    }

    /// The bytes of one object, at most `max` of them (more is refused as too large).
    pub fn fetch(
        &self,
        vault: &dyn RequestSigner,
        mailbox: Mailbox,
        id: &str,
        max: u64,
    ) -> Result<Vec<u8>, CallError> {
        let path = format!("{}/{id}", route(mailbox));
        let response = send(self.challenged(vault, Method::GET, &path)?)?;
        let mut bytes = Vec::new();
        response
            .take(max.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| CallError::relay(RelayProblem::Unreachable))?;
        if bytes.len() as u64 > max {
            return Err(CallError::relay(RelayProblem::TooLarge));
        }
        Ok(bytes)
    }

    /// Acknowledges one object: the relay deletes it for this device (again: still fine).
    pub fn acknowledge(
        &self,
        vault: &dyn RequestSigner,
        mailbox: Mailbox,
        id: &str,
    ) -> Result<(), CallError> {
        let path = format!("{}/{id}", route(mailbox));
        send(self.challenged(vault, Method::DELETE, &path)?)?;
        Ok(())
    }

    /// `PUT /v1/cards/{lookup}`: publishes a family card, or replaces the one published before
    /// under the same code.
    pub fn publish_card(
        &self,
        vault: &Vault,
        lookup: &str,
        bytes: Vec<u8>,
    ) -> Result<CardAnswer, CallError> {
        let path = format!("/v1/cards/{lookup}");
        let mut nonce = [0u8; 16];
        rand::rng().fill_bytes(&mut nonce);
        let freshness = Freshness::at(chrono::Utc::now(), nonce);
        let digest = body_sha256_hex(&bytes);
        let request = self
            .signed(vault, Method::PUT, &path, &digest, freshness, None)?
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(bytes);
        json(send(request)?)
    }

    /// `DELETE /v1/cards/{lookup}`: the relay deletes the card and tells families it was revoked.
    pub fn withdraw_card(&self, vault: &Vault, lookup: &str) -> Result<(), CallError> {
        let path = format!("/v1/cards/{lookup}");
        send(self.challenged(vault, Method::DELETE, &path)?)?;
        Ok(())
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, format!("{}{path}", self.base))
    }

    /// A read or acknowledgement, signed over a fresh challenge.
    fn challenged(
        &self,
        vault: &dyn RequestSigner,
        method: Method,
        path: &str,
    ) -> Result<RequestBuilder, CallError> {
        let challenge: Challenge = json(send(self.request(Method::POST, "/v1/challenge"))?)?;
        if !pristan_relay_proto::is_sha256_hex(&challenge.challenge) {
            return Err(CallError::relay(RelayProblem::UnexpectedAnswer));
        }
        self.signed(
            vault,
            method,
            path,
            EMPTY_BODY_SHA256,
            Freshness::challenge(&challenge.challenge),
            None,
        )
    }

    fn signed(
        &self,
        vault: &dyn RequestSigner,
        method: Method,
        path: &str,
        body_sha256: &str,
        freshness: Freshness,
        to: Option<&str>,
    ) -> Result<RequestBuilder, CallError> {
        let text = canonical_string(
            method.as_str(),
            path,
            body_sha256,
            &freshness,
            &self.signing_key,
            &self.recipient,
            to,
        )
        .map_err(|_| CallError::relay(RelayProblem::Malformed))?;
        let auth = RequestAuth {
            signing_key: self.signing_key.clone(),
            recipient: self.recipient.clone(),
            signature: vault.sign_relay_request(&text)?,
            freshness,
            to: to.map(str::to_owned),
        };
        let mut request = self.request(method, path);
        for (name, value) in auth.headers() {
            request = request.header(name, value);
        }
        Ok(request)
    }
}

/// Whether the relay at `base_url` answers `GET /v1/health` with this protocol within `timeout`
/// (for the Sync screen's "reachable"; nothing is signed, nothing is sent).
pub fn answers(base_url: &str, timeout: Duration) -> bool {
    install_crypto_provider();
    let Ok(client) = Client::builder()
        .connect_timeout(timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    else {
        return false;
    };
    let url = format!("{}/v1/health", base_url.trim_end_matches('/'));
    send(client.get(url))
        .and_then(json::<Health>)
        .is_ok_and(|health| health.protocol == PROTOCOL_VERSION)
}

fn route(mailbox: Mailbox) -> &'static str {
    match mailbox {
        Mailbox::Org => "/v1/org/inbox",
        Mailbox::Device(_) => "/v1/mailbox",
    }
}

pub(crate) fn install_provider() {
    install_crypto_provider();
}

/// Sends a request; a success comes back, anything else becomes the relay's problem id.
pub(crate) fn send(request: RequestBuilder) -> Result<Response, CallError> {
    let response = request
        .send()
        .map_err(|_| CallError::relay(RelayProblem::Unreachable))?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let mut body = Vec::new();
    let _ = response.take(64 * 1024).read_to_end(&mut body);
    let problem = serde_json::from_slice::<ErrorBody>(&body)
        .map(|answer| RelayProblem::from_code(answer.error.as_str()))
        .unwrap_or_else(|_| by_status(status.as_u16()));
    Err(CallError::relay(problem))
}

/// What a status says when the body is not the relay's (a proxy's page, say).
fn by_status(status: u16) -> RelayProblem {
    match status {
        413 => RelayProblem::TooLarge,
        507 => RelayProblem::OverQuota,
        429 => RelayProblem::RateLimited,
        404 => RelayProblem::NotFound,
        // A reverse proxy answers these when the relay behind it is down.
        502 | 504 => RelayProblem::Unreachable,
        503 => RelayProblem::Unavailable,
        _ => RelayProblem::UnexpectedAnswer,
    }
}

fn json<T: serde::de::DeserializeOwned>(response: Response) -> Result<T, CallError> {
    let mut body = Vec::new();
    response
        .take(MAX_ANSWER_BYTES)
        .read_to_end(&mut body)
        .map_err(|_| CallError::relay(RelayProblem::Unreachable))?;
    serde_json::from_slice(&body).map_err(|_| CallError::relay(RelayProblem::UnexpectedAnswer))
}

/// reqwest is built without a default TLS provider (see Cargo.toml): ring is installed once.
fn install_crypto_provider() {
    // Err only means one is installed already, which is as good.
    let _ = rustls::crypto::ring::default_provider().install_default();
}
