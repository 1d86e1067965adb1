//! A removal flight and the deadlines board: the case on the flight first with its countdown, j/k
//! and Enter, a case linked to the flight from its own page and unlinked, and a filter.

use chrono::{Days, NaiveDate};

use super::fixture::People;
use super::helpers::{focused_id, press};
use crate::harness::App;

pub(super) async fn flight_then_the_board(app: &mut App, people: &People, today: NaiveDate) {
    // A removal flight in four days, Ivan Petrov linked to it.
    app.click("#nav-flights").await;
    app.find("#flights").await;
    let flight_day = today + Days::new(4);
    app.set_value("#flight-date", &flight_day.format("%Y-%m-%d").to_string())
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
    assert_eq!(focused_id(app).await, "board-row-0");
    press(app, "j").await;
    assert_eq!(focused_id(app).await, "board-row-1");
    press(app, "k").await;
    assert_eq!(focused_id(app).await, "board-row-0");
    press(app, "j").await;
    app.shot("board-focus-second-row").await;
    press(app, "\u{E007}").await;
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
    app.scroll_to("#case-flights").await;
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
}
