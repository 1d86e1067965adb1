//! What every route shares.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::auth::FreshnessBook;
use crate::config::RelayConfig;
use crate::limits::{Quotas, RateLimiter};
use crate::roster::RosterKeeper;
use crate::store::Store;
use crate::tickets::TicketBook;

pub struct AppState {
    pub config: RelayConfig,
    pub store: Store,
    pub roster: RosterKeeper,
    pub freshness: FreshnessBook,
    pub rate: RateLimiter,
    /// Family card fetches, per client address (kept in memory only, never logged).
    pub card_rate: RateLimiter,
    pub quotas: Quotas,
    pub tickets: TicketBook,
    /// Uploads buffered at once: each holds at most one bundle in memory.
    pub upload_slots: Semaphore,
}

pub type SharedState = Arc<AppState>;

impl AppState {
    /// Opens the store and reads the rosters it keeps.
    pub async fn open(config: RelayConfig) -> anyhow::Result<AppState> {
        let store = Store::open(&config.store)?;
        let roster = RosterKeeper::load(config.org_key, &store).await?;
        Ok(AppState {
            rate: RateLimiter::new(config.rate_per_minute),
            card_rate: RateLimiter::new(config.card_fetches_per_minute),
            quotas: Quotas::new(config.quota_bytes, config.quota_objects),
            upload_slots: Semaphore::new(config.max_concurrent_uploads.max(1)),
            freshness: FreshnessBook::default(),
            tickets: TicketBook::default(),
            roster,
            store,
            config,
        })
    }
}
