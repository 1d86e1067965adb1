//! `pristan case add|list|show|search`: cases from the command line, as text or JSON.

use std::path::Path;

use anyhow::{Context, Result};
use clap::Subcommand;
use pristan_core::cases::{NewCase, SearchHit};
use pristan_core::domain::ANumber;
use pristan_core::domain::CaseRecord;
use pristan_core::ops::EntityId;

use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum CaseCommand {
    /// Assigns a case to volunteers' devices (replacing the list): they receive it in case
    /// packets. With no --device, unassigns it from everyone.
    Assign {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        case: EntityId,
        #[arg(long = "device", value_parser = input::device)]
        devices: Vec<pristan_core::ops::DeviceId>,
    },
    /// Opens a case and prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The name in Latin letters, as on the person's documents.
        #[arg(long)]
        name: String,
        /// The name in the person's own script, e.g. "Иван Петров".
        #[arg(long)]
        native_name: Option<String>,
        /// 8 or 9 digits, with or without "A" and dashes.
        #[arg(long)]
        a_number: Option<String>,
        /// Date of birth, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        dob: Option<String>,
        #[arg(long)]
        nationality: Option<String>,
        /// The person agreed, today, to share their case with the coordinator. Without it the
        /// case stays on this laptop: bundles do not carry it.
        #[arg(long)]
        share_with_coordinator: bool,
    },
    /// Lists every case.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
    },
    /// Shows one case by its id.
    Show {
        #[command(flatten)]
        unlocking: Unlocking,
        id: String,
    },
    /// Every change to a case and its records: what, from what to what, by whom, when.
    History(crate::coordination::history_command::HistoryArgs),
    /// Finds cases by name (either script) or A-number (however typed).
    Search {
        #[command(flatten)]
        unlocking: Unlocking,
        query: String,
    },
}

pub fn run(dir: &Path, command: CaseCommand) -> Result<()> {
    match command {
        CaseCommand::Add {
            unlocking,
            name,
            native_name,
            a_number,
            dob,
            nationality,
            share_with_coordinator,
        } => {
            // Check everything typed before asking for the passphrase or opening the vault.
            let a_number = a_number.map(|a| ANumber::parse(&a)).transpose()?;
            let date_of_birth = dob
                .map(|d| {
                    d.parse()
                        .with_context(|| format!("date of birth {d:?}: use YYYY-MM-DD"))
                })
                .transpose()?;
            let mut vault = unlocking.open(dir)?;
            let id = vault.add_case(NewCase {
                name,
                native_name,
                a_number,
                date_of_birth,
                nationality,
                share_with_coordinator,
                ..NewCase::default()
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        CaseCommand::Assign {
            unlocking,
            case,
            devices,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let ids: Vec<serde_json::Value> = devices
                .iter()
                .map(|d| serde_json::Value::from(d.to_string()))
                .collect();
            let changes = std::collections::BTreeMap::from([(
                pristan_core::cases::CaseField::AssignedTo,
                serde_json::Value::Array(ids),
            )]);
            vault.update_case(case, changes)?;
            vault.lock()?;
            Ok(())
        }
        CaseCommand::List { unlocking } => {
            let vault = unlocking.open(dir)?;
            let cases = vault.cases()?;
            vault.lock()?;
            print_cases(&cases, unlocking.json)
        }
        CaseCommand::Show { unlocking, id } => {
            let id: EntityId = id.parse()?;
            let vault = unlocking.open(dir)?;
            let case = vault.case(id)?;
            vault.lock()?;
            let case =
                case.with_context(|| format!("there is no case {id}: see pristan case list"))?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&case)?);
            } else {
                print_case_details(&case);
            }
            Ok(())
        }
        CaseCommand::History(args) => crate::coordination::history_command::run(dir, args),
        CaseCommand::Search { unlocking, query } => {
            let vault = unlocking.open(dir)?;
            let hits = vault.search_cases(&query)?;
            vault.lock()?;
            print_hits(&hits, unlocking.json)
        }
    }
}

fn print_cases(cases: &[CaseRecord], json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(cases)?);
        return Ok(());
    }
    for case in cases {
        let a_number = case
            .a_number
            .map(|a| a.to_string())
            .unwrap_or_else(|| "-".into());
        let native = if case.native_name.is_empty() {
            String::new()
        } else {
            format!(" ({})", case.native_name)
        };
        println!(
            "{}  {a_number:<13}  {}{native}  [{}]",
            case.id,
            case.name,
            case.custody_status.as_str()
        );
    }
    if cases.is_empty() {
        eprintln!("no cases");
    }
    Ok(())
}

/// Search results: each case, and the note, evidence, relative, task or attachment that matched
/// when that was not the case itself (`matched` in JSON, beside the case's own fields).
fn print_hits(hits: &[SearchHit], json: bool) -> Result<()> {
    if json {
        let hits: Vec<serde_json::Value> = hits
            .iter()
            .map(|hit| {
                let mut value = serde_json::to_value(&hit.case)?;
                value["matched"] = serde_json::to_value(&hit.matched)?;
                Ok(value)
            })
            .collect::<serde_json::Result<_>>()?;
        println!("{}", serde_json::to_string_pretty(&hits)?);
        return Ok(());
    }
    for hit in hits {
        print_cases(std::slice::from_ref(&hit.case), false)?;
        if let Some(matched) = &hit.matched {
            println!(
                "    {} {}: {}",
                matched.entity_type, matched.entity_id, matched.snippet
            );
        }
    }
    if hits.is_empty() {
        eprintln!("no cases");
    }
    Ok(())
}

fn print_case_details(case: &CaseRecord) {
    let or_dash = |s: &str| {
        if s.is_empty() {
            "-".to_owned()
        } else {
            s.to_owned()
        }
    };
    println!("Id:             {}", case.id);
    println!("Name:           {}", case.name);
    println!("Native name:    {}", or_dash(&case.native_name));
    println!(
        "A-number:       {}",
        case.a_number
            .map(|a| a.to_string())
            .unwrap_or_else(|| "-".into())
    );
    println!(
        "Date of birth:  {}",
        case.date_of_birth
            .map(|d| d.to_string())
            .unwrap_or_else(|| "-".into())
    );
    println!("Nationality:    {}", or_dash(&case.nationality));
    println!("Custody:        {}", case.custody_status.as_str());
}

/// The case `id`, or an error that says where to find case ids.
pub fn require_case(vault: &pristan_core::Vault, id: EntityId) -> Result<CaseRecord> {
    vault
        .case(id)?
        .with_context(|| format!("there is no case {id}: see pristan case list"))
}
