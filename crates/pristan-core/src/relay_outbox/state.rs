//! This device's relay state: when it last synced and whether it syncs by itself.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

pub use pristan_model::relay::RelayLocalState;

use crate::error::Result;
use crate::vault::Vault;

impl Vault {
    /// The relay as this device knows it, without asking the relay: its address, when this
    /// device last synced, what waits in the outbox, and the automatic-sync setting.
    pub fn relay_state(&self) -> Result<RelayLocalState> {
        let (waiting, held_back): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(held_back), 0) FROM relay_outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let row: Option<(Option<String>, bool)> = self
            .conn
            .query_row(
                "SELECT last_synced_at, auto_sync FROM relay_state WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (last, auto_sync) = row.unwrap_or((None, false));
        let waiting_for_approval = self.org()?.is_some() && !self.on_roster()?;
        Ok(RelayLocalState {
            relay_url: self.relay_url()?,
            last_synced_at: last
                .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                .map(|t| t.with_timezone(&Utc)),
            waiting: waiting.max(0) as usize,
            held_back: held_back.max(0) as usize,
            auto_sync,
            waiting_for_approval,
        })
    }

    /// Records that a sync reached the relay and finished at `at`.
    pub fn relay_synced(&self, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO relay_state (id, last_synced_at) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET last_synced_at = excluded.last_synced_at",
            [super::now_text(at)],
        )?;
        Ok(())
    }

    /// Turns this device's automatic sync on or off (off by default).
    pub fn set_relay_auto_sync(&self, on: bool) -> Result<()> {
        self.conn.execute(
            "INSERT INTO relay_state (id, auto_sync) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET auto_sync = excluded.auto_sync",
            [on],
        )?;
        Ok(())
    }
}
