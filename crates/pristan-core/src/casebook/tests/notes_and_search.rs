//! Notes keep their history; search finds note text only in current revisions.

use std::collections::BTreeMap;

use super::*;
use crate::cases::CaseField;

#[test]
fn notes_are_immutable_and_a_correction_keeps_the_history() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let first = vault
        .add(note(case_id, "Asked for reading glasses"))
        .unwrap();
    assert!(vault.update(first, note(case_id, "changed")).is_err());
    let second = vault
        .revise_note(
            first,
            NoteKind::Needs,
            Sensitivity::Normal,
            text("Asked for reading glasses, +2.5"),
        )
        .unwrap();
    let err = vault
        .revise_note(first, NoteKind::Needs, Sensitivity::Normal, text("again"))
        .unwrap_err();
    assert!(
        err.to_string().contains("correct the newest version"),
        "{err}"
    );
    let current = vault.current_notes(case_id).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].note.id, second);
    assert_eq!(current[0].revisions, 2);
    let history = vault.note_history(second).unwrap();
    let texts: Vec<&str> = history
        .iter()
        .map(|r| r.note.record.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "Asked for reading glasses",
            "Asked for reading glasses, +2.5"
        ]
    );
}

#[test]
fn search_finds_note_text_until_it_is_corrected_away_or_deleted() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let id = vault
        .add(note(case_id, "Жалуется на давление, нужен тонометр"))
        .unwrap();
    let hits = vault.search_cases("тонометр").unwrap();
    assert_eq!(hits.len(), 1);
    let matched = hits[0].matched.as_ref().unwrap();
    assert_eq!(
        (matched.entity_id, matched.entity_type.as_str()),
        (id, "note")
    );
    assert!(matched.snippet.contains("тонометр"));
    assert_eq!(vault.search_cases("ДАВЛЕНИЕ").unwrap().len(), 1, "any case");

    let revised = vault
        .revise_note(
            id,
            NoteKind::Medical,
            Sensitivity::Restricted,
            text("Нужен врач"),
        )
        .unwrap();
    assert!(
        vault.search_cases("тонометр").unwrap().is_empty(),
        "old revision not found"
    );
    assert_eq!(vault.search_cases("врач").unwrap().len(), 1);
    vault.delete::<Note>(revised).unwrap();
    assert!(
        vault.search_cases("врач").unwrap().is_empty(),
        "deleted note not found"
    );
    // With its correction deleted, the first text is the note's current one again (the case page
    // shows it), so search finds it again.
    assert_eq!(vault.current_notes(case_id).unwrap()[0].note.id, id);
    let hits = vault.search_cases("тонометр").unwrap();
    assert_eq!(hits.len(), 1, "the note whose correction was deleted");
    assert_eq!(hits[0].matched.as_ref().unwrap().entity_id, id);
    // The case itself is still found by name.
    assert_eq!(vault.search_cases("Петров").unwrap().len(), 1);
}

#[test]
fn every_search_entry_is_tracked_by_its_rowid() {
    let (_tmp, mut vault) = new_vault();
    let case_id = open_case(&mut vault);
    let first = vault.add(note(case_id, "Первая")).unwrap();
    vault
        .revise_note(
            first,
            NoteKind::Welfare,
            Sensitivity::Normal,
            text("Вторая"),
        )
        .unwrap();
    let task = vault
        .add(Task {
            case_id: Some(case_id),
            title: short("Письмо"),
            ..Task::default()
        })
        .unwrap();
    vault.delete::<Task>(task).unwrap();
    let count = |sql: &str| -> i64 { vault.connection().query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        count("SELECT count(*) FROM search_index"),
        1,
        "the newest note"
    );
    assert_eq!(
        count("SELECT count(*) FROM search_rows r JOIN search_index s ON s.rowid = r.fts_rowid AND s.entity_id = r.entity_id"),
        1
    );
    assert_eq!(count("SELECT count(*) FROM search_rows"), 1);
    assert_eq!(count("SELECT count(*) FROM name_index"), 1, "the case");
    assert_eq!(
        count("SELECT count(*) FROM name_rows r JOIN name_index s ON s.rowid = r.fts_rowid AND s.case_id = r.case_id"),
        1
    );
}

/// The cases `typed` finds, in order, each with the record that matched, if not its name.
fn answer(vault: &Vault, typed: &str) -> Vec<(EntityId, Option<EntityId>)> {
    vault
        .search_cases(typed)
        .unwrap()
        .into_iter()
        .map(|h| (h.case.id, h.matched.map(|m| m.entity_id)))
        .collect()
}

#[test]
fn names_come_before_records_and_recent_records_before_old() {
    let (_tmp, mut vault) = new_vault();
    let named = vault
        .add_case(NewCase {
            name: "Anna Glassman".into(),
            ..NewCase::default()
        })
        .unwrap();
    let older = open_case(&mut vault);
    let newer = open_case(&mut vault);
    let untouched = open_case(&mut vault);
    vault.add(note(untouched, "Asked for socks")).unwrap();
    let older_note = vault.add(note(older, "Asked for reading glasses")).unwrap();
    let newest_note = vault.add(note(newer, "Glasses broke again")).unwrap();
    let named_note = vault.add(note(named, "Glasses arrived")).unwrap();
    let order = answer;
    assert_eq!(
        order(&vault, "glass"),
        [
            (named, None),
            (newer, Some(newest_note)),
            (older, Some(older_note))
        ],
        "the name first, then the case of the newest matching note"
    );
    let newer_still = vault.add(note(older, "New glasses fitted")).unwrap();
    assert_eq!(
        order(&vault, "glasses"),
        [
            (older, Some(newer_still)),
            (named, Some(named_note)),
            (newer, Some(newest_note))
        ],
        "\"glasses\" is not in a name: by the newest matching note of each case"
    );
    assert_eq!(
        order(&vault, "g"),
        [(named, None)],
        "one letter searches names only"
    );
    let renamed = BTreeMap::from([(CaseField::Name, serde_json::json!("Anna Glassmann"))]);
    vault.update_case(untouched, renamed).unwrap();
    assert_eq!(
        order(&vault, "glassm"),
        [(untouched, None), (named, None)],
        "the most recently changed name first"
    );
}

#[test]
fn records_holding_every_word_whole_come_before_records_holding_word_starts() {
    let (_tmp, mut vault) = new_vault();
    let whole_old = open_case(&mut vault);
    let start_new = open_case(&mut vault);
    let whole_new = open_case(&mut vault);
    let both = open_case(&mut vault);
    let old_whole_note = vault.add(note(whole_old, "Warm socks delivered")).unwrap();
    let whole_note = vault
        .add(note(whole_new, "Asked for socks, warm ones"))
        .unwrap();
    let both_whole = vault.add(note(both, "Warm socks again")).unwrap();
    let both_starts = vault.add(note(both, "Warmer socks needed")).unwrap();
    let start_note = vault.add(note(start_new, "Warmer socks, wool")).unwrap();
    let order = |typed: &str| answer(&vault, typed);
    assert_eq!(
        order("warm socks"),
        [
            (both, Some(both_whole)),
            (whole_new, Some(whole_note)),
            (whole_old, Some(old_whole_note)),
            (start_new, Some(start_note)),
        ],
        "every word whole first, newest first; a case is ranked by its newest whole match"
    );
    assert_eq!(
        order("warme socks"),
        [(start_new, Some(start_note)), (both, Some(both_starts))],
        "a word typed in part finds the words it starts, newest first"
    );
    let page = |n| vault.search_page("warm socks", n, 3).unwrap();
    assert!(page(0).more);
    assert_eq!(
        page(1).hits.iter().map(|h| h.case.id).collect::<Vec<_>>(),
        [start_new],
        "the second page goes on where the first stopped"
    );
}
