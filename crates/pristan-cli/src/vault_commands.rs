//! `init`, `status`, `passwd`, `rekey` and `recover`: creating and opening a vault from the command line.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result};
use pristan_core::{vault, Error, KdfParams, Vault};
use secrecy::ExposeSecret;

use crate::secrets::SecretSource;
use crate::VaultCommand;

/// Exit codes a script can branch on. 1 is anything else.
pub const EXIT_WRONG_PASSPHRASE: u8 = 2;
pub const EXIT_TOO_MANY_ATTEMPTS: u8 = 3;
pub const EXIT_NO_VAULT: u8 = 4;
pub const EXIT_VAULT_EXISTS: u8 = 5;

pub fn exit_code(err: &anyhow::Error) -> u8 {
    match err.downcast_ref::<Error>() {
        Some(Error::WrongPassphrase { .. } | Error::WrongRecoveryCode { .. }) => {
            EXIT_WRONG_PASSPHRASE
        }
        Some(Error::TooManyAttempts { .. }) => EXIT_TOO_MANY_ATTEMPTS,
        Some(Error::NoVault { .. }) => EXIT_NO_VAULT,
        Some(Error::VaultExists { .. }) => EXIT_VAULT_EXISTS,
        _ => 1,
    }
}

pub fn run(dir: &Path, command: VaultCommand) -> Result<()> {
    match command {
        VaultCommand::Case { action } => crate::case_commands::run(dir, action),
        VaultCommand::Visit { action } => crate::visit_commands::run(dir, action),
        VaultCommand::Note { action } => crate::note_commands::run(dir, action),
        VaultCommand::Task { action } => crate::task_commands::run(dir, action),
        VaultCommand::Event { action } => crate::event_commands::run(dir, action),
        VaultCommand::Facility { action } => crate::facility_commands::run(dir, action),
        VaultCommand::Deadlines { args } => crate::deadline_commands::run(dir, args),
        VaultCommand::Demo { args } => crate::demo::run(dir, args),
        VaultCommand::Bench { args } => crate::bench_command::run(dir, args),
        VaultCommand::Org { action } => crate::sync::org_commands::run(dir, action),
        VaultCommand::Bundle { action } => crate::sync::bundle_commands::run(dir, action),
        VaultCommand::Conflicts { action } => {
            crate::sync::review_commands::run_conflicts(dir, action)
        }
        VaultCommand::Backup { args } => crate::backup_commands::run_backup(dir, args),
        VaultCommand::Restore { args } => crate::backup_commands::run_restore(dir, args),
        VaultCommand::Forget { args } => crate::sync::review_commands::run_forget(dir, args),
        VaultCommand::Coordination(command) => crate::coordination::run(dir, command),
        VaultCommand::Init {
            passphrase_stdin,
            fast_kdf,
        } => {
            let mut source = SecretSource::new(passphrase_stdin);
            let passphrase = source.read_new("New passphrase: ")?;
            let (vault, code) = Vault::create(dir, &passphrase, kdf_params(fast_kdf))?;
            vault.lock()?;
            println!("Created a vault in {}", dir.display());
            print_recovery_code(&code);
            Ok(())
        }
        VaultCommand::Status {
            passphrase_stdin,
            json,
        } => {
            let mut source = SecretSource::new(passphrase_stdin);
            let passphrase = source.read("Passphrase: ")?;
            let vault = Vault::unlock(dir, &passphrase)?;
            let summary = vault.summary()?;
            let problems = vault.integrity_problems()?;
            vault.lock()?;
            if json {
                let value = serde_json::json!({
                    "vault": dir,
                    "vault_id": summary.vault_id,
                    "created_at": summary.created_at,
                    "schema_version": summary.schema_version,
                    "device_name": summary.device_name,
                    "kdf": { "algorithm": "argon2id", "m_kib": summary.kdf.m_kib, "t": summary.kdf.t, "p": summary.kdf.p },
                    "integrity": if problems.is_empty() { "ok" } else { "damaged" },
                });
                println!("{}", serde_json::to_string_pretty(&value)?);
            } else {
                println!("Vault:          {}", dir.display());
                println!("Unlocked:       yes (passphrase accepted), now locked again");
                println!("Created:        {}", summary.created_at);
                println!("Schema version: {}", summary.schema_version);
                println!(
                    "Device name:    {}",
                    summary.device_name.as_deref().unwrap_or("(not set)")
                );
                println!(
                    "Key derivation: Argon2id, {} MiB, {} passes, {} lanes",
                    summary.kdf.m_kib / 1024,
                    summary.kdf.t,
                    summary.kdf.p
                );
                println!(
                    "Integrity:      {}",
                    if problems.is_empty() { "ok" } else { "DAMAGED" }
                );
            }
            anyhow::ensure!(
                problems.is_empty(),
                "the database failed its integrity check: {problems:?}"
            );
            Ok(())
        }
        VaultCommand::Passwd {
            passphrase_stdin,
            fast_kdf,
            rotate_key,
        } => {
            let mut source = SecretSource::new(passphrase_stdin);
            let current = source.read("Current passphrase: ")?;
            let new = source.read_new("New passphrase: ")?;
            if rotate_key {
                let mut vault = Vault::unlock(dir, &current)?;
                let code = vault.rotate_key(&current, Some(&new), kdf_params(fast_kdf))?;
                vault.lock()?;
                println!("Passphrase changed and the vault re-encrypted under a new key.");
                print_rotated(&code);
                return Ok(());
            }
            vault::change_passphrase(dir, &current, &new, kdf_params(fast_kdf))?;
            println!(
                "Passphrase changed: the old passphrase no longer opens the key file in {}.",
                dir.display()
            );
            println!(
                "The database key stayed the same, so a copy of the key file made before now \
                 still opens the vault with the old passphrase. If someone may have both, run \
                 pristan rekey."
            );
            Ok(())
        }
        VaultCommand::Rekey {
            passphrase_stdin,
            fast_kdf,
        } => {
            let mut source = SecretSource::new(passphrase_stdin);
            let passphrase = source.read("Passphrase: ")?;
            let mut vault = Vault::unlock(dir, &passphrase)?;
            let code = vault.rotate_key(&passphrase, None, kdf_params(fast_kdf))?;
            vault.lock()?;
            println!("The vault is re-encrypted under a new key; your passphrase is the same.");
            print_rotated(&code);
            Ok(())
        }
        VaultCommand::Recover {
            passphrase_stdin,
            fast_kdf,
        } => {
            let mut source = SecretSource::new(passphrase_stdin);
            let code = source.read("Recovery code: ")?;
            let new = source.read_new("New passphrase: ")?;
            let (vault, new_code) = Vault::recover(dir, &code, &new, kdf_params(fast_kdf))
                .context("could not recover the vault")?;
            vault.lock()?;
            println!("Passphrase reset and the vault re-encrypted under a new key: no earlier copy of the key file opens it. The recovery code you used no longer works; this is the new one.");
            print_recovery_code(&new_code);
            Ok(())
        }
    }
}

pub fn kdf_params(fast: bool) -> KdfParams {
    if fast {
        KdfParams::MINIMUM
    } else {
        KdfParams::calibrate(Duration::from_secs(1))
    }
}

/// After a rotation: what no longer works, and the new recovery code.
fn print_rotated(code: &vault::RecoveryCode) {
    println!(
        "No earlier copy of the key file opens the vault any more, and the old recovery code \
         no longer works; this is the new one."
    );
    print_recovery_code(code);
}

fn print_recovery_code(code: &vault::RecoveryCode) {
    println!();
    println!("Recovery code (shown once; write it on paper and keep it away from this computer):");
    println!();
    println!("    {}", code.to_secret_string().expose_secret());
    println!();
}
