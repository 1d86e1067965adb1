//! The organisation and sync commands: `org`, `bundle`, `conflicts` and `forget`.

pub mod bundle_commands;
pub mod org_commands;
pub mod identity;
mod progress;
pub mod review_commands;
