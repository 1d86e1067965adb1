//! Hooks shared by pages: passphrase rating, countdowns, focus, watching the session, querying
//! the vault, and running a long sync job with its progress.

mod countdown;
mod focus;
mod query;
mod session;
mod strength;
mod sync_job;

pub use countdown::use_countdown;
pub use focus::{focus_after_render, focus_by_id, scroll_after_render, use_focus_on_mount};
pub use query::{use_query, vault_call};
pub use session::{lock_now, use_session_watch, vault_was_locked};
pub use strength::{use_passphrase_strength, StrengthCheck};
pub use sync_job::{use_sync_job, SyncJob};
