//! How strong a new passphrase is, and whether Pristan accepts it.

use secrecy::{ExposeSecret, SecretString};
use zxcvbn::feedback::Suggestion;
use zxcvbn::Score;

use crate::error::{Error, Result};

/// Shorter passphrases are refused whatever their score.
pub const MIN_CHARS: usize = 12;
/// zxcvbn's cost grows quickly with length; beyond this the rest adds strength anyway.
const SCORED_CHARS: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    TooShort,
    UseMoreWords,
    AvoidCommonWords,
    AvoidRepeats,
    AvoidSequences,
    AvoidPersonalInfo,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strength {
    /// 0 (guessed at once) to 4 (very hard to guess).
    pub score: u8,
    pub acceptable: bool,
    pub hints: Vec<Hint>,
}

pub fn rate(passphrase: &SecretString) -> Strength {
    let text = passphrase.expose_secret();
    let scored: String = text.chars().take(SCORED_CHARS).collect();
    let entropy = zxcvbn::zxcvbn(&scored, &["pristan", "пристань"]);
    let score = match entropy.score() {
        Score::Zero => 0,
        Score::One => 1,
        Score::Two => 2,
        Score::Three => 3,
        _ => 4,
    };
    let long_enough = text.chars().count() >= MIN_CHARS;
    let mut hints = Vec::new();
    if !long_enough {
        hints.push(Hint::TooShort);
    }
    if let Some(feedback) = entropy.feedback() {
        for suggestion in feedback.suggestions() {
            let hint = match suggestion {
                Suggestion::AvoidRepeatedWordsAndCharacters => Hint::AvoidRepeats,
                Suggestion::AvoidSequences => Hint::AvoidSequences,
                Suggestion::AvoidRecentYears
                | Suggestion::AvoidYearsThatAreAssociatedWithYou
                | Suggestion::AvoidDatesAndYearsThatAreAssociatedWithYou => Hint::AvoidPersonalInfo,
                Suggestion::UseAFewWordsAvoidCommonPhrases | Suggestion::AddAnotherWordOrTwo => {
                    Hint::UseMoreWords
                }
                _ => Hint::AvoidCommonWords,
            };
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
    }
    let acceptable = long_enough && score >= 3;
    if !acceptable && hints.is_empty() {
        hints.push(Hint::UseMoreWords);
    }
    Strength {
        score,
        acceptable,
        hints,
    }
}

pub(crate) fn check_acceptable(passphrase: &SecretString) -> Result<()> {
    if rate(passphrase).acceptable {
        Ok(())
    } else {
        Err(Error::WeakPassphrase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(text: &str) -> Strength {
        rate(&SecretString::from(text.to_owned()))
    }

    #[test]
    fn short_and_common_passphrases_are_refused_with_hints() {
        for weak in [
            "",
            "password",
            "password1234",
            "qwertyuiop12",
            "aaaaaaaaaaaaaaa",
        ] {
            let s = rated(weak);
            assert!(!s.acceptable, "{weak} must be refused");
            assert!(!s.hints.is_empty(), "{weak} needs advice");
        }
        assert!(rated("Kx9#").hints.contains(&Hint::TooShort));
    }

    #[test]
    fn random_word_passphrases_are_accepted_in_either_script() {
        for strong in [
            "maple orbit candle sixty harbor",
            "клён орбита свеча шестьдесят гавань",
        ] {
            let s = rated(strong);
            assert!(s.acceptable, "{strong}: {s:?}");
            assert!(s.score >= 3);
        }
    }
}
