//! Card codes (docs/family-card.md, "Fetching by card code"): the short code a family types to
//! fetch a card from the organisation's relay, and whether and when the card was last published
//! there or withdrawn from it.
//!
//! Kept in `vault_meta` (inside the encrypted vault, local like the card itself, never an
//! operation) under `family_card_code:<card id>`, `family_card_published:<card id>` and
//! `family_card_withdrawn:<card id>`. The core moves no bytes over the network: the relay client
//! publishes and then records it here.

use chrono::{DateTime, Utc};
use pristan_relay_proto::CardCode;
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension, Transaction};

use crate::error::{Error, Result};
use crate::vault::Vault;

const CODE: &str = "family_card_code:";
const PUBLISHED: &str = "family_card_published:";
const WITHDRAWN: &str = "family_card_withdrawn:";

/// Where a card stands on the relay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelayStanding {
    pub code: Option<CardCode>,
    pub published_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// A new random code (55 bits from the operating system's CSPRNG-seeded generator).
pub(super) fn new_code() -> CardCode {
    let mut random = [0u8; pristan_relay_proto::card::CODE_RANDOM_SYMBOLS];
    rand::rng().fill_bytes(&mut random);
    CardCode::from_random(random)
}

pub(super) fn store_code(conn: &Connection, card_id: &str, code: &CardCode) -> Result<()> {
    set(conn, CODE, card_id, code.as_str())
}

/// The card's code, made and kept now if it has none (a card issued before codes existed).
pub fn card_code(vault: &Vault, card_id: &str) -> Result<CardCode> {
    super::store::get(vault.connection(), card_id)?;
    if let Some(code) = standing_of(vault.connection(), card_id)?.code {
        return Ok(code);
    }
    let code = new_code();
    store_code(vault.connection(), card_id, &code)?;
    Ok(code)
}

/// Where the card stands on the relay, as this vault last knew it.
pub fn relay_standing(vault: &Vault, card_id: &str) -> Result<RelayStanding> {
    standing_of(vault.connection(), card_id)
}

/// The relay now holds this card's latest file.
pub fn record_published(vault: &Vault, card_id: &str, at: DateTime<Utc>) -> Result<()> {
    set(vault.connection(), PUBLISHED, card_id, &at.to_rfc3339())
}

/// The relay has deleted this card (it answers "revoked" to the family).
pub fn record_withdrawn(vault: &Vault, card_id: &str, at: DateTime<Utc>) -> Result<()> {
    set(vault.connection(), WITHDRAWN, card_id, &at.to_rfc3339())
}

pub(super) fn standing_of(conn: &Connection, card_id: &str) -> Result<RelayStanding> {
    let code = get(conn, CODE, card_id)?
        .map(|text| CardCode::parse(&text))
        .transpose()
        .map_err(|_| damaged("card code"))?;
    Ok(RelayStanding {
        code,
        published_at: time(get(conn, PUBLISHED, card_id)?)?,
        withdrawn_at: time(get(conn, WITHDRAWN, card_id)?)?,
    })
}

/// Removes what is kept of the cards of a forgotten case (inside the forget's transaction,
/// before the cards' rows go).
pub(super) fn forget_codes_of(tx: &Transaction<'_>, case: &str) -> Result<()> {
    for prefix in [CODE, PUBLISHED, WITHDRAWN] {
        tx.execute(
            "DELETE FROM vault_meta WHERE key IN
                 (SELECT ?1 || id FROM family_cards WHERE case_id = ?2)",
            [prefix, case],
        )?;
    }
    Ok(())
}

fn set(conn: &Connection, prefix: &str, card_id: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [format!("{prefix}{card_id}"), value.to_owned()],
    )?;
    Ok(())
}

fn get(conn: &Connection, prefix: &str, card_id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = ?1",
            [format!("{prefix}{card_id}")],
            |r| r.get(0),
        )
        .optional()?)
}

fn time(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.map(|t| {
        DateTime::parse_from_rfc3339(&t)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| damaged("relay time"))
    })
    .transpose()
}

fn damaged(what: &str) -> Error {
    Error::Invalid {
        field: "family_cards",
        reason: format!("a stored card has an unreadable {what}"),
    }
}
