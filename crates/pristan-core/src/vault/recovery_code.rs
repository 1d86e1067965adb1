//! The recovery code: a random secret shown once, to be written on paper, that can reopen the
//! vault when the passphrase is forgotten.
//!
//! 24 random symbols of Crockford's base32 (120 bits) and one check symbol, in five groups of five:
//! `7KQ2M-XD4RT-...`. Crockford's alphabet has no I, L, O or U, and reading accepts the look-alikes
//! (o→0, i/l→1), lower case, spaces and missing dashes, so a code copied by hand still works. The
//! check symbol catches a mistyped symbol at once, before the slow key derivation runs.

use std::fmt;

use rand::Rng;
use secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_SYMBOLS: usize = 24;
const GROUP: usize = 5;

/// A recovery code. Its `Display` is the grouped form to show the user once.
pub struct RecoveryCode {
    /// The 24 random symbols, normalised: the secret fed to the key derivation.
    symbols: Zeroizing<String>,
}

impl RecoveryCode {
    pub(crate) fn generate() -> RecoveryCode {
        let mut rng = rand::rng();
        let symbols: String = (0..RANDOM_SYMBOLS)
            .map(|_| ALPHABET[rng.random_range(0..32)] as char)
            .collect();
        RecoveryCode {
            symbols: Zeroizing::new(symbols),
        }
    }

    /// Reads a code as a person typed it.
    pub fn parse(typed: &SecretString) -> Result<RecoveryCode> {
        let mut values = Zeroizing::new(Vec::with_capacity(RANDOM_SYMBOLS + 1));
        for c in typed.expose_secret().chars() {
            if c == '-' || c.is_whitespace() {
                continue;
            }
            let value = symbol_value(c).ok_or(Error::MalformedRecoveryCode {
                reason: "it contains a character that is not in recovery codes",
            })?;
            values.push(value);
        }
        if values.len() != RANDOM_SYMBOLS + 1 {
            return Err(Error::MalformedRecoveryCode {
                reason: "it should have 25 letters and digits, in five groups of five",
            });
        }
        let (body, check) = values.split_at(RANDOM_SYMBOLS);
        if check_value(body) != check[0] {
            return Err(Error::MalformedRecoveryCode {
                reason: "a letter or digit is mistyped; compare each group with your paper copy",
            });
        }
        let symbols = body.iter().map(|&v| ALPHABET[v as usize] as char).collect();
        Ok(RecoveryCode {
            symbols: Zeroizing::new(symbols),
        })
    }

    pub(crate) fn secret_bytes(&self) -> &[u8] {
        self.symbols.as_bytes()
    }

    /// The grouped form, for showing once. Kept secret by the caller.
    pub fn to_secret_string(&self) -> SecretString {
        SecretString::from(self.to_string())
    }
}

impl fmt::Display for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: Vec<u8> = self
            .symbols
            .bytes()
            .filter_map(|b| symbol_value(b as char))
            .collect();
        let mut all = Zeroizing::new(self.symbols.to_string());
        all.push(ALPHABET[check_value(&values) as usize] as char);
        for (i, c) in all.chars().enumerate() {
            if i > 0 && i % GROUP == 0 {
                f.write_str("-")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for RecoveryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryCode(<redacted>)")
    }
}

fn symbol_value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u8)
}

/// A weighted sum, so that both a wrong symbol and two swapped neighbours change it.
fn check_value(values: &[u8]) -> u8 {
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u32 + 1) * u32::from(v))
        .sum();
    (sum % 31) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RecoveryCode> {
        RecoveryCode::parse(&SecretString::from(text.to_owned()))
    }

    #[test]
    fn a_generated_code_reads_back_however_it_is_typed() {
        let code = RecoveryCode::generate();
        let shown = code.to_string();
        assert_eq!(shown.len(), 29, "25 symbols and 4 dashes: {shown}");
        let variants = [
            shown.clone(),
            shown.to_lowercase(),
            shown.replace('-', ""),
            shown.replace('-', " "),
            shown.replace('0', "o").replace('1', "l"),
        ];
        for typed in variants {
            let read = parse(&typed).unwrap_or_else(|e| panic!("{typed}: {e}"));
            assert_eq!(read.secret_bytes(), code.secret_bytes());
        }
    }

    #[test]
    fn a_mistyped_symbol_or_swap_is_caught_before_any_key_derivation() {
        let shown = RecoveryCode::generate().to_string();
        let mut chars: Vec<char> = shown.chars().collect();
        let original = chars[3];
        chars[3] = if original == 'A' { 'B' } else { 'A' };
        let typo: String = chars.iter().collect();
        assert!(matches!(
            parse(&typo),
            Err(Error::MalformedRecoveryCode { .. })
        ));

        let mut chars: Vec<char> = shown.chars().collect();
        // Values 0 and 31 are equal modulo 31, the one swap the check cannot see.
        let v = |c: char| symbol_value(c).unwrap() % 31;
        if v(chars[0]) != v(chars[1]) {
            chars.swap(0, 1);
            let swapped: String = chars.iter().collect();
            assert!(matches!(
                parse(&swapped),
                Err(Error::MalformedRecoveryCode { .. })
            ));
        }
    }

    #[test]
    fn wrong_length_and_foreign_characters_are_refused_with_a_reason() {
        for bad in [
            "",
            "ABCDE",
            "ABCDE-ABCDE-ABCDE-ABCDE-ABCDE-A",
            "ABCDE-ABCDE-ABCDE-ABCDE-ABCD!",
            "ЖЖЖЖЖ",
        ] {
            let err = parse(bad).expect_err(bad);
            assert!(
                matches!(err, Error::MalformedRecoveryCode { .. }),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn debug_output_does_not_reveal_the_code() {
        let code = RecoveryCode::generate();
        assert_eq!(format!("{code:?}"), "RecoveryCode(<redacted>)");
    }
}
