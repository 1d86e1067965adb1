//! Writing up a visit, as a volunteer would after seeing someone: a case for Ivan Petrov, a
//! write-up typed with the keyboard (facility added on the spot, today's date already there),
//! a welfare note and a restricted medical note, autosave seen working, the app closed in the
//! middle and the write-up resumed, Ctrl+Enter to finish. Then the notes on the case page
//! (labelled "not verbatim", the medical one folded away), an edit saved as a second version,
//! the case found by a Cyrillic word from a note, a relaunch, and the key screens in Russian.
//! No note's text may be found in plaintext anywhere in the app's home folder.

use std::time::Duration;

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::Locator;
use pristan_testkit::canary;

use crate::harness::App;

const WELFARE: &str = "Спит плохо, но держится. Просит книги на русском.";
const MEDICAL: &str = "Давление высокое, к врачу не пускают две недели.";
const FACILITY: &str = "Krome North Service Processing Center";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn write_up_a_visit_and_find_its_notes() {
    let home = tempfile::tempdir().unwrap();
    let passphrase = "quiet harbour lantern seventeen";
    // A canary in each note: if any part of it reaches the disk unencrypted, the scan finds it.
    let welfare_canary = canary::new_canary();
    let medical_canary = canary::new_canary();
    let welfare = format!("{WELFARE} {welfare_canary}");
    let medical = format!("{MEDICAL} {medical_canary}");

    let mut app = App::start("visit_writeup", home.path(), 0).await;
    app.create_vault(passphrase).await;
    app.click("#recovery-ack").await;
    app.click("#recovery-continue").await;

    // A case to visit.
    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", "Ivan Petrov").await;
    app.type_into("#new-case-native-name", "Иван Петров").await;
    app.click("#new-case-submit").await;
    app.find("#case-page").await;

    // The write-up opens with the facility chosen first, and today's date already filled in.
    app.click("#write-up-visit").await;
    app.find("#visit-writeup #visit-facility").await;
    wait_for_focus(&app, "visit-facility").await;
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(app.value("#visit-date").await, today);
    assert!(app.text("#visit-reminder").await.contains("not verbatim"));
    assert!(app
        .text("#autosave-status")
        .await
        .contains("saved as you type"));
    app.shot("write-up-empty").await;

    // A fresh vault has no facilities: add one from the select.
    app.find("#visit-facility")
        .await
        .select_by_value("add")
        .await
        .unwrap();
    app.type_into("#visit-new-facility", FACILITY).await;
    app.click("#visit-new-facility-add").await;
    app.gone("#visit-new-facility").await;
    wait_for_focus(&app, "visit-facility").await;
    wait_for_selected(&app, "#visit-facility", FACILITY).await;

    // From the facility onwards, Tab moves through the fields in order (through the date's and
    // the time's parts too, as the webview's own controls have it).
    tab_to(&app, "visit-facility", "visit-date").await;
    tab_to(&app, "visit-date", "visit-time").await;
    // WebKit's time field does not move on by itself after the hour: Tab does.
    keys(&app, &['1', '0', TAB, '3', '0']).await;
    tab_to(&app, "visit-time", "visit-mode").await;
    tab_to(&app, "visit-mode", "visit-language").await;
    press(&app, "Russian").await;
    tab_to(&app, "visit-language", "visit-interpreter").await;
    tab_to(&app, "visit-interpreter", "note-welfare").await;
    assert_eq!(app.value("#visit-time").await, "10:30");

    // Typing is autosaved within a few seconds, without leaving the field.
    press(&app, &welfare).await;
    app.wait_for_text("#autosave-status", "Saved a moment ago")
        .await;
    tab_to(&app, "note-welfare", "restricted-welfare").await;
    tab_to(&app, "restricted-welfare", "note-medical").await;
    // Health is sensitive: the medical section starts restricted.
    assert!(app
        .find("#restricted-medical")
        .await
        .is_selected()
        .await
        .unwrap());
    press(&app, &medical).await;
    app.wait_for_text("#autosave-status", "Saved a moment ago")
        .await;
    app.shot("write-up-typed").await;

    // The app closes in the middle of the write-up; nothing typed is lost.
    let step = app.next_step();
    app.quit().await;
    let mut app = App::start("visit_writeup", home.path(), step).await;
    unlock(&app, passphrase).await;
    open_case_by_search(&app, "Petrov").await;
    app.click("#case-drafts .resume-draft").await;
    let resumed = app.text("#visit-resumed").await;
    assert!(
        resumed.starts_with("Resumed your unfinished write-up from"),
        "{resumed}"
    );
    assert_eq!(app.value("#note-welfare").await, welfare);
    assert_eq!(app.value("#note-medical").await, medical);
    assert_eq!(app.value("#visit-language").await, "Russian");
    wait_for_selected(&app, "#visit-facility", FACILITY).await;
    assert!(app
        .find("#restricted-medical")
        .await
        .is_selected()
        .await
        .unwrap());
    app.shot("write-up-resumed").await;

    // Ctrl+Enter finishes from anywhere in the write-up.
    app.find("#note-needs").await.click().await.unwrap();
    press(&app, "Книги, телефонная карта.").await;
    ctrl_enter(&app).await;
    app.find("#case-page").await;
    app.gone("#visit-writeup").await;

    // Three notes, newest first, each labelled; the medical one is folded away.
    let notes = note_texts(&app, 3).await;
    assert!(
        notes
            .iter()
            .all(|n| n.contains("Volunteer’s notes — not verbatim")),
        "{notes:?}"
    );
    let medical_card = note_card(&app, "Medical").await;
    assert!(!medical_card.contains(MEDICAL), "{medical_card}");
    assert!(medical_card.contains("Show restricted note"));
    assert!(note_card(&app, "Welfare").await.contains(WELFARE));
    scroll_to(&app, "#case-notes").await;
    app.shot("case-notes").await;
    click_in_note(&app, "Medical", ".note-reveal").await;
    app.wait_for_text("#case-notes", MEDICAL).await;
    app.shot("case-notes-medical-shown").await;

    // An edit is saved as a new version; the history keeps both.
    click_in_note(&app, "Welfare", ".note-edit").await;
    let editor = app.find("#case-notes .note-edit-text").await;
    editor
        .send_keys(" Передал адрес библиотеки.")
        .await
        .unwrap();
    assert!(app
        .text("#case-notes .note-editor")
        .await
        .contains("saved as a new version"));
    scroll_to(&app, "#case-notes .note-editor").await;
    app.shot("note-edit").await;
    app.click("#case-notes .note-edit-save").await;
    app.wait_for_text("#case-notes", "edited · 2 versions")
        .await;
    click_in_note(&app, "Welfare", ".note-history").await;
    let history = app.find("#case-notes .note-history-list").await;
    let items = history
        .find_all(Locator::Css(".note-history-item"))
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    assert!(items[1]
        .text()
        .await
        .unwrap()
        .contains("Передал адрес библиотеки"));
    scroll_to(&app, "#case-notes").await;
    app.shot("note-history").await;

    // The case is found by a word from a note, typed in Cyrillic.
    app.click("#nav-cases").await;
    app.type_into("#case-search", "держится").await;
    app.wait_for_text("#case-results .case-result", "Ivan Petrov")
        .await;
    app.shot("search-by-note").await;
    let step = app.next_step();
    app.quit().await;

    // After a relaunch, everything is there.
    let mut app = App::start("visit_writeup", home.path(), step).await;
    unlock(&app, passphrase).await;
    open_case_by_search(&app, "Иван").await;
    let notes = note_texts(&app, 3).await;
    assert!(
        notes.iter().any(|n| n.contains("edited · 2 versions")),
        "{notes:?}"
    );
    assert!(app.text("#case-visits").await.contains(FACILITY));

    // The key screens in Russian.
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    app.wait_for_text("#case-notes", "Заметки волонтёра — не дословно")
        .await;
    let medical_card = note_card(&app, "Здоровье").await;
    assert!(medical_card.contains("Показать заметку с ограниченным доступом"));
    assert!(notes_text(&app).await.contains("изменено · 2 версии"));
    scroll_to(&app, "#case-notes").await;
    app.shot("case-notes-russian").await;
    app.click("#write-up-visit").await;
    app.find("#visit-writeup").await;
    assert_eq!(app.text("#visit-writeup h1").await, "Отчёт о посещении");
    // A new write-up starts at the facility of the last visit.
    wait_for_selected(&app, "#visit-facility", FACILITY).await;
    app.shot("write-up-russian").await;
    app.type_into("#note-welfare", "Черновик, который не нужен.")
        .await;
    app.wait_for_text("#autosave-status", "Сохранено только что")
        .await;
    app.shot("write-up-russian-saved").await;

    // Finishing without a date says so in plain words, and puts the cursor on the date.
    app.find("#visit-date").await.clear().await.unwrap();
    app.find("#note-welfare").await.click().await.unwrap();
    ctrl_enter(&app).await;
    app.wait_for_text("#visit-error", "Пожалуйста, укажите дату встречи.")
        .await;
    wait_for_focus(&app, "visit-date").await;
    app.shot("write-up-russian-no-date").await;

    // Discarding asks first, then leaves no draft behind.
    app.click("#visit-discard").await;
    let question = app.text("#visit-discard-question").await;
    assert!(question.starts_with("Удалить этот черновик?"), "{question}");
    app.shot("write-up-discard-russian").await;
    app.click("#visit-discard-confirm").await;
    app.find("#case-page").await;
    app.gone("#visit-writeup").await;
    assert!(app.client.find(Locator::Css("#case-drafts")).await.is_err());
    app.quit().await;

    let mut patterns = canary::patterns(&welfare_canary);
    patterns.extend(canary::patterns(&medical_canary));
    let found = canary::scan(&[home.path()], &patterns, None);
    assert!(
        found.is_empty(),
        "note text on disk in plaintext: {found:#?}"
    );
}

async fn unlock(app: &App, passphrase: &str) {
    app.type_into("#unlock-passphrase", passphrase).await;
    app.click("#unlock-submit").await;
    app.find("#nav-cases").await;
}

async fn open_case_by_search(app: &App, query: &str) {
    app.click("#nav-cases").await;
    app.type_into("#case-search", query).await;
    app.wait_for_text("#case-results .case-result", "Ivan Petrov")
        .await;
    app.click("#case-results .case-result").await;
    app.find("#case-page #case-notes").await;
}

/// WebDriver's codes for keys that have no character.
const TAB: char = '\u{E004}';
const CONTROL: char = '\u{E009}';
const ENTER: char = '\u{E007}';

/// Presses and releases each key in turn, wherever the focus is. Unlike sending keys to an
/// element, this does not focus the element first, which would put a date field back on its
/// first part.
async fn keys(app: &App, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
    }
    app.client.perform_actions(actions).await.unwrap();
}

async fn ctrl_enter(app: &App) {
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: CONTROL })
        .then(KeyAction::Down { value: ENTER })
        .then(KeyAction::Up { value: ENTER })
        .then(KeyAction::Up { value: CONTROL });
    app.client.perform_actions(actions).await.unwrap();
}

/// Sends text to whatever has the keyboard focus, as typing does.
async fn press(app: &App, keys: &str) {
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys(keys).await.unwrap();
}

/// Presses Tab until the focus leaves `from` (a date field takes a Tab per part), and checks that
/// it lands on `to`.
async fn tab_to(app: &App, from: &str, to: &str) {
    for _ in 0..5 {
        keys(app, &[TAB]).await;
        let now = focused_id(app).await;
        if now == to {
            return;
        }
        assert_eq!(now, from, "Tab from #{from} went to #{now}, not #{to}");
    }
    panic!("Tab never left #{from}");
}

async fn focused_id(app: &App) -> String {
    let focused = app.client.active_element().await.unwrap();
    focused.attr("id").await.unwrap().unwrap_or_default()
}

async fn wait_for_focus(app: &App, id: &str) {
    let mut last = String::new();
    for _ in 0..50 {
        last = focused_id(app).await;
        if last == id {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("focus is on #{last}, not #{id}");
}

async fn wait_for_selected(app: &App, css: &str, text: &str) {
    for _ in 0..50 {
        if selected_text(app, css).await == text {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} does not show {text:?}");
}

async fn selected_text(app: &App, css: &str) -> String {
    let script = format!(
        "const s = document.querySelector('{css}'); return s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text;"
    );
    let answer = app.client.execute(&script, vec![]).await.unwrap();
    answer.as_str().unwrap_or_default().to_owned()
}

/// The texts of the case page's notes, once there are `count` of them.
async fn note_texts(app: &App, count: usize) -> Vec<String> {
    for _ in 0..100 {
        let cards = app
            .client
            .find_all(Locator::Css("#case-notes .note"))
            .await
            .unwrap();
        if cards.len() == count {
            let mut texts = Vec::new();
            for card in cards {
                texts.push(card.text().await.unwrap());
            }
            return texts;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the case page does not show {count} notes");
}

async fn notes_text(app: &App) -> String {
    app.text("#case-notes").await
}

/// The text of the note whose section heading is `kind`.
async fn note_card(app: &App, kind: &str) -> String {
    for card in app
        .client
        .find_all(Locator::Css("#case-notes .note"))
        .await
        .unwrap()
    {
        let heading = card
            .find(Locator::Css(".note-kind"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if heading == kind {
            return card.text().await.unwrap();
        }
    }
    panic!("no {kind} note on the case page");
}

async fn click_in_note(app: &App, kind: &str, button: &str) {
    for card in app
        .client
        .find_all(Locator::Css("#case-notes .note"))
        .await
        .unwrap()
    {
        let heading = card.find(Locator::Css(".note-kind")).await.unwrap();
        if heading.text().await.unwrap() == kind {
            card.find(Locator::Css(button))
                .await
                .unwrap_or_else(|e| panic!("{kind} note has no {button}: {e}"))
                .click()
                .await
                .unwrap();
            return;
        }
    }
    panic!("no {kind} note on the case page");
}

/// Scrolls so that `css` is at the top of the window, for a screenshot of it.
async fn scroll_to(app: &App, css: &str) {
    let script = format!("document.querySelector('{css}').scrollIntoView(); return 1;");
    app.client.execute(&script, vec![]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
}
