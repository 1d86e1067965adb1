//! The card file: a standard age file, ASCII-armoured, encrypted to a passphrase with scrypt at a
//! fixed work factor, holding the card's JSON.
//!
//! Opening checks, in order, before doing any expensive work: the size, that it is an age file,
//! that its only stanza is scrypt, and that the stanza's work factor is at most [`WORK_FACTOR`]
//! (age refuses a larger one before running scrypt). Only then is the passphrase tried.

use std::io::{BufReader, Read, Write};

use age::armor::{ArmoredReader, ArmoredWriter, Format};
use age::DecryptError;
use pristan_model::family_card::{FamilyCard, CARD_VERSION};
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::CardError;
use crate::passphrase::CardPassphrase;

/// scrypt's work factor, log2(N): 2^18 needs 256 MiB and about a second on an old library PC.
/// Fixed, never calibrated to the (fast) machine that issues the card.
pub const WORK_FACTOR: u8 = 18;

/// The largest card file accepted. A real card is a few kilobytes.
pub const MAX_CARD_BYTES: usize = 64 * 1024;

/// The largest decrypted JSON accepted.
pub const MAX_PLAINTEXT_BYTES: usize = 32 * 1024;

/// Encrypts `card` to `passphrase`. The result is the card file's bytes (ASCII armour).
pub fn seal(card: &FamilyCard, passphrase: &CardPassphrase) -> Result<Vec<u8>, CardError> {
    if passphrase.is_empty() {
        return Err(CardError::EmptyPassphrase);
    }
    seal_with_work_factor(card, passphrase, WORK_FACTOR)
}

/// [`seal`] with another work factor: only tests make hostile cards with it.
#[doc(hidden)]
pub fn seal_with_work_factor(
    card: &FamilyCard,
    passphrase: &CardPassphrase,
    work_factor: u8,
) -> Result<Vec<u8>, CardError> {
    let json = Zeroizing::new(serde_json::to_vec(card).map_err(|_| CardError::Encryption)?);
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret());
    recipient.set_work_factor(work_factor);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| CardError::Encryption)?;
    let mut out = Vec::new();
    let armored = ArmoredWriter::wrap_output(&mut out, Format::AsciiArmor)
        .map_err(|_| CardError::Encryption)?;
    let mut writer = encryptor
        .wrap_output(armored)
        .map_err(|_| CardError::Encryption)?;
    writer.write_all(&json).map_err(|_| CardError::Encryption)?;
    writer
        .finish()
        .and_then(|armor| armor.finish())
        .map_err(|_| CardError::Encryption)?;
    Ok(out)
}

/// Opens a card file (or pasted text) with what the person typed. Never panics on any input;
/// a hostile card is refused before scrypt runs.
pub fn open(bytes: &[u8], typed: &str) -> Result<FamilyCard, CardError> {
    open_with_max_work_factor(bytes, typed, WORK_FACTOR)
}

/// [`open`] with a lower ceiling on the work factor: the fuzz target uses it so that a mutated
/// card costs microseconds, not a second of scrypt, while the same guard is exercised.
#[doc(hidden)]
pub fn open_with_max_work_factor(
    bytes: &[u8],
    typed: &str,
    max_work_factor: u8,
) -> Result<FamilyCard, CardError> {
    if bytes.len() > MAX_CARD_BYTES {
        return Err(CardError::TooLarge { found: bytes.len() });
    }
    let passphrase = CardPassphrase::from_typed(typed);
    if passphrase.is_empty() {
        return Err(CardError::EmptyPassphrase);
    }
    // Pasted text often comes with spaces or blank lines around it.
    let bytes = bytes.trim_ascii();
    let reader = ArmoredReader::new(BufReader::new(bytes));
    let decryptor = age::Decryptor::new(reader).map_err(|_| CardError::NotACard)?;
    if !decryptor.is_scrypt() {
        return Err(CardError::NotForPassphrase);
    }
    let mut identity = age::scrypt::Identity::new(passphrase.secret());
    identity.set_max_work_factor(max_work_factor.min(WORK_FACTOR));
    let stream = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|error| match error {
            DecryptError::ExcessiveWork { required, .. } => CardError::TooMuchWork {
                required,
                allowed: max_work_factor.min(WORK_FACTOR),
            },
            DecryptError::DecryptionFailed
            | DecryptError::KeyDecryptionFailed
            | DecryptError::NoMatchingKeys => CardError::WrongPassphrase,
            _ => CardError::Damaged,
        })?;
    let mut json = Zeroizing::new(Vec::new());
    stream
        .take(MAX_PLAINTEXT_BYTES as u64 + 1)
        .read_to_end(&mut json)
        .map_err(|_| CardError::Damaged)?;
    if json.len() > MAX_PLAINTEXT_BYTES {
        return Err(CardError::Damaged);
    }
    parse(&json)
}

/// The card's JSON, whose version is checked first so a newer card says so plainly.
pub(crate) fn parse(json: &[u8]) -> Result<FamilyCard, CardError> {
    #[derive(Deserialize)]
    struct Versioned {
        version: u32,
    }
    let version = serde_json::from_slice::<Versioned>(json)
        .map_err(|_| CardError::Damaged)?
        .version;
    if version > CARD_VERSION {
        return Err(CardError::NewerVersion { version });
    }
    if version != CARD_VERSION {
        return Err(CardError::Damaged);
    }
    serde_json::from_slice(json).map_err(|_| CardError::Damaged)
}
