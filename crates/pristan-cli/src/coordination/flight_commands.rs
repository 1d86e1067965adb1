//! `pristan flight add|link|unlink|list|show`: removal flights and their triage list.

use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;
use pristan_core::coordination::flight_triage;
use pristan_core::coordination::flights::{add_flight, flights, link_case, unlink_case};
use pristan_core::domain::{Flight, LongText, ShortText};
use pristan_core::ops::EntityId;

use super::{date_or_dash, or_dash, print_json, today};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum FlightCommand {
    /// Records a reported removal flight (coordinators); prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        /// The day it is expected to leave, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        date: Option<NaiveDate>,
        /// The route or the destination.
        #[arg(long, value_parser = input::short_text)]
        route: Option<ShortText>,
        /// Who reported it.
        #[arg(long, value_parser = input::short_text)]
        source: Option<ShortText>,
        /// The organisation's notes (no names: link the cases instead).
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        notes: Option<LongText>,
    },
    /// Links a case to a flight it is believed to be on; prints the link's id.
    Link {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        flight: EntityId,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// Why it is believed to be on it.
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Removes a case from a flight's list.
    Unlink {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        flight: EntityId,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
    },
    /// Lists flights, soonest first.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
    },
    /// Shows a flight and its triage list: whom to call first.
    Show {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
    },
}

pub fn run(dir: &Path, command: FlightCommand) -> Result<()> {
    match command {
        FlightCommand::Add {
            unlocking,
            date,
            route,
            source,
            notes,
        } => {
            if date.is_none() && route.is_none() {
                anyhow::bail!("give the flight's --date or --route (or both)");
            }
            let mut vault = unlocking.open(dir)?;
            let id = add_flight(
                &mut vault,
                Flight {
                    date,
                    route: route.unwrap_or_default(),
                    source: source.unwrap_or_default(),
                    notes: notes.unwrap_or_default(),
                },
            )?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        FlightCommand::Link {
            unlocking,
            flight,
            case,
            note,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = link_case(&mut vault, flight, case, &note)?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        FlightCommand::Unlink {
            unlocking,
            flight,
            case,
        } => {
            let mut vault = unlocking.open(dir)?;
            unlink_case(&mut vault, flight, case)?;
            vault.lock()?;
            Ok(())
        }
        FlightCommand::List { unlocking } => {
            let vault = unlocking.open(dir)?;
            let list = flights(&vault)?;
            vault.lock()?;
            if unlocking.json {
                return print_json(&list);
            }
            for f in &list {
                println!(
                    "{}  {}  {}  (source: {})",
                    f.id,
                    date_or_dash(f.record.date),
                    or_dash(&f.record.route),
                    or_dash(&f.record.source)
                );
            }
            if list.is_empty() {
                eprintln!("no flights");
            }
            Ok(())
        }
        FlightCommand::Show { unlocking, id } => {
            let vault = unlocking.open(dir)?;
            let triage = flight_triage(&vault, id, today())?;
            vault.lock()?;
            if unlocking.json {
                return print_json(&triage);
            }
            let countdown = match triage.days_until {
                Some(days) if days > 0 => format!("in {days} days"),
                Some(0) => "today".to_owned(),
                Some(days) => format!("{} days ago", -days),
                None => "date unknown".to_owned(),
            };
            println!(
                "Flight {}  {}  {}  ({countdown}; source: {})",
                triage.flight_id,
                date_or_dash(triage.flight.date),
                or_dash(&triage.flight.route),
                or_dash(&triage.flight.source)
            );
            for (n, row) in triage.rows.iter().enumerate() {
                println!(
                    "{:>3}. {}  {}  [{}]  final order: {}  stay: {}  motion pending: {}  \
                     attorney of record: {}  next deadline: {}  last contact: {}",
                    n + 1,
                    row.case.id,
                    row.case.name,
                    row.group.message_id().trim_start_matches("triage-group-"),
                    date_or_dash(row.final_order),
                    yes_no(row.removal_stayed),
                    yes_no(row.pending_motion),
                    yes_no(row.attorney_of_record),
                    date_or_dash(row.next_deadline.as_ref().map(|d| d.due)),
                    date_or_dash(row.last_contact),
                );
            }
            if triage.rows.is_empty() {
                eprintln!("no cases linked to this flight");
            }
            Ok(())
        }
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}
