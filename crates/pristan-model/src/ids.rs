//! Identifiers that travel in operation logs: devices, records, and per-device sequence numbers.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why the text form of a [`DeviceId`] or [`EntityId`] could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdParseError {
    #[error("invalid {kind}: expected 32 lowercase hex digits, found {found} characters")]
    WrongLength { kind: &'static str, found: usize },

    #[error(
        "invalid {kind}: character {position} is {character:?}, but ids are written in lowercase \
         hex digits (0-9, a-f)"
    )]
    NotLowercaseHex {
        kind: &'static str,
        position: usize,
        character: char,
    },
}

/// Defines a random 16-byte id whose only text form is 32 lowercase hex digits.
///
/// Parsing rejects uppercase rather than normalising it: ids are stored and joined on as SQLite
/// TEXT, so two spellings of one id must never both exist.
macro_rules! random_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name([u8; 16]);

        impl $name {
            /// A fresh id from the thread RNG, which is seeded from the operating system: 128
            /// random bits, so ids made offline on different devices do not collide in practice.
            #[cfg(feature = "random")]
            pub fn random() -> $name {
                use rand::RngCore;
                let mut bytes = [0u8; 16];
                rand::rng().fill_bytes(&mut bytes);
                $name(bytes)
            }

            pub const fn from_bytes(bytes: [u8; 16]) -> $name {
                $name(bytes)
            }

            pub const fn as_bytes(&self) -> &[u8; 16] {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&hex::encode(self.0))
            }
        }

        // The hex form is what people compare in logs and bug reports, so Debug shows it too.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl FromStr for $name {
            type Err = IdParseError;

            fn from_str(text: &str) -> Result<$name, IdParseError> {
                parse_lowercase_hex_16(text, $kind).map($name)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(D::Error::custom)
            }
        }
    };
}

random_id!(
    /// A device (one installation of Pristan on one laptop). It breaks ties between operations
    /// with equal clock timestamps, so its byte order is part of the merge rule.
    DeviceId,
    "device id"
);

random_id!(
    /// Any record an operation touches: a case, a note, a visit. Random rather than sequential so
    /// devices can create records offline without coordinating.
    EntityId,
    "entity id"
);

random_id!(
    /// An organisation: the coordinators and volunteers who exchange bundles. Bound into every
    /// bundle header so a bundle cannot be replayed into another organisation.
    OrgId,
    "organisation id"
);

/// Reads exactly 32 lowercase hex digits into 16 bytes.
fn parse_lowercase_hex_16(text: &str, kind: &'static str) -> Result<[u8; 16], IdParseError> {
    // Ids are read for every row of every list (the dashboard reads thousands): the bytes are
    // decoded directly, and only a malformed id is walked again by character for its message.
    let digits = text.as_bytes();
    if digits.len() == 32 {
        let mut bytes = [0u8; 16];
        let mut valid = true;
        for (byte, pair) in bytes.iter_mut().zip(digits.chunks_exact(2)) {
            match (hex_digit(pair[0]), hex_digit(pair[1])) {
                (Some(high), Some(low)) => *byte = high << 4 | low,
                _ => valid = false,
            }
        }
        if valid {
            return Ok(bytes);
        }
    }
    Err(describe_bad_id(text, kind))
}

fn hex_digit(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

/// What is wrong with `text`, which is not 32 lowercase hex digits.
fn describe_bad_id(text: &str, kind: &'static str) -> IdParseError {
    // Count characters, not bytes, so the message matches what the person sees.
    let found = text.chars().count();
    if found != 32 {
        return IdParseError::WrongLength { kind, found };
    }
    // 32 characters all lowercase hex would be 32 bytes, and valid: one of them is not.
    match text
        .chars()
        .enumerate()
        .find(|&(_, c)| !matches!(c, '0'..='9' | 'a'..='f'))
    {
        Some((position, character)) => IdParseError::NotLowercaseHex {
            kind,
            position,
            character,
        },
        None => IdParseError::WrongLength { kind, found },
    }
}

/// The position of an operation in its device's log: 1 for the first, then strictly increasing
/// by one, so a gap in what another device has received is visible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Seq(u64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeqError {
    #[error("operation sequence numbers start at 1, but 0 was given")]
    Zero,

    #[error("this device has used every operation sequence number; it cannot record more changes")]
    Exhausted,

    #[error("an operation sequence number is a whole number from 1, but {text:?} was given")]
    NotANumber { text: String },
}

impl Seq {
    pub const FIRST: Seq = Seq(1);

    pub const fn new(value: u64) -> Result<Seq, SeqError> {
        if value == 0 {
            Err(SeqError::Zero)
        } else {
            Ok(Seq(value))
        }
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    /// The sequence number of the device's next operation.
    pub fn next(self) -> Result<Seq, SeqError> {
        self.0.checked_add(1).map(Seq).ok_or(SeqError::Exhausted)
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Seq {
    type Err = SeqError;

    fn from_str(text: &str) -> Result<Seq, SeqError> {
        let value = text.parse::<u64>().map_err(|_| SeqError::NotANumber {
            text: text.to_owned(),
        })?;
        Seq::new(value)
    }
}

// Deserialised by hand so that a 0 in a bundle is refused at the boundary, like any other
// malformed input, instead of becoming a `Seq` that breaks the "starts at 1" rule.
impl<'de> Deserialize<'de> for Seq {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Seq, D::Error> {
        Seq::new(u64::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests;
