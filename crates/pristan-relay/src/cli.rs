//! The flags of `pristan relay serve` (and of the `pristan-relay` binary), and running the relay
//! from them. Defined once here so the two commands never differ.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;

use crate::config::{RelayConfig, StoreLocation, TlsFiles, MIB};

#[derive(Debug, Clone, Args)]
#[command(about = "Run the relay: a mailbox for encrypted bundles that never sees plaintext")]
pub struct ServeArgs {
    /// Address and port to listen on; port 0 picks a free one (printed on stdout)
    #[arg(long, default_value = "127.0.0.1:8470")]
    pub listen: SocketAddr,
    /// Where bundles are kept: a folder (path or file:///path) or an S3 bucket (s3://bucket,
    /// with AWS_* variables for credentials and endpoint)
    #[arg(long, default_value = "pristan-relay-store")]
    pub store: String,
    /// The organisation's public signing key, as `pristan org export-public` writes it
    #[arg(long)]
    pub org_key: PathBuf,
    /// TLS certificate chain (PEM); with --tls-key the relay serves HTTPS itself
    #[arg(long, requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM)
    #[arg(long, requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Largest bundle accepted, in MiB
    #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_bundle_mib: u64,
    /// Most a mailbox (or the organisation inbox) may hold, in MiB
    #[arg(long, default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_mib: u64,
    /// Most bundles a mailbox (or the organisation inbox) may hold
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub quota_bundles: u64,
    /// Days an unacknowledged bundle is kept before it is deleted
    #[arg(long, default_value_t = 30)]
    pub retention_days: u32,
    /// Requests a minute one device key may make (bursts up to the same number)
    #[arg(long, default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub rate_per_minute: u32,
    /// Family status cards a minute one client address may fetch by code (all addresses
    /// together: 20 times as many)
    #[arg(long, default_value_t = pristan_relay_proto::limits::DEFAULT_CARD_FETCHES_PER_MINUTE,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub card_fetches_per_minute: u32,
    /// Seconds between retention sweeps
    #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..))]
    pub sweep_seconds: u64,
    /// error, warn, info, debug or trace (the relay's own messages; other libraries stay at warn)
    #[arg(long, default_value = "info")]
    pub log_level: String,
}

impl ServeArgs {
    pub fn to_config(&self) -> anyhow::Result<RelayConfig> {
        let org_key = crate::config::read_org_key(&self.org_key)?;
        let tls = match (&self.tls_cert, &self.tls_key) {
            (Some(cert), Some(key)) => Some(TlsFiles {
                cert: cert.clone(),
                key: key.clone(),
            }),
            _ => None,
        };
        Ok(RelayConfig {
            listen: self.listen,
            store: StoreLocation::parse(&self.store)?,
            org_key,
            tls,
            max_bundle_bytes: self.max_bundle_mib * MIB,
            quota_bytes: self.quota_mib.saturating_mul(MIB),
            quota_objects: self.quota_bundles,
            retention: chrono::Duration::days(i64::from(self.retention_days)),
            rate_per_minute: self.rate_per_minute,
            card_fetches_per_minute: self.card_fetches_per_minute,
            sweep_interval: std::time::Duration::from_secs(self.sweep_seconds),
            ..RelayConfig::defaults(org_key)
        })
    }
}

/// Starts logging and the runtime, then serves until SIGINT or SIGTERM.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    crate::logging::init(&args.log_level)?;
    let config = args.to_config()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the relay's runtime")?;
    runtime.block_on(crate::serve(config))
}
