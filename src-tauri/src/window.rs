//! The main window. Created in code rather than in tauri.conf.json so that its webview can be
//! incognito, except under WebDriver automation.

use tauri::{App, WebviewUrl, WebviewWindowBuilder};

/// Opens the main window. Its webview is incognito (WebKit keeps cookies, storage and caches in
/// memory only), so nothing the interface does can leave a trace in the webview's data folder.
///
/// WebKitGTK cannot automate an ephemeral (incognito) web context, so when tauri-driver launches
/// the app for end-to-end tests (it sets `TAURI_WEBVIEW_AUTOMATION=true`), the window uses the
/// normal data folder instead. The end-to-end canary scan then checks that folder, which is the
/// stricter test: it shows nothing secret reaches webview storage even when it could.
pub fn open_main(app: &App) -> tauri::Result<()> {
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|v| v == "true");
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("Pristan")
        .inner_size(1100.0, 760.0)
        .min_inner_size(720.0, 560.0)
        .incognito(!automated)
        .disable_drag_drop_handler()
        .build()?;
    Ok(())
}
