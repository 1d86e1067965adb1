//! A volunteer's casebook: a new vault opens on the dashboard; a case is added with a Cyrillic
//! name (after a mistyped A-number is refused in plain words) and a facility; an immigration
//! judge's denial dated 20 days ago puts the BIA appeal deadline on the case page and the
//! dashboard; a final order on a second case raises the removal-imminent warning; the case is
//! found by searching in Cyrillic; and the pages are shown in Russian. Screenshots go to
//! artifacts/e2e/case_pages/.

use std::time::Duration;

use chrono::{Duration as Days, Local, NaiveDate};
use fantoccini::Locator;

use crate::harness::App;

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn cases_deadlines_search_and_russian() {
    let home = tempfile::tempdir().unwrap();
    let passphrase = "harbour lantern quietly seven";
    let mut app = App::start("case_pages", home.path(), 0).await;
    let today = Local::now().date_naive();

    app.type_into("#create-passphrase", passphrase).await;
    app.type_into("#create-confirm", passphrase).await;
    app.click("#create-submit").await;
    app.click("#recovery-ack").await;
    app.click("#recovery-continue").await;

    // A new vault opens on the dashboard, which invites the first case.
    app.find("#dashboard").await;
    app.find("#dashboard-empty").await;
    app.find("#open-visit-guide").await;
    app.shot("dashboard-empty").await;

    // A mistyped A-number is refused before anything is saved, in words.
    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", "Ivan Petrov").await;
    app.type_into("#new-case-native-name", "Иван Петров").await;
    app.type_into("#new-case-a-number", "A-123-456-7").await;
    app.click("#new-case-submit").await;
    let error = app.text("#new-case-a-number-error").await;
    assert!(error.contains("7 digits"), "{error}");
    app.shot("new-case-a-number-error").await;
    app.type_into("#new-case-a-number", "123456789").await;
    app.set_value("#new-case-dob", "1988-04-12").await;
    app.type_into("#new-case-nationality", "Russia").await;

    // A facility that is not in the list yet, with its time zone.
    app.click("#new-case-facility-add").await;
    app.type_into(
        "#new-case-facility-new-name",
        "Otero County Processing Center",
    )
    .await;
    // The time zone follows the state typed.
    app.type_into("#new-case-facility-new-state", "nm").await;
    let zone = app
        .find("#new-case-facility-new-zone")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(zone.as_deref(), Some("America/Denver"));
    app.shot("new-case-facility-form").await;
    app.click("#new-case-facility-new-submit").await;
    wait_for_text(
        &app,
        "#new-case-facility",
        "Otero County Processing Center (NM)",
    )
    .await;
    app.shot("new-case-filled").await;
    app.click("#new-case-submit").await;

    // The case page: both names, the formatted A-number, the facility's own clock.
    app.find("#case-page").await;
    let name = app.text("#case-name").await;
    assert!(
        name.contains("Ivan Petrov") && name.contains("Иван Петров"),
        "{name}"
    );
    assert_eq!(app.text("#case-a-number").await, "A-123-456-789");
    let clock = app.text("#case-facility-time").await;
    assert!(clock.starts_with("Local time there:"), "{clock}");
    assert!(clock.contains("MST") || clock.contains("MDT"), "{clock}");
    let deadlines = app.text("#case-deadlines").await;
    assert!(deadlines.contains("No deadlines"), "{deadlines}");
    app.shot("case-new").await;

    // The judge denied asylum 20 days ago: the appeal must reach the BIA within 30 days.
    let decided = today - Days::days(20);
    add_legal_event(&app, "ij_decision", decided, "denied").await;
    let deadlines = wait_for_text(
        &app,
        "#case-deadlines",
        "Appeal to the Board of Immigration Appeals",
    )
    .await;
    let due = appeal_due(decided);
    let days_left = (due - today).num_days();
    assert!(
        deadlines.contains(&format!("in {days_left} days")),
        "{deadlines}"
    );
    assert!(deadlines.contains("8 CFR 1003.38(b)"), "{deadlines}");
    assert!(
        deadlines.contains("Estimate — confirm with the attorney of record."),
        "{deadlines}"
    );
    let legal = app.text("#case-legal").await;
    assert!(
        legal.contains("Immigration judge's decision") && legal.contains("Denied"),
        "{legal}"
    );
    app.scroll_to("#case-deadlines").await;
    app.shot("case-deadline").await;
    section_shot(&app, "#case-deadlines", "section-deadlines-en").await;
    section_shot(&app, "#case-legal", "section-legal-en").await;

    // The other sections, each opened with its form, for a look.
    app.click("#add-task").await;
    app.type_into(
        "#task-title",
        "Ask the attorney whether the EOIR-26 is filed",
    )
    .await;
    app.set_value("#task-due", &(today + Days::days(3)).to_string())
        .await;
    app.click("#task-submit").await;
    wait_for_text(&app, "#case-tasks", "EOIR-26").await;
    app.click("#add-consent").await;
    app.find("#consent-purpose")
        .await
        .select_by_value("share_with_attorney")
        .await
        .unwrap();
    app.type_into("#consent-recipient", "Maria Lopez, Esq.")
        .await;
    app.click("#consent-submit").await;
    wait_for_text(&app, "#consent-table", "Maria Lopez, Esq.").await;
    section_shot(&app, "#case-consents", "section-consents-en").await;
    app.click("#add-relative").await;
    app.type_into("#relative-name", "Anna Petrova").await;
    app.type_into("#relative-native-name", "Анна Петрова").await;
    app.type_into("#relative-relation", "wife").await;
    app.find("#relative-whereabouts")
        .await
        .select_by_value("detained_elsewhere")
        .await
        .unwrap();
    app.type_into("#relative-location", "Eloy Detention Center, AZ")
        .await;
    app.click("#relative-submit").await;
    wait_for_text(&app, "#case-relatives", "Detained elsewhere").await;
    app.click("#add-evidence").await;
    app.type_into(
        "#evidence-summary",
        "Arrested at an anti-war picket in Moscow, March 2022",
    )
    .await;
    app.click("#evidence-submit").await;
    wait_for_text(&app, "#case-evidence", "anti-war picket").await;
    // A transfer to a facility added from the event's form.
    app.click("#add-custody-event").await;
    app.set_value("#custody-event-date", &(today - Days::days(40)).to_string())
        .await;
    app.click("#custody-event-facility-add").await;
    app.type_into(
        "#custody-event-facility-new-name",
        "Torrance County Detention Facility",
    )
    .await;
    app.type_into("#custody-event-facility-new-state", "NM")
        .await;
    app.click("#custody-event-facility-new-submit").await;
    wait_for_text(
        &app,
        "#custody-event-facility",
        "Torrance County Detention Facility (NM)",
    )
    .await;
    app.type_into("#custody-event-source", "ICE detainee locator")
        .await;
    app.click("#custody-event-submit").await;
    app.gone("#custody-event-form").await;
    wait_for_text(
        &app,
        "#case-custody",
        "from Otero County Processing Center to Torrance County Detention Facility",
    )
    .await;
    wait_for_text(
        &app,
        "#case-facility",
        "Torrance County Detention Facility, NM",
    )
    .await;

    // A picture, kept in the vault, shown from its bytes, and exported with a warning.
    let picture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons/128x128.png");
    app.find("#attachment-file")
        .await
        .send_keys(picture.to_str().unwrap())
        .await
        .unwrap();
    wait_for_text(&app, "#attachment-chosen", "128x128.png").await;
    app.type_into("#attachment-caption", "Hearing notice, photographed")
        .await;
    app.click("#attachment-submit").await;
    wait_for_text(&app, "#case-attachments .file-name", "128x128.png").await;
    app.click("#case-attachments .attachment-show").await;
    app.find("#case-attachments img.attachment-picture").await;
    app.click("#case-attachments .attachment-export").await;
    let exported = app.text("#case-attachments .attachment-exported").await;
    assert!(
        exported.contains("Saved as") && exported.contains("not encrypted"),
        "{exported}"
    );
    app.click("#case-overview-edit").await;
    app.shot("case-overview-form").await;
    app.click("#case-edit-submit").await;
    app.find("#case-overview-edit").await;
    for section in [
        "#case-overview",
        "#case-custody",
        "#case-visits",
        "#case-tasks",
        "#case-evidence",
        "#case-relatives",
        "#case-attachments",
    ] {
        section_shot(&app, section, &format!("section-{}-en", &section[6..])).await;
    }
    app.click("#add-legal-event").await;
    app.scroll_to("#legal-event-form").await;
    app.shot("legal-event-form").await;
    app.click("#legal-event-form .button-quiet").await;

    // The dashboard lists the deadline with the case's names.
    app.click("#nav-dashboard").await;
    let on_dashboard = wait_for_text(
        &app,
        "#dashboard-deadlines",
        "Appeal to the Board of Immigration Appeals",
    )
    .await;
    assert!(on_dashboard.contains("Ivan Petrov"), "{on_dashboard}");
    assert!(
        on_dashboard.contains(&format!("in {days_left} days")),
        "{on_dashboard}"
    );
    assert!(on_dashboard.contains("8 CFR 1003.38(b)"), "{on_dashboard}");
    app.shot("dashboard-deadline").await;

    // A final order with no stay: removal could happen any day, at the top of the dashboard.
    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", "Olga Smirnova").await;
    app.type_into("#new-case-native-name", "Ольга Смирнова")
        .await;
    app.click("#new-case-submit").await;
    app.find("#case-page").await;
    wait_for_text(&app, "#case-name", "Olga Smirnova").await;
    add_legal_event(&app, "final_order", today - Days::days(3), "unknown").await;
    let banner = app.text("#case-removal-imminent").await;
    assert!(banner.contains("removal could happen any day"), "{banner}");
    app.scroll_to("#case-page").await;
    app.shot("case-removal-imminent").await;
    app.click("#nav-dashboard").await;
    let urgent = app.text("#dashboard-removal-imminent").await;
    assert!(
        urgent.contains("Olga Smirnova")
            && urgent.contains("1 person could be removed any day")
            && urgent.contains("Final order 3 days ago"),
        "{urgent}"
    );
    app.shot("dashboard-removal-imminent").await;
    // Enter on a dashboard item opens its case.
    let item = app.find("#dashboard-deadlines .dash-item").await;
    item.send_keys("\u{E007}").await.unwrap();
    wait_for_text(&app, "#case-name", "Ivan Petrov").await;

    // Search in Cyrillic finds the case; Enter opens it.
    app.click("#nav-cases").await;
    app.find("#case-results").await;
    assert_eq!(results(&app).await.len(), 2);
    app.shot("cases-list").await;
    let found = search(&app, "Петр").await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("Иван Петров") && found[0].contains("A-123-456-789"),
        "{found:?}"
    );
    app.shot("cases-search-cyrillic").await;
    let found = search(&app, "picket").await;
    assert!(
        found.len() == 1
            && found[0].contains("In evidence")
            && found[0].contains("anti-war picket"),
        "{found:?}"
    );
    app.shot("cases-search-evidence").await;
    app.find("#case-search")
        .await
        .send_keys("\u{E007}")
        .await
        .unwrap();
    wait_for_text(&app, "#case-name", "Иван Петров").await;

    // Russian: the same case page, dashboard and list.
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    let deadlines = wait_for_text(&app, "#case-deadlines", "Сроки").await;
    assert!(
        deadlines.contains("Апелляция в Апелляционный совет"),
        "{deadlines}"
    );
    assert!(
        deadlines.contains("Это оценка — уточните у адвоката, ведущего дело."),
        "{deadlines}"
    );
    assert!(
        deadlines.contains(&russian_in_days(days_left)),
        "{deadlines}"
    );
    app.shot("case-russian").await;
    app.scroll_to("#case-deadlines").await;
    app.shot("case-deadline-russian").await;
    for section in [
        "#case-deadlines",
        "#case-legal",
        "#case-consents",
        "#case-tasks",
        "#case-relatives",
        "#case-evidence",
    ] {
        section_shot(&app, section, &format!("section-{}-ru", &section[6..])).await;
    }
    app.click("#nav-dashboard").await;
    wait_for_text(&app, "#dashboard-deadlines", "Сроки на ближайшие 14 дней").await;
    app.shot("dashboard-russian").await;
    app.click("#nav-cases").await;
    let found = search(&app, "ольга").await;
    assert!(
        found.len() == 1 && found[0].contains("Ольга Смирнова"),
        "{found:?}"
    );
    app.shot("cases-search-russian").await;
    app.click("#nav-new-case").await;
    app.find("#new-case-name").await;
    app.shot("new-case-russian").await;
    app.quit().await;
}

/// Adds a legal event through the case page's form and waits for the form to close.
async fn add_legal_event(app: &App, kind: &str, date: NaiveDate, outcome: &str) {
    app.click("#add-legal-event").await;
    app.find("#legal-event-kind")
        .await
        .select_by_value(kind)
        .await
        .unwrap();
    app.set_value("#legal-event-date", &date.to_string()).await;
    app.find("#legal-event-outcome")
        .await
        .select_by_value(outcome)
        .await
        .unwrap();
    app.click("#legal-event-submit").await;
    app.gone("#legal-event-form").await;
}

/// A screenshot of the window scrolled to one section, as <label>.png beside the step
/// screenshots. (WebKitWebDriver's element screenshots come out black.)
async fn section_shot(app: &App, css: &str, label: &str) {
    app.scroll_to(css).await;
    let png = app.client.screenshot().await.expect("screenshot");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts/e2e/case_pages")
        .join(format!("{label}.png"));
    std::fs::write(path, png).unwrap();
}

/// Waits until the element's text contains `expected`, and returns the text.
async fn wait_for_text(app: &App, css: &str, expected: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        if let Ok(element) = app.client.find(Locator::Css(css)).await {
            text = element.text().await.unwrap_or_default();
            if text.contains(expected) {
                return text;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed {expected:?}; it shows {text:?}");
}

async fn results(app: &App) -> Vec<String> {
    let mut texts = Vec::new();
    let Ok(rows) = app
        .client
        .find_all(Locator::Css("#case-results .case-result"))
        .await
    else {
        return texts;
    };
    for row in rows {
        texts.push(row.text().await.unwrap_or_default());
    }
    texts
}

/// Types `words` into the search box and returns the results that answer exactly them.
async fn search(app: &App, words: &str) -> Vec<String> {
    app.type_into("#case-search", words).await;
    app.find(&format!("#case-results[data-query=\"{words}\"]"))
        .await;
    results(app).await
}

/// The BIA appeal's last day: 30 days after the decision, moved past weekends and the federal
/// holidays that can fall within a month of today (enough for this test's dates).
fn appeal_due(decided: NaiveDate) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    let mut due = decided + Days::days(30);
    loop {
        let weekend = matches!(due.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !is_federal_holiday(due) {
            return due;
        }
        due += Days::days(1);
    }
}

/// US federal holidays (5 USC 6103), observed dates included.
fn is_federal_holiday(day: NaiveDate) -> bool {
    use chrono::{Datelike, Weekday};
    let year = day.year();
    let nth = |month: u32, weekday: Weekday, n: u8| {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).unwrap()
    };
    let last_monday_of_may = (25..=31)
        .filter_map(|d| NaiveDate::from_ymd_opt(year, 5, d))
        .find(|d| d.weekday() == Weekday::Mon)
        .unwrap();
    let observed = |month: u32, d: u32| {
        let date = NaiveDate::from_ymd_opt(year, month, d).unwrap();
        match date.weekday() {
            Weekday::Sat => date - Days::days(1),
            Weekday::Sun => date + Days::days(1),
            _ => date,
        }
    };
    [
        observed(1, 1),
        nth(1, Weekday::Mon, 3),
        nth(2, Weekday::Mon, 3),
        last_monday_of_may,
        observed(6, 19),
        observed(7, 4),
        nth(9, Weekday::Mon, 1),
        nth(10, Weekday::Mon, 2),
        observed(11, 11),
        nth(11, Weekday::Thu, 4),
        observed(12, 25),
    ]
    .contains(&day)
        || NaiveDate::from_ymd_opt(year + 1, 1, 1)
            .is_some_and(|d| d.weekday() == Weekday::Sat && day == d - Days::days(1))
}

/// "через N дней" with the plural form Russian needs for N.
fn russian_in_days(days: i64) -> String {
    let form = match (days % 10, days % 100) {
        (1, n) if n != 11 => "день",
        (2..=4, n) if !(12..=14).contains(&n) => "дня",
        _ => "дней",
    };
    format!("через {days} {form}")
}
