//! Times composing and typesetting the sample dossier: the first render (which parses the fonts
//! and builds typst's library) and the median of the next ones. Numbers go in docs/benchmarks.md.
//!
//! cargo run --release -p pristan-dossier --features sample --example render_timing [RUNS]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use pristan_dossier::{compose, sample, typeset, Choices, DossierInput};

fn render_once() -> (Duration, usize) {
    let file = sample::case_file();
    let referral = sample::referral();
    let start = Instant::now();
    let dossier = compose(DossierInput {
        case_file: &file,
        referral: &referral,
        pathway: sample::PATHWAY,
        choices: &Choices::default(),
        generated_on: NaiveDate::from_ymd_opt(2026, 12, 2).expect("a date"),
        author: "Olga (coordinator)",
    })
    .expect("the sample composes");
    let pdf = typeset(&dossier).expect("the sample typesets");
    (start.elapsed(), pdf.len())
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(9);
    let (first, bytes) = render_once();
    let mut times: Vec<Duration> = (0..runs).map(|_| render_once().0).collect();
    times.sort();
    println!("pdf size: {bytes} bytes");
    println!("first render (fonts parsed, library built): {first:.2?}");
    println!(
        "next {runs} renders: median {:.2?}, slowest {:.2?}",
        times[runs / 2],
        times[runs - 1]
    );
}
