//! A countdown in whole seconds, for the wait after too many wrong attempts.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// How often the remaining time is re-read; short enough that the shown second is never late.
const TICK_MS: u32 = 250;

pub struct Countdown {
    /// Whole seconds left, rounded up; 0 when no wait is running.
    pub remaining_secs: u64,
    /// Starts (or restarts) the wait for this many seconds.
    pub start: Callback<u64>,
}

/// The deadline is kept as a wall-clock time, so a throttled timer never makes the wait drift.
#[hook]
pub fn use_countdown(initial_secs: u64) -> Countdown {
    let deadline = use_state(|| deadline_after(initial_secs));
    let force_update = use_force_update();
    {
        let deadline_handle = deadline.clone();
        use_effect_with(*deadline, move |deadline| {
            let ticker = deadline.map(|end| {
                Interval::new(TICK_MS, move || {
                    if js_sys::Date::now() >= end {
                        deadline_handle.set(None);
                    } else {
                        force_update.force_update();
                    }
                })
            });
            move || drop(ticker)
        });
    }
    let remaining_secs = deadline.map_or(0, |end| {
        let left_ms = (end - js_sys::Date::now()).max(0.0);
        (left_ms / 1000.0).ceil() as u64
    });
    let start = {
        let deadline = deadline.clone();
        Callback::from(move |secs: u64| deadline.set(deadline_after(secs)))
    };
    Countdown {
        remaining_secs,
        start,
    }
}

fn deadline_after(secs: u64) -> Option<f64> {
    (secs > 0).then(|| js_sys::Date::now() + secs as f64 * 1000.0)
}
