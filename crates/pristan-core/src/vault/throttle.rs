//! Growing waits after wrong passphrases, so that someone at the keyboard cannot try many.
//!
//! This is not what protects a seized laptop (Argon2id does that, offline); it stops a person
//! guessing at the keyboard. The count lives beside the vault, in plain JSON, because it holds no
//! secret and must survive a restart of the app.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::atomic_file::write_atomically;
use crate::error::{Error, Result};

/// Wrong attempts allowed before the first wait.
pub const FREE_ATTEMPTS: u32 = 3;
const FIRST_WAIT: Duration = Duration::from_secs(5);
const LONGEST_WAIT: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
    last_failure_ms: u64,
}

/// The wrong-attempt counter of one vault.
pub(crate) struct Throttle {
    path: PathBuf,
}

impl Throttle {
    pub fn new(vault_dir: &Path) -> Throttle {
        Throttle {
            path: vault_dir.join("unlock-attempts.json"),
        }
    }

    /// How long until the next attempt is allowed; zero when it is allowed now.
    pub fn wait_at(&self, now: SystemTime) -> Duration {
        let attempts = self.load();
        let wait = wait_after(attempts.failures);
        let last = UNIX_EPOCH + Duration::from_millis(attempts.last_failure_ms);
        match now.duration_since(last) {
            Ok(elapsed) => wait.saturating_sub(elapsed),
            // The clock went back since the failure: count the wait from now rather than let a
            // clock change skip it.
            Err(_) => wait,
        }
    }

    /// Refuses with `TooManyAttempts` while a wait is running.
    pub fn check(&self, now: SystemTime) -> Result<()> {
        let retry_after = self.wait_at(now);
        if retry_after.is_zero() {
            Ok(())
        } else {
            Err(Error::TooManyAttempts { retry_after })
        }
    }

    /// Counts a wrong attempt; returns how many remain before a wait.
    pub fn record_failure(&self, now: SystemTime) -> Result<u32> {
        let mut attempts = self.load();
        attempts.failures = attempts.failures.saturating_add(1);
        attempts.last_failure_ms = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        self.store(&attempts)?;
        Ok(FREE_ATTEMPTS.saturating_sub(attempts.failures))
    }

    pub fn record_success(&self) -> Result<()> {
        if self.load() != Attempts::default() {
            self.store(&Attempts::default())?;
        }
        Ok(())
    }

    fn load(&self) -> Attempts {
        // A missing or unreadable counter counts as no failures: it guards against a person at
        // the keyboard, and must never keep the owner out of their vault.
        std::fs::read(&self.path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn store(&self, attempts: &Attempts) -> Result<()> {
        let json = serde_json::to_vec(attempts).expect("attempts serialise");
        write_atomically(&self.path, &json).map_err(Error::io("write", &self.path))
    }
}

/// No wait for the first few failures, then 5 s doubling up to 15 minutes.
fn wait_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    FIRST_WAIT.saturating_mul(1 << doublings).min(LONGEST_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_attempts_and_are_capped() {
        let waits: Vec<u64> = (0..12).map(|n| wait_after(n).as_secs()).collect();
        assert_eq!(waits, [0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900]);
        assert_eq!(wait_after(u32::MAX), LONGEST_WAIT);
    }

    #[test]
    fn a_wait_runs_out_and_success_resets_the_count() {
        let dir = tempfile::tempdir().unwrap();
        let throttle = Throttle::new(dir.path());
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert_eq!(throttle.record_failure(t0).unwrap(), 2);
        assert_eq!(throttle.record_failure(t0).unwrap(), 1);
        throttle.check(t0).unwrap();
        assert_eq!(throttle.record_failure(t0).unwrap(), 0);
        assert!(matches!(
            throttle.check(t0 + Duration::from_secs(2)),
            Err(Error::TooManyAttempts { retry_after }) if retry_after == Duration::from_secs(3)
        ));
        throttle.check(t0 + Duration::from_secs(5)).unwrap();
        // A clock set back does not skip the wait.
        assert_eq!(throttle.wait_at(t0 - Duration::from_secs(3600)), FIRST_WAIT);
        throttle.record_success().unwrap();
        throttle.check(t0).unwrap();
    }
}
