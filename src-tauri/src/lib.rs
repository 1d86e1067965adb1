//! The desktop shell: thin glue from the webview's IPC to the core. It holds the session (the
//! unlocked vault, if any), enforces idle auto-lock, and owns all file-system access.
//!
//! Architecture invariant: no domain logic lives here. Each command handler translates IPC types
//! to core calls and core errors to [`pristan_ipc::IpcError`].

mod auto_sync;
mod backup_dispatch;
mod casebook_dispatch;
mod coordinator_dispatch;
mod dispatch;
mod dossier_dispatch;
mod errors;
mod family_card_dispatch;
mod family_card_issue;
#[cfg(test)]
mod family_card_testing;
mod family_window;
mod family_window_fetch;
mod hardening;
#[cfg(test)]
mod hardening_tests;
mod idle_lock;
mod quiet_release;
mod relay_dispatch;
#[cfg(test)]
mod relay_dispatch_tests;
mod security_dispatch;
mod session;
mod sync_dispatch;
#[cfg(test)]
mod sync_dispatch_tests;
mod sync_views;
mod window;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use session::Session;

/// Shared between the IPC handler and the idle-lock watcher.
pub(crate) type SharedSession = Arc<Mutex<Session>>;

pub fn run() {
    hardening::disable_core_dumps();
    let family_mode = family_window::wanted(std::env::args().skip(1));
    let vault_dir = vault_dir_from_args(std::env::args().skip(1))
        .unwrap_or_else(pristan_core::app_settings::default_vault_dir);
    let settings_path = pristan_core::app_settings::default_settings_path();
    let session: SharedSession = Arc::new(Mutex::new(Session::new(vault_dir, settings_path)));
    idle_lock::watch(session.clone());
    quiet_release::watch();
    let progress = sync_dispatch::ProgressSlot::default();
    auto_sync::watch(session.clone(), progress.clone());

    let scrubbed = session.clone();
    tauri::Builder::default()
        .manage(session)
        .manage(progress)
        .invoke_handler(tauri::generate_handler![
            dispatch::ipc,
            family_window::family_open_card,
            family_window_fetch::family_fetch_card,
            family_window::family_close,
            family_window::open_family_window
        ])
        .setup(move |app| {
            let handle = app.handle().clone();
            if let (true, Ok(mut session)) = (window::ends_web_process_on_lock(), scrubbed.lock()) {
                session.on_lock(Box::new(move || window::forget_page(&handle)));
            }
            match family_mode {
                true => Ok(family_window::open(app.handle()).map(|_| ())?),
                false => Ok(window::open_main(app)?),
            }
        })
        .run(tauri::generate_context!())
        .expect("the Pristan window could not start");
}

/// `--vault DIR` (or `--vault=DIR`) picks the vault folder. Other arguments are ignored: WebDriver
/// and desktop launchers add their own.
fn vault_dir_from_args(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--vault" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--vault=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vault_folder_comes_from_either_form_of_the_flag() {
        let args = |a: &[&str]| {
            a.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            vault_dir_from_args(args(&["--vault", "/v"])),
            Some(PathBuf::from("/v"))
        );
        assert_eq!(
            vault_dir_from_args(args(&["--automation", "--vault=/w"])),
            Some(PathBuf::from("/w"))
        );
        assert_eq!(vault_dir_from_args(args(&["--automation"])), None);
    }
}
