//! The case domain model. Its values live in `pristan-model`, shared with the shell and the UI.

pub use pristan_model::*;
