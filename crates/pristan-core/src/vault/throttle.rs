//! Growing waits after wrong passphrases, so that someone at the keyboard cannot try many.
//!
//! This is not what protects a seized laptop (Argon2id does that, offline); it stops a person
//! guessing at the keyboard. The count lives beside the vault, in plain JSON, because it holds no
//! secret and must survive a restart of the app.
//!
//! Attempts are taken one at a time: [`Throttle::lock`] holds an exclusive lock on a file beside
//! the counter from the check to the recorded result, so parallel guesses (several app or CLI
//! processes at once) wait for each other and each sees the failures before it.
//!
//! The limit of a file-based counter, said plainly: whoever can delete files in the vault folder
//! can reset it. Such a person can also copy the folder and guess offline, where only Argon2id
//! (about a second per guess) stands in the way; the counter is for the person at the keyboard.

use std::fs::{File, OpenOptions};
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
    dir: PathBuf,
    path: PathBuf,
    lock_path: PathBuf,
}

/// Held while one attempt runs; other attempts on the same vault wait for it to drop.
pub(crate) struct AttemptLock {
    _file: Option<File>,
}

impl Throttle {
    pub fn new(vault_dir: &Path) -> Throttle {
        Throttle {
            dir: vault_dir.to_owned(),
            path: vault_dir.join("unlock-attempts.json"),
            lock_path: vault_dir.join("unlock-attempts.lock"),
        }
    }

    /// Waits until no other attempt on this vault is running, then holds the lock until the
    /// returned value is dropped. On a folder where the lock file cannot be made (a read-only
    /// backup medium) attempts are not serialised; the counter cannot be written there either.
    pub fn lock(&self) -> Result<AttemptLock> {
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = match options.open(&self.lock_path) {
            Ok(file) => file,
            Err(e) if read_only(&e) => return Ok(AttemptLock { _file: None }),
            Err(e) => return Err(Error::io("open", &self.lock_path)(e)),
        };
        file.lock().map_err(Error::io("lock", &self.lock_path))?;
        Ok(AttemptLock { _file: Some(file) })
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

    /// Counts a wrong attempt; returns how many remain before a wait. If the vault's policy asks
    /// for it (`duress::wipe_after`, off by default) and this was the last attempt allowed, the
    /// key files are destroyed and the answer is [`Error::KeysDestroyed`].
    pub fn record_failure(&self, now: SystemTime) -> Result<u32> {
        let mut attempts = self.load();
        attempts.failures = attempts.failures.saturating_add(1);
        attempts.last_failure_ms = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        self.store(&attempts)?;
        if super::duress::enforce(&self.dir, attempts.failures)? {
            return Err(Error::KeysDestroyed);
        }
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

fn read_only(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
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

    #[test]
    fn parallel_attempts_take_turns_and_each_sees_the_failures_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = UNIX_EPOCH + Duration::from_secs(1_000_000);
        // Each thread checks, "runs the KDF" (a pause), then records a failure, under the lock,
        // as `open_slot` does. Without the lock every check would pass before any failure counts.
        let allowed = std::sync::atomic::AtomicU32::new(0);
        std::thread::scope(|scope| {
            for _ in 0..12 {
                scope.spawn(|| {
                    let throttle = Throttle::new(dir.path());
                    let _turn = throttle.lock().unwrap();
                    if throttle.check(t0).is_ok() {
                        allowed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(20));
                        throttle.record_failure(t0).unwrap();
                    }
                });
            }
        });
        assert_eq!(allowed.into_inner(), FREE_ATTEMPTS);
    }
}
