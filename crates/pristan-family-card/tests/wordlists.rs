//! The word lists' rules (assets/wordlists/README.md), checked again on every run so a later
//! edit of a list cannot quietly break them.

use std::collections::{HashMap, HashSet};

use pristan_family_card::WordList;

#[test]
fn the_english_list_is_the_eff_large_list() {
    let words = WordList::English.words();
    assert_eq!(words.len(), 7_776);
    assert_eq!(words.iter().collect::<HashSet<_>>().len(), 7_776, "unique");
    assert_eq!(words.first(), Some(&"abacus"));
    assert!(words
        .iter()
        .all(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
}

#[test]
fn the_russian_list_has_2048_unique_words_of_plain_lower_case_letters() {
    let words = WordList::Russian.words();
    assert_eq!(words.len(), 2_048);
    assert_eq!(words.iter().collect::<HashSet<_>>().len(), 2_048, "unique");
    for word in &words {
        let letters = word.chars().count();
        assert!((3..=10).contains(&letters), "{word}: {letters} letters");
        assert!(
            word.chars().all(|c| ('а'..='я').contains(&c)),
            "{word}: only а–я"
        );
        assert!(!word.contains('ё') && !word.contains('ъ'), "{word}");
    }
}

/// The sound-alike key of the README: ь dropped; akanye (о→а), е/я→и, ы/й→и; final devoicing and
/// devoicing before a voiceless consonant (б/п, в/ф, г/к, д/т, ж/ш, з/с); doubled letters once.
fn sound_key(word: &str) -> String {
    let vowels: Vec<char> = word
        .chars()
        .filter(|&c| c != 'ь')
        .map(|c| match c {
            'о' => 'а',
            'е' | 'я' | 'ы' | 'й' => 'и',
            other => other,
        })
        .collect();
    const VOICELESS: &str = "пфктшсхцчщ";
    let devoice = |c: char| match c {
        'б' => 'п',
        'в' => 'ф',
        'г' => 'к',
        'д' => 'т',
        'ж' => 'ш',
        'з' => 'с',
        other => other,
    };
    let mut out = vowels.clone();
    // From the end, so a cluster devoices as a whole ("вдк" → "фтк").
    for i in (0..out.len()).rev() {
        let next_voiceless = out.get(i + 1).is_none_or(|n| VOICELESS.contains(*n));
        if next_voiceless {
            out[i] = devoice(out[i]);
        }
    }
    out.dedup();
    out.into_iter().collect()
}

#[test]
fn the_sound_alike_key_matches_the_readmes_examples() {
    for (a, b) in [
        ("луг", "лук"),
        ("код", "кот"),
        ("плод", "плот"),
        ("пруд", "прут"),
        ("род", "рот"),
        ("стол", "сталь"),
        ("мишка", "мышка"),
        ("матрас", "матрос"),
    ] {
        assert_eq!(sound_key(a), sound_key(b), "{a}/{b}");
    }
    assert_ne!(sound_key("кот"), sound_key("кит"));
}

#[test]
fn the_russian_list_has_no_sound_alike_pair() {
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut pairs = Vec::new();
    for word in WordList::Russian.words() {
        if let Some(other) = seen.insert(sound_key(word), word) {
            pairs.push(format!("{other}/{word}"));
        }
    }
    assert!(pairs.is_empty(), "sound-alike pairs: {pairs:?}");
}

#[test]
fn no_russian_word_is_another_plus_one_or_two_letters() {
    let words = WordList::Russian.words();
    let set: HashSet<&str> = words.iter().copied().collect();
    let mut found = Vec::new();
    for word in &words {
        for other in &set {
            let extra = other.chars().count() as isize - word.chars().count() as isize;
            if (1..=2).contains(&extra) && other.starts_with(word) {
                found.push(format!("{word}/{other}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:?}");
}
