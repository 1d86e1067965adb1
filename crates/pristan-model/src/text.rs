//! Text fields with their limits checked when they are made and when they are read from JSON.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("this is {found} characters long; shorten it to at most {max}")]
    TooLong { found: usize, max: usize },
    #[error("this contains a line break or a control character; keep it on one line")]
    ControlCharacter,
}

/// One line of at most 200 characters (names, places, titles), trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ShortText(String);

/// Free text of at most 100,000 characters, line breaks and tabs allowed (notes, summaries).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct LongText(String);

impl ShortText {
    pub const MAX_CHARS: usize = 200;

    pub fn new(text: &str) -> Result<ShortText, TextError> {
        let text = text.trim();
        check_length(text, Self::MAX_CHARS)?;
        if text.chars().any(char::is_control) {
            return Err(TextError::ControlCharacter);
        }
        Ok(ShortText(text.to_owned()))
    }
}

impl LongText {
    pub const MAX_CHARS: usize = 100_000;

    /// Keeps the text as typed, except for whitespace at its very start and end.
    pub fn new(text: &str) -> Result<LongText, TextError> {
        let text = text.trim();
        check_length(text, Self::MAX_CHARS)?;
        if text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(TextError::ControlCharacter);
        }
        Ok(LongText(text.to_owned()))
    }
}

fn check_length(text: &str, max: usize) -> Result<(), TextError> {
    let found = text.chars().count();
    if found > max {
        return Err(TextError::TooLong { found, max });
    }
    Ok(())
}

macro_rules! text_common {
    ($name:ident) => {
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                $name::new(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_common!(ShortText);
text_common!(LongText);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_trimmed_and_bounded() {
        assert_eq!(ShortText::new("  Иван  ").unwrap().as_str(), "Иван");
        assert_eq!(
            ShortText::new(&"я".repeat(200))
                .unwrap()
                .as_str()
                .chars()
                .count(),
            200
        );
        assert_eq!(
            ShortText::new(&"я".repeat(201)),
            Err(TextError::TooLong {
                found: 201,
                max: 200
            })
        );
        assert_eq!(ShortText::new("a\nb"), Err(TextError::ControlCharacter));
    }

    #[test]
    fn long_text_keeps_line_breaks_but_not_other_controls() {
        assert_eq!(
            LongText::new("one\ntwo\tthree\n").unwrap().as_str(),
            "one\ntwo\tthree"
        );
        assert_eq!(LongText::new("bell\u{7}"), Err(TextError::ControlCharacter));
    }

    #[test]
    fn json_with_invalid_text_is_refused() {
        assert!(serde_json::from_str::<ShortText>("\"a\\u0000b\"").is_err());
        assert_eq!(
            serde_json::from_str::<ShortText>("\" ok \"")
                .unwrap()
                .as_str(),
            "ok"
        );
    }
}
