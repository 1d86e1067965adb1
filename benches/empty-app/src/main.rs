//! The empty app: a Tauri 2 window showing a Yew page with one passphrase field and a button, and
//! one command that answers the button. It opens its window as Pristan's shell does
//! (`src-tauri/src/window.rs`: same size, incognito except under WebDriver), and nothing more, so
//! that its cold start and memory are the framework's floor.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use tauri::{WebviewUrl, WebviewWindowBuilder};

/// The button's command: says whether anything was typed.
#[tauri::command]
fn unlock(passphrase: String) -> bool {
    !passphrase.is_empty()
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![unlock])
        .setup(|app| {
            let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|v| v == "true");
            WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
                .title("Empty app")
                .inner_size(1100.0, 760.0)
                .min_inner_size(720.0, 560.0)
                .incognito(!automated)
                .disable_drag_drop_handler()
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the window could not start");
}
