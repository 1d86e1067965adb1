//! `duress` and `unlock-policy`: making this laptop's vault unreadable on purpose, and the
//! optional destruction of its keys after too many wrong passphrases (docs/SECURITY.md §6–7).

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{bail, Result};
use clap::Args;
use pristan_core::vault::duress;
use pristan_core::Vault;

use crate::secrets::SecretSource;

/// The word a person types to confirm.
pub const CONFIRM_WORD: &str = "DESTROY";

#[derive(Args)]
pub struct DuressArgs {
    /// Confirm without a prompt (for a script or a shortcut): must be exactly DESTROY.
    #[arg(long, value_name = "WORD")]
    confirm: Option<String>,
}

#[derive(Args)]
pub struct UnlockPolicyArgs {
    /// Destroy the keys after N wrong passphrases in a row (5 to 100). Off by default.
    #[arg(long, value_name = "N", conflicts_with = "wipe_off")]
    wipe_after: Option<u32>,
    /// Turn the destruction off again: wrong passphrases only make you wait.
    #[arg(long)]
    wipe_off: bool,
    #[arg(long)]
    passphrase_stdin: bool,
}

const DURESS_WARNING: &str = "\
This destroys the keys of the vault in this folder, now. Afterwards nobody can open it, including
you, with the passphrase or the recovery code. Your coordinator's copy of what was synced is the
backup; anything not yet synced is lost. On an SSD, traces of the old key file may remain on the
drive, and backups made earlier still open with the passphrase (see docs/SECURITY.md).";

pub fn run_duress(dir: &Path, args: DuressArgs) -> Result<()> {
    match args.confirm.as_deref() {
        Some(CONFIRM_WORD) => {}
        Some(_) => bail!("nothing was destroyed: --confirm must be exactly {CONFIRM_WORD}"),
        None if !std::io::stdin().is_terminal() => {
            bail!("nothing was destroyed: type the confirmation at a terminal, or pass --confirm {CONFIRM_WORD}")
        }
        None => {
            eprintln!("{DURESS_WARNING}");
            eprint!(
                "Type {CONFIRM_WORD} to make the vault in {} unreadable: ",
                dir.display()
            );
            std::io::stderr().flush()?;
            let mut answer = String::new();
            std::io::stdin().lock().read_line(&mut answer)?;
            if answer.trim() != CONFIRM_WORD {
                bail!("nothing was destroyed: the confirmation was not {CONFIRM_WORD}");
            }
        }
    }
    let destroyed = duress::destroy(dir)?;
    println!(
        "Destroyed {} key file(s) and removed {} other file(s): the vault in {} can no longer be opened.",
        destroyed.key_files,
        destroyed.other_files,
        dir.display()
    );
    Ok(())
}

const WIPE_WARNING: &str = "\
Warning: after that many wrong passphrases in a row, this laptop's vault can never be opened
again, not with the right passphrase, not with the recovery code. Only what was synced to your
coordinator survives. A child, a colleague or you yourself, tired, could trigger it.";

pub fn run_unlock_policy(dir: &Path, args: UnlockPolicyArgs) -> Result<()> {
    if args.wipe_after.is_none() && !args.wipe_off {
        match duress::wipe_after(dir) {
            Some(n) => println!("The keys are destroyed after {n} wrong passphrases in a row."),
            None => println!("Off: wrong passphrases only make you wait longer."),
        }
        return Ok(());
    }
    // Only the owner changes the policy: it needs the passphrase.
    let passphrase = SecretSource::new(args.passphrase_stdin).read("Passphrase: ")?;
    Vault::unlock(dir, &passphrase)?.lock()?;
    duress::set_wipe_after(dir, args.wipe_after)?;
    match args.wipe_after {
        Some(n) => {
            eprintln!("{WIPE_WARNING}");
            println!("On: the keys are destroyed after {n} wrong passphrases in a row.");
        }
        None => println!("Off: wrong passphrases only make you wait longer."),
    }
    Ok(())
}
