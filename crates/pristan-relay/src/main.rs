//! `pristan-relay`: the relay on its own, for a server without the vault code. It takes exactly
//! the flags of `pristan relay serve`.

use clap::Parser;

#[derive(Parser)]
#[command(name = "pristan-relay", version)]
struct Cli {
    #[command(flatten)]
    serve: pristan_relay::ServeArgs,
}

fn main() -> anyhow::Result<()> {
    pristan_relay::cli::run(Cli::parse().serve)
}
