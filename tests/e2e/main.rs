//! End-to-end tests: the real desktop binary, driven through WebDriver (tauri-driver, which runs
//! WebKitWebDriver) under Xvfb. Each step saves a screenshot under artifacts/e2e/<test>/.
//!
//! They are `#[ignore]`d in a plain `cargo test` because they need a display, tauri-driver and the
//! app built with the interface embedded; scripts/test.sh runs them with `--ignored`.
//!
//! Modules:
//! - `harness`: starting the app in an isolated home folder, screenshots, clean shutdown;
//! - `backup_restore`: a backup from Settings onto a drive folder, restored on a second computer
//!   from the first screen and unlocked with the same passphrase;
//! - `case_pages`: dashboard, new case, deadlines from a legal event, removal-imminent, search in
//!   Cyrillic, the case page in Russian;
//! - `coordinator_workspace`: a coordinator's ranked removal-imminent list on the dashboard, the
//!   deadlines board (order, keys, filters), in English and Russian;
//! - `date_fields`: in Russian, a date put into each date field is echoed in words beside it and
//!   saved as that day (on the page and in the vault);
//! - `family_mode`: a card issued with the CLI opened in the family window in Russian, a wrong
//!   passphrase, the window closing on idle with nothing left behind; Tauri refusing the vault's
//!   `ipc` to the family window and the family commands to the main window;
//! - `family_relay`: a card published on a real relay by the CLI is fetched in the family window
//!   by its address and card code, read in Russian; an unknown code gets a kind message; nothing
//!   of the card is left behind;
//! - `latin`: the allow-list of Latin-script words on Russian screens (docs/glossary.md);
//! - `locked_ipc`: with the app locked, every vault command named by pristan-ipc, called through
//!   the real IPC, answers `Locked`;
//! - `malicious_text`: `<script>`, `<img onerror>` and `javascript:` links in a case name, a note,
//!   evidence, an attachment name, a relative and a flight route render as text on every screen;
//! - `relay_sync`: Sync now through a real relay: a visit reaches the coordinator's window; with
//!   the relay stopped the screen says so and the bundle stays queued; restarted, it goes;
//! - `security_settings`: the wrong-passphrase policy and duress from Settings: afterwards the app
//!   says the vault can no longer be opened, and it cannot;
//! - `russian_screens`: every screen of the demo vault in Russian, with no English beyond the
//!   allow-list;
//! - `sync_two_instances`: a coordinator and a volunteer (two app instances, one after the other)
//!   exchange a bundle and a case packet through a shared folder: join, export, import, approve,
//!   assign, packet, assignment seen;
//! - `vault_journey`: create, lock, wrong passphrase, unlock, panic key, Russian, relaunch;
//! - `visit_guide`: the printable paper visit guide, in English and Russian;
//! - `webview_memory`: WebKit's web process's memory read with a note on screen and after lock,
//!   scanned for the note and the passphrase: a measurement (docs/SECURITY.md §9, §11);
//! - `visit_writeup`: a visit written up with the keyboard, autosaved, resumed after the app
//!   closed, finished; its notes on the case page, edited, searched, in Russian.

mod backup_restore;
mod case_pages;
mod coordinator_workspace;
mod date_fields;
mod desktop_baseline;
mod family_mode;
mod family_relay;
mod harness;
mod latin;
mod locked_ipc;
mod malicious_text;
mod relay_sync;
mod russian_screens;
mod security_settings;
mod sync_two_instances;
mod vault_journey;
mod visit_guide;
mod visit_writeup;
mod webview_memory;
