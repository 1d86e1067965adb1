//! The single Tauri command, `ipc`: it looks up the named [`pristan_ipc::Command`], decodes its
//! arguments, runs its handler off the main thread (key derivation takes a second), and encodes
//! the answer. One handler per command, each a few lines of translation.

use pristan_ipc::{self as ipc, Command, Envelope, ErrorKind, IpcError, PassphraseHint};
use secrecy::SecretString;
use serde_json::Value;
use zeroize::Zeroize;

use crate::session::{same_twice, Session};
use crate::sync_dispatch::{current_progress, ProgressSlot};
use crate::SharedSession;

#[tauri::command]
pub async fn ipc(
    webview_window: tauri::WebviewWindow,
    request: Envelope<Value>,
    session: tauri::State<'_, SharedSession>,
    progress: tauri::State<'_, ProgressSlot>,
) -> Result<Value, IpcError> {
    let answer = answer(webview_window, request, session, progress).await;
    // Once the commands stop for a second, what they freed is given back to the system.
    crate::quiet_release::note_work();
    answer
}

async fn answer(
    webview_window: tauri::WebviewWindow,
    request: Envelope<Value>,
    session: tauri::State<'_, SharedSession>,
    progress: tauri::State<'_, ProgressSlot>,
) -> Result<Value, IpcError> {
    // Tauri refuses `ipc` to the family window (its capability does not grant it); this is the
    // second lock, should a capability ever be widened by mistake.
    if webview_window.label() == crate::family_window::LABEL {
        return Err(IpcError::new(
            ErrorKind::Invalid,
            "the family window has no access to the casebook",
        ));
    }
    let progress = progress.inner().clone();
    // An export or import holds the session for its whole run: its progress is answered from
    // the shared slot, without waiting for the session.
    if request.name == ipc::GetSyncProgress::NAME {
        return handle(request.args, |_: ipc::GetSyncProgress| {
            Ok(current_progress(&progress))
        });
    }
    let session = session.inner().clone();
    // A sync takes the session only for each short step, never while it waits for the relay.
    if request.name == ipc::SyncNow::NAME {
        return tauri::async_runtime::spawn_blocking(move || {
            // Refused while locked before its arguments are read, like every vault command.
            crate::relay_dispatch::require_open(&session)?;
            handle(request.args, |_: ipc::SyncNow| {
                crate::relay_dispatch::sync_now(session, &progress)
            })
        })
        .await
        .map_err(unfinished)?;
    }
    tauri::async_runtime::spawn_blocking(move || {
        let mut session = session.lock().map_err(|_| {
            IpcError::new(
                ErrorKind::Internal,
                "the session was poisoned by an earlier failure: restart Pristan",
            )
        })?;
        dispatch(&mut session, &progress, request)
    })
    .await
    .map_err(unfinished)?
}

fn unfinished(error: tauri::Error) -> IpcError {
    IpcError::new(
        ErrorKind::Internal,
        format!("the command did not finish: {error}"),
    )
}

fn dispatch(
    session: &mut Session,
    progress: &ProgressSlot,
    request: Envelope<Value>,
) -> Result<Value, IpcError> {
    let Envelope { name, args } = request;
    // Every command but the few that open the vault needs it open: refused here, before its
    // arguments are read, so no handler can forget the check and a new command is locked unless
    // `WITHOUT_OPEN_VAULT` names it.
    if !ipc::WITHOUT_OPEN_VAULT.contains(&name.as_str()) {
        session.vault_mut()?;
    }
    // Only the person's own input counts as activity: the UI sends `Touch` on real key presses
    // and mouse clicks. Other commands (autosaves and their retries, polls, page loads) never
    // hold the vault open, and each vault command checks the idle deadline before it runs.
    match name.as_str() {
        ipc::GetAppState::NAME => handle(args, |_: ipc::GetAppState| Ok(session.state())),
        ipc::CheckPassphrase::NAME => handle(args, |c: ipc::CheckPassphrase| {
            Ok(strength(secret(c.passphrase)))
        }),
        ipc::CreateVault::NAME => handle(args, |mut c: ipc::CreateVault| {
            let checked = same_twice(&c.passphrase, &c.confirmation);
            c.confirmation.zeroize();
            checked?;
            let code = session.create_vault(&secret(c.passphrase))?;
            Ok(recovery_code(code))
        }),
        ipc::Unlock::NAME => handle(args, |c: ipc::Unlock| session.unlock(&secret(c.passphrase))),
        ipc::Lock::NAME => handle(args, |_: ipc::Lock| {
            session.lock();
            Ok(())
        }),
        ipc::ChangePassphrase::NAME => handle(args, |mut c: ipc::ChangePassphrase| {
            let checked = same_twice(&c.new, &c.confirmation);
            c.confirmation.zeroize();
            checked?;
            session.change_passphrase(&secret(c.current), &secret(c.new))
        }),
        ipc::RotateKey::NAME => handle(args, |c: ipc::RotateKey| {
            let code = session.rotate_key(&secret(c.passphrase))?;
            Ok(recovery_code(code))
        }),
        ipc::Recover::NAME => handle(args, |mut c: ipc::Recover| {
            let checked = same_twice(&c.new_passphrase, &c.confirmation);
            c.confirmation.zeroize();
            checked?;
            let code = session.recover(&secret(c.recovery_code), &secret(c.new_passphrase))?;
            Ok(recovery_code(code))
        }),
        ipc::SetLanguage::NAME => {
            handle(args, |c: ipc::SetLanguage| session.set_language(c.language))
        }
        ipc::SetAutoLock::NAME => {
            handle(args, |c: ipc::SetAutoLock| session.set_auto_lock(c.minutes))
        }
        ipc::Touch::NAME => handle(args, |_: ipc::Touch| session.user_activity()),
        ipc::GetVaultSummary::NAME => handle(args, |_: ipc::GetVaultSummary| session.summary()),
        other => {
            let handled = if ipc::SYNC_COMMAND_NAMES.contains(&other) {
                crate::sync_dispatch::dispatch_sync(session, progress, other, args)
            } else if ipc::RELAY_COMMAND_NAMES.contains(&other) {
                crate::relay_dispatch::dispatch_relay(session, other, args)
            } else if ipc::BACKUP_COMMAND_NAMES.contains(&other) {
                crate::backup_dispatch::dispatch_backup(session, other, args)
            } else if ipc::COORDINATOR_COMMAND_NAMES.contains(&other) {
                crate::coordinator_dispatch::dispatch_coordinator(session, other, args)
            } else if ipc::SECURITY_COMMAND_NAMES.contains(&other) {
                crate::security_dispatch::dispatch_security(session, other, args)
            } else if ipc::DOSSIER_COMMAND_NAMES.contains(&other) {
                crate::dossier_dispatch::dispatch_dossier(session, other, args)
            } else if ipc::FAMILY_CARD_COMMAND_NAMES.contains(&other) {
                crate::family_card_dispatch::dispatch_family_cards(session, other, args)
            } else {
                crate::casebook_dispatch::dispatch_casebook(session, other, args)
            };
            handled.unwrap_or_else(|| {
                Err(IpcError::new(
                    ErrorKind::Invalid,
                    format!("unknown command {other:?}"),
                ))
            })
        }
    }
}

/// Decodes `args` as `C`, runs `handler`, encodes its response.
pub(crate) fn handle<C: Command>(
    args: Value,
    handler: impl FnOnce(C) -> Result<C::Response, IpcError>,
) -> Result<Value, IpcError> {
    // Deserialisation errors name the field, never echo the value, so no secret reaches a message.
    let command: C = serde_json::from_value(args).map_err(|e| {
        IpcError::new(
            ErrorKind::Invalid,
            format!("bad arguments for {}: {}", C::NAME, describe(&e)),
        )
    })?;
    let response = handler(command)?;
    serde_json::to_value(response).map_err(|e| IpcError::new(ErrorKind::Internal, e.to_string()))
}

fn describe(error: &serde_json::Error) -> &'static str {
    match error.classify() {
        serde_json::error::Category::Data => "a field is missing or has the wrong type",
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "malformed JSON",
        serde_json::error::Category::Io => "unreadable input",
    }
}

fn secret(text: String) -> SecretString {
    SecretString::from(text)
}

fn recovery_code(code: SecretString) -> ipc::RecoveryCode {
    use secrecy::ExposeSecret;
    ipc::RecoveryCode {
        code: code.expose_secret().to_owned(),
    }
}

fn strength(passphrase: SecretString) -> ipc::PassphraseStrength {
    use pristan_core::passphrase::{rate, Hint};
    let rated = rate(&passphrase);
    ipc::PassphraseStrength {
        score: rated.score,
        acceptable: rated.acceptable,
        hints: rated
            .hints
            .into_iter()
            .map(|hint| match hint {
                Hint::TooShort => PassphraseHint::TooShort,
                Hint::UseMoreWords => PassphraseHint::UseMoreWords,
                Hint::AvoidCommonWords => PassphraseHint::AvoidCommonWords,
                Hint::AvoidRepeats => PassphraseHint::AvoidRepeats,
                Hint::AvoidSequences => PassphraseHint::AvoidSequences,
                Hint::AvoidPersonalInfo => PassphraseHint::AvoidPersonalInfo,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command the UI can send has a handler here.
    #[test]
    fn every_command_name_is_dispatched() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
        let progress = ProgressSlot::default();
        let names = ipc::ALL_COMMAND_NAMES
            .iter()
            .chain(ipc::CASEBOOK_COMMAND_NAMES)
            .chain(ipc::SYNC_COMMAND_NAMES)
            .chain(ipc::BACKUP_COMMAND_NAMES)
            .chain(ipc::COORDINATOR_COMMAND_NAMES)
            .chain(ipc::DOSSIER_COMMAND_NAMES)
            .chain(ipc::FAMILY_CARD_COMMAND_NAMES);
        for name in names {
            let request = Envelope {
                name: name.to_string(),
                args: Value::Null,
            };
            if let Err(e) = dispatch(&mut session, &progress, request) {
                assert!(
                    !e.message.starts_with("unknown command"),
                    "{name} has no handler"
                );
            }
        }
    }

    fn request(name: &str, args: Value) -> Envelope<Value> {
        Envelope {
            name: name.to_string(),
            args,
        }
    }

    fn open_session(dir: &std::path::Path) -> Session {
        let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
        session
            .create_vault(&SecretString::from(
                "maple orbit candle sixty harbor".to_owned(),
            ))
            .unwrap();
        session
    }

    // The first key press after the deadline (on waking from sleep, say) must find the vault
    // locked, not count as activity that keeps it open.
    #[test]
    fn input_after_the_idle_deadline_locks_instead_of_keeping_the_vault_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        let progress = ProgressSlot::default();
        session.pretend_last_input(std::time::Duration::from_secs(5 * 60 + 1));
        let err = dispatch(
            &mut session,
            &progress,
            request(ipc::Touch::NAME, Value::Null),
        )
        .unwrap_err();
        assert_eq!(err.kind, ErrorKind::Locked);
        assert!(!session.state().unlocked);
        // Nor does any other command arriving late.
        let mut session = open_session(dir.path().join("b").as_path());
        session.pretend_last_input(std::time::Duration::from_secs(5 * 60 + 1));
        let late = request(ipc::GetVaultSummary::NAME, Value::Null);
        let err = dispatch(&mut session, &progress, late).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Locked);
    }

    // Autosaves (and their retries), polls and reads do not hold the vault open: only `Touch`,
    // which the UI sends on the person's key presses and clicks, does.
    #[test]
    fn only_the_persons_input_counts_as_activity() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        let progress = ProgressSlot::default();
        let before = session.pretend_last_input(std::time::Duration::from_secs(4 * 60));
        let background = [
            request(ipc::GetVaultSummary::NAME, Value::Null),
            request(ipc::GetAppState::NAME, Value::Null),
            request(ipc::ListCases::NAME, Value::Null),
            request(
                ipc::SaveVisitDraft::NAME,
                serde_json::json!({"id": "not an id", "draft": {}}),
            ),
        ];
        for command in background {
            let name = command.name.clone();
            let _ = dispatch(&mut session, &progress, command);
            assert_eq!(session.last_input(), before, "{name} counted as activity");
        }
        dispatch(
            &mut session,
            &progress,
            request(ipc::Touch::NAME, Value::Null),
        )
        .unwrap();
        assert!(session.last_input() > before);
    }

    // A passer-by at a locked laptop must not be able to raise the delay to 30 minutes.
    #[test]
    fn the_auto_lock_delay_changes_only_while_unlocked() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        let progress = ProgressSlot::default();
        dispatch(
            &mut session,
            &progress,
            request(ipc::Lock::NAME, Value::Null),
        )
        .unwrap();
        let raise = request(ipc::SetAutoLock::NAME, serde_json::json!({"minutes": 30}));
        let err = dispatch(&mut session, &progress, raise).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Locked);
        assert_eq!(session.state().auto_lock_minutes, 5);
        let mut again = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
        assert_eq!(again.state().auto_lock_minutes, 5);
    }

    // Every command but those that open the vault answers `Locked` while locked, whatever its
    // arguments, so a handler that forgot its own check still cannot reach the casebook.
    #[test]
    fn every_command_but_the_few_that_open_the_vault_answers_locked_before_its_arguments() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        dispatch(
            &mut session,
            &ProgressSlot::default(),
            request(ipc::Lock::NAME, Value::Null),
        )
        .unwrap();
        let names = ipc::every_command_name();
        assert!(names.len() > 80, "only {} commands", names.len());
        let mut locked = 0;
        for name in names {
            if ipc::WITHOUT_OPEN_VAULT.contains(&name) {
                continue;
            }
            for args in [Value::Null, serde_json::json!({"id": "x"})] {
                let err = dispatch(&mut session, &ProgressSlot::default(), request(name, args))
                    .unwrap_err();
                assert_eq!(err.kind, ErrorKind::Locked, "{name}");
            }
            locked += 1;
        }
        assert!(locked > 70);
        assert!(session.vault_dir().join("vault.db").is_file());
    }

    #[test]
    fn vault_commands_refuse_with_locked_when_locked() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
        let request = Envelope {
            name: ipc::GetVaultSummary::NAME.to_string(),
            args: Value::Null,
        };
        let err = dispatch(&mut session, &ProgressSlot::default(), request).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Locked);
    }
}
