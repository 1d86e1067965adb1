//! Automatic sync (off by default, per device): while the vault is unlocked and the setting is
//! on, a sync runs soon after unlocking and then every few minutes, waiting longer after each
//! failed try (`pristan_relay_client::next_sync_delay`). Locking stops it: a locked session has
//! no vault, and the schedule starts again at the next unlock. A sync never counts as the
//! person's activity, so it never holds the vault open.

use std::time::{Duration, Instant};

use crate::relay_dispatch::{remembered, sync};
use crate::sync_dispatch::ProgressSlot;
use crate::SharedSession;

/// How often the watcher looks whether a sync is due.
const TICK: Duration = Duration::from_secs(15);
/// The first automatic sync after unlocking waits this long (the person may be busy unlocking
/// to look something up).
const AFTER_UNLOCK: Duration = Duration::from_secs(30);

pub fn watch(session: SharedSession, progress: ProgressSlot) {
    std::thread::Builder::new()
        .name("auto-sync".into())
        .spawn(move || {
            let mut next_due: Option<Instant> = None;
            loop {
                std::thread::sleep(TICK);
                let Ok(mut session) = session.lock() else {
                    return;
                };
                let Ok(vault) = session.vault_mut() else {
                    next_due = None;
                    continue;
                };
                let on = vault
                    .relay_state()
                    .is_ok_and(|s| s.auto_sync && s.relay_url.is_some());
                if !on {
                    next_due = None;
                    continue;
                }
                let due = *next_due.get_or_insert_with(|| Instant::now() + AFTER_UNLOCK);
                if Instant::now() < due {
                    continue;
                }
                // A problem is remembered for the Sync screen; the next try waits longer.
                let _ = sync(vault, &progress);
                let delay =
                    pristan_relay_client::next_sync_delay(remembered().failures, rand::random());
                next_due = Some(Instant::now() + delay);
            }
        })
        .expect("the auto-sync thread could not start");
}
