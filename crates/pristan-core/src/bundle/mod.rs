//! Bundles (DESIGN.md §6, docs/bundle-format.md): signed, encrypted files of operations that
//! devices exchange by any means, and the import pipeline that checks every layer before applying
//! anything, in one transaction.

// The pipeline that calls the byte format's crate-private functions lands separately; until
// then only the tests use them.
#[allow(dead_code)]
mod age_layer;
#[allow(dead_code)]
mod envelope;
mod error;
pub mod format;
#[cfg(test)]
mod format_tests;
pub mod limits;
#[allow(dead_code)]
mod payload;

pub use age_layer::recipient_fingerprint;
pub use error::BundleError;
pub use format::{Blob, BundleHeader, BundleKind, Payload, SeqRange, FORMAT_VERSION};
pub use limits::Limits;
