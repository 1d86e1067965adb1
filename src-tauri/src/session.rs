//! The app's session: which vault, whether it is open, the settings kept outside it, and when the
//! user was last active. One instance, behind a mutex, shared by IPC handlers and the idle watcher.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use pristan_core::app_settings::AppSettings;
use pristan_core::{vault, Error, KdfParams, Vault};
use pristan_ipc::{AppState, IpcError, Language, VaultSummary};
use secrecy::SecretString;

use crate::errors::{locked, to_ipc};

/// About one second of Argon2id on this machine: slow for a guesser, quick enough for a person.
const KDF_TARGET: Duration = Duration::from_secs(1);

pub struct Session {
    vault_dir: PathBuf,
    settings_path: PathBuf,
    settings: AppSettings,
    vault: Option<Vault>,
    last_activity: SystemTime,
    after_lock: Option<Box<dyn Fn() + Send>>,
}

impl Session {
    pub fn new(vault_dir: PathBuf, settings_path: PathBuf) -> Session {
        let settings = AppSettings::load(&settings_path);
        Session {
            vault_dir,
            settings_path,
            settings,
            vault: None,
            last_activity: SystemTime::now(),
            after_lock: None,
        }
    }

    pub fn state(&mut self) -> AppState {
        self.lock_if_idle();
        AppState {
            vault_exists: vault::exists(&self.vault_dir),
            unlocked: self.vault.is_some(),
            language: self.language(),
            auto_lock_minutes: self.settings.auto_lock_minutes,
            unlock_wait_secs: vault::unlock_wait(&self.vault_dir).as_secs(),
        }
    }

    /// The saved choice, else the system's language if Pristan has it, else English.
    fn language(&self) -> Language {
        let system = || {
            ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|var| std::env::var(var).ok())
                .find_map(|tag| Language::from_tag(&tag))
        };
        self.settings
            .language
            .as_deref()
            .and_then(Language::from_tag)
            .or_else(system)
            .unwrap_or_default()
    }

    /// The person pressed a key or clicked. The idle deadline is checked first: input that
    /// arrives after it (the first key press after the laptop wakes, say) finds the vault locked
    /// and cannot reopen it.
    pub fn user_activity(&mut self) -> Result<(), IpcError> {
        self.require_unlocked()?;
        self.touch();
        Ok(())
    }

    fn touch(&mut self) {
        self.last_activity = SystemTime::now();
    }

    /// Locks when the user has been away longer than the auto-lock delay. A clock that moved back
    /// past the last activity also locks: locking is the safe side of a doubt.
    pub fn lock_if_idle(&mut self) {
        if self.vault.is_none() {
            return;
        }
        let limit = Duration::from_secs(u64::from(self.settings.auto_lock_minutes) * 60);
        let idle_too_long = match SystemTime::now().duration_since(self.last_activity) {
            Ok(idle) => idle >= limit,
            Err(_) => true,
        };
        if idle_too_long {
            self.lock();
        }
    }

    pub fn lock(&mut self) {
        if let Some(vault) = self.vault.take() {
            crate::quiet_release::note_work();
            // Dropping the connection closes it even if the checkpoint fails; the data is safe in
            // the write-ahead log either way.
            if let Err(e) = vault.lock() {
                eprintln!("pristan: locking: {e}");
            }
            if let Some(after_lock) = &self.after_lock {
                after_lock();
            }
        }
    }

    /// Runs `after_lock` each time an open vault is locked (by the person, the idle deadline or
    /// a failed sync step): the window uses it to end the web process that showed the casebook.
    pub fn on_lock(&mut self, after_lock: Box<dyn Fn() + Send>) {
        self.after_lock = Some(after_lock);
    }

    pub fn create_vault(&mut self, passphrase: &SecretString) -> Result<SecretString, IpcError> {
        let (vault, code) = Vault::create(
            &self.vault_dir,
            passphrase,
            KdfParams::calibrate(KDF_TARGET),
        )
        .map_err(to_ipc)?;
        self.opened(vault);
        Ok(code.to_secret_string())
    }

    pub fn unlock(&mut self, passphrase: &SecretString) -> Result<(), IpcError> {
        if self.vault.is_some() {
            return Ok(());
        }
        let vault = Vault::unlock(&self.vault_dir, passphrase).map_err(to_ipc)?;
        self.opened(vault);
        Ok(())
    }

    pub fn recover(
        &mut self,
        code: &SecretString,
        new: &SecretString,
    ) -> Result<SecretString, IpcError> {
        self.lock();
        let (vault, new_code) =
            Vault::recover(&self.vault_dir, code, new, KdfParams::calibrate(KDF_TARGET))
                .map_err(to_ipc)?;
        self.opened(vault);
        Ok(new_code.to_secret_string())
    }

    /// Restores a backup as this app's vault, which must not exist yet; the vault stays locked.
    pub fn restore(
        &mut self,
        from: &std::path::Path,
        secret: &pristan_core::vault::Secret,
    ) -> Result<(), IpcError> {
        self.lock();
        pristan_core::backup::restore(from, &self.vault_dir, secret).map_err(to_ipc)?;
        Ok(())
    }

    pub fn change_passphrase(
        &mut self,
        current: &SecretString,
        new: &SecretString,
    ) -> Result<(), IpcError> {
        self.require_unlocked()?;
        vault::change_passphrase(
            &self.vault_dir,
            current,
            new,
            KdfParams::calibrate(KDF_TARGET),
        )
        .map_err(to_ipc)
    }

    /// Re-encrypts the open vault under a new key; returns the new recovery code.
    pub fn rotate_key(&mut self, passphrase: &SecretString) -> Result<SecretString, IpcError> {
        let vault = self.vault_mut()?;
        let code = vault
            .rotate_key(passphrase, None, KdfParams::calibrate(KDF_TARGET))
            .map_err(to_ipc)?;
        Ok(code.to_secret_string())
    }

    pub fn summary(&mut self) -> Result<VaultSummary, IpcError> {
        let summary = self.require_unlocked()?.summary().map_err(to_ipc)?;
        Ok(VaultSummary {
            created_at: summary.created_at,
            schema_version: summary.schema_version,
            device_name: summary.device_name,
        })
    }

    pub fn set_language(&mut self, language: Language) -> Result<(), IpcError> {
        self.settings.language = Some(language.tag().to_owned());
        self.settings.save(&self.settings_path).map_err(to_ipc)
    }

    /// Only with the vault open: a passer-by at a locked laptop must not be able to lengthen
    /// the delay for the next time it is open.
    pub fn set_auto_lock(&mut self, minutes: u32) -> Result<(), IpcError> {
        self.require_unlocked()?;
        self.settings
            .set_auto_lock_minutes(minutes)
            .map_err(to_ipc)?;
        self.settings.save(&self.settings_path).map_err(to_ipc)
    }

    /// Every command that reads or writes the vault goes through here: it refuses with `Locked`
    /// when the vault is not open (or has just been auto-locked).
    fn require_unlocked(&mut self) -> Result<&Vault, IpcError> {
        self.lock_if_idle();
        self.vault.as_ref().ok_or_else(locked)
    }

    /// The open vault for a casebook command, or `Locked`.
    /// The folder of the vault this session opens (for the policy file and duress).
    pub fn vault_dir(&self) -> &std::path::Path {
        &self.vault_dir
    }

    pub fn vault_mut(&mut self) -> Result<&mut Vault, IpcError> {
        self.lock_if_idle();
        self.vault.as_mut().ok_or_else(locked)
    }

    fn opened(&mut self, vault: Vault) {
        self.vault = Some(vault);
        self.touch();
    }
}

#[cfg(test)]
impl Session {
    /// Pretends the person's last input was `ago` before now.
    pub(crate) fn pretend_last_input(&mut self, ago: Duration) -> SystemTime {
        self.last_activity = SystemTime::now() - ago;
        self.last_activity
    }

    pub(crate) fn last_input(&self) -> SystemTime {
        self.last_activity
    }
}

/// Checks that a new passphrase was typed the same twice.
pub fn same_twice(first: &str, second: &str) -> Result<(), IpcError> {
    if first == second {
        Ok(())
    } else {
        Err(to_ipc(Error::PassphraseMismatch))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSPHRASE: &str = "maple orbit candle sixty harbor";

    fn open_session(dir: &std::path::Path) -> Session {
        let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
        session
            .create_vault(&SecretString::from(PASSPHRASE.to_owned()))
            .unwrap();
        assert!(session.state().unlocked);
        session
    }

    #[test]
    fn idle_past_the_auto_lock_delay_locks_and_vault_commands_answer_locked() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        session.set_auto_lock(1).unwrap();
        // Time spent suspended counts: the wall clock moved on while the laptop slept.
        session.last_activity = SystemTime::now() - Duration::from_secs(61);
        let err = session.summary().unwrap_err();
        assert_eq!(err.kind, pristan_ipc::ErrorKind::Locked);
        assert!(!session.state().unlocked);
        session
            .unlock(&SecretString::from(PASSPHRASE.to_owned()))
            .unwrap();
        assert!(session.summary().is_ok());
    }

    #[test]
    fn activity_within_the_delay_keeps_the_vault_open() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = open_session(dir.path());
        session.last_activity = SystemTime::now() - Duration::from_secs(4 * 60);
        session.lock_if_idle();
        assert!(
            session.state().unlocked,
            "the default delay is five minutes"
        );
        session.touch();
        session.lock_if_idle();
        assert!(session.summary().is_ok());
    }

    #[test]
    fn the_language_choice_persists_outside_the_vault() {
        let dir = tempfile::tempdir().unwrap();
        let mut session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
        session.set_language(Language::Ru).unwrap();
        let again = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
        assert_eq!(again.language(), Language::Ru);
    }
}
