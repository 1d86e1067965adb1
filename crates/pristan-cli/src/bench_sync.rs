//! `pristan bench --sync DIR`: how long the bundles of every operation in the vault take to export,
//! and to import on a second coordinator's device, and how much memory each step takes at its
//! peak (VmHWM, reset before each step where Linux allows). For docs/benchmarks.md; times are
//! printed, never asserted.
//!
//! The vault becomes the first coordinator of a new organisation if it belongs to none (so use a
//! copy of a demo vault, not a real one). The second device is a new vault in DIR that joins as
//! coordinator with the organisation's key file, as a second office laptop would.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use pristan_core::bundle::{ExportOutcome, ExportReport, FileOutcome};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

pub fn run(vault: &mut Vault, passphrase: &SecretString, scratch: &Path) -> Result<()> {
    std::fs::create_dir_all(scratch)
        .with_context(|| format!("could not create {}", scratch.display()))?;
    if std::fs::read_dir(scratch)?.next().is_some() {
        bail!(
            "{} is not empty: give an empty or new folder",
            scratch.display()
        );
    }
    let outbox = scratch.join("outbox");
    std::fs::create_dir(&outbox)?;
    if vault.org()?.is_none() {
        vault.create_org("Benchmark Visitors")?;
        println!("made this vault the coordinator of a new organisation");
    }
    // The benchmark measures a second coordinator receiving the whole casebook, so every case
    // must travel: a demo vault holds about one case in five back until its person consents.
    let mut consented = 0;
    for case in vault.cases()? {
        if !vault.shares_with_coordinator(case.id)? {
            vault.record_share_consent(case.id)?;
            consented += 1;
        }
    }
    if consented > 0 {
        println!("recorded consent to share for {consented} held-back cases (a demo vault's copy)");
    }
    let key_file = vault
        .export_coordinator_keys(passphrase)
        .context("this vault must be a coordinator's")?;
    let (mut second, _) = Vault::create(&scratch.join("second"), passphrase, KdfParams::MINIMUM)?;
    second.join_as_coordinator(&key_file, passphrase)?;

    let step = Step::start();
    let outcome = vault.export_bundle(&outbox, Some(1), &mut |_| {})?;
    let export = step.finish();
    let ExportOutcome::Written(report) = outcome else {
        bail!("this vault holds no operations of its own");
    };
    println!(
        "export: {} operations, {} attachments, {:.1} MiB in {} bundle(s)",
        report.ops,
        report.attachments,
        report.bytes as f64 / (1024.0 * 1024.0),
        report.paths.len(),
    );
    export.print("export (every operation, from seq 1)");

    // A large log is split into several bundles (each within what other devices accept); a
    // second device must import every one of them, as a folder import would.
    let paths = written_paths(&report);
    let step = Step::start();
    let summary = second.import_bundles(&paths, &mut |_| {})?;
    let import = step.finish();
    for file in &summary.files {
        if let FileOutcome::Quarantined { reason, .. } | FileOutcome::Rejected { reason } =
            &file.outcome
        {
            bail!("the second device refused a bundle: {reason}");
        }
    }
    import.print(&format!(
        "import on a second coordinator ({} bundle(s))",
        paths.len()
    ));
    println!(
        "import throughput: {:.0} operations a second",
        report.ops as f64 / import.elapsed.as_secs_f64().max(f64::EPSILON)
    );
    if let Some(cpu) = import.cpu {
        println!(
            "import throughput per CPU second: {:.0} operations",
            report.ops as f64 / cpu.as_secs_f64().max(0.01)
        );
    }

    let step = Step::start();
    let again = second.import_bundles(&paths, &mut |_| {})?;
    let replay = step.finish();
    if again.already_imported != paths.len() {
        bail!("importing the bundles again was not a no-op: {again:?}");
    }
    replay.print("import again (recognised as seen, nothing applied)");

    let step = Step::start();
    let same = vault.state_hash()? == second.state_hash()?;
    step.finish().print("state hash of both vaults");
    println!(
        "both devices hold the same state: {}",
        if same { "yes" } else { "NO" }
    );
    second.lock()?;
    Ok(())
}

/// Every file an export wrote, in order (`paths`; older reports name only the first).
fn written_paths(report: &ExportReport) -> Vec<PathBuf> {
    if report.paths.is_empty() {
        vec![PathBuf::from(&report.path)]
    } else {
        report.paths.iter().map(PathBuf::from).collect()
    }
}

/// One measured step: wall time, and the process's peak resident memory during it.
struct Step {
    started: Instant,
    cpu_before: Option<Duration>,
    rss_before: Option<u64>,
    peak_reset: bool,
}

struct Measured {
    elapsed: Duration,
    cpu: Option<Duration>,
    rss_before: Option<u64>,
    peak: Option<u64>,
    peak_reset: bool,
}

impl Step {
    fn start() -> Step {
        // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
        let peak_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
        Step {
            started: Instant::now(),
            cpu_before: process_cpu(),
            rss_before: status_kib("VmRSS:"),
            peak_reset,
        }
    }

    fn finish(self) -> Measured {
        Measured {
            elapsed: self.started.elapsed(),
            cpu: process_cpu()
                .zip(self.cpu_before)
                .map(|(after, before)| after.saturating_sub(before)),
            rss_before: self.rss_before,
            peak: status_kib("VmHWM:"),
            peak_reset: self.peak_reset,
        }
    }
}

impl Measured {
    fn print(&self, label: &str) {
        let mib = |kib: Option<u64>| {
            kib.map_or_else(|| "?".to_owned(), |k| format!("{:.0}", k as f64 / 1024.0))
        };
        let since = if self.peak_reset {
            ""
        } else {
            " (peak since start)"
        };
        let cpu = self.cpu.map_or_else(
            || "?".to_owned(),
            |c| format!("{:.1}", c.as_secs_f64() * 1000.0),
        );
        println!(
            "{label:<52} {:>9.1} ms (CPU {cpu} ms)   peak RSS {} MiB{since} (before: {} MiB)",
            self.elapsed.as_secs_f64() * 1000.0,
            mib(self.peak),
            mib(self.rss_before),
        );
    }
}

/// This process's CPU time (user + system) from /proc/self/stat: on a shared, loaded machine it
/// says more than wall time. None where there is no /proc.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    // Clock ticks; 100 a second on every Linux Pristan runs on.
    Some(Duration::from_millis((utime + stime) * 10))
}

/// A `kB` line of /proc/self/status, such as `VmHWM:`; none where there is no /proc.
fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line[key.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}
