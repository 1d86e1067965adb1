//! Join tickets' use counts: a ticket lets a device not yet on the roster make at most
//! `TICKET_MAX_UPLOADS` uploads. The count is kept in the store (under a hash of the ticket id)
//! before the upload is taken, so a restart does not give a ticket new uses.

use std::collections::HashMap;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use pristan_relay_proto::limits::TICKET_MAX_UPLOADS;
use pristan_relay_proto::{ErrorCode, JoinTicket};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::layout;
use crate::store::Store;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TicketRecord {
    pub uses: u32,
    /// When the record may be swept (the ticket's own expiry).
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct TicketBook {
    uses: tokio::sync::Mutex<HashMap<String, u32>>,
}

impl TicketBook {
    /// Takes one of the ticket's uses, or refuses with `ticket_used_up`.
    pub async fn reserve(&self, store: &Store, ticket: &JoinTicket) -> Result<(), ApiError> {
        let location = layout::ticket_record(&ticket.ticket);
        let mut uses = self.uses.lock().await;
        let key = location.to_string();
        let used = match uses.get(&key) {
            Some(used) => *used,
            None => match store.get_small(&location).await? {
                Some(bytes) => serde_json::from_slice::<TicketRecord>(&bytes)
                    .map(|record| record.uses)
                    // A record the relay cannot read counts as spent: never more uses.
                    .unwrap_or(TICKET_MAX_UPLOADS),
                None => 0,
            },
        };
        if used >= TICKET_MAX_UPLOADS {
            uses.insert(key, used);
            return Err(ErrorCode::TicketUsedUp.into());
        }
        write(store, &location, used + 1, ticket.expires_at).await?;
        uses.insert(key, used + 1);
        Ok(())
    }

    /// Gives back a use whose upload was not stored (refused, or the same bytes already there).
    pub async fn release(&self, store: &Store, ticket: &JoinTicket) -> Result<(), ApiError> {
        let location = layout::ticket_record(&ticket.ticket);
        let mut uses = self.uses.lock().await;
        let key = location.to_string();
        if let Some(used) = uses.get(&key).copied() {
            let used = used.saturating_sub(1);
            write(store, &location, used, ticket.expires_at).await?;
            uses.insert(key, used);
        }
        Ok(())
    }

    /// Forgets the in-memory count of swept records.
    pub async fn forget(&self, location: &object_store::path::Path) {
        self.uses.lock().await.remove(&location.to_string());
    }
}

async fn write(
    store: &Store,
    location: &object_store::path::Path,
    uses: u32,
    expires_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let record = TicketRecord { uses, expires_at };
    let bytes = serde_json::to_vec(&record).unwrap_or_default();
    store.put_overwrite(location, Bytes::from(bytes)).await?;
    Ok(())
}
