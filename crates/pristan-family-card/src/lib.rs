//! Family status cards (issue 14, docs/family-card.md): what a relative reads on a shared
//! computer, encrypted to a passphrase of whole words.
//!
//! This crate holds the card's file format (`seal`), its passphrases (`passphrase`, with the
//! word lists of `assets/wordlists`) and the pure function that builds a card from a case file
//! (`from_case`). It links no vault code: the family window and `pristan family-card open` use
//! it without ever touching SQLCipher. The card's contents are the model's
//! [`pristan_model::family_card::FamilyCard`], whose type is the whitelist.

pub mod error;
pub mod from_case;
#[doc(hidden)]
pub mod fuzzing;
pub mod passphrase;
pub mod seal;

pub use error::CardError;
pub use from_case::{card_from_case, CardInputs};
pub use passphrase::{normalise, CardPassphrase, WordList};
pub use pristan_model::family_card::{
    CardFacility, CardHearing, CardLanguage, CardMessage, FamilyCard, CARD_VERSION,
};
pub use seal::{open, seal, MAX_CARD_BYTES, WORK_FACTOR};
