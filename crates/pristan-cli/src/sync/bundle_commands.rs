//! `pristan bundle …`: export this device's changes, send case packets, import bundles from files
//! and folders, and look after the quarantine.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::Subcommand;
use pristan_core::bundle::{ExportOutcome, ExportReport, FileOutcome, ImportSummary};
use pristan_core::ops::DeviceId;

use super::progress::Bar;
use crate::input;
use crate::unlocking::Unlocking;

#[derive(Subcommand)]
pub enum BundleCommand {
    /// Writes a bundle of this device's changes not sent before into DIR (a USB stick, a synced
    /// folder), encrypted to the organisation's coordinators.
    Export {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
        /// Send again everything from this sequence number on (for a lost bundle).
        #[arg(long, value_name = "SEQ")]
        resend_from: Option<u64>,
    },
    /// Writes a case packet for one volunteer's device into DIR (coordinator only): the current
    /// state of the cases assigned to it.
    Packet {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long, value_parser = input::device)]
        device: DeviceId,
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Imports bundles: files by any name, or every .pristan file in a folder. Each is applied
    /// whole or not at all; refused ones are quarantined with the reason.
    Import {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(required = true, value_name = "FILE_OR_DIR")]
        paths: Vec<PathBuf>,
    },
    /// Lists quarantined bundles with the reason; --retry tries them all again.
    Quarantine {
        #[command(flatten)]
        unlocking: Unlocking,
        #[arg(long)]
        retry: bool,
        /// Removes one quarantined bundle (by the hash the list shows) without importing it.
        #[arg(long, value_name = "HASH", conflicts_with = "retry")]
        discard: Option<String>,
        /// Imports one quarantined bundle that waits because its changes are dated more than
        /// seven days after this computer's clock, once you have checked the dates with its
        /// sender. This computer's clock does not follow those dates.
        #[arg(long, value_name = "HASH", conflicts_with_all = ["retry", "discard"])]
        accept_clock: Option<String>,
    },
}

pub fn run(dir: &Path, command: BundleCommand) -> Result<()> {
    match command {
        BundleCommand::Export {
            unlocking,
            to,
            resend_from,
        } => {
            require_folder(&to)?;
            let mut vault = unlocking.open(dir)?;
            let mut bar = Bar::new(unlocking.json);
            let outcome = vault.export_bundle(&to, resend_from, &mut |p| bar.update(p))?;
            drop(bar);
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&outcome)?);
                return Ok(());
            }
            match outcome {
                ExportOutcome::Written(report) => print_report(&report),
                ExportOutcome::NothingNew => {
                    println!("Nothing new to send: every change here was exported before.");
                }
            }
            Ok(())
        }
        BundleCommand::Packet {
            unlocking,
            device,
            to,
        } => {
            require_folder(&to)?;
            let mut vault = unlocking.open(dir)?;
            let mut bar = Bar::new(unlocking.json);
            let report = vault.export_case_packet(device, &to, &mut |p| bar.update(p))?;
            drop(bar);
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print_report(&report);
            }
            Ok(())
        }
        BundleCommand::Import { unlocking, paths } => {
            let mut vault = unlocking.open(dir)?;
            let mut bar = Bar::new(unlocking.json);
            let summary = vault.import_bundles(&paths, &mut |p| bar.update(p))?;
            drop(bar);
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&summary)?);
            } else if summary.files.is_empty() {
                println!(
                    "No bundle files (ending in .pristan) were found there: check the folder, \
                     or name the files to import."
                );
            } else {
                print_summary(&summary);
            }
            Ok(())
        }
        BundleCommand::Quarantine {
            unlocking,
            retry,
            discard,
            accept_clock,
        } => {
            let mut vault = unlocking.open(dir)?;
            if let Some(hash) = accept_clock {
                let outcome = vault.accept_clock_ahead(&hash)?;
                vault.lock()?;
                if unlocking.json {
                    println!("{}", serde_json::to_string_pretty(&outcome)?);
                } else {
                    print_outcome(&hash, &outcome);
                }
                return Ok(());
            }
            if let Some(hash) = discard {
                let removed = vault.discard_quarantined(&hash)?;
                vault.lock()?;
                if !removed {
                    bail!(
                        "no quarantined bundle has the hash {hash}: see pristan bundle quarantine"
                    );
                }
                return Ok(());
            }
            if retry {
                let mut bar = Bar::new(unlocking.json);
                let summary = vault.retry_quarantine(&mut |p| bar.update(p))?;
                drop(bar);
                vault.lock()?;
                if unlocking.json {
                    println!("{}", serde_json::to_string_pretty(&summary)?);
                } else {
                    print_summary(&summary);
                }
                return Ok(());
            }
            let held = vault.quarantine()?;
            vault.lock()?;
            if unlocking.json {
                println!("{}", serde_json::to_string_pretty(&held)?);
            } else if held.is_empty() {
                println!("The quarantine is empty.");
            } else {
                for q in &held {
                    let waiting = match (q.waiting, q.kept) {
                        (true, _) => " (waiting: tried again after each approval)",
                        (false, false) => " (only its name, size and hash are kept)",
                        (false, true) => "",
                    };
                    println!(
                        "{}  {}  {}{waiting}\n    {}",
                        q.file_hash, q.received_at, q.file_name, q.reason
                    );
                }
            }
            Ok(())
        }
    }
}

fn require_folder(path: &Path) -> Result<()> {
    if !path.is_dir() {
        bail!(
            "{} is not a folder: create it, or plug in the USB stick, and try again",
            path.display()
        );
    }
    Ok(())
}

fn print_report(report: &ExportReport) {
    if report.paths.len() > 1 {
        println!(
            "Wrote {} bundles ({} changes, {} attachments, {} bytes); carry all of them:",
            report.paths.len(),
            report.ops,
            report.attachments,
            report.bytes
        );
        for path in &report.paths {
            println!("  {path}");
        }
        return;
    }
    println!(
        "Wrote {} ({} changes, {} attachments, {} bytes).",
        report.path, report.ops, report.attachments, report.bytes
    );
}

fn print_outcome(hash: &str, outcome: &FileOutcome) {
    match outcome {
        FileOutcome::Imported(counts) => println!(
            "Imported the bundle from {}: {} new change(s). This computer's clock was not moved.",
            counts.sender_name, counts.new_ops
        ),
        FileOutcome::AlreadyImported { sender_name } => {
            println!("The bundle from {sender_name} had been imported before.")
        }
        FileOutcome::Quarantined { reason, .. } => println!("Still quarantined {hash}: {reason}"),
        FileOutcome::Rejected { reason } => println!("Not imported {hash}: {reason}"),
    }
}

/// The import summary a person reads: totals, then each file that did not simply import.
pub fn print_summary(summary: &ImportSummary) {
    let t = &summary.totals;
    let counts: Vec<String> = [
        (t.new_cases, "new case(s)"),
        (t.new_notes, "new note(s)"),
        (t.new_records, "other new record(s)"),
        (t.updated_fields, "updated field(s)"),
        (t.forgotten, "forgotten case(s)"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    match (summary.imported, counts.is_empty()) {
        (0, _) => println!("No new bundle was imported."),
        (n, true) => println!("Imported {n} bundle(s): nothing in them was new here."),
        (n, false) => println!("Imported {n} bundle(s): {}.", counts.join(", ")),
    }
    if summary.already_imported > 0 {
        println!(
            "{} bundle(s) had been imported before.",
            summary.already_imported
        );
    }
    for file in &summary.files {
        match &file.outcome {
            FileOutcome::Quarantined { reason, .. } => {
                println!("Quarantined {}: {reason}", file.file_name);
            }
            FileOutcome::Rejected { reason } => {
                println!("Not imported {}: {reason}", file.file_name)
            }
            _ => {}
        }
    }
    if let Some(ms) = t.clock_ahead_ms {
        println!(
            "A sender's clock is about {} hour(s) ahead of this computer's: ask them to check the \
             date and time on their laptop (or check this one). Nothing was lost.",
            ms / 3_600_000
        );
    }
    if summary.conflicts > 0 {
        println!(
            "{} conflict(s) wait for a coordinator: pristan conflicts list",
            summary.conflicts
        );
    }
    super::identity::print_forks(&summary.forks);
    for gap in &summary.gaps {
        let numbers: Vec<String> = gap.missing.iter().map(u64::to_string).collect();
        println!(
            "Missing from {}: bundle(s) {}. Ask them to export again with --resend-from.",
            gap.sender_name,
            numbers.join(", ")
        );
    }
}
