//! `pristan case add|list|show|search`: cases from the command line, as text or JSON.

use std::path::Path;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use pristan_core::cases::NewCase;
use pristan_core::domain::ANumber;
use pristan_core::domain::CaseRecord;
use pristan_core::ops::EntityId;
use pristan_core::Vault;

use crate::secrets::SecretSource;

#[derive(Args)]
pub struct Unlocking {
    /// Read the passphrase from standard input (one line) instead of prompting.
    #[arg(long)]
    passphrase_stdin: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum CaseCommand {
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
        } => {
            // Check everything typed before asking for the passphrase or opening the vault.
            let a_number = a_number.map(|a| ANumber::parse(&a)).transpose()?;
            let date_of_birth = dob
                .map(|d| {
                    d.parse()
                        .with_context(|| format!("date of birth {d:?}: use YYYY-MM-DD"))
                })
                .transpose()?;
            let mut vault = open(dir, &unlocking)?;
            let id = vault.add_case(NewCase {
                name,
                native_name,
                a_number,
                date_of_birth,
                nationality,
                ..NewCase::default()
            })?;
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::json!({ "id": id }));
            } else {
                println!("{id}");
            }
            Ok(())
        }
        CaseCommand::List { unlocking } => {
            let vault = open(dir, &unlocking)?;
            let cases = vault.cases()?;
            vault.lock()?;
            print_cases(&cases, unlocking.json)
        }
        CaseCommand::Show { unlocking, id } => {
            let id: EntityId = id.parse()?;
            let vault = open(dir, &unlocking)?;
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
        CaseCommand::Search { unlocking, query } => {
            let vault = open(dir, &unlocking)?;
            let hits = vault.search_cases(&query)?;
            vault.lock()?;
            let cases: Vec<CaseRecord> = hits.into_iter().map(|h| h.case).collect();
            print_cases(&cases, unlocking.json)
        }
    }
}

fn open(dir: &Path, unlocking: &Unlocking) -> Result<Vault> {
    let passphrase = SecretSource::new(unlocking.passphrase_stdin).read("Passphrase: ")?;
    Ok(Vault::unlock(dir, &passphrase)?)
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
