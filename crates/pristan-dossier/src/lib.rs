//! Referral dossiers (docs/dossier.md): [`compose`] is the pure function from a case file, its
//! referral and the coordinator's choices to a [`Dossier`]; [`typeset`] turns that into a PDF with
//! typst, in memory, with the fonts and the template compiled into the program.
//!
//! [`referral_pdf`] is what the CLI and the shell call: it takes only a referral that passed the
//! core's consent gate.
//!
//! This crate is heavy (typst): it is a dependency of the CLI and the shell only, never of the
//! core, the model, the IPC types or the UI.

#![forbid(unsafe_code)]

mod compose;
mod export;
pub mod model;
#[cfg(feature = "sample")]
pub mod sample;
mod typeset;
mod world;

pub use compose::{compose, Choices, ComposeError, DossierInput};
pub use export::{
    choose_referral, export_dossier, referral_pdf, DossierError, DossierRequest, DossierSaved,
};
pub use model::Dossier;
pub use typeset::{typeset, TypesetError, REPLACEMENT};
