//! `pristan referral export`: a case's dossier as a PDF (`--case ID --pdf FILE`, with
//! `--redact SECTION` and `--include-note ID` as often as needed), or the working group's list
//! of referred cases as a CSV (`--csv FILE [--delimiter semicolon]`). Both go through the core's
//! consent gate and write a new file only: an existing FILE is never replaced.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Args;
use pristan_core::domain::{CsvDelimiter, DossierSection};
use pristan_core::exports::{save_new_file, working_group_list};
use pristan_core::ops::EntityId;
use pristan_dossier::{export_dossier, Choices, DossierRequest};
use serde_json::json;

use super::{print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    unlocking: Unlocking,
    /// The case whose dossier to write (with --pdf).
    #[arg(long, value_parser = input::id)]
    case: Option<EntityId>,
    /// Which of the case's referrals, when it has more than one.
    #[arg(long, value_parser = input::id)]
    referral: Option<EntityId>,
    /// Write the case's referral dossier to FILE (a new file).
    #[arg(long, value_name = "FILE", conflicts_with = "csv")]
    pdf: Option<PathBuf>,
    /// Write the working group's list of referred, consenting cases to FILE (a new file).
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Leave a section out of the dossier (the cover and the consents are always printed).
    #[arg(long, value_name = "SECTION", value_parser = input::choice(DossierSection::REDACTABLE, DossierSection::as_str))]
    redact: Vec<DossierSection>,
    /// Print this note in the dossier (no note is printed unless chosen, one by one).
    #[arg(long = "include-note", value_name = "ID", value_parser = input::id)]
    include_note: Vec<EntityId>,
    /// The CSV's delimiter: semicolon for Excel in a Russian locale.
    #[arg(long, default_value = "comma", value_parser = input::choice(CsvDelimiter::ALL, CsvDelimiter::as_str))]
    delimiter: CsvDelimiter,
    /// Who the dossier's cover names as its author (this device's name if not given).
    #[arg(long)]
    author: Option<String>,
}

pub fn run(dir: &Path, args: ExportArgs) -> Result<()> {
    // What was typed is checked before anyone is asked for a passphrase.
    match (&args.pdf, &args.csv, args.case) {
        (Some(pdf), None, Some(case)) => {
            refuse_existing(pdf)?;
            export_pdf(dir, &args, case, pdf)
        }
        (Some(_), None, None) => bail!("say whose dossier: --case ID"),
        (None, Some(csv), _) => {
            if args.case.is_some() || !args.redact.is_empty() || !args.include_note.is_empty() {
                bail!("--case, --redact and --include-note are for a dossier (--pdf FILE)");
            }
            refuse_existing(csv)?;
            export_csv(dir, &args, csv)
        }
        _ => bail!("say what to write: --case ID --pdf FILE, or --csv FILE"),
    }
}

fn refuse_existing(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(pristan_core::Error::FileExists {
            path: path.to_owned(),
        }
        .into());
    }
    Ok(())
}

fn export_pdf(dir: &Path, args: &ExportArgs, case: EntityId, path: &Path) -> Result<()> {
    let vault = args.unlocking.open(dir)?;
    require_case(&vault, case)?;
    let request = DossierRequest {
        case,
        referral: args.referral,
        choices: Choices {
            withhold: args.redact.iter().copied().collect(),
            include_notes: args.include_note.iter().copied().collect::<BTreeSet<_>>(),
        },
        author: args.author.clone(),
    };
    let saved = export_dossier(&vault, &request, today(), path);
    vault.lock()?;
    let saved = saved?;
    if args.unlocking.json {
        return print_json(&json!({
            "path": path.display().to_string(),
            "bytes": saved.bytes,
            "referral": saved.referral.to_string(),
        }));
    }
    println!("{}", path.display());
    Ok(())
}

fn export_csv(dir: &Path, args: &ExportArgs, path: &Path) -> Result<()> {
    let vault = args.unlocking.open(dir)?;
    let list = working_group_list(&vault, today(), args.delimiter);
    vault.lock()?;
    let list = list?;
    save_new_file(path, &list.bytes)?;
    let left_out: Vec<_> = list
        .left_out
        .iter()
        .map(|row| {
            json!({
                "case": row.case.id.to_string(),
                "referral": row.referral_id.to_string(),
                "refusal": row.consent_refusal,
                "reason": row.consent_refusal.as_ref().map(|r| r.to_string()),
            })
        })
        .collect();
    if args.unlocking.json {
        return print_json(&json!({
            "path": path.display().to_string(),
            "bytes": list.bytes.len(),
            "rows": list.rows.len(),
            "left_out": left_out,
        }));
    }
    println!("{}", path.display());
    eprintln!("{} referred cases written", list.rows.len());
    for row in &list.left_out {
        if let Some(refusal) = &row.consent_refusal {
            eprintln!("left out: {} ({}): {refusal}", row.case.name, row.case.id);
        }
    }
    Ok(())
}
