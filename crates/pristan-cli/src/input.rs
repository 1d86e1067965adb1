//! Reading what was typed on the command line into domain values. Each parser is a clap value
//! parser, so a mistake is reported with the option's name before any passphrase is asked for.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use pristan_core::domain::{LongText, ShortText};
use pristan_core::ops::{DeviceId, EntityId};

/// `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("{text:?} is not a date: use YYYY-MM-DD, e.g. 2026-11-20"))
}

/// `HH:MM`, 24-hour.
pub fn time(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| format!("{text:?} is not a time: use HH:MM (24-hour), e.g. 09:30"))
}

/// An IANA time zone such as `America/New_York`.
pub fn time_zone(text: &str) -> Result<Tz, String> {
    text.trim().parse::<Tz>().map_err(|_| {
        format!("{text:?} is not a time zone: use an IANA name such as America/New_York")
    })
}

/// A record's id, as `pristan case list` and the other commands print it.
pub fn id(text: &str) -> Result<EntityId, String> {
    text.trim().parse::<EntityId>().map_err(|e| e.to_string())
}

/// A device's id, as `pristan org roster` prints it.
pub fn device(text: &str) -> Result<DeviceId, String> {
    text.trim().parse::<DeviceId>().map_err(|e| e.to_string())
}

/// One line of at most 200 characters.
pub fn short_text(text: &str) -> Result<ShortText, String> {
    ShortText::new(text).map_err(|e| e.to_string())
}

/// Free text of at most 100,000 characters.
pub fn long_text(text: &str) -> Result<LongText, String> {
    LongText::new(text).map_err(|e| e.to_string())
}

/// One of the snake_case spellings of a domain enum (`LegalEventKind`, `NoteKind`, …). clap lists
/// them in `--help` and in the error for anything else.
pub fn choice<T>(all: &'static [T], name: fn(T) -> &'static str) -> impl TypedValueParser<Value = T>
where
    T: Copy + Send + Sync + 'static,
{
    PossibleValuesParser::new(all.iter().map(|v| name(*v))).try_map(move |text: String| {
        all.iter()
            .copied()
            .find(|v| name(*v) == text)
            .ok_or_else(|| format!("{text:?} is not one of the choices"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_zones_say_what_form_to_use() {
        assert_eq!(date("2026-11-20").unwrap().to_string(), "2026-11-20");
        assert!(date("20/11/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert!(date("2026-02-30").is_err());
        assert_eq!(time("09:30").unwrap().to_string(), "09:30:00");
        assert!(time("9.30am").unwrap_err().contains("HH:MM"));
        assert_eq!(
            time_zone("America/Chicago").unwrap(),
            chrono_tz::America::Chicago
        );
        assert!(time_zone("EST5").unwrap_err().contains("IANA"));
        assert!(id("not-an-id").unwrap_err().contains("32 lowercase hex"));
        assert!(short_text("a\nb").is_err());
    }
}
