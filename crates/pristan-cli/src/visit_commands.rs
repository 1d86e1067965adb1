//! `pristan visit add`: records a visit (in person, by video or by phone) on a case.

use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveTime};
use clap::Subcommand;
use pristan_core::domain::{Facility, ShortText, Visit, VisitMode};
use pristan_core::ops::EntityId;

use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum VisitCommand {
    /// Records a visit and prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The case visited (an id from `pristan case list`).
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        date: NaiveDate,
        /// The start time, local to the facility.
        #[arg(long, value_name = "HH:MM", value_parser = input::time)]
        time: Option<NaiveTime>,
        /// The facility (an id from `pristan facility list`).
        #[arg(long, value_parser = input::id)]
        facility: Option<EntityId>,
        #[arg(long, default_value = "in_person", value_parser = input::choice(VisitMode::ALL, VisitMode::as_str))]
        mode: VisitMode,
        /// The language the visit was held in, e.g. Russian.
        #[arg(long, value_parser = input::short_text)]
        language: Option<ShortText>,
        /// The interpreter's name, if there was one.
        #[arg(long, value_parser = input::short_text)]
        interpreter: Option<ShortText>,
        /// Who visited, e.g. "Anna K., Mark D.".
        #[arg(long, value_parser = input::short_text)]
        visitors: Option<ShortText>,
    },
}

pub fn run(dir: &Path, command: VisitCommand) -> Result<()> {
    let VisitCommand::Add {
        unlocking,
        case,
        date,
        time,
        facility,
        mode,
        language,
        interpreter,
        visitors,
    } = command;
    let mut vault = unlocking.open(dir)?;
    require_case(&vault, case)?;
    if let Some(facility) = facility {
        vault.get::<Facility>(facility)?.with_context(|| {
            format!("there is no facility {facility}: see pristan facility list")
        })?;
    }
    let id = vault.add(Visit {
        case_id: Some(case),
        facility_id: facility,
        date: Some(date),
        start_time: time,
        mode,
        language: language.unwrap_or_default(),
        interpreter: interpreter.unwrap_or_default(),
        visitors: visitors.unwrap_or_default(),
    })?;
    vault.lock()?;
    unlocking.print_id(id);
    Ok(())
}
