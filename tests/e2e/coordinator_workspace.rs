//! A coordinator's workspace (issue 13). Two coordinators of one organisation, each with a vault:
//! the second ("Second office") received the office's cases in a bundle through a folder,
//! corroborated an evidence item and confirmed the person's activity, and sent its bundle back.
//! In the app, the office coordinator opens on the ranked removal-imminent list (the count and the
//! way to the board on top; no attorney of record beats an older final order), sees on the case
//! page the second coordinator's step and confirmation, records the verifying step and confirms
//! too — "verified by two coordinators" — marks a referral, reads the case history, records a
//! removal flight and links a case to it, and the deadlines board then shows that case first with
//! the flight's countdown; j/k and Enter move and open; a filter narrows; then in Russian.
//! The dossier: refused in the dialog without the person's consent, then, once the consent is
//! recorded on the case page, exported into a chosen folder — pdftotext finds the Cyrillic name
//! and the confidentiality marking. The working group's list (semicolons) holds her and says
//! Ivan Petrov was left out for lack of consent. A pathway is retired and no longer offered;
//! a case is linked to the flight from its own page and unlinked. The Russian top bar fits on
//! one line at 1280 px. Screenshots go to artifacts/e2e/coordinator_workspace/.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Days, Local, NaiveDate};
use std::time::Duration;

use pristan_core::bundle::{ExportOutcome, FileOutcome};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::coordination::referrals::mark_referral;
use pristan_core::coordination::verification::{confirm_activity, verify_evidence};
use pristan_core::domain::{
    CustodyStatus, EntityId, Evidence, EvidenceCategory, Facility, FilingStatus, LegalEvent,
    LegalEventKind, LongText, Note, Outcome, ReferralPriority, Sensitivity, ShortText,
    VerificationLevel, Visit, BUILT_IN_PATHWAYS,
};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

use crate::harness::App;

const TEST: &str = "coordinator_workspace";
const PASSPHRASE: &str = "harbour lantern quietly seven";

/// The people in the vault the test makes, by their Latin names.
struct People {
    /// Final order a month ago, no attorney of record: ranks first.
    smirnova: EntityId,
    /// Final order half a year ago, an attorney with a G-28 on file, visited last week.
    petrov: EntityId,
    /// An immigration judge's denial five days ago: a BIA appeal deadline, no final order yet.
    volkov: EntityId,
    /// Smirnova's evidence item, corroborated by the second coordinator.
    evidence: EntityId,
    /// Smirnova's restricted note, added to her dossier on purpose.
    restricted_note: EntityId,
}

fn make_vault(dir: &Path, today: NaiveDate, second_dir: &Path) -> People {
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let (mut vault, _) = Vault::create(dir, &passphrase, KdfParams::MINIMUM).unwrap();
    vault.set_device_name("Office laptop").unwrap();
    vault.create_org("Tuesday visitors").unwrap();
    let facility = vault
        .add(Facility {
            name: ShortText::new("Krome North Service Processing Center").unwrap(),
            state: ShortText::new("FL").unwrap(),
            ..Facility::default()
        })
        .unwrap();
    let mut person = |name: &str, native: &str| {
        vault
            .add_case(NewCase {
                name: name.into(),
                native_name: Some(native.into()),
                custody_status: Some(CustodyStatus::Detained),
                facility_id: Some(facility),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap()
    };
    let (smirnova, petrov, volkov) = (
        person("Olga Smirnova", "Ольга Смирнова"),
        person("Ivan Petrov", "Иван Петров"),
        person("Dmitri Volkov", "Дмитрий Волков"),
    );
    let evidence = vault
        .add(Evidence {
            case_id: Some(smirnova),
            category: EvidenceCategory::CriminalCaseInRussia,
            summary: LongText::new("Charged under art. 207.3 for posts against the war").unwrap(),
            ..Evidence::default()
        })
        .unwrap();
    let note = |vault: &mut Vault, sensitivity: Sensitivity, text: &str| {
        vault
            .add(Note {
                case_id: Some(smirnova),
                sensitivity,
                text: LongText::new(text).unwrap(),
                ..Note::default()
            })
            .unwrap()
    };
    note(
        &mut vault,
        Sensitivity::Normal,
        "Asked for a Russian-English dictionary",
    );
    let restricted_note = note(
        &mut vault,
        Sensitivity::Restricted,
        "Beaten in custody in Moscow in 2023",
    );
    let people = People {
        smirnova,
        petrov,
        volkov,
        evidence,
        restricted_note,
    };
    let ago = |days: u64| today - Days::new(days);
    let mut event = |case: EntityId, kind: LegalEventKind, date: NaiveDate, outcome: Outcome| {
        vault
            .add(LegalEvent {
                case_id: Some(case),
                kind,
                date: Some(date),
                outcome,
                ..LegalEvent::default()
            })
            .unwrap();
    };
    event(
        people.smirnova,
        LegalEventKind::FinalOrder,
        ago(30),
        Outcome::Unknown,
    );
    event(
        people.petrov,
        LegalEventKind::FinalOrder,
        ago(180),
        Outcome::Unknown,
    );
    event(
        people.volkov,
        LegalEventKind::IjDecision,
        ago(5),
        Outcome::Denied,
    );
    let attorney: BTreeMap<CaseField, serde_json::Value> = [
        (CaseField::AttorneyName, serde_json::json!("Julia Reyes")),
        (CaseField::G28, serde_json::json!(FilingStatus::Filed)),
    ]
    .into_iter()
    .collect();
    vault.update_case(people.petrov, attorney).unwrap();
    vault
        .add(Visit {
            case_id: Some(people.petrov),
            date: Some(ago(7)),
            ..Visit::default()
        })
        .unwrap();
    // Ivan Petrov is referred too, but nobody has asked for his consent yet.
    mark_referral(
        &mut vault,
        people.petrov,
        BUILT_IN_PATHWAYS[0].id,
        ReferralPriority::Urgent,
        today,
    )
    .unwrap();
    second_coordinator_checks(&mut vault, &people, second_dir);
    vault.lock().unwrap();
    people
}

/// A second coordinator's vault joins with the office's coordinator keys, receives the office's
/// bundle through a folder, corroborates the evidence and confirms the activity, and its bundle
/// is imported by the office.
fn second_coordinator_checks(office: &mut Vault, people: &People, dir: &Path) {
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let keys = office.export_coordinator_keys(&passphrase).unwrap();
    let (mut second, _) =
        Vault::create(&dir.join("vault"), &passphrase, KdfParams::MINIMUM).unwrap();
    second.set_device_name("Second office").unwrap();
    second.join_as_coordinator(&keys, &passphrase).unwrap();
    let folder = dir.join("stick");
    std::fs::create_dir_all(&folder).unwrap();
    let export = |vault: &mut Vault| match vault.export_bundle(&folder, None, &mut |_| {}).unwrap()
    {
        ExportOutcome::Written(report) => std::path::PathBuf::from(report.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    };
    let import = |vault: &mut Vault, path: std::path::PathBuf| {
        let summary = vault.import_bundles(&[path], &mut |_| {}).unwrap();
        for file in &summary.files {
            assert!(
                matches!(file.outcome, FileOutcome::Imported(_)),
                "{:?}",
                file.outcome
            );
        }
    };
    let from_office = export(office);
    import(&mut second, from_office);
    verify_evidence(
        &mut second,
        people.evidence,
        VerificationLevel::Corroborated,
        "the court's own listing of the charge, found on its website",
        None,
    )
    .unwrap();
    confirm_activity(
        &mut second,
        people.smirnova,
        "spoke with the editor of the paper she wrote for",
    )
    .unwrap();
    let from_second = export(&mut second);
    import(office, from_second);
    second.lock().unwrap();
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn coordinator_ranks_removal_and_walks_the_board() {
    let home = tempfile::tempdir().unwrap();
    let today = Local::now().date_naive();
    let vault_dir = home.path().join(".local/share/org.pristan.casebook/vault");
    let second = tempfile::tempdir().unwrap();
    let people = make_vault(&vault_dir, today, second.path());
    let exports = tempfile::tempdir().unwrap();
    let mut app = App::start(TEST, home.path(), 0).await;

    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#dashboard").await;

    // The dashboard: the count and the way to the board on top, then ranked.
    app.wait_for_text(
        "#dashboard-removal-title",
        "2 people could be removed any day",
    )
    .await;
    let first = app
        .text("#dashboard-removal-imminent .removal-item:first-child")
        .await;
    assert!(
        first.contains("No. 1")
            && first.contains("Olga Smirnova")
            && first.contains("No attorney of record")
            && first.contains("Final order 30 days ago")
            && first.contains("No visit recorded yet"),
        "{first}"
    );
    let second = app
        .text("#dashboard-removal-imminent .removal-item:nth-child(2)")
        .await;
    assert!(
        second.contains("Ivan Petrov") && second.contains("Last contact 7 days ago"),
        "{second}"
    );
    app.shot("dashboard-ranked").await;

    // Smirnova's case page: the second coordinator's step and confirmation arrived.
    app.click("#dashboard-removal-imminent .removal-item:first-child button")
        .await;
    app.wait_for_text("#case-name", "Olga Smirnova").await;
    app.wait_for_text(
        "#verification-verdict",
        "Confirmed by one coordinator: a second, different coordinator must confirm it",
    )
    .await;
    let steps = app.text(&format!("#verify-{}", people.evidence)).await;
    assert!(
        steps.contains("Corroborated")
            && steps.contains("Second office")
            && steps.contains("the court's own listing"),
        "{steps}"
    );
    let confirmations = app.text("#verification-confirmation-list").await;
    assert!(confirmations.contains("Second office"), "{confirmations}");
    scroll_to(&app, "#case-verification").await;
    app.shot("verification-one-coordinator").await;

    // The office records the verifying step and confirms: two different coordinators.
    let form = format!("#verify-{}", people.evidence);
    app.find(&format!("{form}-level"))
        .await
        .select_by_value("verified")
        .await
        .unwrap();
    app.type_into(
        &format!("{form}-method"),
        "case number checked with her attorney in Moscow by phone",
    )
    .await;
    app.click(&format!("{form}-save")).await;
    app.wait_for_text(&format!("#verify-{}", people.evidence), "Office laptop")
        .await;
    app.type_into(
        "#confirm-activity-checked",
        "read the charge sheet and the court listing myself",
    )
    .await;
    app.click("#confirm-activity-submit").await;
    app.wait_for_text(
        "#verification-verdict",
        "Political activity verified by two coordinators",
    )
    .await;
    scroll_to(&app, "#case-verification").await;
    app.shot("verification-two-coordinators").await;

    // A referral to Canada's public policy, as an emergency.
    app.find("#referral-pathway").await;
    let pathway = app
        .client
        .execute(
            "return document.querySelector('#referral-pathway option:nth-child(2)').value;",
            vec![],
        )
        .await
        .unwrap();
    app.find("#referral-pathway")
        .await
        .select_by_value(pathway.as_str().unwrap())
        .await
        .unwrap();
    app.find("#referral-priority")
        .await
        .select_by_value("emergency")
        .await
        .unwrap();
    app.click("#referral-mark-submit").await;
    app.wait_for_text("#referral-list", "Candidate").await;
    let referral = app.text("#referral-list").await;
    assert!(
        referral.contains("Canada") && referral.contains("Emergency"),
        "{referral}"
    );
    scroll_to(&app, "#case-referrals").await;
    app.shot("referral-marked").await;

    // The list of pathways: retiring the Human Rights Defenders stream takes it off the choices.
    let hrd = BUILT_IN_PATHWAYS[1].id;
    app.click("#pathways-edit").await;
    app.click(&format!("#pathway-{hrd}-retire")).await;
    app.wait_for_text(&format!("#pathway-{hrd}"), "No longer offered")
        .await;
    let offered = app.text("#referral-pathway").await;
    assert!(
        !offered.contains("Human Rights Defenders") && offered.contains("Canada"),
        "{offered}"
    );
    app.shot("pathways-retired").await;
    app.click("#pathways-done").await;

    // The dossier is refused without the person's consent to a referral to the recipient.
    app.click("#dossier-export-open").await;
    app.wait_for_text(
        "#dossier-refusal",
        "has not agreed to a referral to Government of Canada (IRCC)",
    )
    .await;
    let button = app.find("#dossier-export").await;
    assert!(
        button.attr("disabled").await.unwrap().is_some(),
        "no export without consent"
    );
    scroll_to(&app, "#dossier-dialog").await;
    app.shot("dossier-refused").await;

    // Her consent, recorded on the case page, lets it go: into the folder chosen.
    app.click("#add-consent").await;
    app.find("#consent-purpose")
        .await
        .select_by_value("government_referral")
        .await
        .unwrap();
    app.type_into("#consent-recipient", "Government of Canada (IRCC)")
        .await;
    app.click("#consent-submit").await;
    app.gone("#dossier-refusal").await;
    app.find("#dossier-include-family")
        .await
        .click()
        .await
        .unwrap();
    // The restricted note is added on purpose, after the second yes; the other note is not.
    let restricted = format!("#dossier-note-{}", people.restricted_note);
    app.find(&restricted).await.click().await.unwrap();
    app.click(&format!("{restricted}-yes")).await;
    let notes = app.text("#dossier-notes").await;
    assert!(
        notes.contains("Beaten in custody") && notes.contains("Russian-English dictionary"),
        "{notes}"
    );
    app.type_into("#dossier-folder", &exports.path().display().to_string())
        .await;
    scroll_to(&app, "#dossier-dialog").await;
    app.shot("dossier-choices").await;
    app.click("#dossier-export").await;
    app.wait_for_text("#dossier-saved", "pristan-dossier-")
        .await;
    scroll_to(&app, "#dossier-notes").await;
    app.shot("dossier-exported").await;
    let pdf = only_file(exports.path(), "pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Ольга Смирнова") && text.contains("CONFIDENTIAL"),
        "{text}"
    );
    assert!(
        text.contains("Beaten in custody"),
        "the chosen note: {text}"
    );
    assert!(!text.contains("dictionary"), "a note not chosen: {text}");
    app.click("#dossier-close").await;

    // The case history: verification steps only, the second coordinator's received.
    app.find("#history-kind")
        .await
        .select_by_value("verification_step")
        .await
        .unwrap();
    app.wait_for_text("#history-list", "(received)").await;
    let history = app.text("#history-list").await;
    assert!(
        history.contains("Second office") && history.contains("Office laptop"),
        "{history}"
    );
    scroll_to(&app, "#case-history").await;
    app.shot("case-history").await;

    // A removal flight in four days, Ivan Petrov linked to it.
    app.click("#nav-flights").await;
    app.find("#flights").await;
    let flight_day = today + Days::new(4);
    set_value(
        &app,
        "#flight-date",
        &flight_day.format("%Y-%m-%d").to_string(),
    )
    .await;
    app.type_into("#flight-route", "ELP → Moscow").await;
    app.type_into("#flight-source", "an attorney at the facility")
        .await;
    app.click("#flight-save").await;
    app.wait_for_text("#flight-countdown", "in 4 days").await;
    app.find("#flight-link-case")
        .await
        .select_by_value(&people.petrov.to_string())
        .await
        .unwrap();
    app.click("#flight-link-submit").await;
    app.wait_for_text("#triage-list", "Ivan Petrov").await;
    app.shot("flight-triage").await;

    // The board: the case on the flight first, with the countdown; then the others.
    app.click("#nav-board").await;
    app.find("#board").await;
    app.wait_for_text("#board-row-0", "Ivan Petrov").await;
    let first = app.text("#board-row-0").await;
    assert!(
        first.contains("Removal flight ELP → Moscow") && first.contains("in 4 days"),
        "{first}"
    );
    let rows = [(0, people.petrov), (1, people.smirnova), (2, people.volkov)];
    for (index, id) in rows {
        let row = app.find(&format!("#board-row-{index}")).await;
        assert_eq!(
            row.attr("data-case").await.unwrap().as_deref(),
            Some(id.to_string().as_str()),
            "row {index}"
        );
    }
    let smirnova = app.text("#board-row-1").await;
    assert!(smirnova.contains("Candidate"), "{smirnova}");
    let appeal = app.text("#board-row-2").await;
    assert!(appeal.contains("Form EOIR-26"), "{appeal}");
    let count = app.text("#board-count").await;
    assert!(
        count.contains("3 cases shown of 3") && count.contains("2 could be removed any day"),
        "{count}"
    );
    app.shot("board").await;

    // Focus starts on the first row; j moves down, k back up, Enter opens the case.
    assert_eq!(focused_id(&app).await, "board-row-0");
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("j")
        .await
        .unwrap();
    assert_eq!(focused_id(&app).await, "board-row-1");
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("k")
        .await
        .unwrap();
    assert_eq!(focused_id(&app).await, "board-row-0");
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("j")
        .await
        .unwrap();
    app.shot("board-focus-second-row").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .unwrap();
    app.find("#case-page").await;
    app.wait_for_text("#case-name", "Olga Smirnova").await;

    // From her own page she is linked to the flight, with its countdown, and unlinked again.
    app.find("#case-flight-choose option:nth-child(2)").await;
    let choice = app
        .client
        .execute(
            "return document.querySelector('#case-flight-choose option:nth-child(2)').value;",
            vec![],
        )
        .await
        .unwrap();
    app.find("#case-flight-choose")
        .await
        .select_by_value(choice.as_str().unwrap())
        .await
        .unwrap();
    app.type_into("#case-flight-note", "her cellmate saw the list")
        .await;
    app.click("#case-flight-link-submit").await;
    app.wait_for_text("#case-flight-list", "in 4 days").await;
    let linked = app.text("#case-flight-list").await;
    assert!(linked.contains("ELP → Moscow"), "{linked}");
    scroll_to(&app, "#case-flights").await;
    app.shot("case-flight-linked").await;
    app.click(&format!("#case-flight-unlink-{}", choice.as_str().unwrap()))
        .await;
    app.wait_for_text("#case-flights", "not linked to any")
        .await;

    // A filter narrows the board: only the released (none here) → the empty message.
    app.click("#nav-board").await;
    app.find("#board-row-0").await;
    app.find("#board-filter-custody")
        .await
        .select_by_value("released")
        .await
        .unwrap();
    app.find("#board-empty").await;
    app.shot("board-filtered-empty").await;
    app.click("#board-filter-clear").await;
    app.find("#board-row-2").await;

    // The working group's list: her row, and Ivan Petrov left out for lack of consent.
    app.click("#wg-export-open").await;
    app.find("#wg-delimiter")
        .await
        .select_by_value("semicolon")
        .await
        .unwrap();
    app.type_into("#wg-folder", &exports.path().display().to_string())
        .await;
    app.click("#wg-export-save").await;
    app.wait_for_text("#wg-saved", "Saved 1 case").await;
    let left_out = app.text("#wg-left-out").await;
    assert!(
        left_out.contains("Ivan Petrov") && left_out.contains("has not agreed"),
        "{left_out}"
    );
    app.shot("working-group-exported").await;
    let csv = std::fs::read(only_file(exports.path(), "csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for Excel"
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains("\"Ольга Смирнова\";") && !csv.contains("Петров"),
        "{csv}"
    );
    app.click("#wg-export-close").await;

    // In Russian.
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    app.wait_for_text("h1", "Сроки по всем делам").await;
    let first = app.text("#board-row-0").await;
    assert!(
        first.replace('\u{a0}', " ").contains("№ 1")
            && first.contains("Иван Петров")
            && first.contains("Рейс депортации"),
        "{first}"
    );
    app.shot("board-ru").await;
    assert_top_bar_on_one_line(&app).await;
    app.click("#wg-export-open").await;
    app.wait_for_text("#wg-export-title", "Список для рабочей группы")
        .await;
    app.shot("working-group-ru").await;
    app.click("#wg-export-close").await;
    app.click("#nav-flights").await;
    app.find("#flight-list button").await.click().await.unwrap();
    app.wait_for_text("#flight-countdown", "через 4 дня").await;
    app.shot("flight-triage-ru").await;
    app.click("#nav-dashboard").await;
    app.wait_for_text(
        "#dashboard-removal-title",
        "Дел, где депортация возможна в любой день: 2",
    )
    .await;
    app.shot("dashboard-ranked-ru").await;
    // Ivan Petrov's flight ranks him first now; she is second.
    app.click("#dashboard-removal-imminent .removal-item:nth-child(2) button")
        .await;
    app.wait_for_text("#case-name", "Olga Smirnova").await;
    app.click("#dossier-export-open").await;
    app.wait_for_text("#dossier-dialog-title", "Выгрузка досье")
        .await;
    scroll_to(&app, "#dossier-dialog").await;
    app.shot("dossier-ru").await;
    scroll_to(&app, "#case-flights").await;
    app.shot("case-flights-ru").await;
    app.quit().await;
}

/// The one file with extension `ext` that an export wrote into `folder`.
fn only_file(folder: &Path, ext: &str) -> std::path::PathBuf {
    let found: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

/// The PDF's text as poppler's pdftotext reads it.
fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, scripts/setup.sh)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The navigation, the language switch, Settings and Lock share one line at 1280 px.
async fn assert_top_bar_on_one_line(app: &App) {
    let tops = app
        .client
        .execute(
            "return [...document.querySelectorAll('.top-bar .nav-link, .top-bar-actions > *')]
                .map(e => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2));",
            vec![],
        )
        .await
        .unwrap();
    let tops: Vec<i64> = tops
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let (low, high) = (tops.iter().min().unwrap(), tops.iter().max().unwrap());
    assert!(high - low <= 4, "the top bar wraps: {tops:?}");
}

async fn focused_id(app: &App) -> String {
    app.client
        .active_element()
        .await
        .unwrap()
        .attr("id")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn set_value(app: &App, css: &str, value: &str) {
    app.find(css).await;
    app.client
        .execute(
            "const field = document.querySelector(arguments[0]);
             field.value = arguments[1];
             field.dispatchEvent(new Event('input', { bubbles: true }));
             field.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![css.into(), value.into()],
        )
        .await
        .unwrap();
}

/// Scrolls the section to the top of the window and waits two frames, for the screenshot.
async fn scroll_to(app: &App, css: &str) {
    app.find(css).await;
    app.client
        .execute_async(
            "const [css, done] = arguments;
             const top = document.querySelector(css).getBoundingClientRect().top;
             window.scrollTo(0, window.scrollY + top - 8);
             requestAnimationFrame(() => requestAnimationFrame(() => done(window.scrollY)));",
            vec![css.into()],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
}
