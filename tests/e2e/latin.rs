//! Finding English in Russian text: every Latin-script word that is not on the allow-list of
//! docs/glossary.md (citations, form names, A-numbers, agency abbreviations, the product's name,
//! the English legal terms given in parentheses) and not part of what a person typed.
//!
//! Shared by the end-to-end walk through every screen (`russian_screens`) and by the locale test,
//! which checks the Russian catalogue itself.

use std::sync::OnceLock;

use regex::Regex;

/// English terms the glossary gives in parentheses after the Russian, and citations' words.
const ALLOWED_PHRASES: &[&str] = &[
    "petition for review",
    "motion to reconsider",
    "motion to reopen",
    "master calendar hearing",
    "individual hearing",
    "bond hearing",
    "credible fear",
    "parole",
    "habeas",
    "commissary",
    "BIA Practice Manual",
];

/// Single words allowed anywhere: the product, agencies and courts by their abbreviations, and
/// the words of legal citations.
const ALLOWED_WORDS: &[&str] = &[
    "Pristan",
    "BIA",
    "ICE",
    "DHS",
    "EOIR",
    "CBP",
    "CFR",
    "USC",
    "INA",
    "FRAP",
    "IRPA",
    "ch",
    "PDF",
    // File formats and the programs a working group opens them with (the CSV's delimiter).
    "CSV",
    "Excel",
    "LibreOffice",
];

fn patterns() -> &'static [Regex] {
    static PATTERNS: OnceLock<Vec<Regex>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        [
            // Citations: 8 CFR 1003.2(b)(2), 8 USC 1252(b)(1), FRAP 26(a), ch. 4.5(a).
            r"\b\d+\s+(?:CFR|USC)\s+[\d.]+(?:\([0-9a-zA-Z]+\))*",
            r"\b(?:FRAP|INA)\s+[\d.]+(?:\([0-9a-zA-Z]+\))*",
            r"\bch\.\s*[\d.]+(?:\([0-9a-z]+\))*",
            // Form names with a hyphen (ASCII or non-breaking): G-28, EOIR-26, I-589.
            r"\b(?:G|I|EOIR)[-\u{2011}]\d+\b",
            // A-numbers and the A of «A‑номер».
            r"\bA[-\u{2011}]?(?:\d{3}[-\u{2011} ]?\d{3}[-\u{2011} ]?\d{3}|\d{8,9})\b",
            r"\bA[-\u{2011}](?i:номер|номере|номера|номеру|номером)",
            r"буква A\b",
            // The A-number's blank on the paper visit guide: "A ___–___–___".
            r"\bA\s+–",
            // Names of files and folders Pristan writes, quoted as they appear on disk.
            r"«pristan-[a-z0-9-]*[^»]*»",
            // Keys as printed on the keyboard: Ctrl+Shift+L, Ctrl+Enter.
            r"\bCtrl\+(?:Shift\+)?(?:Enter|[A-Z])\b",
            // Enter on its own, and a letter key in quotes: «j», «k» (the deadlines board).
            r"\bEnter\b",
            r"«[a-z]»",
            // US state and territory codes, as written on documents (TX, NM).
            r"\b[A-Z]{2}\b",
            // The letters of a sample date order in English (MM/DD/YYYY) never reach Russian
            // screens; an age file's "age1…" recipient is a key, not a word.
            r"\bage1[0-9a-z]+\b",
        ]
        .iter()
        .map(|p| Regex::new(p).expect("valid pattern"))
        .collect()
    })
}

fn latin_word() -> &'static Regex {
    static WORD: OnceLock<Regex> = OnceLock::new();
    WORD.get_or_init(|| Regex::new(r"[A-Za-z][A-Za-z']*").expect("valid pattern"))
}

/// The Latin-script words in `text` that are neither allowed nor inside `data` (what people
/// typed or the demo vault holds: names, facilities, notes). Longer data strings are removed
/// first, so a name inside a longer note does not leave the rest of the note behind.
pub fn foreign_words(text: &str, data: &[String]) -> Vec<String> {
    let mut text = text.to_owned();
    let mut data: Vec<&String> = data.iter().filter(|d| !d.trim().is_empty()).collect();
    data.sort_by_key(|d| std::cmp::Reverse(d.len()));
    for item in data {
        text = text.replace(item.as_str(), " ");
    }
    for phrase in ALLOWED_PHRASES {
        text = text.replace(phrase, " ");
    }
    for pattern in patterns() {
        text = pattern.replace_all(&text, " ").into_owned();
    }
    latin_word()
        .find_iter(&text)
        .map(|m| m.as_str().to_owned())
        .filter(|word| !ALLOWED_WORDS.contains(&word.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_forms_and_glossary_terms_pass_and_english_does_not() {
        let fine =
            "Правило: 8 CFR 1003.2(b)(2); 8 USC 1252(b)(1); BIA Practice Manual ch. 4.5(a). \
                    Жалоба в федеральный апелляционный суд (petition for review), форма \
                    EOIR\u{2011}26, G-28, A\u{2011}номер A\u{2011}123\u{2011}456\u{2011}789, \
                    штат TX, Pristan, по паролю (parole).";
        assert_eq!(foreign_words(fine, &[]), Vec::<String>::new());
        let bad = "Срок: 2 декабря — time counted as in ch. 3.1; Thanksgiving Day";
        assert_eq!(
            foreign_words(bad, &[]),
            ["time", "counted", "as", "in", "Thanksgiving", "Day"]
        );
        let typed = ["Larkspur Ridge Processing Center".to_owned()];
        assert!(foreign_words("Учреждение: Larkspur Ridge Processing Center", &typed).is_empty());
    }
}
