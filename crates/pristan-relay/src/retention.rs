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

#[cfg(test)]
mod tests {
    use bytes::Bytes;
    use ed25519_dalek::SigningKey;
    use object_store::PutPayload;
    use pristan_relay_proto::{sign_relay_roster, RelayDevice, RelayRoster, Role};

    use super::*;
    use crate::config::RelayConfig;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    async fn put(state: &AppState, path: &layout::Path) {
        state
            .store
            .put_new(path, PutPayload::from_static(b"bundle"))
            .await
            .unwrap();
    }

    #[test]
    fn bundles_past_retention_are_swept_and_younger_ones_kept() {
        runtime().block_on(async {
            let org = SigningKey::from_bytes(&[9; 32]);
            let state = AppState::open(RelayConfig::defaults(org.verifying_key()))
                .await
                .unwrap();
            let folder = Folder::from_stored(&"ab".repeat(32));
            let in_mailbox = layout::mailbox_object(&folder, &"01".repeat(32));
            let in_inbox = layout::inbox_object(&"02".repeat(32));
            put(&state, &in_mailbox).await;
            put(&state, &in_inbox).await;

            let now = Utc::now();
            let swept = sweep_once(&state, now).await.unwrap();
            assert_eq!(swept, Swept::default());
            assert!(state.store.head(&in_mailbox).await.unwrap().is_some());

            let later = now + chrono::Duration::days(31);
            let swept = sweep_once(&state, later).await.unwrap();
            assert_eq!(swept.expired_bundles, 2);
            assert!(state.store.head(&in_mailbox).await.unwrap().is_none());
            assert!(state.store.head(&in_inbox).await.unwrap().is_none());
        });
    }

    // A coordinator revoked while an inbox bundle waited for its acknowledgement must not keep
    // the bundle forever: the sweep deletes it once every coordinator still in force has it.
    #[test]
    fn an_inbox_bundle_every_remaining_coordinator_acknowledged_is_swept() {
        runtime().block_on(async {
            let org = SigningKey::from_bytes(&[9; 32]);
            let state = AppState::open(RelayConfig::defaults(org.verifying_key()))
                .await
                .unwrap();
            let key = |seed: u8| {
                hex::encode(
                    SigningKey::from_bytes(&[seed; 32])
                        .verifying_key()
                        .as_bytes(),
                )
            };
            let roster = |version, revoked| RelayRoster {
                org: "0123456789abcdef0123456789abcdef".parse().unwrap(),
                version,
                devices: vec![
                    RelayDevice {
                        signing_key: key(1),
                        recipient: "age1one".into(),
                        role: Role::Coordinator,
                        revoked: false,
                    },
                    RelayDevice {
                        signing_key: key(2),
                        recipient: "age1two".into(),
                        role: Role::Coordinator,
                        revoked,
                    },
                ],
            };
            let accept = |version, revoked| {
                let doc = sign_relay_roster(&org, &roster(version, revoked));
                Bytes::from(doc.to_json())
            };
            state
                .roster
                .accept(&state.store, &accept(1, false))
                .await
                .unwrap();
            let sha = "03".repeat(32);
            put(&state, &layout::inbox_object(&sha)).await;
            let ack = layout::inbox_ack(&sha, &layout::coordinator_tag(&key(1)));
            state.store.put_overwrite(&ack, Bytes::new()).await.unwrap();

            let swept = sweep_once(&state, Utc::now()).await.unwrap();
            assert_eq!(swept.acknowledged_bundles, 0);
            state
                .roster
                .accept(&state.store, &accept(2, true))
                .await
                .unwrap();
            let swept = sweep_once(&state, Utc::now()).await.unwrap();
            assert_eq!(swept.acknowledged_bundles, 1);
            assert!(state
                .store
                .head(&layout::inbox_object(&sha))
                .await
                .unwrap()
                .is_none());
            assert!(state.store.head(&ack).await.unwrap().is_none());
        });
    }
}
