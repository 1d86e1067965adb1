//! Worked examples and properties for the id text forms and sequence numbers.

use proptest::prelude::*;

use super::*;

const SAMPLE: &str = "00112233445566778899aabbccddeeff";

#[test]
fn device_id_text_form_is_32_lowercase_hex_digits() {
    let id = DeviceId::from_bytes([
        0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee,
        0xff,
    ]);
    assert_eq!(id.to_string(), SAMPLE);
    assert_eq!(SAMPLE.parse::<DeviceId>(), Ok(id));
    assert_eq!(format!("{id:?}"), format!("DeviceId({SAMPLE})"));
}

#[test]
fn ids_serialise_as_their_text_form() {
    let id: EntityId = SAMPLE.parse().expect("sample is a valid id");
    let json = serde_json::to_string(&id).expect("an id serialises");
    assert_eq!(json, format!("\"{SAMPLE}\""));
    let back: EntityId = serde_json::from_str(&json).expect("its own output parses");
    assert_eq!(back, id);
}

#[test]
fn malformed_ids_are_refused_with_what_is_wrong() {
    // One table: text, expected error.
    let cases = [
        (
            "",
            IdParseError::WrongLength {
                kind: "device id",
                found: 0,
            },
        ),
        (
            &SAMPLE[1..],
            IdParseError::WrongLength {
                kind: "device id",
                found: 31,
            },
        ),
        (
            "00112233445566778899AABBCCDDEEFF",
            IdParseError::NotLowercaseHex {
                kind: "device id",
                position: 20,
                character: 'A',
            },
        ),
        (
            "0011223344556677889g aabbccddeef",
            IdParseError::NotLowercaseHex {
                kind: "device id",
                position: 19,
                character: 'g',
            },
        ),
        (
            // 32 characters but more than 32 bytes: the length is counted as the person sees it.
            "é0112233445566778899aabbccddeeff",
            IdParseError::NotLowercaseHex {
                kind: "device id",
                position: 0,
                character: 'é',
            },
        ),
        (
            // 31 characters in 32 bytes: still the length the person sees.
            "é112233445566778899aabbccddeeff",
            IdParseError::WrongLength {
                kind: "device id",
                found: 31,
            },
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(text.parse::<DeviceId>(), Err(expected), "parsing {text:?}");
    }
    let message = "0".repeat(31).parse::<EntityId>().unwrap_err().to_string();
    assert_eq!(
        message,
        "invalid entity id: expected 32 lowercase hex digits, found 31 characters"
    );
}

#[test]
fn a_malformed_id_in_json_is_a_deserialisation_error() {
    let result = serde_json::from_str::<DeviceId>("\"not-an-id\"");
    assert!(result.is_err());
}

#[cfg(feature = "random")]
#[test]
fn random_ids_differ() {
    assert_ne!(DeviceId::random(), DeviceId::random());
    assert_ne!(EntityId::random(), EntityId::random());
}

#[test]
fn seq_starts_at_one_and_refuses_zero() {
    assert_eq!(Seq::FIRST.get(), 1);
    assert_eq!(Seq::new(0), Err(SeqError::Zero));
    assert_eq!("0".parse::<Seq>(), Err(SeqError::Zero));
    assert!(serde_json::from_str::<Seq>("0").is_err());
    assert_eq!(serde_json::from_str::<Seq>("7").ok(), Seq::new(7).ok());
    assert_eq!(
        "-1".parse::<Seq>(),
        Err(SeqError::NotANumber {
            text: "-1".to_owned()
        })
    );
}

#[test]
fn seq_next_is_one_more_and_overflow_is_an_error() {
    assert_eq!(Seq::FIRST.next(), Seq::new(2));
    let last = Seq::new(u64::MAX).expect("u64::MAX is not zero");
    assert_eq!(last.next(), Err(SeqError::Exhausted));
}

proptest! {
    #[test]
    fn id_text_form_round_trips_and_sorts_like_the_bytes(
        a in any::<[u8; 16]>(),
        b in any::<[u8; 16]>(),
    ) {
        let (a, b) = (DeviceId::from_bytes(a), DeviceId::from_bytes(b));
        prop_assert_eq!(a.to_string().parse::<DeviceId>(), Ok(a));
        prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
    }

    #[test]
    fn an_id_parses_exactly_when_every_character_is_a_lowercase_hex_digit(
        text in "[0-9a-fA-Fgé ]{30,33}",
    ) {
        let characters: Vec<char> = text.chars().collect();
        let first_bad = characters
            .iter()
            .position(|c| !matches!(c, '0'..='9' | 'a'..='f'));
        let expected = match (characters.len(), first_bad) {
            (32, None) => {
                let mut bytes = [0u8; 16];
                for (i, c) in characters.iter().enumerate() {
                    let nibble = c.to_digit(16).unwrap() as u8;
                    bytes[i / 2] |= if i % 2 == 0 { nibble << 4 } else { nibble };
                }
                Ok(EntityId::from_bytes(bytes))
            }
            (32, Some(position)) => Err(IdParseError::NotLowercaseHex {
                kind: "entity id",
                position,
                character: characters[position],
            }),
            (found, _) => Err(IdParseError::WrongLength {
                kind: "entity id",
                found,
            }),
        };
        prop_assert_eq!(text.parse::<EntityId>(), expected);
    }
}
