//! Card passphrases: whole words from a fixed list, read aloud over the phone and typed on a
//! library computer, and the normalisation both sides apply before the passphrase reaches scrypt.

use rand::Rng;
use secrecy::{ExposeSecret, SecretString};
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

const EFF_LARGE: &str = include_str!("../../../assets/wordlists/eff-large.txt");
const RU_2048: &str = include_str!("../../../assets/wordlists/ru-2048.txt");

/// Which words a passphrase is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordList {
    /// The EFF large list, 7,776 words: six give 77.5 bits.
    English,
    /// Pristan's Russian list, 2,048 phone-safe nouns: seven give 77 bits.
    Russian,
}

impl WordList {
    /// The list's words, in file order.
    pub fn words(self) -> Vec<&'static str> {
        let text = match self {
            WordList::English => EFF_LARGE,
            WordList::Russian => RU_2048,
        };
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }

    /// How many words a passphrase from this list has.
    pub fn passphrase_words(self) -> usize {
        match self {
            WordList::English => 6,
            WordList::Russian => 7,
        }
    }

    /// The passphrase's strength in bits: words × log2(list size).
    pub fn bits(self) -> f64 {
        self.passphrase_words() as f64 * (self.words().len() as f64).log2()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            WordList::English => "en",
            WordList::Russian => "ru",
        }
    }

    pub fn parse(text: &str) -> Option<WordList> {
        match text {
            "en" => Some(WordList::English),
            "ru" => Some(WordList::Russian),
            _ => None,
        }
    }
}

/// A card's passphrase, normalised. Wiped from memory when dropped.
pub struct CardPassphrase(SecretString);

impl CardPassphrase {
    /// New random words from `list`, drawn with the operating system's CSPRNG-seeded generator
    /// (`rand::rng()`, ChaCha reseeded from the OS), separated by single spaces.
    pub fn generate(list: WordList) -> CardPassphrase {
        let words = list.words();
        let mut rng = rand::rng();
        let mut text = Zeroizing::new(String::new());
        for i in 0..list.passphrase_words() {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(words[rng.random_range(0..words.len())]);
        }
        CardPassphrase(SecretString::from(text.as_str().to_owned()))
    }

    /// What a person typed (or a stored passphrase), normalised as the card was sealed.
    pub fn from_typed(typed: &str) -> CardPassphrase {
        CardPassphrase(SecretString::from(normalise(typed).as_str().to_owned()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.expose_secret().is_empty()
    }

    /// The normalised text: what scrypt receives, and what the coordinator reads aloud.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub(crate) fn secret(&self) -> SecretString {
        SecretString::from(self.0.expose_secret().to_owned())
    }
}

/// The one spelling of a passphrase: Unicode NFC, lower case, words separated by one space, no
/// space at either end. Applied when sealing and when opening, so "Лампа  КОТ " opens a card
/// sealed with "лампа кот". (`rage` compares bytes: typed into rage, the words must be typed as
/// printed.)
pub fn normalise(text: &str) -> Zeroizing<String> {
    let composed: Zeroizing<String> = Zeroizing::new(text.nfc().collect());
    let lower = Zeroizing::new(composed.to_lowercase());
    let mut out = Zeroizing::new(String::with_capacity(lower.len()));
    for word in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.nfc());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_folds_case_spaces_and_composition() {
        assert_eq!(normalise("  Лампа   КОТ\tдом ").as_str(), "лампа кот дом");
        // "й" typed as и + combining breve composes to the one letter.
        assert_eq!(normalise("чаи\u{306}").as_str(), "чай");
        assert_eq!(normalise("CAFE\u{301}").as_str(), "caf\u{e9}");
        assert_eq!(normalise(" \n ").as_str(), "");
    }

    #[test]
    fn generated_passphrases_are_words_from_the_list_already_normalised() {
        for list in [WordList::English, WordList::Russian] {
            let words = list.words();
            let a = CardPassphrase::generate(list);
            let b = CardPassphrase::generate(list);
            assert_ne!(a.expose(), b.expose(), "two draws differ");
            let drawn: Vec<&str> = a.expose().split(' ').collect();
            assert_eq!(drawn.len(), list.passphrase_words());
            assert!(drawn.iter().all(|w| words.contains(w)), "{}", a.expose());
            assert_eq!(normalise(a.expose()).as_str(), a.expose());
            assert!(list.bits() >= 77.0, "{:?}: {} bits", list, list.bits());
        }
    }
}
