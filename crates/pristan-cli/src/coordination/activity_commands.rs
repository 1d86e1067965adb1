//! `pristan activity confirm|show`: the two-reviewer rule from the command line.

use std::path::Path;

use anyhow::Result;
use clap::Subcommand;
use pristan_core::coordination::verification::confirm_activity;
use pristan_core::ops::EntityId;

use super::{author_name, print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum ActivityCommand {
    /// Confirms, as this coordinator, that the case's political activity is beyond doubt,
    /// saying what was checked; prints the confirmation's id. A second, different coordinator
    /// must confirm it too before it is verified.
    Confirm {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// What was checked, in words.
        #[arg(long, alias = "checked", allow_hyphen_values = true)]
        method: String,
    },
    /// Shows the verdict, the confirmations and what the case still lacks.
    Show {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
    },
}

pub fn run(dir: &Path, command: ActivityCommand) -> Result<()> {
    match command {
        ActivityCommand::Confirm {
            unlocking,
            case,
            method,
        } => {
            if method.trim().is_empty() {
                anyhow::bail!("say what was checked: give --method TEXT");
            }
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = confirm_activity(&mut vault, case, &method)?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        ActivityCommand::Show { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let file = vault.case_file(case, today())?;
            vault.lock()?;
            let coordination = &file.coordination;
            if unlocking.json {
                return print_json(&serde_json::json!({
                    "activity": coordination.activity,
                    "checklist": coordination.checklist,
                }));
            }
            println!("Verdict: {}", verdict_words(coordination.activity.verdict));
            for step in &coordination.activity.confirmations {
                println!(
                    "  {}  {}{}: {}",
                    step.at.format("%Y-%m-%d %H:%M"),
                    author_name(&step.by),
                    if step.counts { "" } else { " (does not count)" },
                    step.confirmation.checked
                );
            }
            println!("Checklist:");
            for line in &coordination.checklist {
                let mark = if line.done { "[x]" } else { "[ ]" };
                println!("  {mark} {}", checklist_words(line.item));
            }
            Ok(())
        }
    }
}

pub fn verdict_words(verdict: pristan_core::domain::ActivityVerdict) -> &'static str {
    use pristan_core::domain::ActivityVerdict as V;
    match verdict {
        V::Unconfirmed => "not yet confirmed by a coordinator",
        V::OneCoordinator => "confirmed by one coordinator: a second, different one must confirm",
        V::Verified => "verified by two coordinators",
    }
}

fn checklist_words(item: pristan_core::domain::ChecklistItem) -> &'static str {
    use pristan_core::domain::ChecklistItem as C;
    match item {
        C::EvidenceRecorded => "evidence of political activity recorded",
        C::EvidenceDocumented => "evidence backed by a document",
        C::EvidenceCorroborated => "evidence corroborated by an independent source",
        C::EvidenceVerified => "evidence verified by a coordinator",
        C::FirstConfirmation => "activity confirmed by a first coordinator",
        C::SecondConfirmation => "activity confirmed by a second, different coordinator",
        C::ReferralConsent => "consent to a government referral naming the recipient",
    }
}
