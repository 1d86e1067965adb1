//! Bundles (DESIGN.md §6, docs/bundle-format.md): signed, encrypted files of operations that
//! devices exchange by any means, and the import pipeline that checks every layer before applying
//! anything, in one transaction.

pub(crate) mod age_layer;
mod bytes;
pub(crate) mod case_packet;
#[cfg(test)]
mod clock_skew_tests;
pub(crate) mod envelope;
mod error;
pub(crate) mod export;
pub mod format;
#[cfg(test)]
mod format_tests;
mod import;
mod import_checks;
mod inbox;
pub mod limits;
pub(crate) mod payload;
mod quarantine;
#[cfg(test)]
mod quarantine_tests;
pub mod refusal;
#[doc(hidden)]
pub mod testing;

pub use age_layer::recipient_fingerprint;
pub use error::BundleError;
pub use export::{BatchLimits, BUNDLE_EXTENSION};
pub use format::{Blob, BundleHeader, Payload, FORMAT_VERSION};
pub use limits::Limits;
pub use pristan_model::sync::{
    BundleKind, ExportOutcome, ExportReport, FileOutcome, FileResult, ForkView, Gap, HeldOps,
    IdentityChangeReason, IdentityNotice, ImportCounts, ImportSummary, Progress, QuarantinedBundle,
    SeqRange, Stage,
};
pub use refusal::{refusal, OperationRule, Refusal};
