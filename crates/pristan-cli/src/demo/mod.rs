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

/// Cases saved per transaction: enough to make syncing to disk rare, few enough to keep the
/// batch's memory small.
const CASES_PER_BATCH: usize = 50;

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
    let passphrase = if args.passphrase_stdin {
        SecretSource::new(true).read_new("New passphrase: ")?
    } else {
        SecretString::from(DEMO_PASSPHRASE.to_owned())
    };
    let mut clock = Timings::new(args.timings);
    let params = crate::vault_commands::kdf_params(args.fast_kdf);
    let (mut vault, code) = Vault::create(dir, &passphrase, params)?;
    clock.lap("created the vault (key derivation included)");

    let facilities = {
        let mut batch = RecordBatch::new();
        let ids = places::PLACES
            .iter()
            .map(|place| vault.queue(&mut batch, places::facility(place)))
            .collect::<pristan_core::error::Result<Vec<_>>>()?;
        vault.save_batch(batch)?;
        ids
    };
    let shares = note_shares(args.seed, args.cases as usize, args.notes as usize);
    let mut a_numbers = HashSet::new();
    let mut saved = 0usize;
    let mut detained = Vec::new();
    let (mut in_cases, mut in_records) = (Duration::ZERO, Duration::ZERO);
    for chunk in shares.chunks(CASES_PER_BATCH).enumerate() {
        let (chunk_index, notes) = chunk;
        let started = Instant::now();
        let mut cases = Vec::with_capacity(notes.len());
        for (offset, &notes) in notes.iter().enumerate() {
            let index = chunk_index * CASES_PER_BATCH + offset;
            let mut rng = Rng::stream(args.seed, index as u64);
            let case = add_case(
                &mut vault,
                &mut rng,
                &facilities,
                &mut a_numbers,
                notes,
                today,
            )?;
            if case.story.custody == CustodyStatus::Detained {
                detained.push((case.id, case.story.place));
            }
            cases.push((case, rng));
        }
        in_cases += started.elapsed();
        let started = Instant::now();
        let mut batch = RecordBatch::new();
        for (case, rng) in &mut cases {
            records::queue_case_records(&vault, &mut batch, rng, case, &facilities, today)?;
        }
        saved += vault.save_batch(batch)?;
        in_records += started.elapsed();
        clock.progress(chunk_index * CASES_PER_BATCH + cases.len(), shares.len());
    }
    clock.note(
        &format!("added {} cases, one by one", shares.len()),
        in_cases,
    );
    clock.note(
        &format!(
            "saved {saved} records in {} transactions",
            shares.len().div_ceil(CASES_PER_BATCH)
        ),
        in_records,
    );
    add_drafts(&mut vault, &detained, &facilities, today)?;
    vault.lock()?;
    clock.lap("finished");
    clock.size(dir);

    println!(
        "Created a demo vault in {}: {} cases, {} notes, {} records in all (seed {}, dated around {}).",
        dir.display(),
        args.cases,
        args.notes,
        saved + facilities.len(),
        args.seed,
        today
    );
    println!("Every person, A-number, facility and note in it is invented.");
    println!();
    if args.passphrase_stdin {
        println!("Passphrase: the one given on standard input");
    } else {
        println!("Passphrase: {}", passphrase.expose_secret());
    }
    println!("Recovery code: {}", code.to_secret_string().expose_secret());
    Ok(())
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

fn add_case(
    vault: &mut Vault,
    rng: &mut Rng,
    facilities: &[EntityId],
    a_numbers: &mut HashSet<u32>,
    notes: usize,
    today: NaiveDate,
) -> Result<DemoCase> {
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
    let id = vault.add_case(NewCase {
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
    })?;
    let attorney = rng.chance(0.6).then(|| *rng.pick(people::ATTORNEYS));
    if let Some((name, firm)) = attorney {
        let filed = Value::from("filed");
        let changes = BTreeMap::from([
            (CaseField::AttorneyName, Value::from(name)),
            (CaseField::AttorneyContact, Value::from(firm)),
            (CaseField::G28, filed.clone()),
            (CaseField::Eoir28, filed),
        ]);
        vault.update_case(id, changes)?;
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
