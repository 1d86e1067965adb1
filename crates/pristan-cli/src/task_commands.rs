//! `pristan task add|list`: follow-ups on a case (call the attorney, bring reading glasses).

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use pristan_core::domain::{LongText, Priority, ShortText, Stored, Task, TaskStatus};
use pristan_core::ops::EntityId;

use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum TaskCommand {
    /// Adds a follow-up and prints its id.
    Add {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::id)]
        case: EntityId,
        /// What needs doing, in one line.
        #[arg(long, value_parser = input::short_text)]
        title: ShortText,
        #[arg(long, allow_hyphen_values = true, value_parser = input::long_text)]
        details: Option<LongText>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
        due: Option<NaiveDate>,
        #[arg(long, default_value = "normal", value_parser = input::choice(Priority::ALL, Priority::as_str))]
        priority: Priority,
        /// Who will do it.
        #[arg(long, value_parser = input::short_text)]
        assignee: Option<ShortText>,
    },
    /// Marks a task done.
    Done {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(value_parser = input::id)]
        id: EntityId,
    },
    /// Lists tasks: open ones first, then by due date.
    List {
        #[command(flatten)]
        unlocking: Unlocking,
        /// Only this case's tasks.
        #[arg(long, value_parser = input::id)]
        case: Option<EntityId>,
        /// Only tasks still open.
        #[arg(long)]
        open: bool,
    },
}

pub fn run(dir: &Path, command: TaskCommand) -> Result<()> {
    match command {
        TaskCommand::Add {
            unlocking,
            case,
            title,
            details,
            due,
            priority,
            assignee,
        } => {
            let mut vault = unlocking.open(dir)?;
            require_case(&vault, case)?;
            let id = vault.add(Task {
                case_id: Some(case),
                title,
                details: details.unwrap_or_default(),
                due,
                assignee: assignee.unwrap_or_default(),
                priority,
                status: TaskStatus::Open,
            })?;
            vault.lock()?;
            unlocking.print_id(id);
            Ok(())
        }
        TaskCommand::Done { unlocking, id } => {
            let mut vault = unlocking.open(dir)?;
            let task = vault
                .get::<Task>(id)?
                .with_context(|| format!("there is no task {id}: see pristan task list"))?;
            vault.update(
                id,
                Task {
                    status: TaskStatus::Done,
                    ..task.record
                },
            )?;
            vault.lock()?;
            Ok(())
        }
        TaskCommand::List {
            unlocking,
            case,
            open,
        } => {
            let vault = unlocking.open(dir)?;
            let mut tasks = match case {
                Some(case) => {
                    require_case(&vault, case)?;
                    vault.list::<Task>(case)?
                }
                None => vault.list_all::<Task>()?,
            };
            let names: HashMap<EntityId, String> =
                vault.cases()?.into_iter().map(|c| (c.id, c.name)).collect();
            vault.lock()?;
            if open {
                tasks.retain(|t| t.record.status == TaskStatus::Open);
            }
            sort(&mut tasks);
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&tasks)?);
            } else {
                print_tasks(&tasks, &names);
            }
            Ok(())
        }
    }
}

/// Open before done or cancelled; then the most pressing: by due date (undated last), priority.
fn sort(tasks: &mut [Stored<Task>]) {
    tasks.sort_by_key(|t| {
        (
            t.record.status != TaskStatus::Open,
            t.record.due.is_none(),
            t.record.due,
            std::cmp::Reverse(t.record.priority),
            t.record.title.clone(),
            t.id,
        )
    });
}

fn print_tasks(tasks: &[Stored<Task>], names: &HashMap<EntityId, String>) {
    for task in tasks {
        let t = &task.record;
        let due = t.due.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
        let case = t
            .case_id
            .and_then(|c| names.get(&c))
            .map(String::as_str)
            .unwrap_or("-");
        let assignee = if t.assignee.is_empty() {
            String::new()
        } else {
            format!(" → {}", t.assignee)
        };
        println!(
            "{}  {due:<10}  {:<6}  {:<9}  {}  ({case}){assignee}",
            task.id,
            t.priority.as_str(),
            t.status.as_str(),
            t.title
        );
    }
    if tasks.is_empty() {
        eprintln!("no tasks");
    }
}
