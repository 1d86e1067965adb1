//! Small steps the coordinator workspace test repeats: reading an exported file, the focused
//! element, a key pressed where the focus is, and checking that the top bar stays on one line.

use std::path::Path;

use crate::harness::App;

/// The one file with extension `ext` that an export wrote into `folder`.
pub(super) fn only_file(folder: &Path, ext: &str) -> std::path::PathBuf {
    let found: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found.into_iter().next().unwrap()
}

/// The PDF's text as poppler's pdftotext reads it.
pub(super) fn pdf_text(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils, scripts/setup.sh)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The navigation, the language switch, Settings and Lock share one line at 1280 px.
pub(super) async fn assert_top_bar_on_one_line(app: &App) {
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

pub(super) async fn focused_id(app: &App) -> String {
    app.client
        .active_element()
        .await
        .unwrap()
        .attr("id")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Sends `key` to the element that has the focus, as a person pressing it would.
pub(super) async fn press(app: &App, key: &str) {
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(key)
        .await
        .unwrap();
}
