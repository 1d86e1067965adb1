//! The words around a search match, made in Rust rather than with FTS5's `snippet()`: the text
//! then lives only in Rust strings, which the wiping allocator (`crate::memory`) clears when they
//! are freed. FTS5's snippet left a fragment of the matching note in freed memory after the vault
//! was locked (found by `tests/memory_after_lock.rs`).

/// How many words a snippet shows, as `snippet(…, 12)` did.
const WORDS: usize = 12;

/// The words of `text` around the first word that starts with one of the query's terms (the
/// quoted words of an FTS5 query as `fts_query` writes it), with `…` where text was left out.
pub(super) fn snippet(text: &str, query: &str) -> String {
    let terms: Vec<String> = query
        .split('"')
        .skip(1)
        .step_by(2)
        .map(fold)
        .filter(|t| !t.is_empty())
        .collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    let hit = words
        .iter()
        .position(|w| {
            let word = fold(w.trim_start_matches(|c: char| !c.is_alphanumeric()));
            terms.iter().any(|t| word.starts_with(t.as_str()))
        })
        .unwrap_or(0);
    let start = hit
        .saturating_sub(WORDS / 3)
        .min(words.len().saturating_sub(WORDS));
    let end = (start + WORDS).min(words.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.push_str(&words[start..end].join(" "));
    if end < words.len() {
        out.push('…');
    }
    out
}

/// Lower case, with ё as е, as the index folds them.
fn fold(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn the_snippet_shows_the_words_around_the_first_match() {
        let text = "one two three four five six seven eight nine ten eleven twelve Тонометр fourteen fifteen";
        let got = snippet(text, "\"тонометр\"*");
        assert!(got.contains("Тонометр"), "{got}");
        assert!(got.starts_with('…'), "{got}");
        assert_eq!(snippet("short note", "\"x\"*"), "short note");
        assert_eq!(snippet("", "\"x\"*"), "");
    }
}
