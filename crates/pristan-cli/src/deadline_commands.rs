//! `pristan deadlines`: every deadline Pristan computes from the legal events of one case or of
//! all of them, removal-imminent cases first. Each is an estimate with its rule and source.

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Args;
use pristan_core::casebook::{CaseDeadline, CaseRef, DeadlineKind, RolledFor};
use pristan_core::deadlines::Holiday;
use pristan_core::deadlines::{RuleOf, DISCLAIMER};
use pristan_core::domain::views::Counting;
use pristan_core::domain::{CaseRecord, LegalEventKind};
use pristan_core::ops::EntityId;
use pristan_core::Vault;
use serde::Serialize;

use crate::case_commands::require_case;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Args)]
pub struct DeadlinesArgs {
    #[command(flatten)]
    unlocking: Unlocking,
    /// Only this case's deadlines.
    #[arg(long, value_parser = input::id)]
    case: Option<EntityId>,
    /// Compute as of this date instead of today's local date (for scripts and tests).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
    today: Option<NaiveDate>,
}

/// One deadline as printed: flat, so a script reads it without knowing the core's types.
#[derive(Serialize)]
struct Row {
    case: CaseRef,
    removal_imminent: bool,
    removal_stayed: bool,
    kind: DeadlineKind,
    /// The last day to act.
    due: NaiveDate,
    /// "open" or "met" (a filing that meets it is recorded).
    status: &'static str,
    /// Negative once the date has passed.
    days_left: i64,
    trigger_date: NaiveDate,
    trigger_event_id: EntityId,
    trigger_event_kind: Option<LegalEventKind>,
    days: u32,
    nominal_date: NaiveDate,
    rolled_for: Option<Rolled>,
    source: String,
    counting: Counting,
    rule_note: &'static str,
    met_by: Option<EntityId>,
    disclaimer: &'static str,
}

/// Why a deadline moved: for a holiday, its id and its statutory (English) name.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Rolled {
    Weekend,
    Holiday {
        holiday: Holiday,
        name: &'static str,
    },
}

impl From<RolledFor> for Rolled {
    fn from(rolled: RolledFor) -> Rolled {
        match rolled {
            RolledFor::Weekend => Rolled::Weekend,
            RolledFor::Holiday { holiday } => Rolled::Holiday {
                holiday,
                name: holiday.statutory_name(),
            },
        }
    }
}

#[derive(Serialize)]
struct Report {
    today: NaiveDate,
    disclaimer: &'static str,
    removal_imminent: Vec<CaseRef>,
    deadlines: Vec<Row>,
}

pub fn run(dir: &Path, args: DeadlinesArgs) -> Result<()> {
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let vault = args.unlocking.open(dir)?;
    let report = report(&vault, args.case, today)?;
    vault.lock()?;
    if args.unlocking.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    Ok(())
}

fn report(vault: &Vault, case: Option<EntityId>, today: NaiveDate) -> Result<Report> {
    if let Some(id) = case {
        require_case(vault, id)?;
    }
    let mut removal_imminent = Vec::new();
    let mut rows = Vec::new();
    for position in vault.case_positions(case, today)? {
        let kinds: HashMap<EntityId, LegalEventKind> = position
            .legal_events
            .iter()
            .map(|e| (e.id, e.record.kind))
            .collect();
        let status = position.status;
        if status.removal_imminent {
            removal_imminent.push(CaseRef::of(&position.case));
        }
        for deadline in status.deadlines {
            rows.push(row(
                &position.case,
                deadline,
                status.removal_imminent,
                status.removal_stayed,
                &kinds,
                today,
            ));
        }
    }
    rows.sort_by(|a, b| {
        let key = |r: &Row| (!r.removal_imminent, r.status == "met", r.due, r.kind);
        key(a)
            .cmp(&key(b))
            .then_with(|| a.case.name.cmp(&b.case.name))
            .then_with(|| a.case.id.cmp(&b.case.id))
    });
    removal_imminent.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
    Ok(Report {
        today,
        disclaimer: DISCLAIMER,
        removal_imminent,
        deadlines: rows,
    })
}

fn row(
    case: &CaseRecord,
    deadline: CaseDeadline,
    removal_imminent: bool,
    removal_stayed: bool,
    kinds: &HashMap<EntityId, LegalEventKind>,
    today: NaiveDate,
) -> Row {
    Row {
        case: CaseRef::of(case),
        removal_imminent,
        removal_stayed,
        kind: deadline.kind,
        due: deadline.due,
        status: if deadline.met_by.is_some() {
            "met"
        } else {
            "open"
        },
        days_left: (deadline.due - today).num_days(),
        trigger_date: deadline.trigger_date,
        trigger_event_id: deadline.event_id,
        trigger_event_kind: kinds.get(&deadline.event_id).copied(),
        days: deadline.days,
        nominal_date: deadline.nominal_date,
        rolled_for: deadline.rolled_for.map(Rolled::from),
        source: deadline.source,
        counting: deadline.counting,
        rule_note: deadline.kind.rule().note,
        met_by: deadline.met_by,
        disclaimer: DISCLAIMER,
    }
}

/// How a deadline is named to a volunteer.
fn label(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::BiaAppeal => "BIA appeal (EOIR-26) must be received",
        DeadlineKind::PetitionForReview => "petition for review",
        DeadlineKind::MotionToReconsider => "motion to reconsider",
        DeadlineKind::MotionToReopen => "motion to reopen",
        DeadlineKind::CredibleFearReview => "IJ review of the credible fear finding",
        DeadlineKind::DetainedBriefing => "detained briefs due at the BIA",
    }
}

fn print_report(report: &Report) {
    println!("Deadlines as of {}", report.today);
    if !report.removal_imminent.is_empty() {
        println!();
        println!("REMOVAL IMMINENT (final order, no stay):");
        for case in &report.removal_imminent {
            println!("  !! {}  {}", case.id, display_name(case));
        }
    }
    for row in &report.deadlines {
        println!();
        let flag = if row.removal_imminent { "!!" } else { "  " };
        let when = match (row.status, row.days_left) {
            ("met", _) => "met".to_owned(),
            (_, 0) => "open, due today".to_owned(),
            (_, d) if d < 0 => format!("open, passed {} days ago", -d),
            (_, d) => format!("open, {d} days left"),
        };
        println!(
            "{flag} {} {}  {}: {}  [{when}]",
            row.due,
            row.due.format("%a"),
            display_name(&row.case),
            label(row.kind)
        );
        let from = row
            .trigger_event_kind
            .map(event_words)
            .unwrap_or_else(|| "event".into());
        let rolled = match &row.rolled_for {
            None => String::new(),
            Some(Rolled::Weekend) => format!(" ({} is a weekend day)", row.nominal_date),
            Some(Rolled::Holiday { name, .. }) => format!(" ({} is {name})", row.nominal_date),
        };
        println!(
            "     {} days from the {from} of {}{rolled}",
            row.days, row.trigger_date
        );
        println!(
            "     {}; time counted as in {}",
            row.source,
            row.counting.citation()
        );
        println!("     {}", row.disclaimer);
    }
    if report.deadlines.is_empty() {
        println!();
        println!("No deadlines follow from the legal events recorded.");
    }
}

/// "ij_decision" → "IJ decision".
fn event_words(kind: LegalEventKind) -> String {
    let words = kind.as_str().replace('_', " ");
    for (short, upper) in [("ij ", "IJ "), ("bia ", "BIA ")] {
        if let Some(rest) = words.strip_prefix(short) {
            return format!("{upper}{rest}");
        }
    }
    words
}

fn display_name(case: &CaseRef) -> String {
    if case.native_name.is_empty() {
        case.name.clone()
    } else {
        format!("{} ({})", case.name, case.native_name)
    }
}
