//! The `family_cards` table: one row per card issued from this vault.

use chrono::{DateTime, Utc};
use pristan_family_card::{CardInputs, CardLanguage, CardMessage, WordList};
use pristan_model::ShortText;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use zeroize::Zeroizing;

use super::FamilyError;
use crate::error::{Error, Result};
use crate::ops::EntityId;

pub(super) struct CardRow {
    pub id: String,
    pub case_id: EntityId,
    pub relative_id: EntityId,
    pub words: WordList,
    pub inputs: CardInputs,
    pub issued_at: DateTime<Utc>,
    pub refreshed_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// 64 random bits as hex: unguessable, and nothing about the person.
pub(super) fn new_card_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

pub(super) fn insert(conn: &Connection, row: &CardRow, passphrase: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO family_cards (id, case_id, relative_id, language, words, message,
             whom_to_call, passphrase, issued_at, refreshed_at, revoked_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)",
        params![
            row.id,
            row.case_id.to_string(),
            row.relative_id.to_string(),
            row.inputs.language.as_str(),
            row.words.as_str(),
            row.inputs.message.as_str(),
            row.inputs.whom_to_call.as_str(),
            passphrase,
            row.issued_at.to_rfc3339(),
            row.refreshed_at.to_rfc3339(),
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "id, case_id, relative_id, language, words, message, whom_to_call, \
                       issued_at, refreshed_at, revoked_at, passphrase";

/// The card and its passphrase (`None` once revoked).
pub(super) fn get(conn: &Connection, id: &str) -> Result<(CardRow, Option<Zeroizing<String>>)> {
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM family_cards WHERE id = ?1"),
            [id],
            |r| {
                Ok((
                    read_row(r),
                    r.get::<_, Option<String>>(10)?.map(Zeroizing::new),
                ))
            },
        )
        .optional()?;
    let Some((row, passphrase)) = found else {
        return Err(FamilyError::NoSuchCard {
            card: id.to_owned(),
        }
        .into());
    };
    Ok((row?, passphrase))
}

pub(super) fn list(conn: &Connection, case: Option<EntityId>) -> Result<Vec<CardRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM family_cards WHERE ?1 IS NULL OR case_id = ?1
         ORDER BY issued_at DESC, id"
    ))?;
    let rows = stmt.query_map([case.map(|c| c.to_string())], |r| Ok(read_row(r)))?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

pub(super) fn update_refreshed(conn: &Connection, row: &CardRow) -> Result<()> {
    conn.execute(
        "UPDATE family_cards SET refreshed_at = ?2, message = ?3 WHERE id = ?1",
        params![
            row.id,
            row.refreshed_at.to_rfc3339(),
            row.inputs.message.as_str()
        ],
    )?;
    Ok(())
}

pub(super) fn revoke(conn: &Connection, id: &str, now: DateTime<Utc>) -> Result<()> {
    conn.execute(
        "UPDATE family_cards SET passphrase = NULL, message = '',
             revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
        params![id, now.to_rfc3339()],
    )?;
    Ok(())
}

/// Removes every card of a forgotten case (inside the forget's transaction).
pub(super) fn forget_cards_of(tx: &Transaction<'_>, case: &str) -> Result<()> {
    tx.execute("DELETE FROM family_cards WHERE case_id = ?1", [case])?;
    Ok(())
}

fn read_row(r: &Row<'_>) -> Result<CardRow> {
    let text = |i: usize| r.get::<_, String>(i);
    let damaged = |what: &str| Error::Invalid {
        field: "family_cards",
        reason: format!("a stored card has an unreadable {what}"),
    };
    let time = |i: usize| -> Result<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&text(i)?)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| damaged("time"))
    };
    Ok(CardRow {
        id: text(0)?,
        case_id: text(1)?.parse().map_err(|_| damaged("case id"))?,
        relative_id: text(2)?.parse().map_err(|_| damaged("relative id"))?,
        inputs: CardInputs {
            language: CardLanguage::parse(&text(3)?).ok_or_else(|| damaged("language"))?,
            message: CardMessage::new(&text(5)?).map_err(|_| damaged("message"))?,
            whom_to_call: ShortText::new(&text(6)?).map_err(|_| damaged("contact"))?,
        },
        words: WordList::parse(&text(4)?).ok_or_else(|| damaged("word list"))?,
        issued_at: time(7)?,
        refreshed_at: time(8)?,
        revoked_at: r
            .get::<_, Option<String>>(9)?
            .map(|t| {
                DateTime::parse_from_rfc3339(&t)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| damaged("time"))
            })
            .transpose()?,
    })
}
