//! `pristan evidence add|verify|list`.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use pristan_core::coordination::verification::verify_evidence;
use pristan_core::domain::{Evidence, EvidenceCategory, LongText, VerificationLevel};
use pristan_core::ops::EntityId;

use super::{date_or_dash, print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Adds an evidence item of political activity; prints its id. A volunteer records it as
    /// claimed or documented; corroborated and verified are a coordinator's (evidence verify).
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// What it shows, in a few words.
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        summary: LongText,
        #[arg(long, default_value = "other", value_parser = input::choice(EvidenceCategory::ALL, EvidenceCategory::as_str))]
        category: EvidenceCategory,
        /// When it happened, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "claimed", value_parser = input::choice(VerificationLevel::ALL, VerificationLevel::as_str))]
        level: VerificationLevel,
    },
    /// Records a review step on an evidence item: the level it reached and how it was checked,
    /// with the supporting attachment's SHA-256 if there is one. Who and when are recorded from
    /// this device and its clock.
    Verify {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
        #[arg(long, value_parser = input::choice(VerificationLevel::ALL, VerificationLevel::as_str))]
        level: VerificationLevel,
        /// How it was checked, in words.
        #[arg(long, allow_hyphen_values = true)]
        method: String,
        /// The SHA-256 of the supporting file, attached to the same case.
        #[arg(long, value_name = "SHA")]
        attachment: Option<String>,
    },
    /// Lists a case's evidence with each item's level and review steps.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
    },
}

pub fn run(dir: &Path, command: EvidenceCommand) -> Result<()> {
    match command {
        EvidenceCommand::Add {
            unlocking,
            case,
            summary,
            category,
            date,
            level,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = vault.add(Evidence {
                case_id: Some(case),
                category,
                summary,
                date,
                verification: level,
                ..Evidence::default()
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        EvidenceCommand::Verify {
            unlocking,
            id,
            level,
            method,
            attachment,
        } => {
            if method.trim().is_empty() {
                anyhow::bail!("say how it was checked: give --method TEXT");
            }
            let mut vault = unlocking.open(dir)?;
            vault
                .get::<Evidence>(id)?
                .with_context(|| format!("there is no evidence {id}: see pristan evidence list"))?;
            let step = verify_evidence(&mut vault, id, level, &method, attachment.as_deref())?;
            vault.lock()?;
            unlocking.print_id(step);
            Ok(())
        }
        EvidenceCommand::List { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let file = vault.case_file(case, today())?;
            vault.lock()?;
            if unlocking.json {
                let items: Vec<serde_json::Value> = file
                    .evidence
                    .iter()
                    .zip(&file.coordination.evidence)
                    .map(|(item, standing)| {
                        serde_json::json!({
                            "id": item.id,
                            "evidence": item.record,
                            "level": standing.level,
                            "steps": standing.steps,
                        })
                    })
                    .collect();
                return print_json(&items);
            }
            for (item, standing) in file.evidence.iter().zip(&file.coordination.evidence) {
                println!(
                    "{}  {:<12}  {:<22}  {}  {}",
                    item.id,
                    standing.level.as_str(),
                    item.record.category.as_str(),
                    date_or_dash(item.record.date),
                    item.record.summary
                );
                for step in &standing.steps {
                    println!(
                        "    {}  {} by {}: {}",
                        step.at.format("%Y-%m-%d %H:%M"),
                        step.review.level.as_str(),
                        super::author_name(&step.by),
                        step.review.method
                    );
                }
            }
            if file.evidence.is_empty() {
                eprintln!("no evidence");
            }
            Ok(())
        }
    }
}
