//! Handlers for backups (Settings) and restoring one (the start screen).

use std::path::PathBuf;

use chrono::{SecondsFormat, Utc};
use pristan_core::backup;
use pristan_core::vault::Secret;
use pristan_ipc::{self as ipc, Command, IpcError};
use secrecy::SecretString;
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;
use crate::sync_views::suggested_folders;

/// Runs the backup command `name`, or returns `None` if `name` is not one.
pub fn dispatch_backup(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetBackupStatus::NAME => handle(args, |_: ipc::GetBackupStatus| {
            let status = session
                .vault_mut()?
                .backup_status(Utc::now())
                .map_err(to_ipc)?;
            Ok(ipc::BackupStatus {
                last_backup_at: status
                    .last_backup_at
                    .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true)),
                reminder_on: status.reminder_on,
                reminder_due: status.reminder_due,
                suggested_folders: suggested_folders(),
            })
        }),
        ipc::MakeBackup::NAME => handle(args, |c: ipc::MakeBackup| {
            let vault = session.vault_mut()?;
            let report = backup::create(vault, &PathBuf::from(c.to.trim())).map_err(to_ipc)?;
            Ok(ipc::BackupMade {
                path: report.path.display().to_string(),
                bytes: report.bytes,
            })
        }),
        ipc::SetBackupReminder::NAME => handle(args, |c: ipc::SetBackupReminder| {
            session
                .vault_mut()?
                .set_backup_reminder(c.on)
                .map_err(to_ipc)
        }),
        ipc::RestoreBackup::NAME => handle(args, |c: ipc::RestoreBackup| {
            let secret = SecretString::from(c.secret);
            let secret = if c.recovery_code {
                Secret::RecoveryCode(secret)
            } else {
                Secret::Passphrase(secret)
            };
            session.restore(&PathBuf::from(c.from.trim()), &secret)
        }),
        _ => return None,
    };
    Some(result)
}
