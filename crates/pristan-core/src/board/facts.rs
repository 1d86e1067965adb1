//! What the board reads besides cases and legal events, each in one query for every case.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::error::Result;
use crate::ops::EntityId;
use crate::vault::Vault;

/// Each case's last contact: the latest date of a visit (in person, video or phone) on or before
/// `today`. Cases never visited are absent.
pub fn last_contacts(vault: &Vault, today: NaiveDate) -> Result<HashMap<EntityId, NaiveDate>> {
    // ISO dates compare as text, so `max` over the stored strings is the latest date.
    let mut stmt = vault.connection().prepare_cached(
        "SELECT case_id, max(json_extract(body, '$.date')) FROM records
         WHERE entity_type = 'visit' AND deleted = 0 AND case_id IS NOT NULL
           AND json_extract(body, '$.date') <= ?1
         GROUP BY case_id",
    )?;
    let rows = stmt.query_map([today.format("%Y-%m-%d").to_string()], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, Option<String>>(1)?))
    })?;
    let mut contacts = HashMap::new();
    for row in rows {
        let (case, date) = row?;
        let (Ok(case), Some(Ok(date))) = (
            case.parse::<EntityId>(),
            date.map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d")),
        ) else {
            continue;
        };
        contacts.insert(case, date);
    }
    Ok(contacts)
}
