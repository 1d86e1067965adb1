//! The card file: sealed and opened with the passphrase however it is typed; wrong, damaged,
//! foreign, oversized and hostile cards each get their own plain error, and a hostile work factor
//! is refused before scrypt runs.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use pristan_family_card::seal::seal_with_work_factor;
use pristan_family_card::{
    open, seal, CardError, CardFacility, CardHearing, CardLanguage, CardMessage, CardPassphrase,
    FamilyCard, WordList, CARD_VERSION, MAX_CARD_BYTES,
};
use pristan_model::family_card::CardVisitingInfo;
use pristan_model::{CustodyStatus, ShortText};

fn card() -> FamilyCard {
    let at = Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap();
    FamilyCard {
        version: CARD_VERSION,
        language: CardLanguage::Ru,
        first_name: ShortText::new("Иван").unwrap(),
        custody_status: CustodyStatus::Detained,
        facility: Some(CardFacility {
            name: ShortText::new("Otay Mesa Detention Center").unwrap(),
            visiting_info: CardVisitingInfo::new("Сб и вс, 8:00–15:00").unwrap(),
            time_zone: Some(chrono_tz::America::Los_Angeles),
        }),
        next_hearing: Some(CardHearing {
            date: NaiveDate::from_ymd_opt(2027, 1, 12).unwrap(),
            time: NaiveTime::from_hms_opt(8, 30, 0),
            time_zone: Some(chrono_tz::America::Los_Angeles),
        }),
        last_visit: NaiveDate::from_ymd_opt(2026, 11, 28),
        message: CardMessage::new("Держится хорошо, передаёт привет.").unwrap(),
        whom_to_call: ShortText::new("+1 555 0100").unwrap(),
        issued_at: at,
        refreshed_at: at,
    }
}

#[test]
fn a_sealed_card_opens_with_its_passphrase_however_it_is_typed() {
    let passphrase = CardPassphrase::generate(WordList::Russian);
    let file = seal(&card(), &passphrase).unwrap();
    assert!(file.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(file.len() < 4096, "a card is small: {} bytes", file.len());
    let shouted = format!(
        "  {}  ",
        passphrase.expose().to_uppercase().replace(' ', "   ")
    );
    assert_eq!(open(&file, &shouted).unwrap(), card());
    // Pasted from an e-mail, with blank lines around it.
    let mut pasted = b"\n\n".to_vec();
    pasted.extend_from_slice(&file);
    pasted.extend_from_slice(b"\n  \n");
    assert_eq!(open(&pasted, passphrase.expose()).unwrap(), card());
}

#[test]
fn a_wrong_passphrase_is_told_apart_from_a_damaged_card() {
    let passphrase = CardPassphrase::from_typed("лампа кот дом");
    let file = seal(&card(), &passphrase).unwrap();
    assert_eq!(
        open(&file, "лампа кот дым"),
        Err(CardError::WrongPassphrase)
    );
    assert_eq!(open(&file, "   "), Err(CardError::EmptyPassphrase));

    // The last armoured line cut off: a damaged card, not a wrong passphrase.
    let text = String::from_utf8(file.clone()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.remove(lines.len() - 2);
    let cut = lines.join("\n");
    let err = open(cut.as_bytes(), "лампа кот дом").unwrap_err();
    assert!(
        matches!(err, CardError::Damaged | CardError::NotACard),
        "{err:?}"
    );
}

#[test]
fn foreign_and_oversized_files_are_refused_without_work() {
    assert_eq!(open(b"hello", "a b c"), Err(CardError::NotACard));
    assert_eq!(open(b"", "a b c"), Err(CardError::NotACard));
    let big = vec![b'a'; MAX_CARD_BYTES + 1];
    assert_eq!(
        open(&big, "a b c"),
        Err(CardError::TooLarge {
            found: MAX_CARD_BYTES + 1
        })
    );
    // An age file for a key, not a passphrase.
    let key = age::x25519::Identity::generate();
    let recipient = key.to_public();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    std::io::Write::write_all(&mut w, b"{}").unwrap();
    w.finish().unwrap();
    assert_eq!(open(&out, "a b c"), Err(CardError::NotForPassphrase));
}

/// The work factor is read from the header and refused before scrypt runs: a card claiming 2^40
/// (terabytes of memory) is answered at once. The header's MAC no longer matches after the edit,
/// but age checks the work factor first, which is what makes the refusal free.
#[test]
fn a_hostile_work_factor_is_refused_before_any_work() {
    let passphrase = CardPassphrase::from_typed("лампа кот дом");
    let file = seal_with_work_factor(&card(), &passphrase, 10).unwrap();
    let binary = dearmor(&file);
    let header_end = binary.windows(4).position(|w| w == b"\n---").unwrap();
    let header = String::from_utf8(binary[..header_end].to_vec()).unwrap();
    let hostile_header = header.replace(" 10\n", " 40\n");
    assert_ne!(header, hostile_header);
    let mut hostile = hostile_header.into_bytes();
    hostile.extend_from_slice(&binary[header_end..]);
    assert_eq!(
        open(&hostile, "лампа кот дом"),
        Err(CardError::TooMuchWork {
            required: 40,
            allowed: 18
        })
    );
    // And one honestly sealed at 19 (twice the memory of a card) is refused too.
    let heavy = seal_with_work_factor(&card(), &passphrase, 19).unwrap();
    assert_eq!(
        open(&heavy, "лампа кот дом"),
        Err(CardError::TooMuchWork {
            required: 19,
            allowed: 18
        })
    );
}

#[test]
fn a_newer_or_forged_card_inside_valid_encryption_is_refused() {
    let passphrase = CardPassphrase::from_typed("лампа кот дом");
    let mut json = serde_json::to_value(card()).unwrap();
    json["version"] = 2.into();
    assert_eq!(
        open(&seal_json(&json, &passphrase), "лампа кот дом"),
        Err(CardError::NewerVersion { version: 2 })
    );
    let mut forged = serde_json::to_value(card()).unwrap();
    forged["a_number"] = "A123456789".into();
    assert_eq!(
        open(&seal_json(&forged, &passphrase), "лампа кот дом"),
        Err(CardError::Damaged)
    );
}

fn seal_json(json: &serde_json::Value, passphrase: &CardPassphrase) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.expose().to_owned().into());
    recipient.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut w = encryptor.wrap_output(&mut out).unwrap();
    std::io::Write::write_all(&mut w, json.to_string().as_bytes()).unwrap();
    w.finish().unwrap();
    out
}

fn dearmor(file: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(
        &mut age::armor::ArmoredReader::new(std::io::BufReader::new(file)),
        &mut out,
    )
    .unwrap();
    out
}
