//! The A-number (Alien Registration Number): parsed and normalised once, then shown one way.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid A-number: 9 digits, an older 8-digit number zero-padded (EOIR Immigration Court
/// Practice Manual ch. 1.6), never all zeros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ANumber(u32);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ANumberError {
    #[error("no A-number was entered: type the 8 or 9 digits from the person's papers")]
    Empty,

    #[error(
        "found {found} digits, but an A-number has 8 or 9 digits: check it against the \
         person's papers"
    )]
    WrongDigitCount { found: usize },

    #[error(
        "unexpected letter {letter:?}: an A-number is 8 or 9 digits, with at most an A before \
         them"
    )]
    Letter { letter: char },

    #[error(
        "unexpected character {character:?}: type only digits, with spaces or dashes between \
         them if you like"
    )]
    OtherCharacter { character: char },

    #[error("an A-number cannot be all zeros: check it against the person's papers")]
    AllZeros,
}

impl ANumber {
    /// Reads an A-number however it is commonly written: `A123456789`, `a-123-456-789`,
    /// `A 123 456 789`, `A# 123456789`, `12345678` (taken as `012345678`).
    pub fn parse(text: &str) -> Result<ANumber, ANumberError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ANumberError::Empty);
        }
        let rest = strip_prefix(text);
        let mut value: u32 = 0;
        let mut found = 0usize;
        for c in rest.chars() {
            // `to_digit` takes only ASCII digits, so digits of other scripts fall through to the
            // error below.
            if let Some(digit) = c.to_digit(10) {
                found += 1;
                // Past nine digits the number is wrong anyway; stop accumulating so it cannot
                // overflow, but keep counting to say how many were typed.
                if found <= 9 {
                    value = value * 10 + digit;
                }
            } else if c.is_whitespace() || is_dash(c) {
                continue;
            } else if c.is_alphabetic() {
                return Err(ANumberError::Letter { letter: c });
            } else {
                return Err(ANumberError::OtherCharacter { character: c });
            }
        }
        if !(8..=9).contains(&found) {
            return Err(ANumberError::WrongDigitCount { found });
        }
        if value == 0 {
            return Err(ANumberError::AllZeros);
        }
        Ok(ANumber(value))
    }

    /// The canonical nine digits, zero-padded (`"012345678"`), as stored and searched.
    pub fn digits(self) -> String {
        format!("{:09}", self.0)
    }
}

/// Removes a leading A and the `#` often written after it (`A# 123-456-789`). The Cyrillic А
/// looks the same and is what a Russian keyboard layout types, so it is accepted too.
fn strip_prefix(text: &str) -> &str {
    match text.strip_prefix(['A', 'a', '\u{0410}', '\u{0430}']) {
        Some(rest) => rest.trim_start().strip_prefix('#').unwrap_or(rest),
        None => text,
    }
}

/// The hyphen and the dashes that word processors and PDFs substitute for it.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

impl fmt::Display for ANumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        write!(
            f,
            "A-{:03}-{:03}-{:03}",
            n / 1_000_000,
            n / 1_000 % 1_000,
            n % 1_000
        )
    }
}

impl FromStr for ANumber {
    type Err = ANumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ANumber::parse(text)
    }
}

impl Serialize for ANumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.digits())
    }
}

impl<'de> Deserialize<'de> for ANumber {
    // Through `parse`, so a stored or imported value is validated like a typed one.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ANumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ANumberError::*;

    /// (typed, canonical digits or the error).
    const CASES: &[(&str, Result<&str, ANumberError>)] = &[
        ("A123456789", Ok("123456789")),
        ("a-123-456-789", Ok("123456789")),
        ("A 123 456 789", Ok("123456789")),
        ("123456789", Ok("123456789")),
        ("12345678", Ok("012345678")),
        ("A-012-345-678", Ok("012345678")),
        ("012345678", Ok("012345678")),
        ("  A123456789\t\n", Ok("123456789")),
        ("A12345678", Ok("012345678")),
        ("A-12-345-678", Ok("012345678")),
        ("A# 123-456-789", Ok("123456789")),
        ("A#123456789", Ok("123456789")),
        // Pasted from a PDF: an en dash and a no-break space.
        ("A\u{2013}123\u{00A0}456\u{2013}789", Ok("123456789")),
        // A Cyrillic А from a Russian keyboard layout.
        ("\u{0410}123456789", Ok("123456789")),
        ("000000001", Ok("000000001")),
        ("", Err(Empty)),
        ("   ", Err(Empty)),
        ("A", Err(WrongDigitCount { found: 0 })),
        ("A-", Err(WrongDigitCount { found: 0 })),
        ("1234567", Err(WrongDigitCount { found: 7 })),
        ("A1234567890", Err(WrongDigitCount { found: 10 })),
        ("12345678901234567890", Err(WrongDigitCount { found: 20 })),
        ("B123456789", Err(Letter { letter: 'B' })),
        ("AA123456789", Err(Letter { letter: 'A' })),
        ("123A456789", Err(Letter { letter: 'A' })),
        // The letter O typed for a zero.
        ("A-O12-345-678", Err(Letter { letter: 'O' })),
        ("A 123.456.789", Err(OtherCharacter { character: '.' })),
        ("#123456789", Err(OtherCharacter { character: '#' })),
        ("A123_456_789", Err(OtherCharacter { character: '_' })),
        // Digits from other scripts are not A-number digits.
        (
            "\u{0661}23456789",
            Err(OtherCharacter {
                character: '\u{0661}',
            }),
        ),
        ("000000000", Err(AllZeros)),
        ("A-00-000-000", Err(AllZeros)),
    ];

    fn check(typed: &str, expected: Result<&str, ANumberError>) {
        let parsed = ANumber::parse(typed);
        let canonical = parsed.map(ANumber::digits);
        assert_eq!(canonical.as_deref().map_err(|e| *e), expected, "{typed:?}");
        let Ok(number) = parsed else { return };
        let digits = number.digits();
        let shown = number.to_string();
        assert_eq!(
            shown,
            format!("A-{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..])
        );
        // What Pristan shows and what it stores both read back as the same number.
        assert_eq!(ANumber::parse(&shown), Ok(number), "{shown}");
        let json = serde_json::to_string(&number).expect("serialises");
        assert_eq!(json, format!("\"{digits}\""));
        assert_eq!(
            serde_json::from_str::<ANumber>(&json).ok(),
            Some(number),
            "{json}"
        );
    }

    #[test]
    fn a_numbers_are_read_however_they_are_written() {
        for &(typed, expected) in CASES {
            check(typed, expected);
        }
    }

    #[test]
    fn an_invalid_stored_a_number_is_refused_with_the_parse_message() {
        let err = serde_json::from_str::<ANumber>("\"1234567\"").expect_err("seven digits");
        assert!(err.to_string().starts_with("found 7 digits"), "{err}");
    }

    #[test]
    fn error_messages_are_lowercase_without_a_final_period() {
        let errors = [
            Empty,
            WrongDigitCount { found: 7 },
            Letter { letter: 'B' },
            AllZeros,
        ];
        for message in errors.iter().map(ToString::to_string) {
            assert!(message.starts_with(|c: char| c.is_lowercase()), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }
}
