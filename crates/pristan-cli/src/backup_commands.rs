//! `pristan backup --to DIR` and `pristan restore FROM --vault DIR`: an encrypted copy of the vault
//! on another drive, and a new vault made from such a copy.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use pristan_core::backup;
use pristan_core::vault::Secret;

use crate::secrets::SecretSource;
use crate::unlocking::Unlocking;

#[derive(Args)]
pub struct BackupArgs {
    #[command(flatten)]
    unlocking: Unlocking,
    /// The folder to write the backup folder into: best on a separate encrypted drive.
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The backup folder (pristan-backup-…).
    #[arg(value_name = "FROM")]
    from: PathBuf,
    /// Read the passphrase (or, with --recovery-code, the recovery code) from standard input.
    #[arg(long)]
    passphrase_stdin: bool,
    /// Open the backup with its recovery code instead of its passphrase.
    #[arg(long)]
    recovery_code: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run_backup(dir: &Path, args: BackupArgs) -> Result<()> {
    let vault = args.unlocking.open(dir)?;
    let report = backup::create(&vault, &args.to);
    vault.lock()?;
    let report = report.with_context(|| format!("could not back up into {}", args.to.display()))?;
    if args.unlocking.json {
        let value = serde_json::json!({
            "backup": report.path,
            "bytes": report.bytes,
            "created_at": report.created_at.to_rfc3339(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!("Backed up to {}", report.path.display());
        println!(
            "It opens with the same passphrase or recovery code. It is as sensitive as this \
             laptop: keep the drive encrypted and apart from it."
        );
    }
    Ok(())
}

pub fn run_restore(dir: &Path, args: RestoreArgs) -> Result<()> {
    let mut source = SecretSource::new(args.passphrase_stdin);
    let secret = if args.recovery_code {
        Secret::RecoveryCode(source.read("Recovery code: ")?)
    } else {
        Secret::Passphrase(source.read("Passphrase: ")?)
    };
    let report = backup::restore(&args.from, dir, &secret)
        .with_context(|| format!("could not restore {}", args.from.display()))?;
    if args.json {
        let value = serde_json::json!({ "vault": report.vault, "identity_rotation_due": true });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        println!("Restored into {}", report.vault.display());
        println!(
            "This vault continues under a new device identity: before it sends anything, a \
             coordinator approves it, as for a new laptop."
        );
    }
    Ok(())
}
