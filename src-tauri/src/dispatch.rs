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
    request: Envelope<Value>,
    session: tauri::State<'_, SharedSession>,
    progress: tauri::State<'_, ProgressSlot>,
) -> Result<Value, IpcError> {
    let progress = progress.inner().clone();
    // An export or import holds the session for its whole run: its progress is answered from
    // the shared slot, without waiting for the session.
    if request.name == ipc::GetSyncProgress::NAME {
        return handle(request.args, |_: ipc::GetSyncProgress| {
            Ok(current_progress(&progress))
        });
    }
    let session = session.inner().clone();
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
    .map_err(|e| {
        IpcError::new(
            ErrorKind::Internal,
            format!("the command did not finish: {e}"),
        )
    })?
}

fn dispatch(
    session: &mut Session,
    progress: &ProgressSlot,
    request: Envelope<Value>,
) -> Result<Value, IpcError> {
    let Envelope { name, args } = request;
    // Polling for state or progress is not user activity; everything else is.
    if name != ipc::GetAppState::NAME && name != ipc::GetSyncProgress::NAME {
        session.touch();
    }
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
        ipc::Touch::NAME => handle(args, |_: ipc::Touch| Ok(())),
        ipc::GetVaultSummary::NAME => handle(args, |_: ipc::GetVaultSummary| session.summary()),
        other => {
            let handled = if ipc::SYNC_COMMAND_NAMES.contains(&other) {
                crate::sync_dispatch::dispatch_sync(session, progress, other, args)
            } else if ipc::BACKUP_COMMAND_NAMES.contains(&other) {
                crate::backup_dispatch::dispatch_backup(session, other, args)
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
            .chain(ipc::BACKUP_COMMAND_NAMES);
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
