//! `pristan org export-public [--out FILE]`: the organisation's public signing key, 64 hex digits
//! on one line, for `pristan relay serve --org-key FILE`. It is public: it lets a relay check
//! rosters and tickets, never read or sign anything.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Args;

use crate::unlocking::Unlocking;

#[derive(Args)]
pub struct ExportPublicArgs {
    #[command(flatten)]
    pub unlocking: Unlocking,
    /// Write the key to FILE instead of printing it.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(dir: &Path, args: ExportPublicArgs) -> Result<()> {
    let vault = args.unlocking.open(dir)?;
    let org = vault.org()?;
    vault.lock()?;
    let Some(org) = org else {
        bail!("this vault is not in an organisation yet: pristan org create, or pristan org join");
    };
    let line = format!("{}\n", org.org_signing_key);
    match args.out {
        None => print!("{line}"),
        Some(out) => {
            std::fs::write(&out, &line)
                .with_context(|| format!("could not write {}", out.display()))?;
            if args.unlocking.json {
                println!(
                    "{}",
                    serde_json::json!({ "org_signing_key": org.org_signing_key })
                );
            } else {
                println!(
                    "Wrote the organisation's public key to {}. Start the relay with \
                     `pristan relay serve --org-key {}`.",
                    out.display(),
                    out.display()
                );
            }
        }
    }
    Ok(())
}
