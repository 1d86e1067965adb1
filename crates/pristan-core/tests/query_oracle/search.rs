//! Search against the slow computation: the cases every query must find, computed from the
//! records themselves in Rust, and the pages of each answer (see `query_oracle.rs`).

use pristan_core::cases::{last_written, SearchHit, PAGE_SIZE};
use pristan_core::domain::Task;
use pristan_core::ops::{DeviceId, EntityId, Hlc};
use pristan_core::Vault;

const QUERIES: [&str; 15] = [
    "glass",
    "written",
    "writ",
    "note 1",
    "person",
    "pe",
    "p",
    "person 1",
    "v1",
    "v",
    "glasses",
    "очки",
    "федор",
    "socks lawyer",
    "device",
];

/// Lower case, ё as е, cut at every character that is not a letter or a digit.
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace('ё', "е")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn matches(text: &str, query: &[String]) -> bool {
    let words = words_of(text);
    query
        .iter()
        .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

fn matches_whole_words(text: &str, query: &[String]) -> bool {
    let words = words_of(text);
    query.iter().all(|q| words.contains(q))
}

/// When an entity was last written, as search ranks it: the newest operation on it, then its id.
type Written = (Hlc, DeviceId, EntityId);

fn written(vault: &Vault, entity: EntityId) -> Written {
    let (hlc, device) = last_written(vault, entity)
        .unwrap()
        .expect("every entity shown was written by an operation");
    (hlc, device, entity)
}

/// The cases a search must find, computed from the records, in the order it must give them:
/// name matches by when the case was written; then the cases with a record holding every word
/// whole, by their newest such record (named), newest first; then the other cases with a record
/// in which every word starts a word, by their newest such record.
fn expected_hits(vault: &Vault, typed: &str) -> (Vec<EntityId>, Vec<(EntityId, EntityId)>) {
    let query = words_of(typed);
    let records_too = query.iter().all(|w| w.chars().count() >= 2);
    let mut names = Vec::new();
    let mut whole = Vec::new();
    let mut starts = Vec::new();
    for case in vault.cases().unwrap() {
        let name_entry = format!(
            "{} {} {} {}",
            case.name, case.native_name, case.aliases, case.nationality
        );
        if matches(&name_entry, &query) {
            names.push((written(vault, case.id), case.id));
        } else if records_too {
            let texts = record_texts(vault, case.id);
            let newest = |matching: fn(&str, &[String]) -> bool| {
                texts
                    .iter()
                    .filter(|(_, text)| matching(text, &query))
                    .map(|(record, _)| written(vault, *record))
                    .max()
            };
            if let Some(newest) = newest(matches_whole_words) {
                whole.push((newest, (case.id, newest.2)));
            } else if let Some(newest) = newest(matches) {
                starts.push((newest, (case.id, newest.2)));
            }
        }
    }
    names.sort_by_key(|name| std::cmp::Reverse(name.0));
    whole.sort_by_key(|record| std::cmp::Reverse(record.0));
    starts.sort_by_key(|record| std::cmp::Reverse(record.0));
    (
        names.into_iter().map(|(_, case)| case).collect(),
        whole
            .into_iter()
            .chain(starts)
            .map(|(_, hit)| hit)
            .collect(),
    )
}

/// The searchable text of every current record of a case, with the record's id.
fn record_texts(vault: &Vault, case: EntityId) -> Vec<(EntityId, String)> {
    let mut texts: Vec<(EntityId, String)> = vault
        .current_notes(case)
        .unwrap()
        .into_iter()
        .map(|n| (n.note.id, n.note.record.text.to_string()))
        .collect();
    texts.extend(
        vault
            .list::<Task>(case)
            .unwrap()
            .into_iter()
            .map(|t| (t.id, t.record.title.to_string())),
    );
    texts
}

/// Reading the answer a page at a time, at `size` cases a page, gives the whole answer.
fn check_pages(vault: &Vault, typed: &str, whole: &[SearchHit]) {
    for size in [1, 2, 3, PAGE_SIZE] {
        let mut pages = Vec::new();
        for page in 0.. {
            let answer = vault.search_page(typed, page, size).unwrap();
            assert!(
                answer.hits.len() <= size,
                "{typed:?}: page {page} of {size}"
            );
            let last = !answer.more;
            assert!(
                last || answer.hits.len() == size,
                "{typed:?}: page {page} of {size} is short but says more follow"
            );
            pages.extend(answer.hits);
            if last {
                break;
            }
        }
        assert_eq!(pages, whole, "{typed:?}: pages of {size}");
    }
}

/// Every query's answer, for comparing devices.
pub fn answers(vault: &Vault) -> Vec<(String, Vec<SearchHit>)> {
    QUERIES
        .iter()
        .map(|typed| (typed.to_string(), vault.search_cases(typed).unwrap()))
        .collect()
}

pub fn check_search(vault: &Vault, device: usize, context: &str) {
    // Each note's number ("Note 17 written…") finds that note's case only while the note is
    // current: after a correction, and again when the correction is deleted.
    let numbers: Vec<String> = (10..40).map(|n| n.to_string()).collect();
    for typed in QUERIES
        .iter()
        .copied()
        .chain(numbers.iter().map(String::as_str))
    {
        let hits = vault.search_cases(typed).unwrap();
        // A note's number finds at most one case: paging is checked on the other queries.
        if QUERIES.contains(&typed) {
            check_pages(vault, typed, &hits);
        }
        let (names, records) = expected_hits(vault, typed);
        let name_hits: Vec<EntityId> = hits
            .iter()
            .take_while(|h| h.matched.is_none())
            .map(|h| h.case.id)
            .collect();
        let record_hits: Vec<_> = hits.iter().skip(name_hits.len()).collect();
        assert_eq!(
            name_hits, names,
            "{typed:?}: name hits, newest case first, on device {device} after {context}"
        );
        let got: Vec<(EntityId, EntityId)> = record_hits
            .iter()
            .map(|h| {
                let matched = h.matched.as_ref().expect("a record hit names its record");
                (h.case.id, matched.entity_id)
            })
            .collect();
        assert_eq!(
            got, records,
            "{typed:?}: record hits, whole words first, newest first, on device {device} after {context}"
        );
        let query = words_of(typed);
        for hit in record_hits {
            let matched = hit.matched.as_ref().expect("a record hit names its record");
            let texts = record_texts(vault, hit.case.id);
            let text = texts
                .iter()
                .find(|(id, _)| *id == matched.entity_id)
                .map(|(_, text)| text)
                .expect("the record named is current");
            assert!(matches(text, &query), "{typed:?}");
            let shown = words_of(&matched.snippet);
            assert!(
                query
                    .iter()
                    .any(|q| shown.iter().any(|w| w.starts_with(q.as_str()))),
                "{typed:?}: the snippet {:?} shows no match",
                matched.snippet
            );
        }
    }
}
