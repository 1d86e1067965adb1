//! When the last backup was made and whether to remind about the next one. Both are kept in the
//! vault's own `vault_settings` table (encrypted), never in the plaintext app settings: when a
//! person backs up says something about them.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::OptionalExtension;

use crate::error::{Error, Result};
use crate::vault::Vault;

/// A reminder shows when the last backup (or, before the first, the vault's creation) is older
/// than this.
pub const REMINDER_AFTER_DAYS: i64 = 7;

const LAST_BACKUP: &str = "last_backup_at";
const REMINDER: &str = "backup_reminder";

/// What the Settings screen and the dashboard show about backups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupStatus {
    pub last_backup_at: Option<DateTime<Utc>>,
    /// Whether the person wants the reminder (on unless switched off).
    pub reminder_on: bool,
    /// Whether to show the reminder now.
    pub reminder_due: bool,
}

impl Vault {
    /// The backup status at `now`.
    pub fn backup_status(&self, now: DateTime<Utc>) -> Result<BackupStatus> {
        let last_backup_at = read(self, LAST_BACKUP)?
            .map(|text| parse_time(&text))
            .transpose()?;
        let reminder_on = read(self, REMINDER)?.is_none_or(|v| v != "off");
        let since = match last_backup_at {
            Some(at) => Some(at),
            None => self
                .connection()
                .query_row(
                    "SELECT value FROM vault_meta WHERE key = 'created_at'",
                    [],
                    |r| r.get::<_, String>(0),
                )
                .optional()?
                .map(|text| parse_time(&text))
                .transpose()?,
        };
        let reminder_due =
            reminder_on && since.is_none_or(|at| now - at > Duration::days(REMINDER_AFTER_DAYS));
        Ok(BackupStatus {
            last_backup_at,
            reminder_on,
            reminder_due,
        })
    }

    /// Switches the weekly backup reminder on or off.
    pub fn set_backup_reminder(&self, on: bool) -> Result<()> {
        write(self, REMINDER, if on { "on" } else { "off" })
    }
}

pub(super) fn record_backup(vault: &Vault, at: DateTime<Utc>) -> Result<()> {
    write(
        vault,
        LAST_BACKUP,
        &at.to_rfc3339_opts(SecondsFormat::Secs, true),
    )
}

fn read(vault: &Vault, key: &str) -> Result<Option<String>> {
    Ok(vault
        .connection()
        .query_row(
            "SELECT value FROM vault_settings WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .optional()?)
}

fn write(vault: &Vault, key: &str, value: &str) -> Result<()> {
    vault.connection().execute(
        "INSERT INTO vault_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Invalid {
            field: "backup time",
            reason: e.to_string(),
        })
}
