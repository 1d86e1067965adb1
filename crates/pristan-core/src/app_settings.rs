//! Settings kept outside the vault, readable before it is unlocked: the interface language and the
//! auto-lock delay. They hold nothing about anyone, so they are plain JSON in the config folder.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

pub const DEFAULT_AUTO_LOCK_MINUTES: u32 = 5;
pub const AUTO_LOCK_CHOICES: [u32; 6] = [1, 2, 5, 10, 15, 30];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AppSettings {
    /// A BCP 47 tag ("en", "ru"); `None` until the user picks one, then the system's is used.
    pub language: Option<String>,
    pub auto_lock_minutes: u32,
}

impl Default for AppSettings {
    fn default() -> AppSettings {
        AppSettings {
            language: None,
            auto_lock_minutes: DEFAULT_AUTO_LOCK_MINUTES,
        }
    }
}

impl AppSettings {
    /// Reads the settings; a missing or damaged file gives the defaults, because a settings file
    /// must never stand between a user and their vault.
    pub fn load(path: &Path) -> AppSettings {
        let mut settings: AppSettings = std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        if !AUTO_LOCK_CHOICES.contains(&settings.auto_lock_minutes) {
            settings.auto_lock_minutes = DEFAULT_AUTO_LOCK_MINUTES;
        }
        settings
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(Error::io("create the folder", dir))?;
        }
        let json = serde_json::to_vec_pretty(self).expect("settings serialise");
        write_atomically(path, &json).map_err(Error::io("write", path))
    }

    pub fn set_auto_lock_minutes(&mut self, minutes: u32) -> Result<()> {
        if !AUTO_LOCK_CHOICES.contains(&minutes) {
            return Err(Error::Invalid {
                field: "auto-lock",
                reason: format!("choose one of {AUTO_LOCK_CHOICES:?} minutes"),
            });
        }
        self.auto_lock_minutes = minutes;
        Ok(())
    }
}

/// The app's identifier, as in tauri.conf.json: its data and config folders are named after it.
pub const APP_IDENTIFIER: &str = "org.pristan.casebook";

/// Where the vault lives when no folder is given: the platform's data folder.
pub fn default_vault_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("vault")
}

/// Where [`AppSettings`] live: the platform's config folder.
pub fn default_settings_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
        .join("settings.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_damage_falls_back_to_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("settings.json");
        assert_eq!(AppSettings::load(&path), AppSettings::default());
        let mut s = AppSettings {
            language: Some("ru".into()),
            ..AppSettings::default()
        };
        s.set_auto_lock_minutes(10).unwrap();
        s.save(&path).unwrap();
        assert_eq!(AppSettings::load(&path), s);
        assert!(s.set_auto_lock_minutes(0).is_err());
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(AppSettings::load(&path), AppSettings::default());
    }
}
