//! `pristan relay serve`: runs the relay (crates/pristan-relay, docs/relay.md). It needs no
//! vault: only the organisation's public key, from `pristan org export-public`.

use anyhow::Result;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum RelayCommand {
    /// Runs the relay: a mailbox for encrypted bundles that never sees plaintext. Prints
    /// `listening on http://ADDR` (or https) on one line once it accepts connections.
    Serve(pristan_relay::ServeArgs),
}

pub fn run(command: RelayCommand) -> Result<()> {
    match command {
        RelayCommand::Serve(args) => pristan_relay::cli::run(args),
    }
}
