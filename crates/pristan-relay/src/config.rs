//! What the relay is given: where to listen, where to keep bundles, the organisation's public
//! key, and its limits.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{bail, Context};
use ed25519_dalek::VerifyingKey;

pub const MIB: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct RelayConfig {
    pub listen: SocketAddr,
    pub store: StoreLocation,
    pub org_key: VerifyingKey,
    pub tls: Option<TlsFiles>,
    pub max_bundle_bytes: u64,
    /// Per mailbox, and for the organisation inbox.
    pub quota_bytes: u64,
    pub quota_objects: u64,
    pub retention: chrono::Duration,
    pub rate_per_minute: u32,
    /// Family card fetches a minute from one client address (all addresses together: 20 times).
    pub card_fetches_per_minute: u32,
    pub sweep_interval: Duration,
    /// The longest a body may take to arrive, whole.
    pub body_timeout: Duration,
    /// The longest a body may pause between two pieces.
    pub body_idle_timeout: Duration,
    /// Uploads held in memory at once: with the bundle cap, this bounds the relay's memory.
    pub max_concurrent_uploads: usize,
}

impl RelayConfig {
    pub fn defaults(org_key: VerifyingKey) -> RelayConfig {
        RelayConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            store: StoreLocation::Memory,
            org_key,
            tls: None,
            max_bundle_bytes: 64 * MIB,
            quota_bytes: 1024 * MIB,
            quota_objects: 10_000,
            retention: chrono::Duration::days(30),
            rate_per_minute: 600,
            card_fetches_per_minute: pristan_relay_proto::limits::DEFAULT_CARD_FETCHES_PER_MINUTE,
            sweep_interval: Duration::from_secs(3600),
            body_timeout: Duration::from_secs(600),
            body_idle_timeout: Duration::from_secs(30),
            max_concurrent_uploads: 8,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Where bundles are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A folder on this machine (created if missing).
    Local(PathBuf),
    /// An S3-compatible bucket, `s3://bucket[/prefix]`, configured by the `AWS_*` variables.
    S3(String),
    /// Memory only, for tests.
    Memory,
}

impl StoreLocation {
    pub fn parse(text: &str) -> anyhow::Result<StoreLocation> {
        if text.starts_with("s3://") {
            if text.len() <= "s3://".len() {
                bail!("the store s3:// needs a bucket name, e.g. s3://pristan-relay");
            }
            return Ok(StoreLocation::S3(text.to_owned()));
        }
        if text == "memory:///" {
            return Ok(StoreLocation::Memory);
        }
        if let Some(path) = text.strip_prefix("file://") {
            if !path.starts_with('/') {
                bail!("a file:// store needs an absolute path, e.g. file:///srv/pristan-relay");
            }
            return Ok(StoreLocation::Local(PathBuf::from(path)));
        }
        if text.contains("://") {
            bail!("the store must be a folder, file:///path or s3://bucket");
        }
        Ok(StoreLocation::Local(PathBuf::from(text)))
    }
}

/// Reads the organisation's public signing key: 64 hex digits on one line, as
/// `pristan org export-public` writes it.
pub fn read_org_key(path: &Path) -> anyhow::Result<VerifyingKey> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "could not read the organisation key file {}: export it with `pristan org export-public --out FILE`",
            path.display()
        )
    })?;
    let hex_text = text.trim().to_ascii_lowercase();
    pristan_relay_proto::parse_verifying_key(&hex_text).with_context(|| {
        format!(
            "{} does not hold an organisation's public key (64 hex digits): export it with `pristan org export-public`",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_locations_are_read_from_their_urls() {
        assert_eq!(
            StoreLocation::parse("s3://bucket/prefix").unwrap(),
            StoreLocation::S3("s3://bucket/prefix".into())
        );
        assert_eq!(
            StoreLocation::parse("file:///srv/relay").unwrap(),
            StoreLocation::Local("/srv/relay".into())
        );
        assert_eq!(
            StoreLocation::parse("relay-store").unwrap(),
            StoreLocation::Local("relay-store".into())
        );
        assert!(StoreLocation::parse("s3://").is_err());
        assert!(StoreLocation::parse("gs://bucket").is_err());
        assert!(StoreLocation::parse("file://relative").is_err());
    }

    #[test]
    fn the_org_key_file_must_hold_a_key() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("org.pub");
        let key = ed25519_dalek::SigningKey::from_bytes(&[5; 32]).verifying_key();
        std::fs::write(&good, format!("{}\n", hex::encode(key.as_bytes()))).unwrap();
        assert_eq!(read_org_key(&good).unwrap(), key);
        let bad = dir.path().join("bad.pub");
        std::fs::write(&bad, "hello").unwrap();
        let message = read_org_key(&bad).unwrap_err().to_string();
        assert!(message.contains("export-public"), "{message}");
        assert!(read_org_key(&dir.path().join("missing")).is_err());
    }
}
