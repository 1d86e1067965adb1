//! The working group's list (semicolons, a byte-order mark, a case left out for lack of consent),
//! then the board, flights, dashboard and dossier dialog in Russian, with the top bar on one line.

use std::path::Path;

use super::helpers::{assert_top_bar_on_one_line, only_file};
use crate::harness::App;

pub(super) async fn working_group_list_then_russian(app: &mut App, exports: &Path) {
    // The working group's list: her row, and Ivan Petrov left out for lack of consent.
    app.click("#wg-export-open").await;
    app.find("#wg-delimiter")
        .await
        .select_by_value("semicolon")
        .await
        .unwrap();
    app.type_into("#wg-folder", &exports.display().to_string())
        .await;
    app.click("#wg-export-save").await;
    app.wait_for_text("#wg-saved", "Saved 1 case").await;
    let left_out = app.text("#wg-left-out").await;
    assert!(
        left_out.contains("Ivan Petrov") && left_out.contains("has not agreed"),
        "{left_out}"
    );
    app.shot("working-group-exported").await;
    let csv = std::fs::read(only_file(exports, "csv")).unwrap();
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
    assert_top_bar_on_one_line(app).await;
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
    app.scroll_to("#dossier-dialog").await;
    app.shot("dossier-ru").await;
    app.scroll_to("#case-flights").await;
    app.shot("case-flights-ru").await;
}
