//! The main window. Created in code rather than in tauri.conf.json so that its webview can be
//! incognito, except under WebDriver automation.

use tauri::{App, AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};

/// Opens the main window. Its webview is incognito (WebKit keeps cookies, storage and caches in
/// memory only), so nothing the interface does can leave a trace in the webview's data folder.
///
/// WebKitGTK cannot automate an ephemeral (incognito) web context, so when tauri-driver launches
/// the app for end-to-end tests (it sets `TAURI_WEBVIEW_AUTOMATION=true`), the window uses the
/// normal data folder instead. The end-to-end canary scan then checks that folder, which is the
/// stricter test: it shows nothing secret reaches webview storage even when it could.
pub fn open_main(app: &App) -> tauri::Result<()> {
    let automated = automated();
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("Pristan")
        .inner_size(1100.0, 760.0)
        .min_inner_size(720.0, 560.0)
        .incognito(!automated)
        .disable_drag_drop_handler()
        .build()?;
    Ok(())
}

fn automated() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|v| v == "true")
}

/// Whether locking ends the web process ([`forget_page`]): always, except under WebDriver, where
/// ending the web process also ends the automation session, so the end-to-end tests that go on
/// after a lock could not. The test that measures the web process's memory after lock turns it
/// back on with `PRISTAN_E2E_END_WEB_PROCESS=1` (tests/e2e/webview_memory.rs).
pub fn ends_web_process_on_lock() -> bool {
    !automated() || std::env::var("PRISTAN_E2E_END_WEB_PROCESS").is_ok_and(|v| v == "1")
}

/// Ends the main window's web process and loads the app again in a fresh one, after the vault
/// locked. The page drops its state on lock, but what it showed (notes, names) and what was typed
/// (the passphrase) stay in the old process's memory — JavaScript and WebAssembly cannot wipe it,
/// and WebKit reuses freed memory without clearing it. Ending the process returns those pages to
/// the kernel, which clears them before any other use. The new page starts at the unlock screen.
pub fn forget_page(app: &AppHandle) {
    let Some(window) = app.get_webview_window("main") else {
        return;
    };
    let Ok(mut start) = window.url() else {
        return;
    };
    start.set_path("/");
    start.set_query(None);
    start.set_fragment(None);
    let start = start.to_string();
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::WebViewExt;
        let view = webview.inner();
        view.terminate_web_process();
        view.load_uri(&start);
    });
    #[cfg(not(target_os = "linux"))]
    if let Ok(start) = start.parse() {
        let _ = window.navigate(start);
    }
}
