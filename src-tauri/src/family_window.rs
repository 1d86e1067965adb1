//! Family mode (issue 14, docs/family-card.md): a separate window, labelled `family`, where a
//! relative opens a status card on a shared computer. It never opens a vault and writes nothing.
//!
//! Its commands are Tauri commands of their own, declared to tauri-build (build.rs) so Tauri's
//! runtime authority enforces the capabilities: `capabilities/family.json` grants the family
//! window `family_open_card`, `family_fetch_card` (src-tauri/src/family_window_fetch.rs) and
//! `family_close` only, so Tauri itself refuses the vault's `ipc`
//! command there; `capabilities/main.json` does not grant the family commands to the main window
//! (it grants `open_family_window`, the start screen's way into family mode). Each command also
//! checks the calling window's label, in case a capability is ever widened by mistake.

use pristan_family_card::{CardError, FamilyCard};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, WebviewUrl, WebviewWindow, WebviewWindowBuilder};
use zeroize::Zeroize;

use crate::SharedSession;

/// The family window's label, named in `capabilities/family.json`.
pub const LABEL: &str = "family";
const MAIN_LABEL: &str = "main";

/// Two minutes without a key press, click or touch closes the family window.
const IDLE_SECS: u64 = 120;

/// The largest card text accepted over IPC (a card is a few kilobytes of armoured text).
const MAX_CARD_TEXT: usize = pristan_family_card::MAX_CARD_BYTES;

/// Whether the app was started for a family (`pristan-app --family`).
pub fn wanted(mut args: impl Iterator<Item = String>) -> bool {
    args.any(|a| a == "--family")
}

/// The idle time before the family window closes itself. A debug build (the end-to-end tests)
/// may shorten it with `PRISTAN_FAMILY_IDLE_SECS`; a release build always uses two minutes.
fn idle_secs() -> u64 {
    if cfg!(debug_assertions) {
        if let Some(secs) = std::env::var("PRISTAN_FAMILY_IDLE_SECS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|&s| s > 0)
        {
            return secs;
        }
    }
    IDLE_SECS
}

/// Opens the family window. Incognito (WebKit keeps nothing on disk), except under WebDriver
/// automation, which cannot drive an ephemeral context: the end-to-end trace scan then checks
/// the webview's data folder, the stricter test. The interface reads its mode and idle time from
/// the address's fragment.
pub fn open(app: &AppHandle) -> tauri::Result<WebviewWindow> {
    no_recent_files(app);
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").is_ok_and(|v| v == "true");
    let url = WebviewUrl::App(format!("index.html#family-idle-{}", idle_secs()).into());
    WebviewWindowBuilder::new(app, LABEL, url)
        .title("Pristan")
        .inner_size(900.0, 720.0)
        .min_inner_size(600.0, 520.0)
        .incognito(!automated)
        // The webview's own drag and drop: a dropped card is read by the page, never by path.
        .disable_drag_drop_handler()
        .build()
}

/// GTK's file chooser (behind "Choose the card file") adds what is chosen to the user's
/// recently-used list; family mode switches that off for the whole process first. (Not covered
/// by a test: WebDriver fills a file input without the chooser.)
#[cfg(target_os = "linux")]
fn no_recent_files(app: &AppHandle) {
    let _ = app.run_on_main_thread(|| {
        use gtk::prelude::GtkSettingsExt;
        if let Some(settings) = gtk::Settings::default() {
            settings.set_gtk_recent_files_enabled(false);
            settings.set_gtk_recent_files_max_age(0);
        }
    });
}

#[cfg(not(target_os = "linux"))]
fn no_recent_files(_app: &AppHandle) {}

/// Why a family command was refused: a message id for the interface (`family-error-*`), and
/// the card's error when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyRefusal {
    pub message_id: String,
    pub error: Option<CardError>,
}

impl FamilyRefusal {
    pub(crate) fn id(message_id: &str) -> FamilyRefusal {
        FamilyRefusal {
            message_id: message_id.to_owned(),
            error: None,
        }
    }
}

impl From<CardError> for FamilyRefusal {
    fn from(error: CardError) -> FamilyRefusal {
        FamilyRefusal {
            message_id: error.message_id().to_owned(),
            error: Some(error),
        }
    }
}

pub(crate) fn require_window(window: &WebviewWindow, label: &str) -> Result<(), FamilyRefusal> {
    if window.label() == label {
        Ok(())
    } else {
        Err(FamilyRefusal::id("family-error-wrong-window"))
    }
}

/// Opens a card (its armoured text, as chosen, dropped or pasted) with the typed passphrase.
/// scrypt takes about a second, so it runs off the main thread; a hostile card is refused
/// before any work. The passphrase is wiped once used.
#[tauri::command]
pub async fn family_open_card(
    webview_window: WebviewWindow,
    card: String,
    mut passphrase: String,
) -> Result<FamilyCard, FamilyRefusal> {
    let checked = require_window(&webview_window, LABEL);
    if let Err(refused) = checked {
        passphrase.zeroize();
        return Err(refused);
    }
    if card.len() > MAX_CARD_TEXT {
        passphrase.zeroize();
        return Err(CardError::TooLarge { found: card.len() }.into());
    }
    let opened = tauri::async_runtime::spawn_blocking(move || {
        let opened = pristan_family_card::open(card.as_bytes(), &passphrase);
        passphrase.zeroize();
        opened
    })
    .await
    .map_err(|_| FamilyRefusal::id("family-error-damaged"))?;
    Ok(opened?)
}

/// Closes the family window (the person pressed Close, or two minutes passed without input).
/// Started in family mode, that ends the app.
#[tauri::command]
pub fn family_close(webview_window: WebviewWindow) -> Result<(), FamilyRefusal> {
    require_window(&webview_window, LABEL)?;
    webview_window
        .destroy()
        .map_err(|_| FamilyRefusal::id("family-error-close"))
}

/// The start screen's choice "I am a family member": opens the family window and closes the
/// main one, so no vault screen stays behind on a shared computer. Refused while a vault is open.
#[tauri::command]
pub async fn open_family_window(
    app: AppHandle,
    webview_window: WebviewWindow,
    session: tauri::State<'_, SharedSession>,
) -> Result<(), FamilyRefusal> {
    require_window(&webview_window, MAIN_LABEL)?;
    let unlocked = session
        .lock()
        .map(|mut s| s.state().unlocked)
        .unwrap_or(true);
    if unlocked {
        return Err(FamilyRefusal::id("family-error-vault-open"));
    }
    open(&app).map_err(|_| FamilyRefusal::id("family-error-close"))?;
    webview_window
        .destroy()
        .map_err(|_| FamilyRefusal::id("family-error-close"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_mode_is_asked_for_by_its_flag_only() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(wanted(args(&["--family"]).into_iter()));
        assert!(wanted(args(&["--vault", "/v", "--family"]).into_iter()));
        assert!(!wanted(args(&["--vault", "--familyx"]).into_iter()));
        assert!(!wanted(args(&[]).into_iter()));
    }

    #[test]
    fn a_refusal_names_its_message() {
        let refusal = FamilyRefusal::from(CardError::WrongPassphrase);
        assert_eq!(refusal.message_id, "family-error-wrong-passphrase");
        let json = serde_json::to_value(&refusal).unwrap();
        assert_eq!(json["error"]["type"], "wrong_passphrase");
    }
}
