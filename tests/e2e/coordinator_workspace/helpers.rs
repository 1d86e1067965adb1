//! Small steps the coordinator workspace test repeats: reading an exported file, scrolling a
//! section into view for a screenshot, the focused element, setting a date field, and checking
//! that the top bar stays on one line.

use std::path::Path;
use std::time::Duration;

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

pub(super) async fn set_value(app: &App, css: &str, value: &str) {
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
pub(super) async fn scroll_to(app: &App, css: &str) {
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
