//! `pristan consent add|withdraw|list`.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use pristan_core::coordination::referrals::withdraw_consent;
use pristan_core::domain::{Consent, ConsentMethod, ConsentPurpose, ShortText};
use pristan_core::ops::EntityId;

use super::{date_or_dash, or_dash, print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Records a consent the person gave, for one purpose and one recipient; prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        #[arg(long, value_parser = input::choice(ConsentPurpose::ALL, ConsentPurpose::as_str))]
        purpose: ConsentPurpose,
        /// Whom it allows sharing with, exactly as a referral will name them: "Government of
        /// Canada (IRCC)". A government referral needs one.
        #[arg(long, value_parser = input::short_text)]
        recipient: ShortText,
        /// The day it was given, YYYY-MM-DD (today if not given).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        given_on: Option<NaiveDate>,
        #[arg(long, default_value = "verbal", value_parser = input::choice(ConsentMethod::ALL, ConsentMethod::as_str))]
        method: ConsentMethod,
        #[arg(long, value_parser = input::short_text)]
        note: Option<ShortText>,
    },
    /// Records that the person withdrew a consent (today unless --on): the next export for its
    /// recipient is refused. The consent stays on the case, marked withdrawn.
    Withdraw {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        on: Option<NaiveDate>,
    },
    /// Lists a case's consents.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
    },
}

pub fn run(dir: &Path, command: ConsentCommand) -> Result<()> {
    match command {
        ConsentCommand::Add {
            unlocking,
            case,
            purpose,
            recipient,
            given_on,
            method,
            note,
        } => {
            if purpose == ConsentPurpose::GovernmentReferral && recipient.as_str().trim().is_empty()
            {
                anyhow::bail!(
                    "a consent to a government referral names its recipient: give --recipient"
                );
            }
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = vault.add(Consent {
                case_id: Some(case),
                purpose,
                recipient,
                given_on: Some(given_on.unwrap_or_else(today)),
                withdrawn_on: None,
                method,
                note: note.unwrap_or_default(),
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        ConsentCommand::Withdraw { unlocking, id, on } => {
            let mut vault = unlocking.open(dir)?;
            vault
                .get::<Consent>(id)?
                .with_context(|| format!("there is no consent {id}: see pristan consent list"))?;
            withdraw_consent(&mut vault, id, on.unwrap_or_else(today))?;
            vault.lock()?;
            Ok(())
        }
        ConsentCommand::List { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let mut consents = vault.list::<Consent>(case)?;
            vault.lock()?;
            consents.sort_by_key(|c| (c.record.given_on, c.id));
            if unlocking.json {
                return print_json(&consents);
            }
            for c in &consents {
                let r = &c.record;
                let state = if r.in_force_on(today()) {
                    "in force".to_owned()
                } else if let Some(day) = r.withdrawn_on {
                    format!("withdrawn {day}")
                } else {
                    "not in force".to_owned()
                };
                println!(
                    "{}  {:<22}  {}  given {}  [{state}]",
                    c.id,
                    r.purpose.as_str(),
                    or_dash(&r.recipient),
                    date_or_dash(r.given_on)
                );
            }
            if consents.is_empty() {
                eprintln!("no consents");
            }
            Ok(())
        }
    }
}
