//! Automatic sync (off by default, per device): while the vault is unlocked and the setting is
//! on, a sync runs soon after unlocking and then every few minutes, waiting longer after each
//! failed try (`pristan_relay_client::next_sync_delay`). Locking stops it: a locked session has
//! no vault, and the schedule starts again at the next unlock. A sync never counts as the
//! person's activity, so it never holds the vault open.

use std::time::{Duration, Instant};

use crate::relay_dispatch::{one_at_a_time, remembered, sync, IfRunning, SessionVault};
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
                if !switched_on(&session) {
                    next_due = None;
                    continue;
                }
                let due = *next_due.get_or_insert_with(|| Instant::now() + AFTER_UNLOCK);
                if Instant::now() < due {
                    continue;
                }
                // Sync now is running: this turn is skipped, the schedule goes on.
                let Some(_running) = one_at_a_time(IfRunning::Skip) else {
                    continue;
                };
                // A problem is remembered for the Sync screen; the next try waits longer. The
                // session is taken only for each step of the sync, never while it waits for
                // the relay.
                let _ = sync(&SessionVault(session.clone()), &progress);
                crate::quiet_release::note_work();
                let delay =
                    pristan_relay_client::next_sync_delay(remembered().failures, rand::random());
                next_due = Some(Instant::now() + delay);
            }
        })
        .expect("the auto-sync thread could not start");
}

/// Whether the vault is open with a relay and automatic sync on (a poisoned session: no).
fn switched_on(session: &SharedSession) -> bool {
    let Ok(mut session) = session.lock() else {
        return false;
    };
    session.vault_mut().is_ok_and(|vault| {
        vault
            .relay_state()
            .is_ok_and(|s| s.auto_sync && s.relay_url.is_some())
    })
}
