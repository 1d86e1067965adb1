//! Whether a command has been running long enough that "this takes a few seconds" is no longer
//! true, so the page can say why and ask the person to wait.
//!
//! Opening a vault normally takes the key derivation's second or two, but the first opening after
//! an update may also upgrade the vault's tables (docs/benchmarks.md: about a minute for 1,000
//! cases and 50,000 notes). Without a word, a person would think the app had frozen and close it;
//! nothing is lost then (the upgrade is one transaction), but the next opening starts it again.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How long a command may run before the page says it is taking longer than usual.
pub const STILL_WORKING_AFTER_MS: u32 = 6_000;

/// True once `busy` has stayed true for [`STILL_WORKING_AFTER_MS`]; false again when it ends.
#[hook]
pub fn use_still_working(busy: bool) -> bool {
    let long = use_state(|| false);
    {
        let long = long.clone();
        use_effect_with(busy, move |busy| {
            long.set(false);
            let timer = busy.then(|| Timeout::new(STILL_WORKING_AFTER_MS, move || long.set(true)));
            move || drop(timer)
        });
    }
    busy && *long
}
