//! Family status cards through the relay (docs/family-card.md, "Fetching by card code"):
//! publishing and withdrawing, signed by the issuing vault's device, and fetching by code on the
//! family's computer, with no vault and no identity at all.

use std::io::Read;
use std::time::Duration;

use chrono::Utc;
use pristan_core::family::{self, CardCode, CardFile};
use pristan_core::org::check_relay_url;
use pristan_core::Vault;
use pristan_model::relay::RelayProblem;
use pristan_relay_proto::{CardCodeError, ErrorBody, ErrorCode, MAX_CARD_BYTES};
use reqwest::blocking::Client;
use serde::{Deserialize, Serialize};

use crate::http::{CallError, Relay};

/// What publishing a card did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Publication {
    /// The organisation has no relay (and none was given): the card is only a file.
    NoRelay,
    /// The relay holds the card's latest file under `code`; `replaced` for a refresh. `relay` is
    /// its address as a family types it (without `https://`), to give with the code.
    Published {
        code: CardCode,
        relay: String,
        replaced: bool,
    },
}

/// Publishes a card file just issued or refreshed, on the organisation's relay (or `relay_url`).
pub fn publish_card(
    vault: &mut Vault,
    card: &CardFile,
    relay_url: Option<&str>,
) -> Result<Publication, CallError> {
    let Some(url) = relay_address(vault, relay_url)? else {
        return Ok(Publication::NoRelay);
    };
    let code = family::card_code(vault, &card.card_id)?;
    let relay = Relay::new(&url, vault)?;
    let answer = relay.publish_card(vault, &code.lookup(), card.bytes.clone())?;
    family::record_published(vault, &card.card_id, Utc::now())?;
    Ok(Publication::Published {
        code,
        relay: address_for_family(&url),
        replaced: answer.replaced,
    })
}

/// A relay's address as a family types it: without `https://`.
pub fn address_for_family(url: &str) -> String {
    url.strip_prefix("https://").unwrap_or(url).to_owned()
}

/// What withdrawing a card did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    NoRelay,
    /// The relay deleted it; a family fetching it is told it was revoked.
    Withdrawn,
}

/// Asks the relay to delete a revoked card (again after a failure: it is idempotent).
pub fn withdraw_card(
    vault: &mut Vault,
    card_id: &str,
    relay_url: Option<&str>,
) -> Result<Withdrawal, CallError> {
    let Some(url) = relay_address(vault, relay_url)? else {
        return Ok(Withdrawal::NoRelay);
    };
    let code = family::card_code(vault, card_id)?;
    let relay = Relay::new(&url, vault)?;
    relay.withdraw_card(vault, &code.lookup())?;
    family::record_withdrawn(vault, card_id, Utc::now())?;
    Ok(Withdrawal::Withdrawn)
}

fn relay_address(vault: &Vault, relay_url: Option<&str>) -> Result<Option<String>, CallError> {
    Ok(match relay_url {
        Some(url) => Some(check_relay_url(url).map_err(pristan_core::Error::from)?),
        None => vault.relay_url()?,
    })
}

/// Why a card could not be fetched by its code. Message id: `family-fetch-` and the snake-case
/// name with dashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardFetchProblem {
    /// The address is not one a relay can have.
    AddressInvalid,
    /// The code has too few or too many letters and digits.
    CodeWrongLength,
    /// The code has a character no code has.
    CodeNotASymbol,
    /// The code's check symbol does not match: a letter or digit was misheard or mistyped.
    CodeMistyped,
    /// The relay has no card under this code.
    NotFound,
    /// The organisation revoked the card.
    Revoked,
    /// No connection to the relay (no network, wrong address, relay down).
    NoConnection,
    /// Too many tries from this computer: wait a minute.
    RateLimited,
    /// The relay is there but cannot serve now.
    Unavailable,
    /// What came back is not a status card (too large, or not a relay's answer).
    UnexpectedAnswer,
}

impl CardFetchProblem {
    pub const ALL: [CardFetchProblem; 10] = [
        CardFetchProblem::AddressInvalid,
        CardFetchProblem::CodeWrongLength,
        CardFetchProblem::CodeNotASymbol,
        CardFetchProblem::CodeMistyped,
        CardFetchProblem::NotFound,
        CardFetchProblem::Revoked,
        CardFetchProblem::NoConnection,
        CardFetchProblem::RateLimited,
        CardFetchProblem::Unavailable,
        CardFetchProblem::UnexpectedAnswer,
    ];

    /// The interface's message, such as `family-fetch-not-found`.
    pub fn message_id(self) -> String {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        format!("family-fetch-{}", name.replace('_', "-"))
    }

    fn of_code(error: CardCodeError) -> CardFetchProblem {
        match error {
            CardCodeError::WrongLength => CardFetchProblem::CodeWrongLength,
            CardCodeError::NotASymbol => CardFetchProblem::CodeNotASymbol,
            CardCodeError::Mistyped => CardFetchProblem::CodeMistyped,
        }
    }
}

impl std::fmt::Display for CardFetchProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CardFetchProblem::AddressInvalid => {
                "that is not a relay address (it looks like relay.example.org)"
            }
            CardFetchProblem::CodeWrongLength => {
                "a card code has 12 letters and digits (like K7QM-4TXD-PA9R)"
            }
            CardFetchProblem::CodeNotASymbol => "a card code has only Latin letters and digits",
            CardFetchProblem::CodeMistyped => {
                "the card code has a mistake in it: check each letter and digit"
            }
            CardFetchProblem::NotFound => {
                "there is no card under this code: check the code and the address"
            }
            CardFetchProblem::Revoked => "the organisation has revoked this card",
            CardFetchProblem::NoConnection => {
                "the relay could not be reached: check the internet connection and the address"
            }
            CardFetchProblem::RateLimited => "too many tries: wait a minute and try again",
            CardFetchProblem::Unavailable => "the relay cannot answer now: try again later",
            CardFetchProblem::UnexpectedAnswer => "the relay did not answer with a status card",
        })
    }
}

impl std::error::Error for CardFetchProblem {}

/// How long a family's computer waits for the relay, in all.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// The relay's address as a family may type it: `relay.example.org` (HTTPS is assumed), or a
/// whole `https://…` (or `http://…`, for a test on one machine) address.
pub fn family_relay_url(typed: &str) -> Result<String, CardFetchProblem> {
    let typed = typed.trim().trim_end_matches('/');
    let url = if typed.contains("://") {
        typed.to_owned()
    } else {
        format!("https://{typed}")
    };
    check_relay_url(&url).map_err(|_| CardFetchProblem::AddressInvalid)
}

/// Fetches the card under `code` from the relay at `address` (as typed), with no identity: at
/// most [`MAX_CARD_BYTES`], within [`FETCH_TIMEOUT`]. The bytes stay in memory; nothing is
/// written anywhere.
pub fn fetch_card(address: &str, code: &str) -> Result<Vec<u8>, CardFetchProblem> {
    let code = CardCode::parse(code).map_err(CardFetchProblem::of_code)?;
    let url = family_relay_url(address)?;
    crate::http::install_provider();
    let client = Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .timeout(FETCH_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| CardFetchProblem::NoConnection)?;
    let response = client
        .get(format!("{url}/v1/cards/{}", code.lookup()))
        .send()
        .map_err(|_| CardFetchProblem::NoConnection)?;
    let status = response.status();
    let mut bytes = Vec::new();
    response
        .take(MAX_CARD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| CardFetchProblem::NoConnection)?;
    if !status.is_success() {
        let code = serde_json::from_slice::<ErrorBody>(&bytes).map(|body| body.error);
        return Err(match (code, status.as_u16()) {
            (Ok(ErrorCode::NotFound), _) => CardFetchProblem::NotFound,
            (Ok(ErrorCode::CardRevoked), _) => CardFetchProblem::Revoked,
            (Ok(ErrorCode::RateLimited), _) | (_, 429) => CardFetchProblem::RateLimited,
            (Ok(ErrorCode::Unavailable), _) | (_, 503) => CardFetchProblem::Unavailable,
            (_, 502 | 504) => CardFetchProblem::NoConnection,
            _ => CardFetchProblem::UnexpectedAnswer,
        });
    }
    if bytes.len() > MAX_CARD_BYTES || !pristan_relay_proto::looks_like_card(&bytes) {
        return Err(CardFetchProblem::UnexpectedAnswer);
    }
    Ok(bytes)
}

/// What the relay's refusal says, for a report of publishing or withdrawing.
pub fn problem_of(error: &CallError) -> Option<RelayProblem> {
    match error {
        CallError::Relay { problem } => Some(*problem),
        CallError::Vault(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_family_may_type_the_address_without_its_scheme() {
        assert_eq!(
            family_relay_url(" relay.example.org/ ").unwrap(),
            "https://relay.example.org"
        );
        assert_eq!(
            family_relay_url("http://127.0.0.1:8470").unwrap(),
            "http://127.0.0.1:8470"
        );
        assert_eq!(
            family_relay_url("relay example org"),
            Err(CardFetchProblem::AddressInvalid)
        );
        assert_eq!(
            family_relay_url("ftp://relay.example.org"),
            Err(CardFetchProblem::AddressInvalid)
        );
    }

    #[test]
    fn a_mistyped_code_is_caught_before_anything_is_sent() {
        // An address nothing listens on: a network attempt would be NoConnection.
        let nowhere = "http://127.0.0.1:9";
        assert_eq!(
            fetch_card(nowhere, "K7QM-4TXD"),
            Err(CardFetchProblem::CodeWrongLength)
        );
        assert_eq!(
            fetch_card(nowhere, "K7QM-4TXD-PAUR"),
            Err(CardFetchProblem::CodeNotASymbol)
        );
        let good = CardCode::from_random([1; 11]);
        let last = good.as_str().chars().last().unwrap();
        let other = if last == 'A' { 'B' } else { 'A' };
        let mistyped = format!("{}{other}", &good.as_str()[..11]);
        assert_eq!(
            fetch_card(nowhere, &mistyped),
            Err(CardFetchProblem::CodeMistyped)
        );
        assert_eq!(
            fetch_card(nowhere, good.as_str()),
            Err(CardFetchProblem::NoConnection)
        );
    }

    #[test]
    fn every_problem_has_a_family_fetch_message_id() {
        assert_eq!(
            CardFetchProblem::CodeMistyped.message_id(),
            "family-fetch-code-mistyped"
        );
        for problem in CardFetchProblem::ALL {
            assert!(problem.message_id().starts_with("family-fetch-"));
            assert!(!problem.message_id().contains('_'));
        }
    }
}
