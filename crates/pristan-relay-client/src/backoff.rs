//! When automatic sync tries again after the relay could not be reached: a pure function, so the
//! policy is tested without a clock.
//!
//! The first retry comes after the normal interval; each further failure doubles the wait, up to
//! an hour; `jitter` (a number in `0.0..1.0` the caller draws) spreads up to a fifth of it so a
//! team's laptops coming back online together do not all call at once.

use std::time::Duration;

/// How often automatic sync runs while the relay answers.
pub const SYNC_INTERVAL: Duration = Duration::from_secs(5 * 60);
/// The longest wait between tries while the relay does not answer.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60 * 60);

/// The wait before the next automatic sync, after `consecutive_failures` failed tries in a row
/// (0 after a success).
pub fn next_sync_delay(consecutive_failures: u32, jitter: f64) -> Duration {
    let doublings = consecutive_failures.saturating_sub(1).min(16);
    let base = SYNC_INTERVAL
        .checked_mul(1u32 << doublings)
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let spread = base.as_secs_f64() * 0.2 * jitter;
    base.saturating_sub(Duration::from_secs_f64(spread))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_after_each_failure_up_to_an_hour() {
        let minutes = |n: u32| next_sync_delay(n, 0.0).as_secs() / 60;
        assert_eq!(minutes(0), 5, "after a success: the normal interval");
        assert_eq!(minutes(1), 5);
        assert_eq!(minutes(2), 10);
        assert_eq!(minutes(3), 20);
        assert_eq!(minutes(4), 40);
        assert_eq!(minutes(5), 60);
        assert_eq!(minutes(50), 60);
        assert_eq!(minutes(u32::MAX), 60);
    }

    #[test]
    fn jitter_only_shortens_and_by_at_most_a_fifth() {
        for failures in [0, 1, 3, 9] {
            let plain = next_sync_delay(failures, 0.0);
            for jitter in [0.0, 0.5, 0.999, 1.0, 7.0, -3.0, f64::NAN] {
                let spread = next_sync_delay(failures, jitter);
                assert!(spread <= plain);
                assert!(spread >= plain.mul_f64(0.8), "{failures} {jitter}");
            }
        }
    }
}
