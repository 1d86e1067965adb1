//! The case domain model: the people, events and identifiers a casebook records.

mod a_number;

pub use a_number::{ANumber, ANumberError};
