//! Pieces shared by the Sync, Devices and Conflicts screens: a fingerprint laid out to be read
//! aloud, a folder field with suggestions, the progress bar of an export or import, and what an
//! import or export did.

mod fingerprint;
mod folder_field;
mod progress;
mod results;

pub use fingerprint::Fingerprint;
pub use folder_field::FolderField;
pub use progress::SyncProgress;
pub use results::{size as size_text, ExportResult, ImportResults};
