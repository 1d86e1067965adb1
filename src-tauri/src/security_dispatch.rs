//! Handlers for Settings → Security: the wrong-passphrase policy and duress (docs/SECURITY.md
//! §6–7). Both need the vault open (the dispatcher refuses them while locked), so a passer-by at
//! a locked laptop can neither turn the destruction on nor destroy the vault.

use pristan_core::vault::duress;
use pristan_ipc::{self as ipc, Command, ErrorKind, IpcError};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;

/// Runs the security command `name`, or returns `None` if `name` is not one.
pub fn dispatch_security(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetUnlockPolicy::NAME => handle(args, |_: ipc::GetUnlockPolicy| {
            session.vault_mut()?;
            Ok(policy(session))
        }),
        ipc::SetUnlockPolicy::NAME => handle(args, |c: ipc::SetUnlockPolicy| {
            session.vault_mut()?;
            duress::set_wipe_after(session.vault_dir(), c.wipe_after).map_err(to_ipc)?;
            Ok(policy(session))
        }),
        ipc::DestroyVaultKeys::NAME => handle(args, |c: ipc::DestroyVaultKeys| {
            session.vault_mut()?;
            if !ipc::DESTROY_WORDS.contains(&c.confirmation.trim()) {
                return Err(IpcError::new(
                    ErrorKind::Invalid,
                    "nothing was destroyed: the confirmation word was not typed",
                ));
            }
            // Closed first, so nothing of the vault stays open in this process.
            session.lock();
            duress::destroy(session.vault_dir()).map_err(to_ipc)?;
            Ok(())
        }),
        _ => return None,
    };
    Some(result)
}

fn policy(session: &Session) -> ipc::UnlockPolicy {
    ipc::UnlockPolicy {
        wipe_after: duress::wipe_after(session.vault_dir()),
        min: duress::MIN_WIPE_AFTER,
        max: duress::MAX_WIPE_AFTER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use secrecy::SecretString;

    const PASSPHRASE: &str = "maple orbit candle sixty harbor";

    fn open_session(dir: &std::path::Path) -> Session {
        let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
        session
            .create_vault(&SecretString::from(PASSPHRASE.to_owned()))
            .unwrap();
        session
    }

    fn run(session: &mut Session, name: &str, args: Value) -> Result<Value, IpcError> {
        dispatch_security(session, name, args).expect("a security command")
    }

    #[test]
    fn the_wipe_policy_is_off_until_set_and_refuses_numbers_out_of_range() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        let off = run(&mut session, ipc::GetUnlockPolicy::NAME, Value::Null).unwrap();
        assert_eq!(off["wipe_after"], Value::Null);
        assert_eq!(off["min"], 5);
        let too_few = run(
            &mut session,
            ipc::SetUnlockPolicy::NAME,
            serde_json::json!({"wipe_after": 2}),
        )
        .unwrap_err();
        assert_eq!(too_few.kind, ErrorKind::Invalid);
        let on = run(
            &mut session,
            ipc::SetUnlockPolicy::NAME,
            serde_json::json!({"wipe_after": 7}),
        )
        .unwrap();
        assert_eq!(on["wipe_after"], 7);
        assert_eq!(duress::wipe_after(session.vault_dir()), Some(7));
        let off = run(
            &mut session,
            ipc::SetUnlockPolicy::NAME,
            serde_json::json!({"wipe_after": null}),
        )
        .unwrap();
        assert_eq!(off["wipe_after"], Value::Null);
    }

    #[test]
    fn duress_needs_the_word_then_locks_and_no_passphrase_opens_the_vault_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        let refused = run(
            &mut session,
            ipc::DestroyVaultKeys::NAME,
            serde_json::json!({"confirmation": "destroy"}),
        )
        .unwrap_err();
        assert_eq!(refused.kind, ErrorKind::Invalid);
        assert!(session.state().unlocked && session.state().vault_exists);
        run(
            &mut session,
            ipc::DestroyVaultKeys::NAME,
            serde_json::json!({"confirmation": " УНИЧТОЖИТЬ "}),
        )
        .unwrap();
        let state = session.state();
        assert!(!state.unlocked && !state.vault_exists);
        assert!(!session.vault_dir().join("keyslots").exists());
        let again = session
            .unlock(&SecretString::from(PASSPHRASE.to_owned()))
            .unwrap_err();
        assert_ne!(again.kind, ErrorKind::Locked);
    }

    /// The word each language asks for is one the shell accepts.
    #[test]
    fn each_languages_confirmation_word_is_accepted() {
        for lang in ["en", "ru"] {
            let path = format!(
                "{}/assets/locales/{lang}/security.ftl",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).unwrap();
            let word = text
                .lines()
                .find_map(|l| l.strip_prefix("security-duress-word = "))
                .unwrap_or_else(|| panic!("{lang} has no security-duress-word"));
            assert!(ipc::DESTROY_WORDS.contains(&word.trim()), "{lang}: {word}");
        }
    }
}
