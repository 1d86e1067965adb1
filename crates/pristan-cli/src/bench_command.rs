//! `pristan bench`: how long the things a volunteer waits for take on a given vault (searches, the
//! dashboard, the deadlines board, a case page, and with `--write` saving a note), for docs/benchmarks.md. Times are
//! printed, never asserted: they depend on the machine. `--sync DIR` times bundles instead
//! (`bench_sync.rs`); `--all` runs every benchmark on demo vaults it builds (`bench_all/`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Args;
use pristan_core::board;
use pristan_core::domain::board::BoardFilter;
use pristan_core::domain::{LongText, Note, NoteKind};
use pristan_core::Vault;

use crate::secrets::SecretSource;

#[derive(Args)]
pub struct BenchArgs {
    /// Read the passphrase from standard input (one line) instead of prompting.
    #[arg(long)]
    passphrase_stdin: bool,
    /// Runs of each measurement; the median and the slowest are shown.
    #[arg(long, default_value_t = 5)]
    runs: u32,
    /// Also time saving a note (on the first case, and on the case with most notes) and deleting
    /// it again. This writes to the vault: the notes and their deletions stay in the operation log.
    #[arg(long)]
    write: bool,
    /// Instead, time exporting a bundle of every operation in the vault and importing it on a
    /// second coordinator's vault made in DIR (new or empty), with peak memory. Makes the vault
    /// an organisation's coordinator if it is in none: run it on a copy of a demo vault.
    #[arg(long, value_name = "DIR", conflicts_with = "write")]
    sync: Option<PathBuf>,
    /// Instead, run every benchmark (docs/benchmarks.md) on demo vaults built in --scratch (or
    /// reused from there), print one table, and write it to --out as markdown. Needs no vault.
    #[arg(long, conflicts_with_all = ["write", "sync"])]
    all: bool,
    /// With --all: also write the table (markdown) to FILE.
    #[arg(long, value_name = "FILE", requires = "all")]
    out: Option<PathBuf>,
    /// With --all: where the demo vaults and bundles are made (kept for the next run). The
    /// default is `bench-scratch` in the target folder the program runs from.
    #[arg(long, value_name = "DIR", requires = "all")]
    scratch: Option<PathBuf>,
    /// With --all: the demo vault's cases (the standard vault: 1000).
    #[arg(long, default_value_t = crate::bench_all::STANDARD_CASES, requires = "all")]
    cases: u32,
    /// With --all: the demo vault's notes (the standard vault: 50000).
    #[arg(long, default_value_t = crate::bench_all::STANDARD_NOTES, requires = "all")]
    notes: u32,
    /// Instead, print p50/p95/p99 of every search kind, the dashboard, a case page and the
    /// deadlines board (`bench_queries.rs`).
    #[arg(long, conflicts_with_all = ["write", "sync", "all"])]
    queries: bool,
}

pub fn run(dir: &Path, args: BenchArgs) -> Result<()> {
    if args.all {
        return crate::bench_all::run(
            dir,
            crate::bench_all::AllOptions {
                out: args.out,
                scratch: args.scratch,
                cases: args.cases,
                notes: args.notes,
            },
        );
    }
    let passphrase = SecretSource::new(args.passphrase_stdin).read("Passphrase: ")?;
    let started = Instant::now();
    let mut vault = Vault::unlock(dir, &passphrase)?;
    println!(
        "{:<44} {:>9.1} ms  (key derivation included)",
        "unlock",
        ms(started.elapsed())
    );
    if let Some(scratch) = &args.sync {
        crate::bench_sync::run(&mut vault, &passphrase, scratch)?;
        vault.lock()?;
        return Ok(());
    }
    if args.queries {
        crate::bench_queries::print(&crate::bench_queries::measure_queries(
            &mut vault, args.runs,
        )?);
        vault.lock()?;
        return Ok(());
    }
    let runs = args.runs.max(1);
    let today = chrono::Local::now().date_naive();
    let cases = vault.cases()?;
    let first = cases
        .first()
        .context("the vault has no cases: run pristan demo first")?;
    let a_number = cases
        .iter()
        .find_map(|c| c.a_number)
        .map(|a| a.to_string())
        .unwrap_or_else(|| "A-000-000-001".into());
    println!("{} cases", cases.len());

    measure("list every case", runs, || Ok(vault.cases()?.len()))?;
    let queries = [
        ("search a Latin surname", "Petrov".to_owned()),
        ("search a Cyrillic surname", "Петров".to_owned()),
        ("search a name with ё typed as е", "Соловьев".to_owned()),
        ("search an A-number with dashes", a_number),
        ("search an English word in notes", "glasses".to_owned()),
        ("search a Russian word in notes", "очки".to_owned()),
        ("search a rare word", "Dovlatov".to_owned()),
        ("search a very common word", "the".to_owned()),
        ("search two words", "warm socks".to_owned()),
        ("search a word typed in part", "glas".to_owned()),
    ];
    for (label, query) in &queries {
        measure(label, runs, || {
            Ok(vault
                .search_page(query, 0, pristan_core::cases::PAGE_SIZE)?
                .hits
                .len())
        })?;
    }
    measure("dashboard", runs, || {
        let d = vault.dashboard(today)?;
        Ok(d.deadlines.len() + d.removal_imminent.len())
    })?;
    let everything = BoardFilter::default();
    measure("deadlines board", runs, || {
        Ok(board::deadlines_board(&vault, &everything, today)?
            .rows
            .len())
    })?;
    if let Some(facility) = cases.iter().find_map(|c| c.facility_id) {
        let one_facility = BoardFilter {
            facility: Some(facility),
            ..BoardFilter::default()
        };
        measure("deadlines board, one facility", runs, || {
            Ok(board::deadlines_board(&vault, &one_facility, today)?
                .rows
                .len())
        })?;
    }
    let busiest = busiest_case(&vault, &cases)?;
    measure("case page (the case with most notes)", runs, || {
        Ok(vault.case_file(busiest, today)?.notes.len())
    })?;
    if args.write {
        bench_writes(&mut vault, first.id, busiest, runs)?;
    }
    vault.lock()?;
    Ok(())
}

fn bench_writes(
    vault: &mut Vault,
    case: pristan_core::ops::EntityId,
    busiest: pristan_core::ops::EntityId,
    runs: u32,
) -> Result<()> {
    save_and_delete_notes(
        vault,
        case,
        runs,
        ("save a note (one transaction)", "delete a note"),
    )?;
    // Every write to a shared case checks whether it holds operations from before consent.
    let labels = (
        "save a note, case with most notes",
        "delete a note, case with most notes",
    );
    save_and_delete_notes(vault, busiest, runs, labels)?;
    // Autosave of a visit write-up: a draft only, so it leaves nothing in the log.
    let mut autosaves = crate::bench_autosave::autosave_latencies(vault, runs as usize * 20)?;
    report("autosave a visit write-up", &mut autosaves, None);
    let p99 = crate::bench_autosave::percentile(&autosaves, 99);
    println!(
        "{:<44} {:>9.1} ms",
        "autosave a visit write-up: p99",
        ms(p99)
    );
    Ok(())
}

/// Saves a note on `case` and deletes it again, `runs` times, and reports both latencies.
fn save_and_delete_notes(
    vault: &mut Vault,
    case: pristan_core::ops::EntityId,
    runs: u32,
    (save_label, delete_label): (&str, &str),
) -> Result<()> {
    let text = LongText::new("Benchmark note: saved and deleted again by pristan bench --write.")?;
    let mut saves = Vec::new();
    let mut deletes = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let id = vault.add(Note {
            case_id: Some(case),
            kind: NoteKind::Observation,
            text: text.clone(),
            ..Note::default()
        })?;
        saves.push(started.elapsed());
        let started = Instant::now();
        vault.delete::<Note>(id)?;
        deletes.push(started.elapsed());
    }
    report(save_label, &mut saves, None);
    report(delete_label, &mut deletes, None);
    Ok(())
}

fn busiest_case(
    vault: &Vault,
    cases: &[pristan_core::domain::CaseRecord],
) -> Result<pristan_core::ops::EntityId> {
    let notes = vault.list_all::<Note>()?;
    let mut counts = std::collections::HashMap::new();
    for note in &notes {
        if let Some(case) = note.record.case_id {
            *counts.entry(case).or_insert(0usize) += 1;
        }
    }
    Ok(counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, *id))
        .map(|(id, _)| id)
        .unwrap_or(cases[0].id))
}

fn measure(label: &str, runs: u32, mut f: impl FnMut() -> Result<usize>) -> Result<()> {
    let mut times = Vec::new();
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = f()?;
        times.push(started.elapsed());
    }
    report(label, &mut times, Some(found));
    Ok(())
}

fn report(label: &str, times: &mut [Duration], found: Option<usize>) {
    times.sort();
    let median = times[times.len() / 2];
    // The nearest-rank 95th percentile: with 20 runs, the 19th fastest.
    let p95 = times[(times.len() * 95).div_ceil(100).saturating_sub(1)];
    let slowest = times[times.len() - 1];
    let found = found.map(|n| format!("  ({n} found)")).unwrap_or_default();
    println!(
        "{label:<44} {:>9.1} ms median, {:>9.1} ms p95, {:>9.1} ms slowest{found}",
        ms(median),
        ms(p95),
        ms(slowest)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
