//! `pristan bench --queries`: latency percentiles of what a person waits for while reading the
//! casebook (every kind of search of issue 15, the dashboard, the busiest case's page, the
//! deadlines board), for docs/benchmarks.md. Times are printed, never asserted.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use pristan_core::board;
use pristan_core::cases::PAGE_SIZE;
use pristan_core::domain::board::BoardFilter;
use pristan_core::domain::Note;
use pristan_core::ops::EntityId;
use pristan_core::Vault;

/// One measured query: `runs` samples (more for the typed prefix: one per prefix per run).
#[derive(Debug, Clone)]
pub struct LatencyRow {
    pub label: String,
    pub runs: u32,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    /// How many cases (search), rows (board) or items (dashboard, case page) the last run found.
    pub found: Option<usize>,
}

/// Every query kind, each `runs` times, after one unmeasured warm-up run.
pub fn measure_queries(vault: &mut Vault, runs: u32) -> Result<Vec<LatencyRow>> {
    let runs = runs.max(1);
    let vault: &Vault = vault;
    let today = chrono::Local::now().date_naive();
    let cases = vault.cases()?;
    let a_number = cases
        .iter()
        .find_map(|c| c.a_number)
        .map(|a| a.to_string())
        .context("the vault has no case with an A-number: run pristan demo first")?;
    let searches = [
        ("search: surname, Latin", "Petrov".to_owned()),
        ("search: surname, Cyrillic", "Петров".to_owned()),
        ("search: name with ё typed as е", "Соловьев".to_owned()),
        ("search: A-number with dashes", a_number),
        ("search: a word in notes (English)", "glasses".to_owned()),
        ("search: a word in notes (Russian)", "очки".to_owned()),
        ("search: a rare word", "Dovlatov".to_owned()),
        ("search: two words", "warm socks".to_owned()),
        ("search: a word typed in part", "glas".to_owned()),
        ("search: two words, one in part", "warm soc".to_owned()),
        ("search: a very common word", "the".to_owned()),
    ];
    // The search screen asks for the first page of the answer (`PAGE_SIZE` cases, with their
    // snippets), and later pages only when asked: that is what a person waits for.
    let first_page =
        |query: &str| -> Result<usize> { Ok(vault.search_page(query, 0, PAGE_SIZE)?.hits.len()) };
    let mut rows = Vec::new();
    for (label, query) in &searches {
        rows.push(sample(label, runs, || first_page(query))?);
    }
    rows.push(sample(
        "search: a word in notes, every page (up to 200 cases)",
        runs,
        || Ok(vault.search_cases("glasses")?.len()),
    )?);
    for typed in ["Petrov", "Петров"] {
        let prefixes: Vec<String> = (1..=typed.chars().count())
            .map(|n| typed.chars().take(n).collect())
            .collect();
        let mut times = Vec::new();
        let mut found = 0;
        for prefix in &prefixes {
            first_page(prefix)?;
        }
        for _ in 0..runs {
            for prefix in &prefixes {
                let started = Instant::now();
                found = first_page(prefix)?;
                times.push(started.elapsed());
            }
        }
        rows.push(row(
            &format!("search: typing \"{typed}\" (each prefix)"),
            &mut times,
            Some(found),
        ));
    }
    rows.push(sample("dashboard", runs, || {
        let d = vault.dashboard(today)?;
        Ok(d.removal_imminent.len() + d.deadlines.len() + d.visits.len() + d.tasks.len())
    })?);
    let busiest = busiest_case(vault)?.unwrap_or(cases[0].id);
    rows.push(sample(
        "case page (the case with most notes)",
        runs,
        || Ok(vault.case_file(busiest, today)?.notes.len()),
    )?);
    let everything = BoardFilter::default();
    rows.push(sample("deadlines board", runs, || {
        Ok(board::deadlines_board(vault, &everything, today)?
            .rows
            .len())
    })?);
    if let Some(facility) = cases.iter().find_map(|c| c.facility_id) {
        let one_facility = BoardFilter {
            facility: Some(facility),
            ..BoardFilter::default()
        };
        rows.push(sample("deadlines board, one facility", runs, || {
            Ok(board::deadlines_board(vault, &one_facility, today)?
                .rows
                .len())
        })?);
    }
    Ok(rows)
}

/// Prints the rows as a table.
pub fn print(rows: &[LatencyRow]) {
    println!(
        "{:<44} {:>5} {:>9} {:>9} {:>9} {:>7}",
        "what", "runs", "p50 ms", "p95 ms", "p99 ms", "found"
    );
    for r in rows {
        let found = r.found.map(|n| n.to_string()).unwrap_or_default();
        println!(
            "{:<44} {:>5} {:>9.2} {:>9.2} {:>9.2} {:>7}",
            r.label, r.runs, r.p50_ms, r.p95_ms, r.p99_ms, found
        );
    }
}

fn sample(label: &str, runs: u32, mut f: impl FnMut() -> Result<usize>) -> Result<LatencyRow> {
    f()?;
    let mut times = Vec::with_capacity(runs as usize);
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = f()?;
        times.push(started.elapsed());
    }
    Ok(row(label, &mut times, Some(found)))
}

fn row(label: &str, times: &mut [Duration], found: Option<usize>) -> LatencyRow {
    times.sort();
    LatencyRow {
        label: label.to_owned(),
        runs: times.len() as u32,
        p50_ms: percentile(times, 50),
        p95_ms: percentile(times, 95),
        p99_ms: percentile(times, 99),
        found,
    }
}

/// The nearest-rank percentile of sorted samples, in milliseconds.
fn percentile(sorted: &[Duration], p: usize) -> f64 {
    let rank = (sorted.len() * p).div_ceil(100).max(1);
    sorted[rank - 1].as_secs_f64() * 1000.0
}

/// The case with the most notes.
fn busiest_case(vault: &Vault) -> Result<Option<EntityId>> {
    let mut counts: HashMap<EntityId, usize> = HashMap::new();
    for note in vault.list_all::<Note>()? {
        if let Some(case) = note.record.case_id {
            *counts.entry(case).or_insert(0) += 1;
        }
    }
    Ok(counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, *id))
        .map(|(id, _)| id))
}

#[cfg(test)]
mod tests {
    use super::percentile;
    use std::time::Duration;

    #[test]
    fn percentiles_are_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 50), 50.0);
        assert_eq!(percentile(&times, 95), 95.0);
        assert_eq!(percentile(&times, 99), 99.0);
        let one = [Duration::from_millis(7)];
        assert_eq!(percentile(&one, 99), 7.0);
    }
}
