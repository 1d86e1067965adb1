//! A coordinator's workspace (issue 13): a vault with people whose removal could happen any day
//! opens on the ranked list — the count and the way to the deadlines board on top, the most
//! urgent case first (no attorney of record beats an older final order) — and the board lists
//! the removal-imminent cases first, moves with j/k and opens a case with Enter, in English and in
//! Russian. Screenshots go to artifacts/e2e/coordinator_workspace/.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Days, Local, NaiveDate};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{
    CustodyStatus, EntityId, Facility, FilingStatus, LegalEvent, LegalEventKind, Outcome,
    ShortText, Visit,
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
}

fn make_vault(dir: &Path, today: NaiveDate) -> People {
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let (mut vault, _) = Vault::create(dir, &passphrase, KdfParams::MINIMUM).unwrap();
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
    let people = People {
        smirnova: person("Olga Smirnova", "Ольга Смирнова"),
        petrov: person("Ivan Petrov", "Иван Петров"),
        volkov: person("Dmitri Volkov", "Дмитрий Волков"),
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
    vault.lock().unwrap();
    people
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn coordinator_ranks_removal_and_walks_the_board() {
    let home = tempfile::tempdir().unwrap();
    let today = Local::now().date_naive();
    let vault_dir = home.path().join(".local/share/org.pristan.casebook/vault");
    let people = make_vault(&vault_dir, today);
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

    // The board: removal-imminent first, then the BIA appeal deadline.
    app.click("#dashboard-open-board").await;
    app.find("#board").await;
    app.wait_for_text("#board-row-0", "Olga Smirnova").await;
    let rows = [(0, people.smirnova), (1, people.petrov), (2, people.volkov)];
    for (index, id) in rows {
        let row = app.find(&format!("#board-row-{index}")).await;
        assert_eq!(
            row.attr("data-case").await.unwrap().as_deref(),
            Some(id.to_string().as_str()),
            "row {index}"
        );
    }
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
    app.shot("board-focus-second-row").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{E007}")
        .await
        .unwrap();
    app.find("#case-page").await;
    app.wait_for_text("#case-name", "Ivan Petrov").await;

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

    // In Russian.
    app.find("#lang-select")
        .await
        .select_by_value("ru")
        .await
        .unwrap();
    app.wait_for_text("h1", "Сроки по всем делам").await;
    let first = app.text("#board-row-0").await;
    assert!(
        first.replace('\u{a0}', " ").contains("№ 1") && first.contains("Ольга Смирнова"),
        "{first}"
    );
    app.shot("board-ru").await;
    app.click("#nav-dashboard").await;
    app.wait_for_text(
        "#dashboard-removal-title",
        "Дел, где депортация возможна в любой день: 2",
    )
    .await;
    app.shot("dashboard-ranked-ru").await;
    app.quit().await;
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
