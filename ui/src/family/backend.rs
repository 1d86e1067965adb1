//! The family window's calls to the shell: its own Tauri commands, never the vault's `ipc`
//! (which Tauri refuses to this window). The only other file that calls the shell besides
//! `crate::backend`.

use pristan_model::family_card::FamilyCard;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(command: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// What the shell answers when it refuses: the message to show.
#[derive(Deserialize)]
struct Refusal {
    message_id: String,
}

#[derive(Serialize)]
struct OpenArgs<'a> {
    card: &'a str,
    passphrase: &'a str,
}

/// Opens `card` (its armoured text) with the typed passphrase. On failure, the id of the message
/// to show (`family-error-*`).
pub async fn open_card(card: &str, passphrase: &str) -> Result<FamilyCard, String> {
    let args = serde_wasm_bindgen::to_value(&OpenArgs { card, passphrase })
        .map_err(|_| "family-error-damaged".to_owned())?;
    match tauri_invoke("family_open_card", args).await {
        Ok(answer) => {
            serde_wasm_bindgen::from_value(answer).map_err(|_| "family-error-damaged".to_owned())
        }
        Err(rejection) => Err(serde_wasm_bindgen::from_value::<Refusal>(rejection)
            .map(|r| r.message_id)
            .unwrap_or_else(|_| "family-error-damaged".to_owned())),
    }
}

#[derive(Serialize)]
struct FetchArgs<'a> {
    address: &'a str,
    code: &'a str,
    passphrase: &'a str,
}

/// Fetches the card under `code` from the relay at `address` and opens it with the typed
/// passphrase (the shell does both; the card is never stored). On failure, the message id
/// (`family-fetch-*` or `family-error-*`).
pub async fn fetch_card(address: &str, code: &str, passphrase: &str) -> Result<FamilyCard, String> {
    let args = serde_wasm_bindgen::to_value(&FetchArgs {
        address,
        code,
        passphrase,
    })
    .map_err(|_| "family-error-damaged".to_owned())?;
    match tauri_invoke("family_fetch_card", args).await {
        Ok(answer) => {
            serde_wasm_bindgen::from_value(answer).map_err(|_| "family-error-damaged".to_owned())
        }
        Err(rejection) => Err(serde_wasm_bindgen::from_value::<Refusal>(rejection)
            .map(|r| r.message_id)
            .unwrap_or_else(|_| "family-fetch-no-connection".to_owned())),
    }
}

/// Closes the family window (and, in family mode, the app).
pub async fn close() {
    let _ = tauri_invoke("family_close", JsValue::from(js_sys::Object::new())).await;
}

/// From the main window's start screen: opens the family window in place of the main one. On
/// refusal, the message to show.
pub async fn open_family_window() -> Result<(), String> {
    match tauri_invoke("open_family_window", JsValue::from(js_sys::Object::new())).await {
        Ok(_) => Ok(()),
        Err(rejection) => Err(serde_wasm_bindgen::from_value::<Refusal>(rejection)
            .map(|r| r.message_id)
            .unwrap_or_else(|_| "family-error-close".to_owned())),
    }
}
