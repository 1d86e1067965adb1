//! Idle auto-lock, measured in wall-clock time so that time spent suspended counts: a laptop that
//! sleeps for an hour with the vault open wakes up locked.

use std::time::Duration;

use crate::SharedSession;

const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Checks once a second whether the session has been idle too long, and locks it.
pub fn watch(session: SharedSession) {
    std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || loop {
            std::thread::sleep(CHECK_EVERY);
            let Ok(mut session) = session.lock() else {
                return;
            };
            session.lock_if_idle();
        })
        .expect("the idle-lock thread could not start");
}
