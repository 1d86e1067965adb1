//! `pristan sync` and `pristan org set-relay`: syncing through the organisation's relay
//! (docs/relay-protocol.md). The work is `pristan_relay_client::sync_with`; this prints it.

use std::path::Path;

use anyhow::{bail, Result};
use clap::Args;
use pristan_core::org::check_relay_url;
use pristan_relay_client::{sync_with, RelayProblem, RelaySyncReport, SyncOptions};

use super::bundle_commands::print_summary;
use super::progress::Bar;
use crate::unlocking::Unlocking;

/// The exit status of a sync that could not reach the relay (everything stays queued).
pub const EXIT_RELAY_UNREACHABLE: u8 = 6;

#[derive(Args)]
pub struct SyncArgs {
    #[command(flatten)]
    pub unlocking: Unlocking,
    /// A relay address for this sync only, instead of the organisation's.
    #[arg(long, value_name = "URL")]
    pub relay: Option<String>,
}

/// The relay could not be reached: the report was printed, and the exit status says so.
#[derive(Debug, thiserror::Error)]
#[error(
    "the relay could not be reached: everything waits in this vault and goes with the next sync"
)]
pub struct RelayUnreachable;

pub fn run_sync(dir: &Path, args: SyncArgs) -> Result<()> {
    // A mistyped address is reported before anyone is asked for a passphrase.
    if let Some(url) = &args.relay {
        check_relay_url(url)?;
    }
    let json = args.unlocking.json;
    let mut vault = args.unlocking.open(dir)?;
    let hook = test_pause_before_acknowledge();
    let options = SyncOptions {
        relay_url: args.relay.as_deref(),
        before_acknowledge: hook.as_ref().map(|h| h as &dyn Fn()),
    };
    let mut bar = Bar::new(json);
    let report = sync_with(&mut vault, &options, &mut |p| bar.update(p))?;
    drop(bar);
    vault.lock()?;
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    let cut_off = report
        .errors
        .iter()
        .any(|e| matches!(e.problem, RelayProblem::Unreachable | RelayProblem::NoRelay));
    if cut_off {
        return Err(RelayUnreachable.into());
    }
    Ok(())
}

/// `pristan org set-relay URL` / `--clear` (coordinators only).
pub fn set_relay(
    dir: &Path,
    unlocking: &Unlocking,
    url: Option<String>,
    clear: bool,
) -> Result<()> {
    let url = match (url, clear) {
        (Some(url), false) => Some(check_relay_url(&url)?),
        (None, true) => None,
        (Some(_), true) => bail!("give either the relay's address or --clear, not both"),
        (None, false) => bail!("give the relay's address (https://…), or --clear to remove it"),
    };
    let mut vault = unlocking.open(dir)?;
    let roster = vault.set_relay(url.as_deref())?;
    vault.lock()?;
    if unlocking.json {
        let json = serde_json::json!({ "relay_url": url, "roster_version": roster.version });
        println!("{}", serde_json::to_string_pretty(&json)?);
        return Ok(());
    }
    match url {
        Some(url) => println!(
            "The organisation's relay is now {url} (roster version {}). Volunteers receive it \
             with their next case packet; new invitations carry it.",
            roster.version
        ),
        None => println!(
            "The organisation has no relay any more (roster version {}): bundles travel by \
             folder only.",
            roster.version
        ),
    }
    Ok(())
}

fn print_report(report: &RelaySyncReport) {
    if report.reachable {
        println!(
            "Sent {} bundle(s) to the relay and received {}.",
            report.uploaded, report.downloaded
        );
        print_summary(&report.import);
    }
    for error in &report.errors {
        let bundle = error
            .bundle
            .as_deref()
            .map(|b| format!(" (bundle {b}…)"))
            .unwrap_or_default();
        println!("{}{bundle}", problem_text(error.problem));
    }
    if report.still_queued > 0 {
        println!(
            "{} bundle(s) wait in this vault to go with the next sync.",
            report.still_queued
        );
    }
    if report.held_back > 0 {
        println!(
            "{} of them the relay refused as too large or over its quota: carry them by folder \
             (pristan bundle export) or ask the relay's operator.",
            report.held_back
        );
    }
}

/// The CLI's English for each problem (the desktop words them from assets/locales/*/relay.ftl).
pub fn problem_text(problem: RelayProblem) -> &'static str {
    match problem {
        RelayProblem::Unreachable => "The relay could not be reached (no network, or the relay is down). Everything stays queued here.",
        RelayProblem::NoRelay => "The organisation has no relay: ask your coordinator, or give one with --relay.",
        RelayProblem::NotApprovedYet => "This device is not approved yet and its invitation has no join ticket: hand your first bundle over by folder.",
        RelayProblem::Unsigned | RelayProblem::BadSignature => "The relay did not accept this device's signature.",
        RelayProblem::StaleTime => "This computer's clock is more than ten minutes off: set the date and time, then sync again.",
        RelayProblem::Replayed | RelayProblem::ChallengeExpired => "The relay asked to try again: sync again.",
        RelayProblem::UnknownDevice => "The relay does not know this device yet: a coordinator must approve it and sync.",
        RelayProblem::RevokedDevice => "This device was revoked from the organisation: talk to your coordinator.",
        RelayProblem::WrongOrganisation => "This relay serves another organisation: check its address.",
        RelayProblem::TicketInvalid => "The relay did not accept the invitation's join ticket: ask your coordinator for a new invitation.",
        RelayProblem::TicketUsedUp => "The invitation's join ticket is used up or expired: wait for approval, or ask for a new invitation.",
        RelayProblem::NotYours => "The relay refused: that mailbox is not this device's.",
        RelayProblem::HashMismatch => "A bundle was damaged on the way: it was not imported and will be fetched again.",
        RelayProblem::TooLarge => "A bundle is larger than the relay takes: it stays queued; carry it by folder.",
        RelayProblem::OverQuota => "The mailbox on the relay is full: the bundle stays queued and goes when there is room.",
        RelayProblem::RateLimited => "The relay is busy: sync again in a few minutes.",
        RelayProblem::NotFound => "A bundle was no longer on the relay.",
        RelayProblem::Malformed => "The relay could not read this Pristan's request: update Pristan.",
        RelayProblem::Unavailable => "The relay cannot store anything right now: sync again later.",
        RelayProblem::UnexpectedAnswer => "The relay answered something this Pristan does not understand: check the address, or update Pristan.",
        RelayProblem::CardRevoked => "This status card was revoked: it cannot be published again; issue a new card.",
    }
}

/// Test builds only: with `PRISTAN_TEST_PAUSE_BEFORE_ACK=FILE`, a sync writes FILE after
/// importing a downloaded bundle and waits before acknowledging it, so a test can kill the
/// process exactly there (crates/pristan-cli/tests/relay_sync.rs).
#[cfg(debug_assertions)]
fn test_pause_before_acknowledge() -> Option<impl Fn()> {
    let marker = std::env::var_os("PRISTAN_TEST_PAUSE_BEFORE_ACK")?;
    Some(move || {
        let _ = std::fs::write(&marker, b"imported\n");
        std::thread::sleep(std::time::Duration::from_secs(120));
    })
}

#[cfg(not(debug_assertions))]
fn test_pause_before_acknowledge() -> Option<impl Fn()> {
    None::<fn()>
}
