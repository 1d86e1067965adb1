//! The English and Russian interface texts have exactly the same messages, and each parses.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast::Entry;
use fluent_syntax::parser;

const FILES: [&str; 6] = [
    "main.ftl",
    "cases.ftl",
    "visits.ftl",
    "visit-guide.ftl",
    "sync.ftl",
    "forks.ftl",
];

fn message_ids(lang: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for file in FILES {
        for id in file_message_ids(lang, file) {
            assert!(
                ids.insert(id.clone()),
                "{lang}: message {id} is defined twice"
            );
        }
    }
    ids
}

fn file_message_ids(lang: &str, file: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("assets/locales/{lang}/{file}"));
    let source = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let resource = parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(m) => Some(m.id.name.to_string()),
            Entry::Term(t) => Some(format!("-{}", t.id.name)),
            _ => None,
        })
        .collect()
}

#[test]
fn english_and_russian_have_the_same_messages() {
    let en = message_ids("en");
    let ru = message_ids("ru");
    assert!(en.len() > 50, "suspiciously few messages: {}", en.len());
    let only_en: Vec<_> = en.difference(&ru).collect();
    let only_ru: Vec<_> = ru.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_ru.is_empty(),
        "only in en: {only_en:?}; only in ru: {only_ru:?}"
    );
}
