//! Every record of a case other than the case row itself: visits, notes, events, tasks, consents,
//! relatives, evidence, facilities and attachments.
//!
//! They share one materialised table, `records`, holding each record's fields as a JSON object.
//! The Rust types in `pristan-model` are the schema: every field an operation writes is checked by
//! deserialising it into its type before it is stored, so a received operation cannot store a
//! value the type could not hold. Mutable records merge per field (last writer wins by
//! `(hlc, device)`, as cases do); immutable ones (notes, events, attachments) are created whole
//! by a `Change::Record` and merge as a set.

mod kinds;
mod store;

pub use kinds::RecordType;
pub(crate) use store::{
    checked_field, keeps_field, list_for_case, list_of_type, load, materialise,
};

#[cfg(test)]
mod properties;
