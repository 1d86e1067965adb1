//! `pristan case history ID [--kind KIND]`: the case's audit trail.

use std::path::Path;

use anyhow::Result;
use clap::Args;
use pristan_core::coordination::case_history;
use pristan_core::domain::HistoryKind;
use pristan_core::ops::EntityId;

use super::{author_name, print_json};
use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub unlocking: Unlocking,
    #[arg(value_parser = input::id)]
    pub id: EntityId,
    /// Only changes of this kind.
    #[arg(long, value_parser = input::choice(HistoryKind::ALL, HistoryKind::as_str))]
    pub kind: Option<HistoryKind>,
}

pub fn run(dir: &Path, args: HistoryArgs) -> Result<()> {
    let HistoryArgs {
        unlocking,
        id,
        kind,
    } = args;
    let vault = unlocking.open(dir)?;
    require_case(&vault, id)?;
    let entries = case_history(&vault, id, kind)?;
    vault.lock()?;
    if unlocking.json {
        return print_json(&entries);
    }
    for e in &entries {
        let what = match (&e.field, e.deleted) {
            (_, true) => "deleted".to_owned(),
            (Some(field), _) => format!(
                "{field}: {} → {}",
                value_words(e.from.as_ref()),
                value_words(e.to.as_ref())
            ),
            (None, _) => match &e.to {
                Some(to) => format!("created ({})", value_words(Some(to))),
                None => "created".to_owned(),
            },
        };
        println!(
            "{}  {:<19}  {:<22}  {} {}  {what}",
            e.at.format("%Y-%m-%d %H:%M:%S"),
            e.kind.as_str(),
            author_name(&e.by),
            e.entity_type.as_str(),
            e.entity
        );
    }
    if entries.is_empty() {
        eprintln!("no changes");
    }
    Ok(())
}

fn value_words(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => "-".to_owned(),
        Some(serde_json::Value::String(text)) => format!("{text:?}"),
        Some(other) => other.to_string(),
    }
}
