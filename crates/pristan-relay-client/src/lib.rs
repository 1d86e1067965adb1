//! Pristan's side of the relay (issue 12, docs/relay-protocol.md): "Sync now" for the CLI and
//! the desktop shell, and family status cards (publish, withdraw, fetch by code). The vault keeps what must go in its outbox (`pristan_core::relay_outbox`)
//! and signs each request with the device's key; this crate only moves bytes over HTTP(S) and
//! turns every failure into an id ([`RelayProblem`]) the interface words.
//!
//! reqwest (blocking, rustls) lives here and nowhere in the core, the model or the IPC types.

mod access;
mod backoff;
mod cards;
mod http;
mod sync;

pub use access::{Held, RequestSigner, VaultAccess};
pub use backoff::{next_sync_delay, MAX_BACKOFF, SYNC_INTERVAL};
pub use cards::{
    address_for_family, family_relay_url, fetch_card, problem_of, publish_card, withdraw_card,
    CardFetchProblem, Publication, Withdrawal, FETCH_TIMEOUT,
};
pub use http::{CallError, Mailbox, Relay};
pub use pristan_model::relay::{RelayError, RelayLocalState, RelayProblem, RelaySyncReport};
pub use sync::{sync_now, sync_through, sync_with, SyncOptions};

/// Whether the relay at `url` answers (`GET /v1/health`) within a few seconds, for the Sync
/// screen's "reachable". An address that is not a valid relay address does not answer.
pub fn is_reachable(url: &str) -> bool {
    let Ok(url) = pristan_core::org::check_relay_url(url) else {
        return false;
    };
    http::answers(&url, std::time::Duration::from_secs(3))
}
