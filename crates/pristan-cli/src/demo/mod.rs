//! `pristan demo`: a vault full of invented cases, for trying Pristan out and for measuring it
//! (DESIGN.md §10: 1,000 cases and 50,000 notes is the standard size).
//!
//! Everything comes from the seed and the day it is dated around, so the same arguments give the
//! same cases, events, visits and notes. Record ids are the exception: they are random, as every
//! id in Pristan is, because sync relies on ids made on different devices never colliding, and two
//! demo vaults made from one seed must be able to meet in a sync test. Compare demo vaults by
//! content, not by id.

mod notes;
mod people;
mod places;
mod records;
mod resume;
mod rng;
mod story;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use chrono::{Datelike, Days, NaiveDate};
use clap::Args;
use pristan_core::casebook::{DraftNote, RecordBatch, VisitDraft};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{ANumber, CustodyStatus, NoteKind, Visit};
use pristan_core::ops::EntityId;
use pristan_core::Vault;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;

use crate::input;
use crate::secrets::SecretSource;
use records::DemoCase;
use rng::Rng;

/// The passphrase of demo vaults unless another is given. Printed and documented: a demo vault
/// holds nothing worth protecting, and must never hold anything real.
pub const DEMO_PASSPHRASE: &str = "demo vault only — not for real cases";

/// Cases saved per transaction, with their records: enough to make syncing to disk rare and to
/// let records that land on the same index pages share one write of each (200 built the standard
/// vault 12 % faster than 50), few enough to keep the batch's memory small (about 165 MiB at the
/// peak, against 115 with 50).
const CASES_PER_BATCH: usize = 200;

#[derive(Args)]
pub struct DemoArgs {
    /// How many cases.
    #[arg(long, default_value_t = 40)]
    cases: u32,
    /// How many notes in all, shared unevenly among the cases.
    #[arg(long, default_value_t = 400)]
    notes: u32,
    /// The same seed (and --today) gives the same vault contents.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Date the cases around this day instead of today, so vaults made on different days match.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = input::date)]
    today: Option<NaiveDate>,
    /// Read the passphrase from standard input instead of using the demo passphrase.
    #[arg(long)]
    passphrase_stdin: bool,
    /// Use the minimum Argon2id cost instead of calibrating to about one second.
    #[arg(long)]
    fast_kdf: bool,
    /// Print how long each step took, and the vault's size, to standard error.
    #[arg(long)]
    timings: bool,
    /// Stop once this many cases are saved; `--resume` goes on from there.
    #[arg(long, value_name = "CASES")]
    pause_after: Option<u32>,
    /// Go on building a demo vault that was paused or interrupted, with the arguments it was
    /// begun with (--today included). Each batch of cases is saved whole or not at all, so it
    /// goes on after the last batch saved.
    #[arg(long, requires = "today")]
    resume: bool,
}

pub fn run(dir: &Path, args: DemoArgs) -> Result<()> {
    if args.cases > 200_000 {
        bail!("--cases: at most 200000 (the stretch size of DESIGN.md §10 is 100000)");
    }
    if args.notes > 0 && args.cases == 0 {
        bail!("--notes: notes need cases to belong to; give --cases too");
    }
    if args.notes > args.cases.saturating_mul(1000) {
        bail!("--notes: at most 1000 notes per case");
    }
    let today = args
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut clock = Timings::new(args.timings);
    let shares = note_shares(args.seed, args.cases as usize, args.notes as usize);
    let mut secrets = SecretSource::new(args.passphrase_stdin);
    let (mut vault, mut start, recovery_code) = if args.resume {
        let passphrase = match args.passphrase_stdin {
            true => secrets.read("Passphrase: ")?,
            false => SecretString::from(DEMO_PASSPHRASE.to_owned()),
        };
        let vault = Vault::unlock(dir, &passphrase)?;
        clock.lap("unlocked the vault (key derivation included)");
        let start = resume::where_to_go_on(&vault, args.seed, today, &shares)?;
        (vault, start, None)
    } else {
        let passphrase = match args.passphrase_stdin {
            true => secrets.read_new("New passphrase: ")?,
            false => SecretString::from(DEMO_PASSPHRASE.to_owned()),
        };
        let params = crate::vault_commands::kdf_params(args.fast_kdf);
        let (mut vault, code) = Vault::create(dir, &passphrase, params)?;
        clock.lap("created the vault (key derivation included)");
        let mut batch = RecordBatch::new();
        for place in places::PLACES {
            batch.queue(&vault, places::facility(place))?;
        }
        vault.save_batch(batch)?;
        let start = resume::Start::empty(resume::facilities(&vault)?);
        (vault, start, Some(code))
    };
    let stop = args
        .pause_after
        .map_or(shares.len(), |cases| (cases as usize).min(shares.len()));
    let saved = add_cases(
        &mut vault, &mut start, &shares, stop, args.seed, today, &clock,
    )?;
    vault.lock()?;
    clock.lap("finished");
    clock.size(dir);

    let built = format!(
        "{}: {} cases, {} notes (seed {}, dated around {today})",
        dir.display(),
        args.cases,
        args.notes,
        args.seed
    );
    if start.cases_saved < shares.len() {
        println!(
            "Paused the demo vault in {built} after {} cases. To go on:",
            start.cases_saved
        );
        println!(
            "  pristan --vault {} demo --cases {} --notes {} --seed {} --today {today} --resume{}",
            dir.display(),
            args.cases,
            args.notes,
            args.seed,
            if args.passphrase_stdin {
                " --passphrase-stdin"
            } else {
                ""
            }
        );
    } else if args.resume {
        println!("Finished the demo vault in {built}.");
    } else {
        println!("Created a demo vault in {built}.");
    }
    println!("{saved} records saved by this run.");
    println!("Every person, A-number, facility and note in it is invented.");
    println!();
    if args.passphrase_stdin {
        println!("Passphrase: the one given on standard input");
    } else {
        println!("Passphrase: {DEMO_PASSPHRASE}");
    }
    if let Some(code) = recovery_code {
        println!("Recovery code: {}", code.to_secret_string().expose_secret());
    }
    Ok(())
}

/// Adds the cases from `start.cases_saved` on, until `stop` are saved: each batch of cases is
/// saved with their records in one transaction, so an interrupted run leaves whole batches only.
/// Returns how many records were saved.
fn add_cases(
    vault: &mut Vault,
    start: &mut resume::Start,
    shares: &[usize],
    stop: usize,
    seed: u64,
    today: NaiveDate,
    clock: &Timings,
) -> Result<usize> {
    let (mut saved, mut transactions) = (0, 0);
    let (mut in_cases, mut in_records) = (Duration::ZERO, Duration::ZERO);
    let mut detained = Vec::new();
    while start.cases_saved < stop {
        let first = start.cases_saved;
        let end = (first + CASES_PER_BATCH).min(stop);
        let began = Instant::now();
        let mut batch = RecordBatch::new();
        let mut cases = Vec::with_capacity(end - first);
        for (index, &notes) in shares.iter().enumerate().take(end).skip(first) {
            let mut rng = Rng::stream(seed, index as u64);
            let case = queue_case(vault, &mut batch, &mut rng, start, notes, today)?;
            if case.story.custody == CustodyStatus::Detained {
                detained.push((case.id, case.story.place));
            }
            cases.push((case, rng));
        }
        in_cases += began.elapsed();
        let began = Instant::now();
        for (case, rng) in &mut cases {
            records::queue_case_records(vault, &mut batch, rng, case, &start.facilities, today)?;
        }
        saved += vault.save_batch(batch)?;
        transactions += 1;
        in_records += began.elapsed();
        start.cases_saved = end;
        if !start.drafts_saved && detained.len() >= 2 {
            add_drafts(vault, &detained, &start.facilities, today)?;
            start.drafts_saved = true;
        }
        clock.progress(end, shares.len());
    }
    clock.note("drew the cases", in_cases);
    clock.note(
        &format!("saved {saved} records in {transactions} transactions"),
        in_records,
    );
    Ok(saved)
}

/// Builds a demo vault for `pristan bench --all`: the demo passphrase, the minimum key derivation
/// cost, and the standard seed, dated around today.
pub fn make_for_bench(dir: &Path, cases: u32, notes: u32) -> Result<()> {
    run(
        dir,
        DemoArgs {
            cases,
            notes,
            seed: 1,
            today: None,
            passphrase_stdin: false,
            fast_kdf: true,
            timings: true,
            pause_after: None,
            resume: false,
        },
    )
}

/// How many notes each case gets: uneven, as in life (some people are visited every week).
fn note_shares(seed: u64, cases: usize, notes: usize) -> Vec<usize> {
    let mut rng = Rng::stream(seed, u64::MAX);
    let weights: Vec<usize> = (0..cases).map(|_| 1 + rng.below(9) as usize).collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    let mut shares: Vec<usize> = weights.iter().map(|w| notes * w / total).collect();
    let missing = notes - shares.iter().sum::<usize>();
    for share in shares.iter_mut().take(missing) {
        *share += 1;
    }
    shares
}

/// Draws a case's person and story from its `rng`, and queues the case.
fn queue_case(
    vault: &Vault,
    batch: &mut RecordBatch,
    rng: &mut Rng,
    start: &mut resume::Start,
    notes: usize,
    today: NaiveDate,
) -> Result<DemoCase> {
    let (new_case, (person, family, story)) =
        draw_case(rng, &start.facilities, &mut start.a_numbers, today)?;
    let id = batch.queue_case(new_case)?;
    let attorney = rng.chance(0.6).then(|| *rng.pick(people::ATTORNEYS));
    if let Some((name, firm)) = attorney {
        let filed = Value::from("filed");
        let changes = BTreeMap::from([
            (CaseField::AttorneyName, Value::from(name)),
            (CaseField::AttorneyContact, Value::from(firm)),
            (CaseField::G28, filed.clone()),
            (CaseField::Eoir28, filed),
        ]);
        batch.queue_case_change(vault, id, changes)?;
    }
    Ok(DemoCase {
        id,
        person,
        family,
        story,
        attorney: attorney.map(|(name, _)| name),
        notes,
    })
}

/// A case's person, family and story.
type Drawn = (people::Person, (&'static str, &'static str), story::Story);

/// The first draws of a case: its person, story and the fields it is opened with. `a_numbers`
/// holds the A-numbers drawn before, so that each is unique.
fn draw_case(
    rng: &mut Rng,
    facilities: &[EntityId],
    a_numbers: &mut HashSet<u32>,
    today: NaiveDate,
) -> Result<(NewCase, Drawn)> {
    let (person, family) = people::detained_person(rng);
    let story = story::story(rng, today, facilities);

    let a_number = if rng.chance(0.92) {
        // Mostly nine digits; now and then an older eight-digit number.
        let low = if rng.chance(0.1) {
            10_000_000
        } else {
            200_000_000
        };
        let mut n = low + rng.below(90_000_000) as u32;
        while !a_numbers.insert(n) {
            n += 1;
        }
        Some(ANumber::parse(&n.to_string())?)
    } else {
        None
    };
    let age = rng.range(20, 58) as i32;
    let born =
        NaiveDate::from_ymd_opt(today.year() - age, 1, 1).map(|d| d + Days::new(rng.below(365)));
    let nationality = ["Russia", "Belarus", "Kazakhstan"][rng.weighted(&[92, 5, 3])];
    let languages = ["Russian", "Russian, English", "Russian, Ukrainian"][rng.weighted(&[6, 3, 1])];
    let case = NewCase {
        name: person.latin.clone(),
        native_name: Some(person.native.clone()),
        a_number,
        date_of_birth: born,
        nationality: Some(nationality.into()),
        languages: Some(languages.into()),
        custody_status: Some(story.custody),
        facility_id: Some(facilities[story.place]),
        // Consent to share is recorded with the case's other consents (for about four cases in
        // five, dated at the first visit): until then the case is held back from bundles.
        share_with_coordinator: false,
    };
    Ok((case, (person, family, story)))
}

/// Two write-ups left unfinished, as a volunteer leaves them after a visit.
fn add_drafts(
    vault: &mut Vault,
    detained: &[(EntityId, usize)],
    facilities: &[EntityId],
    today: NaiveDate,
) -> Result<()> {
    let texts = [
        "Тихо, но держится. Просил передать",
        "Seemed calmer than last time. Asked about the",
    ];
    for (&(case, place), text) in detained.iter().zip(texts) {
        let draft = VisitDraft {
            case_id: Some(case),
            visit: Visit {
                case_id: Some(case),
                facility_id: Some(facilities[place]),
                date: Some(today),
                ..Visit::default()
            },
            notes: vec![DraftNote {
                kind: NoteKind::Welfare,
                text: text.to_owned(),
                ..DraftNote::default()
            }],
        };
        vault.save_visit_draft(EntityId::random(), &draft)?;
    }
    Ok(())
}

/// `--timings`: how long each step took, on standard error, never in the vault.
struct Timings {
    on: bool,
    started: Instant,
    last: Instant,
}

impl Timings {
    fn new(on: bool) -> Timings {
        let now = Instant::now();
        Timings {
            on,
            started: now,
            last: now,
        }
    }

    fn lap(&mut self, what: &str) {
        let now = Instant::now();
        self.note(what, now - self.last);
        self.last = now;
    }

    fn note(&self, what: &str, took: Duration) {
        if self.on {
            eprintln!("{:>9.2} s  {what}", took.as_secs_f64());
        }
    }

    fn progress(&self, done: usize, total: usize) {
        if self.on && total >= 500 {
            eprintln!(
                "           {done}/{total} cases after {:.0} s",
                self.started.elapsed().as_secs_f64()
            );
        }
    }

    fn size(&self, dir: &Path) {
        if !self.on {
            return;
        }
        let bytes: u64 = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
        eprintln!(
            "{:>9.2} s  in all; the vault folder holds {:.1} MiB",
            self.started.elapsed().as_secs_f64(),
            bytes as f64 / 1_048_576.0
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_shared_out_exactly() {
        let shares = note_shares(1, 1000, 50_000);
        assert_eq!(shares.len(), 1000);
        assert_eq!(shares.iter().sum::<usize>(), 50_000);
        assert!(shares.iter().any(|&n| n > 80) && shares.iter().any(|&n| n < 20));
        assert_eq!(note_shares(1, 3, 0), [0, 0, 0]);
        assert_eq!(note_shares(1, 0, 0), Vec::<usize>::new());
    }
}
