//! What a family status card holds (issue 14, docs/family-card.md): the whitelist, as a type.
//!
//! A card is read by a relative on a shared computer. It carries only what is written here, and
//! nothing else can be put in it: there is no field for a surname, an A-number, a note, evidence
//! or anything of the case beyond these. Opening refuses a card with any other field
//! (`deny_unknown_fields`) or a value over its limit, so a forged card cannot smuggle text in.

use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};

use crate::case::CustodyStatus;
use crate::text::{ShortText, TextError};

/// The version of the card's JSON this build writes and reads.
pub const CARD_VERSION: u32 = 1;

/// The visitor's message: a few sentences.
pub const MESSAGE_MAX_CHARS: usize = 600;
/// A facility's visiting hours and rules.
pub const VISITING_INFO_MAX_CHARS: usize = 2_000;

/// The language a card is written for (and whose words its passphrase is made of, unless the
/// coordinator chooses otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CardLanguage {
    Ru,
    En,
}

impl CardLanguage {
    pub const ALL: [CardLanguage; 2] = [CardLanguage::Ru, CardLanguage::En];

    pub fn as_str(self) -> &'static str {
        match self {
            CardLanguage::Ru => "ru",
            CardLanguage::En => "en",
        }
    }

    pub fn parse(text: &str) -> Option<CardLanguage> {
        CardLanguage::ALL.into_iter().find(|l| l.as_str() == text)
    }
}

/// A family status card, version 1. Every field is on the whitelist of DESIGN.md §8.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyCard {
    /// Always [`CARD_VERSION`] when written by this build.
    pub version: u32,
    pub language: CardLanguage,
    /// The person's first name only.
    pub first_name: ShortText,
    /// As an id: the reader's interface says it in plain words.
    pub custody_status: CustodyStatus,
    pub facility: Option<CardFacility>,
    pub next_hearing: Option<CardHearing>,
    /// The date of the last visit (no notes, no visitors' names).
    pub last_visit: Option<NaiveDate>,
    /// The visitor's short message to the family.
    pub message: CardText<MESSAGE_MAX_CHARS>,
    /// Whom the family may call: an organisation's phone line, a coordinator's first name.
    pub whom_to_call: ShortText,
    pub issued_at: DateTime<Utc>,
    pub refreshed_at: DateTime<Utc>,
}

/// Where the person is held, as a family needs it to visit or call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardFacility {
    pub name: ShortText,
    pub visiting_info: CardText<VISITING_INFO_MAX_CHARS>,
    /// The facility's time zone, so its local time can be shown.
    pub time_zone: Option<Tz>,
}

/// The next hearing: a date, and a time in the court's own time zone when known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardHearing {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub time_zone: Option<Tz>,
}

/// Free text on a card with its own limit (line breaks allowed, other control characters not),
/// checked when made and when read from JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct CardText<const MAX: usize>(String);

impl<const MAX: usize> CardText<MAX> {
    pub fn new(text: &str) -> Result<Self, TextError> {
        let text = text.trim();
        let found = text.chars().count();
        if found > MAX {
            return Err(TextError::TooLong { found, max: MAX });
        }
        if text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            return Err(TextError::ControlCharacter);
        }
        Ok(CardText(text.to_owned()))
    }

    /// The text cut to the limit at a character boundary (for text kept longer in the vault,
    /// such as a facility's visiting rules), with "…" where it was cut.
    pub fn truncated(text: &str) -> Self {
        let cleaned: String = text
            .trim()
            .chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
            .collect();
        if cleaned.chars().count() <= MAX {
            return CardText(cleaned);
        }
        let mut cut: String = cleaned.chars().take(MAX.saturating_sub(1)).collect();
        cut.push('…');
        CardText(cut)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<const MAX: usize> fmt::Display for CardText<MAX> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de, const MAX: usize> Deserialize<'de> for CardText<MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CardText::new(&text).map_err(serde::de::Error::custom)
    }
}

/// The visitor's message on a card.
pub type CardMessage = CardText<MESSAGE_MAX_CHARS>;
/// A facility's visiting information on a card.
pub type CardVisitingInfo = CardText<VISITING_INFO_MAX_CHARS>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_with_a_field_off_the_whitelist_is_refused() {
        let json = serde_json::json!({
            "version": 1, "language": "ru", "first_name": "Иван",
            "custody_status": "detained", "facility": null, "next_hearing": null,
            "last_visit": null, "message": "", "whom_to_call": "",
            "issued_at": "2026-12-01T10:00:00Z", "refreshed_at": "2026-12-01T10:00:00Z",
        });
        assert!(serde_json::from_value::<FamilyCard>(json.clone()).is_ok());
        let mut extra = json;
        extra["a_number"] = "A123456789".into();
        let err = serde_json::from_value::<FamilyCard>(extra).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn card_text_is_bounded_on_reading_and_cut_when_built() {
        let long = "я".repeat(MESSAGE_MAX_CHARS + 1);
        assert!(serde_json::from_value::<CardMessage>(long.clone().into()).is_err());
        let cut = CardMessage::truncated(&long);
        assert_eq!(cut.as_str().chars().count(), MESSAGE_MAX_CHARS);
        assert!(cut.as_str().ends_with('…'));
        assert_eq!(
            CardMessage::new("a\u{7}b"),
            Err(TextError::ControlCharacter)
        );
    }
}
