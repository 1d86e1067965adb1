//! Family status cards from the core (issue 14): a card carries only its whitelist, needs the
//! relative's consent in force at every issue and refresh, keeps its passphrase out of the
//! operation log, and goes with a forgotten case.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use pristan_core::casebook::{DraftNote, VisitDraft};
use pristan_core::cases::NewCase;
use pristan_core::domain::{
    Consent, ConsentPurpose, CustodyEvent, CustodyStatus, Evidence, Facility, LegalEvent,
    LegalEventKind, LongText, NoteKind, Outcome, Relative, Sensitivity, ShortText, Task, Visit,
    Whereabouts,
};
use pristan_core::family::{self, FamilyError, IssueRequest};
use pristan_core::ops::{EntityId, ForgetReason};
use pristan_core::{Error, KdfParams, Vault};
use pristan_family_card::{open, CardLanguage, CardMessage, WordList};
use secrecy::{ExposeSecret, SecretString};

/// Every value that must never reach a card starts with one of these, so one search of the
/// card's JSON finds a leak from any field.
const LATIN: &str = "QZXLEAK";
const CYRILLIC: &str = "ЩЖУТЕЧКА";

fn leak(n: &mut u32) -> String {
    *n += 1;
    format!("{LATIN}{n}")
}

fn leak_ru(n: &mut u32) -> String {
    *n += 1;
    format!("{CYRILLIC}{n}")
}

fn short(text: &str) -> ShortText {
    ShortText::new(text).unwrap()
}

fn long(text: &str) -> LongText {
    LongText::new(text).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn new_vault(tmp: &tempfile::TempDir) -> Vault {
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    Vault::create(&tmp.path().join("vault"), &passphrase, KdfParams::MINIMUM)
        .unwrap()
        .0
}

/// A case with every field and every kind of record filled, each with its own leak marker
/// except the whitelisted values. Returns the case and the relative who may receive cards.
fn full_case(vault: &mut Vault) -> (EntityId, EntityId) {
    let n = &mut 0;
    let facility = vault
        .add(Facility {
            name: short("Otay Mesa Detention Center"),
            operator: short(&leak(n)),
            address: short(&leak(n)),
            state: short("CA"),
            time_zone: Some(chrono_tz::America::Los_Angeles),
            visiting_rules: long("Сб и вс, 8:00–15:00, паспорт обязателен"),
        })
        .unwrap();
    let case = vault
        .add_case(NewCase {
            name: format!("Ivan {}", leak(n)),
            native_name: Some(format!("Иван {}", leak_ru(n))),
            a_number: Some("A-246-813-579".parse().unwrap()),
            date_of_birth: Some(day(1977, 7, 17)),
            nationality: Some(leak(n)),
            languages: Some(leak(n)),
            custody_status: Some(CustodyStatus::Detained),
            facility_id: Some(facility),
            share_with_coordinator: true,
        })
        .unwrap();
    let relative = vault
        .add(Relative {
            case_id: Some(case),
            name: short(&leak(n)),
            native_name: short(&leak_ru(n)),
            relation: short(&leak(n)),
            whereabouts: Whereabouts::InRussia,
            location: short(&leak_ru(n)),
            contact: short(&leak(n)),
            note: long(&leak(n)),
        })
        .unwrap();
    vault
        .add(Relative {
            case_id: Some(case),
            name: short(&leak(n)),
            note: long(&leak_ru(n)),
            ..Relative::default()
        })
        .unwrap();
    vault
        .add(Evidence {
            case_id: Some(case),
            summary: long(&leak_ru(n)),
            verified_by: short(&leak(n)),
            ..Evidence::default()
        })
        .unwrap();
    vault
        .add(Task {
            case_id: Some(case),
            title: short(&leak(n)),
            details: long(&leak(n)),
            assignee: short(&leak(n)),
            ..Task::default()
        })
        .unwrap();
    vault
        .add(CustodyEvent {
            case_id: Some(case),
            date: Some(day(2026, 9, 3)),
            facility_id: Some(facility),
            source: short(&leak(n)),
            note: long(&leak_ru(n)),
            ..CustodyEvent::default()
        })
        .unwrap();
    vault
        .add(LegalEvent {
            case_id: Some(case),
            kind: LegalEventKind::MasterHearing,
            date: Some(day(2027, 1, 12)),
            time: NaiveTime::from_hms_opt(8, 30, 0),
            time_zone: Some(chrono_tz::America::Los_Angeles),
            court: short(&leak(n)),
            judge: short(&leak(n)),
            source: short(&leak(n)),
            note: long(&leak_ru(n)),
            ..LegalEvent::default()
        })
        .unwrap();
    // A past hearing and a later one: neither is the next.
    for date in [day(2026, 10, 1), day(2027, 3, 1)] {
        vault
            .add(LegalEvent {
                case_id: Some(case),
                kind: LegalEventKind::IndividualHearing,
                date: Some(date),
                outcome: Outcome::Pending,
                ..LegalEvent::default()
            })
            .unwrap();
    }
    let document = leak(n);
    vault
        .add_attachment(
            case,
            &format!("{}.pdf", leak(n)),
            &leak(n),
            document.as_bytes(),
        )
        .unwrap();
    // A visit write-up with a normal and a restricted note, finished.
    let draft_id = EntityId::random();
    let draft = VisitDraft {
        case_id: Some(case),
        visit: Visit {
            case_id: Some(case),
            facility_id: Some(facility),
            date: Some(day(2026, 11, 28)),
            language: short(&leak(n)),
            interpreter: short(&leak(n)),
            visitors: short(&leak(n)),
            ..Visit::default()
        },
        notes: vec![
            DraftNote {
                kind: NoteKind::Welfare,
                sensitivity: Sensitivity::Normal,
                text: leak_ru(n),
            },
            DraftNote {
                kind: NoteKind::Family,
                sensitivity: Sensitivity::Restricted,
                text: leak_ru(n),
            },
        ],
    };
    vault.save_visit_draft(draft_id, &draft).unwrap();
    vault.finish_visit_draft(draft_id).unwrap();
    // A planned visit after today is not the last visit.
    vault
        .add(Visit {
            case_id: Some(case),
            date: Some(day(2026, 12, 5)),
            ..Visit::default()
        })
        .unwrap();
    give_consent(vault, case, relative);
    (case, relative)
}

fn give_consent(vault: &mut Vault, case: EntityId, relative: EntityId) -> EntityId {
    vault
        .add(Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::ShareWithRelative,
            recipient: short(&relative.to_string()),
            given_on: Some(day(2026, 11, 1)),
            note: short(&format!("{LATIN}consentnote")),
            ..Consent::default()
        })
        .unwrap()
}

fn request(case: EntityId, relative: EntityId) -> IssueRequest {
    IssueRequest {
        case,
        relative,
        language: CardLanguage::Ru,
        words: WordList::Russian,
        message: CardMessage::new("Держится, передаёт привет. Следующий визит в субботу.").unwrap(),
        whom_to_call: short("Pristan volunteers +1 555 0100"),
    }
}

#[test]
fn a_card_carries_only_the_whitelisted_values() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = new_vault(&tmp);
    let (case, relative) = full_case(&mut vault);
    // The checks below can fail: the case file does hold the leak markers.
    let whole = serde_json::to_string(&vault.case_file(case, now().date_naive()).unwrap()).unwrap();
    assert!(whole.contains(LATIN) && whole.contains(CYRILLIC));
    assert!(whole.contains("246813579") && whole.contains("1977-07-17"));

    let issued = family::issue(&vault, &request(case, relative), now()).unwrap();
    let passphrase = issued.passphrase.expose_secret();
    assert_eq!(passphrase.split(' ').count(), 7, "seven Russian words");
    let card = open(&issued.file.bytes, passphrase).unwrap();
    let json = serde_json::to_string(&card).unwrap();
    for forbidden in [
        LATIN,
        CYRILLIC,
        "246813579",
        "246-813-579",
        "1977-07-17",
        "Otay Mesa Detention Center, ",
    ] {
        assert!(
            !json.contains(forbidden),
            "{forbidden} reached the card: {json}"
        );
    }
    assert_eq!(card.first_name.as_str(), "Иван");
    assert_eq!(card.custody_status, CustodyStatus::Detained);
    let facility = card.facility.as_ref().unwrap();
    assert_eq!(facility.name.as_str(), "Otay Mesa Detention Center");
    assert_eq!(
        facility.visiting_info.as_str(),
        "Сб и вс, 8:00–15:00, паспорт обязателен"
    );
    assert_eq!(facility.time_zone, Some(chrono_tz::America::Los_Angeles));
    let hearing = card.next_hearing.as_ref().unwrap();
    assert_eq!(hearing.date, day(2027, 1, 12));
    assert_eq!(hearing.time, NaiveTime::from_hms_opt(8, 30, 0));
    assert_eq!(card.last_visit, Some(day(2026, 11, 28)));
    assert!(card.message.as_str().starts_with("Держится"));
    assert_eq!(card.whom_to_call.as_str(), "Pristan volunteers +1 555 0100");
    assert_eq!((card.issued_at, card.refreshed_at), (now(), now()));
    // The file's name says nothing of the person.
    assert!(issued.file.file_name.starts_with("pristan-card-"));
    assert!(!issued.file.file_name.contains(LATIN) && !issued.file.file_name.contains("Ivan"));
}

#[test]
fn no_card_without_consent_and_a_withdrawal_stops_the_next_refresh() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = new_vault(&tmp);
    let case = vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            ..NewCase::default()
        })
        .unwrap();
    let add_relative = |vault: &mut Vault, name: &str| {
        vault
            .add(Relative {
                case_id: Some(case),
                name: short(name),
                ..Relative::default()
            })
            .unwrap()
    };
    let mother = add_relative(&mut vault, "Olga Petrova");
    let brother = add_relative(&mut vault, "Pavel Petrov");

    let refused =
        |r: Result<_, Error>| matches!(r, Err(Error::Family(FamilyError::NoConsent { .. })));
    assert!(refused(
        family::issue(&vault, &request(case, mother), now()).map(|_| ())
    ));
    // Consent for the brother does not cover the mother; other purposes do not count.
    give_consent(&mut vault, case, brother);
    vault
        .add(Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::ShareWithAttorney,
            recipient: short("Olga Petrova"),
            given_on: Some(day(2026, 11, 1)),
            ..Consent::default()
        })
        .unwrap();
    assert!(refused(
        family::issue(&vault, &request(case, mother), now()).map(|_| ())
    ));
    // A relative of another case is not this case's.
    let other = vault
        .add_case(NewCase {
            name: "Someone Else".into(),
            ..NewCase::default()
        })
        .unwrap();
    assert!(matches!(
        family::issue(&vault, &request(other, mother), now()),
        Err(Error::Family(FamilyError::NoSuchRelative { .. }))
    ));

    // Consent naming her (by name, however typed) allows the card and its refresh.
    let consent = vault
        .add(Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::ShareWithRelative,
            recipient: short("olga  PETROVA"),
            given_on: Some(day(2026, 11, 20)),
            ..Consent::default()
        })
        .unwrap();
    let issued = family::issue(&vault, &request(case, mother), now()).unwrap();
    let later = now() + chrono::Duration::days(3);
    let refreshed = family::refresh(
        &vault,
        &issued.file.card_id,
        Some(CardMessage::new("Новости: перевели в другой блок.").unwrap()),
        later,
    )
    .unwrap();
    assert_eq!(refreshed.file_name, issued.file.file_name);
    // Same passphrase, new status.
    let card = open(&refreshed.bytes, issued.passphrase.expose_secret()).unwrap();
    assert_eq!((card.issued_at, card.refreshed_at), (now(), later));
    assert!(card.message.as_str().starts_with("Новости"));
    let listed = family::list(&vault, Some(case), later).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].relative_name.as_deref(), Some("Olga Petrova"));
    assert_eq!(listed[0].refreshed_at, later);
    assert!(listed[0].consent_in_force);

    // She withdraws: the next refresh is refused, and the list says why.
    let mut withdrawn = vault.get::<Consent>(consent).unwrap().unwrap().record;
    withdrawn.withdrawn_on = Some(day(2026, 12, 4));
    vault.update(consent, withdrawn).unwrap();
    let after = later + chrono::Duration::days(1);
    assert!(refused(
        family::refresh(&vault, &issued.file.card_id, None, after).map(|_| ())
    ));
    assert!(!family::list(&vault, Some(case), after).unwrap()[0].consent_in_force);
}

#[test]
fn a_revoked_card_forgets_its_passphrase_and_cannot_be_refreshed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = new_vault(&tmp);
    let (case, relative) = full_case(&mut vault);
    let hash_before = vault.state_hash().unwrap();
    let issued = family::issue(&vault, &request(case, relative), now()).unwrap();
    // Issuing is local state: no operation, so nothing of the card can travel in a bundle.
    assert_eq!(vault.state_hash().unwrap(), hash_before);
    family::revoke(&vault, &issued.file.card_id, now()).unwrap();
    assert!(matches!(
        family::refresh(&vault, &issued.file.card_id, None, now()),
        Err(Error::Family(FamilyError::Revoked { .. }))
    ));
    assert!(family::list(&vault, None, now()).unwrap()[0]
        .revoked_at
        .is_some());
    assert!(matches!(
        family::revoke(&vault, "0000000000000000", now()),
        Err(Error::Family(FamilyError::NoSuchCard { .. }))
    ));
}

#[test]
fn forgetting_a_case_removes_its_cards() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = new_vault(&tmp);
    let (case, relative) = full_case(&mut vault);
    let issued = family::issue(&vault, &request(case, relative), now()).unwrap();
    family::record_published(&vault, &issued.file.card_id, now()).unwrap();
    assert_eq!(family::list(&vault, None, now()).unwrap().len(), 1);
    let id = issued.file.card_id.clone();
    let standing = family::relay_standing(&vault, &id).unwrap();
    assert!(standing.code.is_some() && standing.published_at.is_some());
    vault
        .forget_case(case, ForgetReason::RequestedByPerson)
        .unwrap();
    assert!(family::list(&vault, None, now()).unwrap().is_empty());
    // Its code and relay times go with it.
    assert_eq!(
        family::relay_standing(&vault, &id).unwrap(),
        family::RelayStanding::default()
    );
}

#[test]
fn a_card_keeps_one_code_and_the_list_shows_where_it_stands_on_the_relay() {
    let tmp = tempfile::tempdir().unwrap();
    let mut vault = new_vault(&tmp);
    let (case, relative) = full_case(&mut vault);
    let hash_before = vault.state_hash().unwrap();
    let issued = family::issue(&vault, &request(case, relative), now()).unwrap();
    let id = issued.file.card_id.clone();
    // The code is kept: the same one for every refresh.
    assert_eq!(family::card_code(&vault, &id).unwrap(), issued.code);
    let listed = &family::list(&vault, None, now()).unwrap()[0];
    assert_eq!(listed.code.as_deref(), Some(issued.code.grouped().as_str()));
    assert_eq!(listed.published_at, None);
    assert_eq!(listed.withdrawn_at, None);
    family::refresh(&vault, &id, None, now()).unwrap();
    family::record_published(&vault, &id, now()).unwrap();
    assert_eq!(family::card_code(&vault, &id).unwrap(), issued.code);
    family::revoke(&vault, &id, now()).unwrap();
    family::record_withdrawn(&vault, &id, now()).unwrap();
    let listed = &family::list(&vault, None, now()).unwrap()[0];
    assert!(listed.published_at.is_some() && listed.withdrawn_at.is_some());
    // A revoked card keeps its code, so the relay can still be asked to withdraw it.
    assert_eq!(family::card_code(&vault, &id).unwrap(), issued.code);
    // Codes and relay times are local state: nothing of them travels in a bundle.
    assert_eq!(vault.state_hash().unwrap(), hash_before);
    // Two cards, two codes.
    let other = family::issue(&vault, &request(case, relative), now()).unwrap();
    assert_ne!(other.code, issued.code);
    assert!(family::card_code(&vault, "0000000000000000").is_err());
}
