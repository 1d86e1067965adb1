//! Pristan's core: everything a user can do, without a window.
//!
//! Architecture invariant: this crate knows nothing of Tauri, the webview or wasm. The desktop
//! shell and the `pristan` CLI are thin layers over it, and its tests drive it directly.

pub mod app_settings;
mod atomic_file;
pub mod backup;
pub mod board;
pub mod bundle;
mod case_facts;
pub mod casebook;
pub mod cases;
pub mod coordination;
pub mod deadlines;
pub mod domain;
pub mod error;
pub mod exports;
pub mod family;
#[doc(hidden)]
pub mod fuzzing;
pub mod memory;
pub mod ops;
pub mod org;
pub mod passphrase;
#[cfg(test)]
mod query_plan;
pub mod records;
pub mod relay_outbox;
pub mod sharing;
pub mod vault;

pub use error::Error;
pub use vault::{KdfParams, RecoveryCode, Vault, VaultSummary};
