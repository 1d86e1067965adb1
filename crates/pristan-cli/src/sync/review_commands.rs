//! `pristan conflicts list|resolve` and `pristan forget CASE`: the coordinator's review of what
//! sync could not decide alone, and forgetting a person everywhere.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use pristan_core::ops::{EntityId, ForgetReason};
use serde_json::Value;

use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum ConflictsCommand {
    /// Lists fields two devices changed without seeing each other's change.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
    },
    /// Settles a conflict by choosing the value to keep; it replaces both everywhere.
    Resolve {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The record or case id the list shows.
        #[arg(value_parser = input::id)]
        entity: EntityId,
        /// The field, as the list shows it.
        field: String,
        /// The value to keep: JSON (e.g. "\"detained\"" or null), or plain text.
        value: String,
    },
}

#[derive(Args)]
pub struct ForgetArgs {
    #[command(flatten)]
    unlocking: Unlocking,
    #[arg(value_parser = input::id)]
    case: EntityId,
    /// Why: consent-withdrawn, requested-by-person or entered-by-mistake.
    #[arg(long, default_value = "consent-withdrawn", value_parser = reason)]
    reason: ForgetReason,
    /// Confirm without the prompt (for scripts). On a terminal, you type the person's name.
    #[arg(long)]
    yes: bool,
}

pub fn run_conflicts(dir: &Path, command: ConflictsCommand) -> Result<()> {
    match command {
        ConflictsCommand::List { unlocking } => {
            let vault = unlocking.open(dir)?;
            let conflicts = vault.conflicts()?;
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&conflicts)?);
            } else if conflicts.is_empty() {
                println!("No conflicts.");
            } else {
                for c in &conflicts {
                    println!("{} {:?} field {}:", c.entity, c.entity_type, c.field);
                    for v in &c.values {
                        let shown = if v.shown { "  (shown now)" } else { "" };
                        println!("    {}  by {}{shown}", v.value, v.stamp.device);
                    }
                }
            }
            Ok(())
        }
        ConflictsCommand::Resolve {
            unlocking,
            entity,
            field,
            value,
        } => {
            let value = serde_json::from_str::<Value>(&value).unwrap_or(Value::String(value));
            let mut vault = unlocking.open(dir)?;
            vault.resolve_conflict(entity, &field, value)?;
            vault.lock()?;
            Ok(())
        }
    }
}

pub fn run_forget(dir: &Path, args: ForgetArgs) -> Result<()> {
    if !args.yes && !std::io::stdin().is_terminal() {
        bail!("forgetting cannot be undone: confirm with --yes when not at a terminal");
    }
    let mut vault = args.unlocking.open(dir)?;
    let Some(case) = vault.case(args.case)? else {
        bail!("there is no case {}: see pristan case list", args.case);
    };
    if !args.yes {
        eprintln!(
            "This removes {:?}, every note, visit, document and their history from this vault, \
             and from every device that imports the instruction. It cannot be undone.",
            case.name
        );
        eprint!("Type the person's name to confirm: ");
        let mut typed = String::new();
        std::io::stdin().read_line(&mut typed)?;
        if typed.trim() != case.name.trim() {
            bail!("the name did not match: nothing was forgotten");
        }
    }
    vault.forget_case(args.case, args.reason)?;
    vault.lock()?;
    if !args.unlocking.json {
        println!("Forgotten. Export a bundle (and send case packets) so every device forgets too.");
    }
    Ok(())
}

fn reason(text: &str) -> Result<ForgetReason, String> {
    match text {
        "consent-withdrawn" => Ok(ForgetReason::ConsentWithdrawn),
        "requested-by-person" => Ok(ForgetReason::RequestedByPerson),
        "entered-by-mistake" => Ok(ForgetReason::EnteredByMistake),
        _ => Err(format!(
            "{text:?} is not a reason: use consent-withdrawn, requested-by-person or entered-by-mistake"
        )),
    }
}
