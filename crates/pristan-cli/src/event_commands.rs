//! `pristan event add`: a legal event on a case (a hearing, a decision, an appeal, a stay). The
//! deadlines that follow from it are shown by `pristan deadlines`.

use std::path::Path;

use anyhow::Result;
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use clap::Subcommand;
use pristan_core::domain::{LegalEvent, LegalEventKind, LongText, Outcome, ShortText};
use pristan_core::ops::EntityId;

use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum EventCommand {
    /// Records a legal event and prints its id. Events cannot be changed once saved.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        #[arg(long, value_parser = input::choice(LegalEventKind::ALL, LegalEventKind::as_str))]
        kind: LegalEventKind,
        /// The local date where the court sits.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        date: NaiveDate,
        #[arg(long, default_value = "unknown", value_parser = input::choice(Outcome::ALL, Outcome::as_str))]
        outcome: Outcome,
        /// The appeal of this immigration judge's decision was waived: the order is final at once.
        #[arg(long)]
        appeal_waived: bool,
        #[arg(long, value_parser = input::short_text)]
        court: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        judge: Option<ShortText>,
        /// The hearing time, local to --tz.
        #[arg(long, value_name = "HH:MM", value_parser = input::time, requires = "tz")]
        time: Option<NaiveTime>,
        /// The court's IANA time zone, e.g. America/Chicago.
        #[arg(long, value_parser = input::time_zone)]
        tz: Option<Tz>,
        /// Who said so: "EOIR hotline", "attorney", "the person".
        #[arg(long, value_parser = input::short_text)]
        source: Option<ShortText>,
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        note: Option<LongText>,
    },
}

pub fn run(dir: &Path, command: EventCommand) -> Result<()> {
    let EventCommand::Add {
        unlocking,
        case,
        kind,
        date,
        outcome,
        appeal_waived,
        court,
        judge,
        time,
        tz,
        source,
        note,
    } = command;
    if appeal_waived && kind != LegalEventKind::IjDecision {
        anyhow::bail!("--appeal-waived applies only to --kind ij_decision");
    }
    let mut vault = unlocking.open(dir)?;
    require_case(&vault, case)?;
    let id = vault.add(LegalEvent {
        case_id: Some(case),
        kind,
        date: Some(date),
        time,
        time_zone: tz,
        court: court.unwrap_or_default(),
        judge: judge.unwrap_or_default(),
        outcome,
        appeal_waived,
        source: source.unwrap_or_default(),
        note: note.unwrap_or_default(),
    })?;
    vault.lock()?;
    unlocking.print_id(id);
    Ok(())
}
