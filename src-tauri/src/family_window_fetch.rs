//! The family window's "type the card code" (issue 14, docs/family-card.md "Fetching by card
//! code"): the card is fetched from the relay address the family was given, over HTTP(S) with no
//! identity, at most a card's size and within a timeout, then opened exactly as a chosen file
//! (the same size cap and maximum work factor). It is never written anywhere: the bytes live in
//! memory until the card is opened, then are wiped.
//!
//! Its own Tauri command with its own permission (`allow-family-fetch-card`, granted only by
//! `capabilities/family.json`), and it checks the calling window's label like the others.

use pristan_family_card::{CardError, FamilyCard};
use tauri::WebviewWindow;
use zeroize::Zeroize;

use crate::family_window::{require_window, FamilyRefusal, LABEL};

/// A relay address longer than this is not one (the core's own cap is tighter still).
const MAX_ADDRESS: usize = 512;
/// A card code is 14 characters with its dashes; room for spaces typed around them.
const MAX_CODE: usize = 64;

/// Fetches the card under `code` from the relay at `address` and opens it with `passphrase`.
/// On failure, the message to show: `family-fetch-*` for the relay and the code (not found,
/// revoked, no connection, a mistyped code), `family-error-*` for the card itself.
#[tauri::command]
pub async fn family_fetch_card(
    webview_window: WebviewWindow,
    address: String,
    code: String,
    mut passphrase: String,
) -> Result<FamilyCard, FamilyRefusal> {
    if let Err(refused) = require_window(&webview_window, LABEL) {
        passphrase.zeroize();
        return Err(refused);
    }
    if address.len() > MAX_ADDRESS {
        passphrase.zeroize();
        return Err(FamilyRefusal::id("family-fetch-address-invalid"));
    }
    if code.len() > MAX_CODE {
        passphrase.zeroize();
        return Err(FamilyRefusal::id("family-fetch-code-wrong-length"));
    }
    let opened = tauri::async_runtime::spawn_blocking(move || {
        let opened = fetch_and_open(&address, &code, &passphrase);
        passphrase.zeroize();
        opened
    })
    .await
    .map_err(|_| FamilyRefusal::id("family-error-damaged"))?;
    opened
}

fn fetch_and_open(
    address: &str,
    code: &str,
    passphrase: &str,
) -> Result<FamilyCard, FamilyRefusal> {
    let mut bytes = pristan_relay_client::fetch_card(address, code)
        .map_err(|problem| FamilyRefusal::id(&problem.message_id()))?;
    let opened = pristan_family_card::open(&bytes, passphrase);
    bytes.zeroize();
    opened.map_err(|error: CardError| error.into())
}
