//! The organisation and sync commands: `org`, `bundle`, `conflicts` and `forget`.

pub mod bundle_commands;
pub mod export_public;
pub mod identity;
pub mod org_commands;
mod progress;
pub mod review_commands;
