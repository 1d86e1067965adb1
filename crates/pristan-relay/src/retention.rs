//! The sweeper: deletes bundles no one acknowledged within the retention period (30 days by
//! default), inbox objects every coordinator has acknowledged (after a roster change removed
//! the last one waiting), acknowledgements of objects that are gone, expired tickets' records,
//! and stale challenges and nonces.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use crate::layout::{self, Folder};
use crate::state::{AppState, SharedState};
use crate::store::StoreError;
use crate::tickets::TicketRecord;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    pub expired_bundles: u64,
    pub acknowledged_bundles: u64,
    pub stale_records: u64,
}

/// Sweeps every `sweep_interval` until the relay stops.
pub fn spawn(state: SharedState) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(state.config.sweep_interval);
        loop {
            interval.tick().await;
            match sweep_once(&state, Utc::now()).await {
                Ok(swept) => tracing::info!(
                    expired = swept.expired_bundles,
                    acknowledged = swept.acknowledged_bundles,
                    records = swept.stale_records,
                    "retention sweep"
                ),
                Err(error) => tracing::warn!(kind = error.kind(), "retention sweep failed"),
            }
        }
    });
}

pub async fn sweep_once(state: &AppState, now: DateTime<Utc>) -> Result<Swept, StoreError> {
    state.freshness.prune();
    let cutoff = now - state.config.retention;
    let mut swept = Swept::default();

    for meta in state.store.list(&layout::Path::from("mailbox")).await? {
        let parts: Vec<String> = meta
            .location
            .parts()
            .map(|p| p.as_ref().to_owned())
            .collect();
        if meta.last_modified < cutoff {
            state.store.delete(&meta.location).await?;
            if let [_, folder, _] = parts.as_slice() {
                state
                    .quotas
                    .release(&Folder::from_stored(folder), meta.size)
                    .await;
            }
            swept.expired_bundles += 1;
        }
    }

    let mut present = HashSet::new();
    for meta in state.store.list(&layout::inbox_prefix()).await? {
        let Some(id) = layout::last_part(&meta.location) else {
            continue;
        };
        if meta.last_modified < cutoff {
            state.store.delete(&meta.location).await?;
            state.quotas.release(&Folder::inbox(), meta.size).await;
            swept.expired_bundles += 1;
        } else if crate::routes::delete_if_all_acknowledged(state, &id)
            .await
            .unwrap_or(false)
        {
            swept.acknowledged_bundles += 1;
        } else {
            present.insert(id);
        }
    }
    for meta in state.store.list(&layout::inbox_acks_prefix()).await? {
        let parts: Vec<String> = meta
            .location
            .parts()
            .map(|p| p.as_ref().to_owned())
            .collect();
        if let [_, object, _] = parts.as_slice() {
            if !present.contains(object) {
                state.store.delete(&meta.location).await?;
                swept.stale_records += 1;
            }
        }
    }

    for meta in state.store.list(&layout::ticket_prefix()).await? {
        let expired = match state.store.get_small(&meta.location).await? {
            Some(bytes) => serde_json::from_slice::<TicketRecord>(&bytes)
                .map(|record| record.expires_at < now)
                .unwrap_or(true),
            None => false,
        };
        if expired {
            state.store.delete(&meta.location).await?;
            state.tickets.forget(&meta.location).await;
            swept.stale_records += 1;
        }
    }
    Ok(swept)
}
