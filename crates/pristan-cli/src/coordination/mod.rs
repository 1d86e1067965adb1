//! The coordinator's records from the command line (issue 13): consents, relatives, evidence and
//! its review steps, activity confirmations, referrals, flights, and a case's history. Each
//! command prints text, or JSON with `--json`.

mod activity_commands;
mod consent_commands;
mod evidence_commands;
mod flight_commands;
pub mod history_command;
pub mod referral_commands;
mod referral_export;
mod relative_commands;

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;

/// The top-level commands this module adds, flattened into `pristan`'s own.
#[derive(Subcommand)]
pub enum CoordinationCommand {
    /// Consents: add, withdraw and list, purpose by purpose and recipient by recipient.
    Consent {
        #[command(subcommand)]
        action: consent_commands::ConsentCommand,
    },
    /// Relatives: add and list.
    Relative {
        #[command(subcommand)]
        action: relative_commands::RelativeCommand,
    },
    /// Evidence of political activity: add, list, and record a review step (verify).
    Evidence {
        #[command(subcommand)]
        action: evidence_commands::EvidenceCommand,
    },
    /// A coordinator's confirmation of a case's political activity (two different coordinators
    /// verify it), and the case's checklist.
    Activity {
        #[command(subcommand)]
        action: activity_commands::ActivityCommand,
    },
    /// Referrals to a pathway: mark a case, change its status, list them, and the pathways.
    Referral {
        #[command(subcommand)]
        action: referral_commands::ReferralCommand,
    },
    /// Removal flights: add, link cases, list, and show one with its triage list.
    Flight {
        #[command(subcommand)]
        action: flight_commands::FlightCommand,
    },
}

pub fn run(dir: &Path, command: CoordinationCommand) -> Result<()> {
    match command {
        CoordinationCommand::Consent { action } => consent_commands::run(dir, action),
        CoordinationCommand::Relative { action } => relative_commands::run(dir, action),
        CoordinationCommand::Evidence { action } => evidence_commands::run(dir, action),
        CoordinationCommand::Activity { action } => activity_commands::run(dir, action),
        CoordinationCommand::Referral { action } => referral_commands::run(dir, action),
        CoordinationCommand::Flight { action } => flight_commands::run(dir, action),
    }
}

/// Today on this laptop: the day consents are judged by and statuses are dated.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Prints `value` as pretty JSON.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

/// `-` for an empty text or a missing value.
pub fn or_dash(value: impl std::fmt::Display) -> String {
    let text = value.to_string();
    if text.is_empty() {
        "-".to_owned()
    } else {
        text
    }
}

pub fn date_or_dash(date: Option<NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

/// How an author is named in text output: their roster name, or their device id.
pub fn author_name(author: &pristan_core::domain::Author) -> String {
    if author.name.is_empty() {
        format!("device {}", author.device)
    } else {
        author.name.clone()
    }
}
