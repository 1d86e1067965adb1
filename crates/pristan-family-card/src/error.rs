//! Why a card could not be opened or made. The interface shows each by its message id, in the
//! reader's language; the CLI prints the English `Display`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CardError {
    #[error("the card file is larger than any status card ({found} bytes): it is not a card")]
    TooLarge { found: usize },
    #[error("this file is not a Pristan status card: ask for the card again")]
    NotACard,
    #[error("this card is not opened with a passphrase: it was not made by Pristan")]
    NotForPassphrase,
    #[error("no passphrase was typed")]
    EmptyPassphrase,
    #[error("the passphrase does not open this card: check each word and try again")]
    WrongPassphrase,
    #[error(
        "this card asks for far more work to open than any status card (scrypt work factor \
         {required}, at most {allowed}); it was refused before any work"
    )]
    TooMuchWork { required: u8, allowed: u8 },
    #[error("the card is damaged (it may have been cut short or changed): ask for the card again")]
    Damaged,
    #[error("this card was made by a newer Pristan (card version {version}): update Pristan")]
    NewerVersion { version: u32 },
    #[error("the card could not be encrypted")]
    Encryption,
}

impl CardError {
    /// The interface's message for this error, such as `family-error-wrong-passphrase`.
    pub fn message_id(self) -> &'static str {
        match self {
            CardError::TooLarge { .. } | CardError::NotACard | CardError::NotForPassphrase => {
                "family-error-not-a-card"
            }
            CardError::EmptyPassphrase => "family-error-empty-passphrase",
            CardError::WrongPassphrase => "family-error-wrong-passphrase",
            CardError::TooMuchWork { .. } => "family-error-too-much-work",
            CardError::Damaged => "family-error-damaged",
            CardError::NewerVersion { .. } => "family-error-newer-version",
            CardError::Encryption => "family-error-damaged",
        }
    }
}
