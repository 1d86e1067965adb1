//! What the relay logs: for each request its method, its route *template* (`/v1/mailbox/{sha256}`,
//! never the path), its status and how long it took. Never a path, a key, a mailbox id, a
//! header or a client address. Other libraries are held at `warn` whatever the level, because
//! their debug messages name URLs and storage paths.

use std::time::Instant;

use anyhow::bail;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use tracing_subscriber::EnvFilter;

pub const LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

/// Starts logging to stderr at `level` for the relay's own messages.
pub fn init(level: &str) -> anyhow::Result<()> {
    let level = level.to_ascii_lowercase();
    if !LEVELS.contains(&level.as_str()) {
        bail!("--log-level must be one of error, warn, info, debug, trace");
    }
    let other = if level == "error" { "error" } else { "warn" };
    let filter = EnvFilter::new(format!("{other},pristan_relay={level}"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(false)
        .try_init()
        .map_err(|_| anyhow::anyhow!("logging was already started"))?;
    Ok(())
}

pub async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_owned())
        .unwrap_or_else(|| "(no route)".to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16();
    let ms = started.elapsed().as_millis() as u64;
    if response.status().is_server_error() {
        tracing::warn!(%method, %route, status, ms, "request");
    } else {
        tracing::info!(%method, %route, status, ms, "request");
    }
    response
}
