//! Family status cards on the relay (docs/family-card.md, "Fetching by card code"): the short
//! **card code** a family types, and the **lookup** the relay files the card under.
//!
//! A code is 12 symbols of Crockford's base32 (`0-9`, `A-Z` without `I L O U`), shown in three
//! groups of four (`K7QM-4TXD-PA9R`): 11 random symbols (55 bits) and a check symbol, so a
//! mistyped code is caught on the family's computer before anything is asked of the relay.
//! Reading it back forgives what a bad phone line or a tired hand does: case, spaces, dashes,
//! `O` for `0`, `I` or `L` for `1`.
//!
//! The relay never sees the code: the family's computer sends
//! `hex(SHA-256("pristan-card-lookup-v1\n" || code))`, the 12 symbols in upper case.

use std::fmt;

use sha2::{Digest, Sha256};

/// The 32 symbols, in value order.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LOOKUP_DOMAIN: &[u8] = b"pristan-card-lookup-v1\n";
const CHECK_DOMAIN: &[u8] = b"pristan-card-code-check-v1\n";
/// Random symbols in a code (5 bits each: 55 bits).
pub const CODE_RANDOM_SYMBOLS: usize = 11;
/// Symbols in a code, the check symbol included.
pub const CODE_SYMBOLS: usize = CODE_RANDOM_SYMBOLS + 1;
/// The largest card the relay keeps or a family's computer reads (the card file's own cap).
pub const MAX_CARD_BYTES: usize = 64 * 1024;
/// Every card is an ASCII-armoured age file: the relay refuses anything else.
pub const CARD_ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// A card code, in its one spelling (12 upper-case symbols, no dashes).
#[derive(Clone, PartialEq, Eq)]
pub struct CardCode(String);

/// Why typed text is not a card code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardCodeError {
    /// Not 12 symbols once spaces and dashes are left out.
    WrongLength,
    /// A character that is in no code (such as `U`, or punctuation).
    NotASymbol,
    /// The check symbol does not match: a symbol was misheard or mistyped.
    Mistyped,
}

impl fmt::Display for CardCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CardCodeError::WrongLength => {
                "a card code has 12 letters and digits (like K7QM-4TXD-PA9R)"
            }
            CardCodeError::NotASymbol => "a card code has only letters and digits",
            CardCodeError::Mistyped => {
                "this card code has a mistake in it: check each letter and digit"
            }
        })
    }
}

impl std::error::Error for CardCodeError {}

impl CardCode {
    /// A code from 11 random symbols drawn by the caller (`random` holds at least 55 bits: each
    /// byte's low five bits make one symbol, so the bytes must come from a CSPRNG).
    pub fn from_random(random: [u8; CODE_RANDOM_SYMBOLS]) -> CardCode {
        let mut symbols: Vec<u8> = random.iter().map(|b| ALPHABET[(b & 31) as usize]).collect();
        symbols.push(check_symbol(&symbols));
        CardCode(String::from_utf8(symbols).unwrap_or_default())
    }

    /// Reads what a person typed or heard.
    pub fn parse(text: &str) -> Result<CardCode, CardCodeError> {
        let mut symbols = Vec::with_capacity(CODE_SYMBOLS);
        for c in text.chars() {
            if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—' | '.') {
                continue;
            }
            let symbol = match c.to_ascii_uppercase() {
                'O' => b'0',
                'I' | 'L' => b'1',
                c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c as u8,
                _ => return Err(CardCodeError::NotASymbol),
            };
            if symbols.len() == CODE_SYMBOLS {
                return Err(CardCodeError::WrongLength);
            }
            symbols.push(symbol);
        }
        if symbols.len() != CODE_SYMBOLS {
            return Err(CardCodeError::WrongLength);
        }
        if check_symbol(&symbols[..CODE_RANDOM_SYMBOLS]) != symbols[CODE_RANDOM_SYMBOLS] {
            return Err(CardCodeError::Mistyped);
        }
        Ok(CardCode(String::from_utf8(symbols).unwrap_or_default()))
    }

    /// The 12 symbols without dashes (what is hashed).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `K7QM-4TXD-PA9R`: how the code is shown and printed.
    pub fn grouped(&self) -> String {
        let s = &self.0;
        format!("{}-{}-{}", &s[0..4], &s[4..8], &s[8..12])
    }

    /// What the relay files the card under: 64 lowercase hex digits.
    pub fn lookup(&self) -> String {
        hex::encode(
            Sha256::new()
                .chain_update(LOOKUP_DOMAIN)
                .chain_update(self.0.as_bytes())
                .finalize(),
        )
    }
}

// A code lets anyone fetch the card's ciphertext: `{:?}` must not print it whole into a log.
impl fmt::Debug for CardCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardCode({}…)", &self.0[..2])
    }
}

fn check_symbol(symbols: &[u8]) -> u8 {
    let digest = Sha256::new()
        .chain_update(CHECK_DOMAIN)
        .chain_update(symbols)
        .finalize();
    ALPHABET[(digest[0] & 31) as usize]
}

/// Whether `bytes` look like a card: an ASCII-armoured age file within the size cap.
pub fn looks_like_card(bytes: &[u8]) -> bool {
    bytes.len() <= MAX_CARD_BYTES && bytes.trim_ascii_start().starts_with(CARD_ARMOR_BEGIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> CardCode {
        CardCode::from_random([3, 200, 17, 9, 31, 0, 64, 99, 5, 250, 128])
    }

    #[test]
    fn a_code_reads_back_however_it_was_typed() {
        let code = code();
        let grouped = code.grouped();
        assert_eq!(grouped.len(), 14);
        assert_eq!(CardCode::parse(&grouped).unwrap(), code);
        assert_eq!(CardCode::parse(&grouped.to_lowercase()).unwrap(), code);
        let spaced = format!("  {}  {} ", &grouped[..7], &grouped[7..]);
        assert_eq!(CardCode::parse(&spaced).unwrap(), code);
        // O for 0, I and L for 1.
        let misread = code.as_str().replace('0', "O").replace('1', "l");
        assert_eq!(CardCode::parse(&misread).unwrap(), code);
        assert_eq!(code.lookup(), CardCode::parse(&grouped).unwrap().lookup());
        assert_eq!(code.lookup().len(), 64);
        assert!(!format!("{code:?}").contains(code.as_str()));
    }

    #[test]
    fn a_changed_symbol_is_caught_by_the_check_symbol() {
        let code = code();
        let mut caught = 0;
        let mut tried = 0;
        for at in 0..CODE_SYMBOLS {
            for &other in ALPHABET.iter() {
                let mut symbols = code.as_str().as_bytes().to_vec();
                if symbols[at] == other {
                    continue;
                }
                symbols[at] = other;
                tried += 1;
                if CardCode::parse(std::str::from_utf8(&symbols).unwrap())
                    == Err(CardCodeError::Mistyped)
                {
                    caught += 1;
                }
            }
        }
        // A 5-bit check misses one change in 32 at most.
        assert!(caught * 32 >= tried * 29, "{caught} of {tried}");
    }

    #[test]
    fn what_is_not_a_code_is_refused_plainly() {
        assert_eq!(CardCode::parse(""), Err(CardCodeError::WrongLength));
        assert_eq!(
            CardCode::parse("K7QM-4TXD-PA9"),
            Err(CardCodeError::WrongLength)
        );
        assert_eq!(
            CardCode::parse("K7QM-4TXD-PA9RR"),
            Err(CardCodeError::WrongLength)
        );
        assert_eq!(
            CardCode::parse("K7QM-4TXD-PAUR"),
            Err(CardCodeError::NotASymbol)
        );
        assert_eq!(
            CardCode::parse("К7QM-4TXD-PA9R"),
            Err(CardCodeError::NotASymbol)
        );
    }

    #[test]
    fn a_lookup_is_the_documented_hash_and_never_the_code() {
        let code = code();
        let expected = hex::encode(Sha256::digest(
            format!("pristan-card-lookup-v1\n{}", code.as_str()).as_bytes(),
        ));
        assert_eq!(code.lookup(), expected);
        assert!(!code.lookup().contains(&code.as_str().to_lowercase()));
    }

    #[test]
    fn only_armoured_age_files_look_like_cards() {
        assert!(looks_like_card(
            b"-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n"
        ));
        assert!(!looks_like_card(b"age-encryption.org/v1\n"));
        let mut big = CARD_ARMOR_BEGIN.to_vec();
        big.resize(MAX_CARD_BYTES + 1, b'A');
        assert!(!looks_like_card(&big));
    }
}
