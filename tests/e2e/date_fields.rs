//! Dates no one can misread: in Russian, a date put into each date field of the casebook is
//! echoed beside it in words («= 2 декабря 2026 г.») with the order of the control's numbers,
//! and what is saved is that same day, both as the page shows it and as the vault stores it.
//! (The native control shows 12/02/2026 for 2 December on a US-English system, which a Russian
//! reader takes for 12 February; a decision date misread that way moves every deadline.)

use chrono::NaiveDate;
use pristan_core::domain::{Consent, CustodyEvent, Evidence, LegalEvent, Task, Visit};
use pristan_core::Vault;
use secrecy::SecretString;

use crate::harness::App;
use crate::russian_screens::scroll_to;

const TEST: &str = "date_fields";
const PASSPHRASE: &str = "lantern orchard pebble ninety";

/// (field, date put in, the words it must be echoed with).
const DAY: (&str, &str) = ("2026-12-02", "2 декабря 2026 г.");
const BIRTH: (&str, &str) = ("1988-02-12", "12 февраля 1988 г.");
const CORRECTED_BIRTH: (&str, &str) = ("1988-12-02", "2 декабря 1988 г.");

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn each_date_field_saves_the_day_it_shows_in_words() {
    let home = tempfile::tempdir().unwrap();
    let mut app = App::start(TEST, home.path(), 0).await;
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    // The screen is drawn again in Russian; typing starts after that, so nothing typed is lost.
    app.wait_for_text("h1", "Добро пожаловать в Pristan").await;
    // The form can be drawn once more after the language is saved: `create_vault` types again
    // if that empties it.
    app.create_vault(PASSPHRASE).await;
    app.click("#recovery-ack").await;
    app.click("#recovery-continue").await;
    app.find("#dashboard").await;

    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", "Ivan Petrov").await;
    put_date(&mut app, "#new-case-dob", BIRTH).await;
    app.click("#new-case-submit").await;
    app.find("#case-page").await;
    app.wait_for_text("#case-overview", BIRTH.1).await;

    // Correcting the date of birth: the echo follows the new value.
    app.click("#case-overview-edit").await;
    put_date(&mut app, "#case-edit-dob", CORRECTED_BIRTH).await;
    app.click("#case-edit-submit").await;
    app.wait_for_text("#case-overview", CORRECTED_BIRTH.1).await;

    app.click("#add-custody-event").await;
    put_date(&mut app, "#custody-event-date", DAY).await;
    app.click("#custody-event-submit").await;
    app.gone("#custody-event-form").await;
    app.wait_for_text("#case-custody", DAY.1).await;

    app.click("#add-legal-event").await;
    put_date(&mut app, "#legal-event-date", DAY).await;
    app.click("#legal-event-submit").await;
    app.gone("#legal-event-form").await;
    app.wait_for_text("#case-legal", DAY.1).await;

    app.click("#add-evidence").await;
    put_date(&mut app, "#evidence-date", DAY).await;
    app.type_into("#evidence-summary", "Фото с пикета").await;
    app.find("#evidence-level")
        .await
        .select_by_value("verified")
        .await
        .unwrap();
    put_date(&mut app, "#evidence-verified-on", DAY).await;
    app.click("#evidence-submit").await;
    app.gone("#evidence-form").await;
    app.wait_for_text("#case-evidence", DAY.1).await;

    app.click("#add-consent").await;
    put_date(&mut app, "#consent-given-on", DAY).await;
    app.click("#consent-submit").await;
    app.gone("#consent-form").await;
    app.wait_for_text("#case-consents", DAY.1).await;

    app.click("#add-task").await;
    app.type_into("#task-title", "Позвонить адвокату").await;
    put_date(&mut app, "#task-due", DAY).await;
    app.click("#task-submit").await;
    app.gone("#task-form").await;
    app.wait_for_text("#case-tasks", DAY.1).await;

    app.click("#write-up-visit").await;
    put_date(&mut app, "#visit-date", DAY).await;
    app.type_into("#note-welfare", "Чувствует себя лучше.")
        .await;
    app.click("#visit-finish").await;
    app.find("#case-page").await;
    app.wait_for_text("#case-visits", DAY.1).await;
    scroll_to(&app, "#case-overview").await;
    app.shot("case-with-dates").await;
    app.quit().await;

    // What the vault holds is the day the page showed in words.
    let dir = home.path().join(".local/share/org.pristan.casebook/vault");
    let vault = Vault::unlock(&dir, &SecretString::from(PASSPHRASE.to_owned())).unwrap();
    let day = Some(date(DAY.0));
    let case = &vault.cases().unwrap()[0];
    assert_eq!(case.date_of_birth, Some(date(CORRECTED_BIRTH.0)));
    let only = |dates: Vec<Option<NaiveDate>>, what: &str| {
        assert_eq!(dates, vec![day], "{what}");
    };
    only(
        dates::<CustodyEvent>(&vault, case.id, |r| r.date),
        "custody",
    );
    only(dates::<LegalEvent>(&vault, case.id, |r| r.date), "legal");
    only(dates::<Evidence>(&vault, case.id, |r| r.date), "evidence");
    only(
        dates::<Evidence>(&vault, case.id, |r| r.verified_on),
        "evidence verified",
    );
    only(dates::<Consent>(&vault, case.id, |r| r.given_on), "consent");
    only(dates::<Task>(&vault, case.id, |r| r.due), "task");
    only(dates::<Visit>(&vault, case.id, |r| r.date), "visit");
    vault.lock().unwrap();
}

/// Puts `value` into the date control as its picker would, and checks the echo beside it says
/// the same day in words and shows the order of the control's numbers.
async fn put_date(app: &mut App, css: &str, (value, words): (&str, &str)) {
    app.set_value(css, value).await;
    let echo = format!("{css}-echo");
    app.wait_for_text(&echo, &format!("= {words}")).await;
    let shown = app.text(&echo).await;
    assert!(shown.contains("порядок в поле:"), "{css}: {shown}");
    assert!(
        shown.contains("ДД") && shown.contains("ММ") && shown.contains("ГГГГ"),
        "{css}: {shown}"
    );
    app.shot(&css[1..]).await;
}

fn dates<T: pristan_core::records::RecordType>(
    vault: &Vault,
    case: pristan_core::ops::EntityId,
    get: impl Fn(&T) -> Option<NaiveDate>,
) -> Vec<Option<NaiveDate>> {
    vault
        .list::<T>(case)
        .unwrap()
        .iter()
        .map(|stored| get(&stored.record))
        .collect()
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}
