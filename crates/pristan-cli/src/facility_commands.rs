//! `pristan facility add|list`: detention facilities (and courts), with the time zone their hours
//! are in, so visits and hearings can name them.

use std::path::Path;

use anyhow::Result;
use chrono_tz::Tz;
use clap::Subcommand;
use pristan_core::domain::{Facility, LongText, ShortText};

use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum FacilityCommand {
    /// Adds a facility and prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::short_text)]
        name: ShortText,
        /// The US state's two-letter code.
        #[arg(long, value_parser = input::short_text)]
        state: Option<ShortText>,
        /// The IANA time zone of its hours, e.g. America/Denver.
        #[arg(long, value_parser = input::time_zone)]
        tz: Option<Tz>,
        #[arg(long, value_parser = input::short_text)]
        operator: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        address: Option<ShortText>,
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        visiting_rules: Option<LongText>,
    },
    /// Lists every facility, by name.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
    },
}

pub fn run(dir: &Path, command: FacilityCommand) -> Result<()> {
    match command {
        FacilityCommand::Add {
            unlocking,
            name,
            state,
            tz,
            operator,
            address,
            visiting_rules,
        } => {
            let mut vault = unlocking.open(dir)?;
            let id = vault.add(Facility {
                name,
                operator: operator.unwrap_or_default(),
                address: address.unwrap_or_default(),
                state: state.unwrap_or_default(),
                time_zone: tz,
                visiting_rules: visiting_rules.unwrap_or_default(),
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        FacilityCommand::List { unlocking } => {
            let vault = unlocking.open(dir)?;
            let mut facilities = vault.list_all::<Facility>()?;
            vault.lock()?;
            facilities.sort_by(|a, b| (&a.record.name, a.id).cmp(&(&b.record.name, b.id)));
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&facilities)?);
                return Ok(());
            }
            for f in &facilities {
                let tz = f.record.time_zone.map(|tz| tz.name()).unwrap_or("-");
                println!(
                    "{}  {:<2}  {tz:<20}  {}",
                    f.id, f.record.state, f.record.name
                );
            }
            if facilities.is_empty() {
                eprintln!("no facilities");
            }
            Ok(())
        }
    }
}
