//! The body of the `family_card` fuzz target (`fuzz/fuzz_targets/family_card.rs`). It lives here,
//! in the crate that parses cards, so that the corpus checked in under `fuzz/corpus/family_card/`
//! and the crash vectors under `fuzz/regressions/family_card/` are replayed on stable by
//! `tests/fuzz_replay.rs`, through the same entry point the fuzzer drives. Not part of the API.
//!
//! The passphrase is fixed and public. Cards are opened with a work-factor ceiling of
//! [`FUZZ_MAX_WORK_FACTOR`] instead of [`crate::WORK_FACTOR`]: the same guard runs (a stanza
//! asking for more is refused before scrypt), but a mutated card costs microseconds instead of
//! the second and 256 MiB a real card's scrypt takes, so the fuzzer reaches the JSON behind it.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use pristan_model::family_card::{
    CardFacility, CardHearing, CardLanguage, CardMessage, CardVisitingInfo, FamilyCard,
    CARD_VERSION,
};
use pristan_model::{CustodyStatus, ShortText};

use crate::error::CardError;
use crate::passphrase::{normalise, CardPassphrase};
use crate::seal::{open_with_max_work_factor, parse, seal_with_work_factor};

/// The passphrase every fuzzing card is sealed with (public, used for nothing else).
pub const FUZZ_PASSPHRASE: &str = "fuzz card words only";
/// The work factor the fuzzer's cards may ask for; seeds are sealed at 2.
pub const FUZZ_MAX_WORK_FACTOR: u8 = 4;

/// A target's name and body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target whose body is in this crate.
pub const TARGETS: &[Target] = &[("family_card", family_card)];

/// A family card from outside. The first byte chooses what the rest is:
///
/// - 0: the card's JSON, as it is inside the encryption (version first, then the whitelist);
/// - 1: typed passphrase text: normalising it twice changes nothing (what a card prints is
///   what opens it);
/// - otherwise: a card file or pasted text, opened with [`FUZZ_PASSPHRASE`] and the work-factor
///   guard.
///
/// A card that opens must be of this version and must write out and read back the same.
pub fn family_card(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            if let Ok(card) = parse(rest) {
                round_trips(&card);
            }
        }
        1 => {
            let typed = String::from_utf8_lossy(rest);
            let once = normalise(&typed);
            assert_eq!(
                *normalise(&once),
                *once,
                "normalising twice changes nothing"
            );
        }
        _ => match open_with_max_work_factor(rest, FUZZ_PASSPHRASE, FUZZ_MAX_WORK_FACTOR) {
            Ok(card) => round_trips(&card),
            Err(CardError::TooMuchWork { required, allowed }) => {
                assert!(required > allowed && allowed == FUZZ_MAX_WORK_FACTOR);
            }
            Err(CardError::TooLarge { found }) => assert!(found > crate::MAX_CARD_BYTES),
            Err(_) => {}
        },
    }
}

fn round_trips(card: &FamilyCard) {
    assert_eq!(card.version, CARD_VERSION);
    let json = serde_json::to_vec(card).expect("a card serialises");
    let again = parse(&json).expect("a written card reads back");
    assert_eq!(&again, card);
}

/// Whether a card file input (mode byte included) opens to a card: the checked-in card seed
/// must, or the fuzzer would explore only the refusals in front of the JSON.
pub fn opens(data: &[u8]) -> bool {
    match data.split_first() {
        Some((&mode, rest)) if mode > 1 => {
            open_with_max_work_factor(rest, FUZZ_PASSPHRASE, FUZZ_MAX_WORK_FACTOR).is_ok()
        }
        _ => false,
    }
}

fn seed_card() -> FamilyCard {
    let at = Utc
        .with_ymd_and_hms(2026, 12, 1, 15, 0, 0)
        .single()
        .expect("a valid time");
    let text = |t: &str| ShortText::new(t).expect("a short text");
    FamilyCard {
        version: CARD_VERSION,
        language: CardLanguage::Ru,
        first_name: text("Иван"),
        custody_status: CustodyStatus::Detained,
        facility: Some(CardFacility {
            name: text("Otay Mesa Detention Center"),
            visiting_info: CardVisitingInfo::new("Сб и вс, 8:00–15:00").expect("short"),
            time_zone: Some(chrono_tz::America::Los_Angeles),
        }),
        next_hearing: Some(CardHearing {
            date: NaiveDate::from_ymd_opt(2027, 1, 12).expect("a date"),
            time: NaiveTime::from_hms_opt(8, 30, 0),
            time_zone: Some(chrono_tz::America::Los_Angeles),
        }),
        last_visit: NaiveDate::from_ymd_opt(2026, 11, 28),
        message: CardMessage::new("Держится хорошо, передаёт привет.").expect("short"),
        whom_to_call: text("+1 555 0100"),
        issued_at: at,
        refreshed_at: at,
    }
}

fn with_mode(mode: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![mode];
    out.extend_from_slice(bytes);
    out
}

/// Seed inputs made with the real writers: `(target, file name, bytes)`. The sealed ones are
/// encrypted afresh each time, so the replay test keeps the files checked in and only writes
/// missing ones (`PRISTAN_WRITE_FUZZ_SEEDS=1`).
pub fn seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let card = seed_card();
    let passphrase = CardPassphrase::from_typed(FUZZ_PASSPHRASE);
    let sealed = seal_with_work_factor(&card, &passphrase, 2).expect("a card seals");
    let heavy =
        seal_with_work_factor(&card, &passphrase, FUZZ_MAX_WORK_FACTOR + 1).expect("a card seals");
    let json = serde_json::to_vec(&card).expect("a card serialises");
    vec![
        ("family_card", "json", with_mode(0, &json)),
        (
            "family_card",
            "typed_passphrase",
            with_mode(1, "  Fuzz  CARD\u{a0}words ONLY ".as_bytes()),
        ),
        ("family_card", "sealed", with_mode(2, &sealed)),
        ("family_card", "too_much_work", with_mode(2, &heavy)),
    ]
}
