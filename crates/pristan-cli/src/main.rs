//! The `pristan` command line: the vault without a window, for scripts, tests and coordinators.
//!
//! Passphrases are never taken from arguments or the environment, where other users of the machine
//! and shell histories could see them: they are read from a terminal prompt, or with
//! `--passphrase-stdin` one per line from standard input.

mod backup_commands;
mod bench_all;
mod bench_autosave;
mod bench_command;
mod bench_queries;
mod bench_sync;
mod case_commands;
mod coordination;
mod deadline_commands;
mod demo;
mod event_commands;
mod facility_commands;
mod family_card_commands;
mod family_card_relay;
mod fields_input;
mod input;
mod note_commands;
mod relay_command;
mod secrets;
mod security_commands;
mod stdin_lines;
mod sync;
mod task_commands;
mod unlocking;
mod vault_commands;
mod visit_commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "pristan",
    version,
    about = "Pristan: an encrypted casebook for detention visitors"
)]
struct Cli {
    /// The vault folder. Without it, the app's own vault in the platform data folder.
    #[arg(long, global = true, value_name = "DIR")]
    vault: Option<PathBuf>,

    /// Read a record's fields (names, A-number, note text…) from a JSON object in FILE, or with
    /// `-` from one line of standard input before any passphrase line, instead of arguments that
    /// `ps` and shell histories show. Keys are the command's option names: {"name": "…"}.
    #[arg(long, global = true, value_name = "FILE")]
    fields: Option<PathBuf>,

    #[command(subcommand)]
    command: VaultCommand,
}

#[derive(Subcommand)]
pub enum VaultCommand {
    /// Creates a vault and prints its recovery code, once.
    Init {
        /// Read the passphrase from standard input (one line) instead of prompting twice.
        #[arg(long)]
        passphrase_stdin: bool,
        /// Use the minimum allowed Argon2id cost (64 MiB, 3 passes, 4 lanes) instead of
        /// calibrating to about one second. For tests and slow machines.
        #[arg(long)]
        fast_kdf: bool,
    },
    /// Checks the passphrase and prints a summary of the vault.
    Status {
        #[arg(long)]
        passphrase_stdin: bool,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Changes the passphrase. With --passphrase-stdin: the current one, then the new one.
    /// This re-wraps the same database key: a copy of the key file made earlier still opens
    /// with the old passphrase. Add --rotate-key if someone may have both.
    Passwd {
        #[arg(long)]
        passphrase_stdin: bool,
        #[arg(long)]
        fast_kdf: bool,
        /// Also re-encrypt the vault under a new key (and print a new recovery code), so that
        /// no earlier copy of the key file opens it.
        #[arg(long)]
        rotate_key: bool,
    },
    /// "My passphrase may be known": re-encrypts the vault under a new random key, keeping the
    /// passphrase, and prints a new recovery code. Afterwards no earlier copy of the key file
    /// opens the vault, with any passphrase. With --passphrase-stdin: the passphrase.
    Rekey {
        #[arg(long)]
        passphrase_stdin: bool,
        #[arg(long)]
        fast_kdf: bool,
    },
    /// Cases: add, list, show and search.
    Case {
        #[command(subcommand)]
        action: case_commands::CaseCommand,
    },
    /// Visits: add.
    Visit {
        #[command(subcommand)]
        action: visit_commands::VisitCommand,
    },
    /// Notes: add.
    Note {
        #[command(subcommand)]
        action: note_commands::NoteCommand,
    },
    /// Tasks (follow-ups): add and list.
    Task {
        #[command(subcommand)]
        action: task_commands::TaskCommand,
    },
    /// Legal events (hearings, decisions, appeals, stays): add.
    Event {
        #[command(subcommand)]
        action: event_commands::EventCommand,
    },
    /// Facilities: add and list.
    Facility {
        #[command(subcommand)]
        action: facility_commands::FacilityCommand,
    },
    /// Family status cards: issue one for a relative with consent, refresh, revoke, list, and
    /// open a card file (no vault needed).
    #[command(name = "family-card")]
    FamilyCard {
        #[command(subcommand)]
        action: family_card_commands::FamilyCardCommand,
    },
    /// Every computed deadline, removal-imminent cases first. Estimates: confirm with the
    /// attorney of record.
    Deadlines {
        #[command(flatten)]
        args: deadline_commands::DeadlinesArgs,
    },
    /// Creates a vault of invented cases, visits and notes, for trying Pristan out and for
    /// measuring it. Prints its passphrase.
    Demo {
        #[command(flatten)]
        args: demo::DemoArgs,
    },
    /// Times searches, the dashboard and a case page on this vault (see docs/benchmarks.md).
    Bench {
        #[command(flatten)]
        args: bench_command::BenchArgs,
    },
    /// The organisation: create, invite, join, approve and revoke devices, export its identity.
    Org {
        #[command(subcommand)]
        action: sync::org_commands::OrgCommand,
    },
    /// The relay: a mailbox for encrypted bundles on a server (docs/relay.md).
    Relay {
        #[command(subcommand)]
        action: relay_command::RelayCommand,
    },
    /// Bundles: export, send case packets, import, quarantine.
    Bundle {
        #[command(subcommand)]
        action: sync::bundle_commands::BundleCommand,
    },
    /// Syncs with the organisation's relay: sends what waits here, receives and imports what
    /// waits for this device (the same summary as a bundle import).
    Sync {
        #[command(flatten)]
        args: sync::relay_sync::SyncArgs,
    },
    /// Conflicting changes from two devices, for a coordinator to settle.
    Conflicts {
        #[command(subcommand)]
        action: sync::review_commands::ConflictsCommand,
    },
    /// Forgets a person: removes the case and all its history here and, through bundles, on
    /// every device (coordinator only; cannot be undone).
    Forget {
        #[command(flatten)]
        args: sync::review_commands::ForgetArgs,
    },
    /// Writes an encrypted backup of the vault into a new folder inside DIR (best on a separate
    /// encrypted drive). It opens with the same passphrase or recovery code.
    Backup {
        #[command(flatten)]
        args: backup_commands::BackupArgs,
    },
    /// Restores a backup folder as a new vault in --vault DIR (which must not hold a vault).
    Restore {
        #[command(flatten)]
        args: backup_commands::RestoreArgs,
    },
    /// The coordinator's records: consent, relative, evidence, activity, referral, flight.
    #[command(flatten)]
    Coordination(coordination::CoordinationCommand),
    /// Makes this laptop's vault unreadable at once: destroys its keys (neither the passphrase
    /// nor the recovery code opens it afterwards) after you type DESTROY. See docs/SECURITY.md
    /// for what it does not achieve on an SSD.
    Duress {
        #[command(flatten)]
        args: security_commands::DuressArgs,
    },
    /// Shows or sets whether the keys are destroyed after N wrong passphrases in a row (off by
    /// default). With --passphrase-stdin: the passphrase.
    UnlockPolicy {
        #[command(flatten)]
        args: security_commands::UnlockPolicyArgs,
    },
    /// Sets a new passphrase with the recovery code, and prints a new recovery code.
    /// With --passphrase-stdin: the recovery code, then the new passphrase.
    Recover {
        #[arg(long)]
        passphrase_stdin: bool,
        #[arg(long)]
        fast_kdf: bool,
    },
}

/// Every freed heap block is wiped, so case data and secrets do not outlive their use
/// (`pristan_core::memory`, checked by `memory_after_lock.rs`).
#[global_allocator]
static ALLOCATOR: pristan_core::memory::WipingAllocator = pristan_core::memory::WIPING_ALLOCATOR;

fn main() -> ExitCode {
    let args = match fields_input::expand(std::env::args_os().collect()) {
        Ok(args) => args,
        Err(err) => {
            eprintln!("pristan: {err}");
            return ExitCode::FAILURE;
        }
    };
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            // clap exits with 2 for a usage error, which this command keeps for a wrong
            // passphrase; a script must be able to tell the two apart.
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let dir = cli
        .vault
        .unwrap_or_else(pristan_core::app_settings::default_vault_dir);
    match vault_commands::run(&dir, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // The chain of causes, on one line each; never a secret, since no error holds one.
            eprintln!("pristan: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  because: {cause}");
            }
            ExitCode::from(vault_commands::exit_code(&err))
        }
    }
}
