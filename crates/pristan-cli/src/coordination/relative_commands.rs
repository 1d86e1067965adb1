//! `pristan relative add|list`.

use std::path::Path;

use anyhow::Result;
use clap::Subcommand;
use pristan_core::domain::{LongText, Relative, ShortText, Whereabouts};
use pristan_core::ops::EntityId;

use super::{or_dash, print_json};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum RelativeCommand {
    /// Adds a relative of the person; prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// The name in Latin letters.
        #[arg(long, value_parser = input::short_text)]
        name: ShortText,
        /// The name in the relative's own script.
        #[arg(long, value_parser = input::short_text)]
        native_name: Option<ShortText>,
        /// "wife", "son", "mother".
        #[arg(long, value_parser = input::short_text)]
        relation: Option<ShortText>,
        #[arg(long, default_value = "unknown", value_parser = input::choice(Whereabouts::ALL, Whereabouts::as_str))]
        whereabouts: Whereabouts,
        /// The facility, foster agency or city.
        #[arg(long, value_parser = input::short_text)]
        location: Option<ShortText>,
        #[arg(long, value_parser = input::short_text)]
        contact: Option<ShortText>,
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        note: Option<LongText>,
    },
    /// Lists a case's relatives.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
    },
}

pub fn run(dir: &Path, command: RelativeCommand) -> Result<()> {
    match command {
        RelativeCommand::Add {
            unlocking,
            case,
            name,
            native_name,
            relation,
            whereabouts,
            location,
            contact,
            note,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = vault.add(Relative {
                case_id: Some(case),
                name,
                native_name: native_name.unwrap_or_default(),
                relation: relation.unwrap_or_default(),
                whereabouts,
                location: location.unwrap_or_default(),
                contact: contact.unwrap_or_default(),
                note: note.unwrap_or_default(),
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        RelativeCommand::List { unlocking, case } => {
            let vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let relatives = vault.list::<Relative>(case)?;
            vault.lock()?;
            if unlocking.json {
                return print_json(&relatives);
            }
            for r in &relatives {
                println!(
                    "{}  {}  ({})  {}  {}",
                    r.id,
                    r.record.name,
                    or_dash(&r.record.relation),
                    r.record.whereabouts.as_str(),
                    or_dash(&r.record.location)
                );
            }
            if relatives.is_empty() {
                eprintln!("no relatives");
            }
            Ok(())
        }
    }
}
