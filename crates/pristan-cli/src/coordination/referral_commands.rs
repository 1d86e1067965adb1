//! `pristan referral mark|status|list|pathways|pathway-add`. The dossier and CSV exports
//! (`referral export`) are added beside these; every export must go through
//! `pristan_core::coordination::referral_for_export` or `referrals_for_export`, which refuse a
//! referral without the person's consent.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use pristan_core::coordination::referrals::{
    add_pathway, mark_referral, pathways, referral_rows, update_pathway, update_referral,
    ReferralUpdate,
};
use pristan_core::domain::{
    Pathway, ReferralDecision, ReferralPriority, ReferralStatus, ShortText,
};
use pristan_core::ops::EntityId;

use super::{date_or_dash, or_dash, print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum ReferralCommand {
    /// Marks a case as a candidate for a pathway (coordinators); prints the referral's id.
    Mark {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// The pathway's id (see pristan referral pathways).
        #[arg(long, value_parser = input::id)]
        pathway: EntityId,
        #[arg(long, default_value = "normal", value_parser = input::choice(ReferralPriority::ALL, ReferralPriority::as_str))]
        priority: ReferralPriority,
    },
    /// Moves a referral on (candidate, dossier_prepared, submitted, decision) and sets its
    /// other fields; each status is dated (today unless --on).
    Status {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
        #[arg(long, value_parser = input::choice(ReferralStatus::ALL, ReferralStatus::as_str))]
        status: Option<ReferralStatus>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        on: Option<NaiveDate>,
        #[arg(long, value_parser = input::choice(ReferralPriority::ALL, ReferralPriority::as_str))]
        priority: Option<ReferralPriority>,
        #[arg(long, value_parser = input::choice(ReferralDecision::ALL, ReferralDecision::as_str))]
        decision: Option<ReferralDecision>,
        #[arg(long, allow_hyphen_values = true)]
        decision_note: Option<String>,
        /// The coordinator's recommendation, as the dossier prints it.
        #[arg(long, allow_hyphen_values = true)]
        recommendation: Option<String>,
        /// Whom the referral goes to: the person's consent must name exactly this.
        #[arg(long)]
        recipient: Option<String>,
    },
    /// Lists referrals, most urgent first, with whether consent allows them to be sent.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        /// Only this case's.
        #[arg(long, value_parser = input::id)]
        case: Option<EntityId>,
    },
    /// Lists the pathways (built-in and added).
    Pathways {
        #[command(flatten)]
        unlocking: Unlocking,
    },
    /// Adds a pathway to the list (coordinators); prints its id.
    PathwayAdd {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::short_text)]
        name: ShortText,
        #[arg(long, value_parser = input::short_text)]
        country: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        legal_basis: Option<ShortText>,
        /// Whom its referrals normally go to.
        #[arg(long, value_parser = input::short_text)]
        recipient: Option<ShortText>,
    },
    /// Edits a pathway (coordinators), built-in ones included; --retire stops offering it for
    /// new referrals, --restore offers it again.
    PathwayEdit {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
        #[arg(long, value_parser = input::short_text)]
        name: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        country: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        legal_basis: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        recipient: Option<ShortText>,
        #[arg(long, conflicts_with = "restore")]
        retire: bool,
        #[arg(long)]
        restore: bool,
    },
    /// Writes a case's referral dossier (--case ID --pdf FILE) or the working group's list
    /// (--csv FILE), if the person's consent allows it; never over an existing file.
    Export(super::referral_export::ExportArgs),
}

pub fn run(dir: &Path, command: ReferralCommand) -> Result<()> {
    match command {
        ReferralCommand::Export(args) => super::referral_export::run(dir, args),
        ReferralCommand::Mark {
            unlocking,
            case,
            pathway,
            priority,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = mark_referral(&mut vault, case, pathway, priority, today())?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        ReferralCommand::Status {
            unlocking,
            id,
            status,
            on,
            priority,
            decision,
            decision_note,
            recommendation,
            recipient,
        } => {
            let mut vault = unlocking.open(dir)?;
            let update = ReferralUpdate {
                status,
                on,
                priority,
                decision,
                decision_note,
                recommendation,
                recipient,
            };
            update_referral(&mut vault, id, update, today())?;
            vault.lock()?;
            Ok(())
        }
        ReferralCommand::List { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            let mut rows = referral_rows(&vault, today())?;
            vault.lock()?;
            if let Some(case) = case {
                rows.retain(|r| r.case.id == case);
            }
            if unlocking.json {
                return print_json(&rows);
            }
            for row in &rows {
                let r = &row.referral;
                let consent = match &row.consent_refusal {
                    None => "consent in force".to_owned(),
                    Some(refusal) => format!("NOT SENDABLE: {refusal}"),
                };
                println!(
                    "{}  {:<9}  {:<16} {}  {}  [{}]  {}  — {consent}",
                    row.referral_id,
                    r.priority.as_str(),
                    r.status.as_str(),
                    date_or_dash(r.date_of(r.status)),
                    row.case.name,
                    or_dash(&row.pathway_name),
                    super::activity_commands::verdict_words(row.verdict),
                );
            }
            if rows.is_empty() {
                eprintln!("no referrals");
            }
            Ok(())
        }
        ReferralCommand::Pathways { unlocking } => {
            let vault = unlocking.open(dir)?;
            let list = pathways(&vault)?;
            vault.lock()?;
            if unlocking.json {
                return print_json(&list);
            }
            for p in &list {
                let retired = if p.record.retired { " (retired)" } else { "" };
                println!(
                    "{}  {}{retired}  [{}]  → {}",
                    p.id,
                    p.record.name,
                    or_dash(&p.record.legal_basis),
                    or_dash(&p.record.recipient)
                );
            }
            Ok(())
        }
        ReferralCommand::PathwayEdit {
            unlocking,
            id,
            name,
            country,
            legal_basis,
            recipient,
            retire,
            restore,
        } => {
            let mut vault = unlocking.open(dir)?;
            let Some(current) = pathways(&vault)?.into_iter().find(|p| p.id == id) else {
                anyhow::bail!("there is no pathway {id}: see pristan referral pathways");
            };
            let mut pathway = current.record;
            pathway.name = name.unwrap_or(pathway.name);
            pathway.country = country.unwrap_or(pathway.country);
            pathway.legal_basis = legal_basis.unwrap_or(pathway.legal_basis);
            pathway.recipient = recipient.unwrap_or(pathway.recipient);
            pathway.retired = (pathway.retired || retire) && !restore;
            update_pathway(&mut vault, id, pathway)?;
            vault.lock()?;
            Ok(())
        }
        ReferralCommand::PathwayAdd {
            unlocking,
            name,
            country,
            legal_basis,
            recipient,
        } => {
            let mut vault = unlocking.open(dir)?;
            let id = add_pathway(
                &mut vault,
                Pathway {
                    name,
                    country: country.unwrap_or_default(),
                    legal_basis: legal_basis.unwrap_or_default(),
                    recipient: recipient.unwrap_or_default(),
                    ..Pathway::default()
                },
            )?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
    }
}
