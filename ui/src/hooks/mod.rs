//! Hooks shared by pages: passphrase rating, countdowns, focus, and watching the session.

mod countdown;
mod focus;
mod session;
mod strength;

pub use countdown::use_countdown;
pub use focus::use_focus_on_mount;
pub use session::{lock_now, use_session_watch, vault_was_locked};
pub use strength::{use_passphrase_strength, StrengthCheck};
