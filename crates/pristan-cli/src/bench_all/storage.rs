//! The storage rows of `pristan bench --all` (issue 15): the cost of encryption. The same workload
//! (benches/storage-workload: the vault's schema from pristan-core's migrations, the statements
//! the vault runs to save, correct and search notes) is built twice, against plain SQLite and
//! against SQLCipher, since one build cannot link both; this finds or builds both with cargo, runs
//! plain SQLite, SQLCipher with the vault's pragmas (`cipher_memory_security = ON`), and SQLCipher
//! with that pragma OFF, twice each in alternating order, and keeps each kind's less disturbed run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use super::Row;

/// One way of running the workload: its label, the cargo feature (so the build), and its flags.
struct Config {
    label: &'static str,
    feature: &'static str,
    flags: &'static [&'static str],
}

const PLAIN: usize = 0;
const VAULT: usize = 1;
const NO_MEMSEC: usize = 2;
const CONFIGS: [Config; 3] = [
    Config {
        label: "plain SQLite",
        feature: "plain",
        flags: &[],
    },
    Config {
        label: "SQLCipher, the vault's pragmas (cipher_memory_security ON)",
        feature: "sqlcipher",
        flags: &["--memory-security", "on"],
    },
    Config {
        label: "SQLCipher, cipher_memory_security OFF",
        feature: "sqlcipher",
        flags: &["--memory-security", "off"],
    },
];
/// Two rounds, the second in reverse order, so that a drift in the machine's load falls on every
/// configuration alike.
const ORDER: [usize; 6] = [PLAIN, VAULT, NO_MEMSEC, NO_MEMSEC, VAULT, PLAIN];

/// The figures of one kind of operation in one run (a line of the workload's output).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Kind {
    pub ops: u64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub total_s: f64,
    pub ops_per_s: f64,
    pub cpu_s: Option<f64>,
}

/// What one run printed: each kind's figures, and the build's versions and database size.
#[derive(Clone, Debug, Default)]
pub(crate) struct Run {
    pub kinds: BTreeMap<String, Kind>,
    pub versions: String,
    pub bytes: u64,
}

/// The workload's source folder, in the checkout this program was built from.
fn workload_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../benches/storage-workload")
}

/// Builds (or finds up to date) the workload with `feature` in its own target folder.
fn build(dir: &Path, feature: &str) -> Result<PathBuf> {
    let target = dir.join(format!("target-{feature}"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "--features", feature])
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target)
        .status()
        .context("could not run cargo to build benches/storage-workload")?;
    if !status.success() {
        bail!("cargo build of benches/storage-workload --features {feature} failed ({status})");
    }
    Ok(target.join("release").join("storage-workload"))
}

/// Runs every configuration on a fresh database in `scratch`, and returns the rows of the main
/// table and a markdown section with every figure side by side.
pub fn measure(scratch: &Path, cases: u32, notes: u32) -> Result<(Vec<Row>, String)> {
    let dir = workload_dir();
    if !dir.join("Cargo.toml").exists() {
        bail!(
            "{} is missing: run bench --all from a checkout",
            dir.display()
        );
    }
    eprintln!("bench --all: building benches/storage-workload (plain SQLite, SQLCipher)");
    let plain = build(&dir, "plain")?;
    let cipher = build(&dir, "sqlcipher")?;
    let folder = scratch.join("storage-workload");
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    std::fs::create_dir_all(&folder)?;
    let mut runs: [Vec<Run>; 3] = Default::default();
    for (n, &c) in ORDER.iter().enumerate() {
        let config = &CONFIGS[c];
        eprintln!("bench --all: storage workload, {}", config.label);
        let program = if config.feature == "plain" {
            &plain
        } else {
            &cipher
        };
        let db = folder.join(format!("run{n}.db"));
        let output = Command::new(program)
            .arg("--db")
            .arg(&db)
            .args(["--cases", &cases.to_string(), "--notes", &notes.to_string()])
            .args(config.flags)
            .output()
            .with_context(|| format!("could not run {}", program.display()))?;
        if !output.status.success() {
            bail!(
                "the storage workload ({}) failed: {}",
                config.label,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        runs[c].push(parse(&String::from_utf8_lossy(&output.stdout))?);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
    }
    let best: Vec<Run> = runs.iter().map(|r| least_disturbed(r)).collect();
    Ok((rows(&best, notes), section(&best)))
}

/// Parses the workload's output: one JSON object a line.
pub(crate) fn parse(stdout: &str) -> Result<Run> {
    let mut run = Run::default();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("workload printed {line:?}"))?;
        let number = |key: &str| v.get(key).and_then(serde_json::Value::as_f64);
        match v.get("kind").and_then(serde_json::Value::as_str) {
            Some("build") => {
                let text = |key: &str| v.get(key).and_then(|x| x.as_str()).unwrap_or("");
                run.versions = match text("cipher") {
                    "" => format!("SQLite {}", text("sqlite")),
                    cipher => format!("SQLCipher {cipher} (SQLite {})", text("sqlite")),
                };
            }
            Some("size") => run.bytes = number("bytes").unwrap_or(0.0) as u64,
            Some(kind) => {
                run.kinds.insert(
                    kind.to_owned(),
                    Kind {
                        ops: number("ops").unwrap_or(0.0) as u64,
                        p50_ms: number("p50_ms").unwrap_or(0.0),
                        p95_ms: number("p95_ms").unwrap_or(0.0),
                        total_s: number("total_s").unwrap_or(0.0),
                        ops_per_s: number("ops_per_s").unwrap_or(0.0),
                        cpu_s: number("cpu_s"),
                    },
                );
            }
            None => bail!("workload printed a line without a kind: {line:?}"),
        }
    }
    if run.kinds.is_empty() {
        bail!("the storage workload printed no figures");
    }
    Ok(run)
}

/// Of several runs of one configuration, each kind's figures from the run where that kind took
/// the least time in all (the one the other builds on the machine disturbed least).
pub(crate) fn least_disturbed(runs: &[Run]) -> Run {
    let mut best = runs.first().cloned().unwrap_or_default();
    for run in runs.iter().skip(1) {
        for (kind, figures) in &run.kinds {
            match best.kinds.get(kind) {
                Some(b) if b.total_s <= figures.total_s => {}
                _ => {
                    best.kinds.insert(kind.clone(), figures.clone());
                }
            }
        }
    }
    best
}

/// What each kind is, for the tables.
const KINDS: [(&str, &str); 4] = [
    (
        "fill",
        "the vault's cases and notes in transactions of 500 (as an import)",
    ),
    (
        "insert",
        "save one note, its own transaction (synchronous = FULL)",
    ),
    (
        "update",
        "correct a note (a new revision replaces it), its own transaction",
    ),
    (
        "search",
        "search, 8 kinds (names, words in notes, a common word) × 20 runs",
    ),
];

fn rows(best: &[Run], notes: u32) -> Vec<Row> {
    let mut rows = Vec::new();
    for (config, target) in [(VAULT, "target ≤ 1.3×"), (NO_MEMSEC, "for the decision")] {
        for (kind, what) in KINDS {
            let (Some(c), Some(p)) = (best[config].kinds.get(kind), best[PLAIN].kinds.get(kind))
            else {
                continue;
            };
            let who = if config == VAULT {
                "SQLCipher as the vault opens it"
            } else {
                "SQLCipher, cipher_memory_security OFF"
            };
            let figure = |k: &Kind| {
                if kind == "fill" {
                    format!("{:.0} ops/s", k.ops_per_s)
                } else {
                    format!("{:.2} / {:.2} ms", k.p50_ms, k.p95_ms)
                }
            };
            let how = if kind == "fill" {
                format!("{notes} notes, ops/s")
            } else {
                "p50 / p95".to_owned()
            };
            rows.push(Row::new(
                format!("storage workload, {what}, {how}: {who}"),
                figure(c),
                format!("plain SQLite: {}; {target}", figure(p)),
                ratio(c.total_s, p.total_s),
            ));
        }
    }
    rows
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

fn section(best: &[Run]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n## Storage workload: plain SQLite vs SQLCipher, same run\n\n{} · {} · each kind the \
         least disturbed of 2 runs · ratios are of total time (the mean)\n",
        best[PLAIN].versions, best[VAULT].versions
    );
    let _ = writeln!(
        out,
        "| operation | {} | {} | {} | ON / plain | OFF / plain | ON / OFF |",
        CONFIGS[PLAIN].label, CONFIGS[VAULT].label, CONFIGS[NO_MEMSEC].label
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let mut kinds: Vec<(&str, String)> = KINDS.iter().map(|(k, w)| (*k, (*w).to_owned())).collect();
    for kind in best[PLAIN].kinds.keys() {
        if let Some(typed) = kind.strip_prefix("search:") {
            kinds.push((kind.as_str(), format!("search \"{typed}\"")));
        }
    }
    for (kind, what) in kinds {
        let figures: Vec<Option<&Kind>> = best.iter().map(|r| r.kinds.get(kind)).collect();
        let cell = |k: Option<&Kind>| match k {
            None => "—".to_owned(),
            Some(k) => {
                let cpu = k.cpu_s.map_or(String::new(), |c| format!(", CPU {c:.2} s"));
                format!(
                    "{:.2} / {:.2} ms; {:.0}/s{cpu}",
                    k.p50_ms, k.p95_ms, k.ops_per_s
                )
            }
        };
        let r = |a: usize, b: usize| match (figures[a], figures[b]) {
            (Some(x), Some(y)) => {
                ratio(x.total_s, y.total_s).map_or("—".to_owned(), |r| format!("{r:.2}×"))
            }
            _ => "—".to_owned(),
        };
        let _ = writeln!(
            out,
            "| {what}: p50 / p95 | {} | {} | {} | {} | {} | {} |",
            cell(figures[PLAIN]),
            cell(figures[VAULT]),
            cell(figures[NO_MEMSEC]),
            r(VAULT, PLAIN),
            r(NO_MEMSEC, PLAIN),
            r(VAULT, NO_MEMSEC)
        );
    }
    let mib = |r: &Run| format!("{:.1} MiB", r.bytes as f64 / (1024.0 * 1024.0));
    let _ = writeln!(
        out,
        "| database file and log at the end | {} | {} | {} | | | |",
        mib(&best[PLAIN]),
        mib(&best[VAULT]),
        mib(&best[NO_MEMSEC])
    );
    out
}

#[cfg(test)]
#[path = "storage_tests.rs"]
mod tests;
