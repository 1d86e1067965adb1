//! Hooks shared by pages: passphrase rating, countdowns, focus, watching the session, querying
//! the vault, running a long sync job with its progress, and noticing a slow command.

mod countdown;
mod focus;
mod query;
mod session;
mod still_working;
mod strength;
mod sync_job;

pub use countdown::use_countdown;
pub use focus::{focus_after_render, focus_by_id, scroll_after_render, use_focus_on_mount};
pub use query::{use_query, vault_call};
pub use session::{lock_now, use_session_watch, vault_was_locked};
pub use still_working::use_still_working;
pub use strength::{use_passphrase_strength, StrengthCheck};
pub use sync_job::{use_sync_job, SyncJob};
