//! What every command that opens the vault shares: how the passphrase is read, whether to print
//! JSON, and opening the vault with it.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use pristan_core::Vault;

use crate::secrets::SecretSource;

#[derive(Args)]
pub struct Unlocking {
    /// Read the passphrase from standard input (one line) instead of prompting.
    #[arg(long)]
    pub passphrase_stdin: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

impl Unlocking {
    /// Reads the passphrase and opens the vault in `dir`. Commands check what was typed first,
    /// so a mistake is reported before anyone is asked for a passphrase.
    pub fn open(&self, dir: &Path) -> Result<Vault> {
        let passphrase = SecretSource::new(self.passphrase_stdin).read("Passphrase: ")?;
        let vault = Vault::unlock(dir, &passphrase)?;
        crate::sync::identity::tell_if_moved(&vault)?;
        Ok(vault)
    }

    /// Prints the id of a record just saved: bare, or as `{"id": …}`.
    pub fn print_id(&self, id: impl std::fmt::Display) {
        if self.json {
            println!("{}", serde_json::json!({ "id": id.to_string() }));
        } else {
            println!("{id}");
        }
    }
}
