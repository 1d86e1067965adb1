//! A Russian-speaking coordinator's walk through every screen of the demo vault: unlock,
//! dashboard, case list, a case page with every section and every form open, new case, a visit
//! write-up, the paper visit guide, sync (before and after starting an organisation, an export,
//! a refused file kept aside), devices, conflicts, settings, and unlock again after locking. On
//! each screen every Latin-script word must be on the glossary's allow-list (`latin`) or part of
//! what the vault holds (names, facilities, notes people typed). Screenshots of each screen go to
//! artifacts/e2e/russian_screens/.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::Local;
use pristan_core::domain::Facility;
use pristan_core::Vault;
use secrecy::SecretString;
use serde_json::Value;

use crate::harness::App;
use crate::latin::foreign_words;

const TEST: &str = "russian_screens";
/// `pristan demo` makes its vault with this passphrase (crates/pristan-cli/src/demo).
const DEMO_PASSPHRASE: &str = "demo vault only — not for real cases";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn every_screen_reads_in_russian_without_stray_english() {
    let home = tempfile::tempdir().unwrap();
    let vault_dir = home.path().join(".local/share/org.pristan.casebook/vault");
    make_demo_vault(&vault_dir);
    let mut data = vault_texts(&vault_dir);
    // What this test types or names: the refused file, and the hint's sample name.
    data.extend(["junk.pristan".to_owned(), "Ivan Petrov".to_owned()]);
    // The built-in pathways' own names stay as written (docs/glossary.md, "pathway"), like a
    // facility's: the referral form lists them.
    data.extend(
        pristan_core::domain::BUILT_IN_PATHWAYS
            .iter()
            .map(|p| p.name.to_owned()),
    );
    let outbox = tempfile::tempdir().unwrap();
    let inbox = tempfile::tempdir().unwrap();
    // A file that is not a bundle, to see why it is refused in Russian.
    std::fs::write(inbox.path().join("junk.pristan"), b"not a bundle at all").unwrap();

    let mut app = App::start(TEST, home.path(), 0).await;
    let mut walk = Walk::default();

    // Russian from the unlock screen.
    app.find("#unlock-passphrase").await;
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    app.wait_for_text("h1", "Откройте хранилище").await;
    walk.check(&mut app, "unlock", &data).await;
    app.type_into("#unlock-passphrase", DEMO_PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#dashboard").await;
    app.wait_for_text("h1", "Сводка").await;
    walk.check(&mut app, "dashboard", &data).await;

    app.click("#nav-cases").await;
    app.find("#case-results .case-result").await;
    walk.check(&mut app, "cases", &data).await;

    // The case with the most on its page, every section's form open.
    open_fullest_case(&app).await;
    walk.check(&mut app, "case", &data).await;
    for button in [
        "#case-overview-edit",
        "#case-attorney-edit",
        "#add-custody-event",
        "#add-legal-event",
        "#add-task",
        "#add-consent",
        "#add-relative",
        "#add-evidence",
    ] {
        app.click(button).await;
    }
    app.find("#evidence-level")
        .await
        .select_by_value("verified")
        .await
        .unwrap();
    walk.check(&mut app, "case-forms", &data).await;
    for (section, label) in [
        ("#case-deadlines", "case-deadlines"),
        ("#case-legal", "case-legal"),
        ("#case-custody", "case-custody"),
        ("#case-notes", "case-notes"),
        ("#case-consents", "case-consents"),
    ] {
        scroll_to(&app, section).await;
        app.shot(label).await;
    }

    // A visit write-up for this case.
    app.click("#write-up-visit").await;
    app.find("#visit-writeup").await;
    walk.check(&mut app, "visit-writeup", &data).await;
    app.click("#visit-back").await;
    app.find("#case-page").await;

    app.click("#nav-new-case").await;
    app.find("#new-case").await;
    app.click("#new-case-facility-add").await;
    walk.check(&mut app, "new-case", &data).await;

    app.click("#nav-dashboard").await;
    app.click("#open-visit-guide").await;
    app.find("#visit-guide-page").await;
    walk.check(&mut app, "visit-guide", &data).await;
    app.click("#guide-back").await;

    // Sync: no organisation yet, then a coordinator's.
    app.click("#nav-sync").await;
    app.find("#sync-start").await;
    walk.check(&mut app, "sync-no-organisation", &data).await;
    app.type_into("#sync-start-name", "Группа посещений по вторникам")
        .await;
    app.type_into("#sync-start-device", "Ноутбук в офисе").await;
    app.click("#sync-start-submit").await;
    app.wait_for_text("#sync-org-name", "Группа посещений")
        .await;
    app.click("#sync-make-invitation").await;
    app.find("#sync-invitation-text").await;
    app.type_into("#sync-export-folder", &outbox.path().display().to_string())
        .await;
    app.click("#sync-export").await;
    app.wait_for_text("#sync-export-result", "Пакет").await;
    app.type_into("#sync-import-path", &inbox.path().display().to_string())
        .await;
    app.click("#sync-import").await;
    app.find("#sync-import-results").await;
    app.wait_for_text("#sync-quarantine", "junk.pristan").await;
    let refused = app.text("#sync-import-results").await;
    assert!(
        refused.contains("это не зашифрованный пакет Pristan"),
        "{refused}"
    );
    walk.check(&mut app, "sync-coordinator", &data).await;
    scroll_to(&app, "#sync-quarantine").await;
    app.shot("sync-quarantine").await;

    app.click("#sync-open-devices").await;
    app.find("#devices-page").await;
    walk.check(&mut app, "devices", &data).await;
    app.click("#devices-back").await;
    app.click("#sync-open-conflicts").await;
    app.find("#conflicts-page").await;
    walk.check(&mut app, "conflicts", &data).await;

    app.click("#settings-button").await;
    app.find("#settings").await;
    app.wait_for_text("h1", "Настройки").await;
    walk.check(&mut app, "settings", &data).await;

    app.click_ending_the_page("#lock-button").await;
    app.find("#unlock-passphrase").await;
    walk.check(&mut app, "locked", &data).await;
    app.quit().await;

    assert!(
        walk.found.is_empty(),
        "English on Russian screens (see artifacts/e2e/{TEST}/):\n{}",
        walk.found.join("\n")
    );
}

/// The screens seen so far and the English found on them.
#[derive(Default)]
struct Walk {
    found: Vec<String>,
}

impl Walk {
    /// Reads everything the screen says (text, choices in lists, tooltips, labels for screen
    /// readers), notes any English on it, and saves a screenshot.
    async fn check(&mut self, app: &mut App, screen: &str, data: &[String]) {
        // Two frames, so that the screen is drawn before it is read and photographed.
        app.client
            .execute_async(
                "const done = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .unwrap();
        let text = screen_text(app).await;
        let words = foreign_words(&text, data);
        for word in words {
            // Where the word stands, so the report shows what to fix.
            let at = text.find(&word).unwrap_or(0);
            let before: String = text[..at].chars().rev().take(60).collect();
            let before: String = before.chars().rev().collect();
            let after: String = text[at..].chars().take(60).collect();
            self.found
                .push(format!("{screen}: {word:?} in …{before}{after}…"));
        }
        app.shot(screen).await;
    }
}

async fn screen_text(app: &App) -> String {
    let script = "
        const parts = [document.title, document.body.innerText];
        for (const option of document.querySelectorAll('option')) parts.push(option.textContent);
        for (const el of document.querySelectorAll('[title], [placeholder], [aria-label]')) {
            for (const name of ['title', 'placeholder', 'aria-label']) {
                const value = el.getAttribute(name);
                if (value) parts.push(value);
            }
        }
        return parts.join('\\n');";
    let value = app.client.execute(script, vec![]).await.unwrap();
    value.as_str().unwrap_or_default().to_owned()
}

/// A small demo vault, made by the `pristan` binary built beside the app.
fn make_demo_vault(dir: &Path) {
    let cli = pristan_cli();
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let status = Command::new(&cli)
        .arg("--vault")
        .arg(dir)
        .args(["demo", "--cases", "6", "--notes", "60", "--fast-kdf"])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("{} runs (scripts/build.sh builds it): {e}", cli.display()));
    assert!(status.success(), "pristan demo failed");
}

fn pristan_cli() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_pristan-app")).with_file_name("pristan")
}

/// Every text the vault holds that people typed (or the demo invented): names, facilities,
/// notes, tasks and so on. Values of fields that hold a fixed word of the program (`in_person`,
/// `detained`) and ids are left out, so English the interface itself shows is still caught.
fn vault_texts(dir: &Path) -> Vec<String> {
    let passphrase = SecretString::from(DEMO_PASSPHRASE.to_owned());
    let vault = Vault::unlock(dir, &passphrase).expect("the demo vault opens");
    let today = Local::now().date_naive();
    let mut values = Vec::new();
    for case in vault.cases().unwrap() {
        let file = vault.case_file(case.id, today).unwrap();
        values.push(serde_json::to_value(&file).unwrap());
    }
    values.push(serde_json::to_value(vault.list_all::<Facility>().unwrap()).unwrap());
    for draft in vault.visit_drafts().unwrap() {
        values.push(serde_json::to_value(vault.visit_draft(draft.id).unwrap()).unwrap());
    }
    vault.lock().unwrap();
    let mut texts = Vec::new();
    for value in &values {
        collect_texts(value, &mut texts);
    }
    texts.sort();
    texts.dedup();
    texts
}

/// Fields whose values are the program's own words (an enum), shown translated: never data.
const PROGRAM_WORDS: &[&str] = &[
    "kind",
    "outcome",
    "custody_status",
    "status",
    "priority",
    "purpose",
    "method",
    "whereabouts",
    "category",
    "verification",
    "release_type",
    "mode",
    "sensitivity",
    "g28",
    "eoir28",
    "eoir27",
    "type",
    "time_zone",
    "counting",
    "forum",
    "state_of_consent",
    "media_type",
];

fn collect_texts(value: &Value, texts: &mut Vec<String>) {
    match value {
        Value::String(text) => {
            let id_or_date = text
                .chars()
                .all(|c| c.is_ascii_hexdigit() || matches!(c, '-' | ':' | 'T' | 'Z' | '.'));
            if !id_or_date {
                texts.push(text.clone());
                // A text is shown line by line; each line stands on its own too.
                texts.extend(text.lines().map(str::to_owned));
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_texts(v, texts)),
        Value::Object(map) => map
            .iter()
            .filter(|(key, _)| !PROGRAM_WORDS.contains(&key.as_str()))
            .for_each(|(_, v)| collect_texts(v, texts)),
        _ => {}
    }
}

/// Opens the case with the most deadlines, then the most records, on its page.
async fn open_fullest_case(app: &App) {
    let count = app
        .client
        .execute(
            "return document.querySelectorAll('#case-results .case-result').length",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(1) as usize;
    let mut best = (0usize, 0usize);
    for index in 0..count {
        open_case(app, index).await;
        let records = app
            .client
            .execute(
                // Deadlines first (their rule, counting and forum lines are the most to read).
                "return document.querySelectorAll('#case-page li, #case-page tr').length
                     + 100 * document.querySelectorAll('#case-deadlines li').length",
                vec![],
            )
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(0) as usize;
        if records > best.1 {
            best = (index, records);
        }
        app.click("#nav-cases").await;
        app.find("#case-results .case-result").await;
    }
    open_case(app, best.0).await;
}

async fn open_case(app: &App, index: usize) {
    app.find("#case-results .case-result").await;
    app.client
        .execute(
            "document.querySelectorAll('#case-results .case-result')[arguments[0]].click()",
            vec![index.into()],
        )
        .await
        .unwrap();
    app.find("#case-page #case-notes").await;
    // Sections load their records after the page appears.
    app.find("#case-page #case-deadlines").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
}

pub async fn scroll_to(app: &App, css: &str) {
    let script = format!("document.querySelector(\"{css}\").scrollIntoView({{block: 'start'}});");
    app.client.execute(&script, vec![]).await.unwrap();
}
