//! Bundles (DESIGN.md §6, docs/bundle-format.md): signed, encrypted files of operations that
//! devices exchange by any means, and the import pipeline that checks every layer before applying
//! anything, in one transaction.

mod error;
pub mod format;

pub use error::BundleError;
pub use format::{Blob, BundleHeader, Payload, FORMAT_VERSION};
pub use pristan_model::sync::{
    BundleKind, ExportOutcome, ExportReport, FileOutcome, FileResult, Gap, ImportCounts,
    ImportSummary, Progress, QuarantinedBundle, SeqRange, Stage,
};
