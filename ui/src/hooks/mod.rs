//! Hooks shared by pages: passphrase rating, countdowns, focus, watching the session, and
//! querying the vault.

mod countdown;
mod focus;
mod query;
mod session;
mod strength;

pub use countdown::use_countdown;
pub use focus::{focus_after_render, focus_by_id, use_focus_on_mount};
pub use query::{use_query, vault_call};
pub use session::{lock_now, use_session_watch, vault_was_locked};
pub use strength::{use_passphrase_strength, StrengthCheck};
