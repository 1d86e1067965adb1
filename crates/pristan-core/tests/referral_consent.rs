//! The referral consent gate (issue 13): nothing about a referral leaves the vault (a dossier, a
//! CSV row) without the person's consent to a government referral naming that recipient, in
//! force today; a withdrawal stops the next export; the refusal names what is missing.

mod coordination_support;

use chrono::NaiveDate;
use coordination_support::device;
use pristan_core::coordination::referrals::{
    mark_referral, update_referral, withdraw_consent, ReferralUpdate,
};
use pristan_core::coordination::{referral_for_export, referrals_for_export};
use pristan_core::domain::{
    Consent, ConsentMethod, ConsentPurpose, ReferralPriority, ReferralRefusal, ShortText,
    BUILT_IN_PATHWAYS,
};
use pristan_core::ops::EntityId;
use pristan_core::{Error, Vault};

const CANADA: &str = "Government of Canada (IRCC)";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn consent(
    vault: &mut Vault,
    case: EntityId,
    purpose: ConsentPurpose,
    recipient: &str,
    given: &str,
) -> EntityId {
    vault
        .add(Consent {
            case_id: Some(case),
            purpose,
            recipient: ShortText::new(recipient).unwrap(),
            given_on: Some(day(given)),
            withdrawn_on: None,
            method: ConsentMethod::Written,
            note: ShortText::default(),
        })
        .unwrap()
}

fn refusal(vault: &Vault, referral: EntityId, today: &str) -> Option<ReferralRefusal> {
    match referral_for_export(vault, referral, day(today)) {
        Ok(export) => {
            assert_eq!(export.referral.id, referral);
            None
        }
        Err(Error::ReferralRefused(refusal)) => Some(refusal),
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn a_referral_leaves_only_with_consent_naming_its_recipient() {
    let mut d = device("Office laptop");
    let case = d.add_case("Ivan Petrov");
    let other = d.add_case("Pavel Sidorov");
    let third = d.add_case("Oleg Smirnov");
    let pathway = BUILT_IN_PATHWAYS[0].id;
    let referral = mark_referral(
        &mut d.vault,
        case,
        pathway,
        ReferralPriority::Urgent,
        day("2026-11-01"),
    )
    .unwrap();
    let other_referral = mark_referral(
        &mut d.vault,
        other,
        pathway,
        ReferralPriority::Normal,
        day("2026-11-01"),
    )
    .unwrap();
    let third_referral = mark_referral(
        &mut d.vault,
        third,
        pathway,
        ReferralPriority::Emergency,
        day("2026-11-01"),
    )
    .unwrap();
    let v = &mut d.vault;
    // The pathway's recipient is the referral's.
    let no_consent = Some(ReferralRefusal::NoConsent {
        recipient: CANADA.into(),
    });
    assert_eq!(refusal(v, referral, "2026-12-02"), no_consent);
    let words = no_consent.clone().unwrap().to_string();
    assert!(
        words.contains(CANADA) && words.contains("government_referral"),
        "{words}"
    );

    // Consent for another purpose, another recipient, or no recipient does not do.
    consent(
        v,
        case,
        ConsentPurpose::ShareWithAttorney,
        CANADA,
        "2026-11-02",
    );
    consent(
        v,
        case,
        ConsentPurpose::GovernmentReferral,
        "UNHCR",
        "2026-11-02",
    );
    consent(
        v,
        case,
        ConsentPurpose::GovernmentReferral,
        "",
        "2026-11-02",
    );
    // Nor another person's consent.
    consent(
        v,
        other,
        ConsentPurpose::GovernmentReferral,
        CANADA,
        "2026-11-02",
    );
    assert_eq!(refusal(v, referral, "2026-12-02"), no_consent);

    // The right consent, however its spaces and capitals were typed, dated after today: not yet.
    let given = consent(
        v,
        case,
        ConsentPurpose::GovernmentReferral,
        "government of canada  (IRCC)",
        "2026-12-05",
    );
    assert_eq!(
        refusal(v, referral, "2026-12-02"),
        Some(ReferralRefusal::ConsentNotYetGiven {
            recipient: CANADA.into(),
            given_on: day("2026-12-05")
        })
    );
    assert_eq!(refusal(v, referral, "2026-12-05"), None);

    // The CSV's list holds exactly the referrals whose consent is in force.
    let (allowed, refused) = referrals_for_export(v, day("2026-12-06")).unwrap();
    let ids = |rows: &[pristan_core::domain::ReferralRow]| {
        rows.iter().map(|r| r.referral_id).collect::<Vec<_>>()
    };
    assert_eq!(ids(&allowed), [referral, other_referral], "urgent first");
    assert_eq!(ids(&refused), [third_referral]);
    assert_eq!(
        refused[0].consent_refusal,
        Some(ReferralRefusal::NoConsent {
            recipient: CANADA.into()
        })
    );

    // Withdrawn: the next export is refused, naming the day.
    withdraw_consent(v, given, day("2026-12-07")).unwrap();
    assert_eq!(
        refusal(v, referral, "2026-12-06"),
        None,
        "still in force the day before"
    );
    assert_eq!(
        refusal(v, referral, "2026-12-07"),
        Some(ReferralRefusal::ConsentWithdrawn {
            recipient: CANADA.into(),
            withdrawn_on: day("2026-12-07")
        })
    );
    let (allowed, _) = referrals_for_export(v, day("2026-12-08")).unwrap();
    assert_eq!(ids(&allowed), [other_referral]);
    let file = v.case_file(case, day("2026-12-08")).unwrap();
    assert!(file
        .consents
        .iter()
        .any(|c| c.record.withdrawn_on == Some(day("2026-12-07"))));

    // A referral sent elsewhere needs consent naming that recipient.
    update_referral(
        v,
        referral,
        ReferralUpdate {
            recipient: Some("  ".into()),
            ..Default::default()
        },
        day("2026-12-08"),
    )
    .unwrap();
    assert_eq!(
        refusal(v, referral, "2026-12-08"),
        Some(ReferralRefusal::NoRecipient)
    );
    update_referral(
        v,
        referral,
        ReferralUpdate {
            recipient: Some("UNHCR".into()),
            ..Default::default()
        },
        day("2026-12-08"),
    )
    .unwrap();
    assert_eq!(refusal(v, referral, "2026-12-08"), None);
}

// The list of pathways is editable: a built-in one's first edit replaces it (under its fixed id,
// so the edit applies on every device), a retired one is no longer offered, and added ones
// follow the built-in ones.
#[test]
fn pathways_are_an_editable_list_starting_with_the_built_in_ones() {
    use pristan_core::coordination::referrals::{add_pathway, pathways, update_pathway};
    use pristan_core::domain::Pathway;
    let mut d = device("Office laptop");
    let case = d.add_case("Ivan Petrov");
    let v = &mut d.vault;
    let listed = pathways(v).unwrap();
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        BUILT_IN_PATHWAYS.map(|b| b.id)
    );
    let added = add_pathway(
        v,
        Pathway {
            name: ShortText::new("Germany: humanitarian admission").unwrap(),
            legal_basis: ShortText::new("AufenthG §22").unwrap(),
            ..Pathway::default()
        },
    )
    .unwrap();
    let hrd = BUILT_IN_PATHWAYS[1].id;
    let mut edited = listed[1].record.clone();
    edited.recipient = ShortText::new("IRCC Resettlement Operations").unwrap();
    edited.retired = true;
    update_pathway(v, hrd, edited).unwrap();
    let listed = pathways(v).unwrap();
    assert_eq!(
        listed.iter().map(|p| p.id).collect::<Vec<_>>(),
        [BUILT_IN_PATHWAYS[0].id, hrd, added]
    );
    assert_eq!(
        listed[1].record.recipient.as_str(),
        "IRCC Resettlement Operations"
    );
    assert_eq!(
        listed[1].record.legal_basis,
        BUILT_IN_PATHWAYS[1].pathway().legal_basis
    );
    let retired = mark_referral(v, case, hrd, ReferralPriority::Normal, day("2026-12-02"));
    assert!(retired.is_err(), "a retired pathway is not offered");
    let referral =
        mark_referral(v, case, added, ReferralPriority::Normal, day("2026-12-02")).unwrap();
    let again = mark_referral(v, case, added, ReferralPriority::Urgent, day("2026-12-03")).unwrap();
    assert_eq!(referral, again, "one referral per case and pathway");
    assert!(update_pathway(v, EntityId::random(), Pathway::default()).is_err());
}

// Editing the list from the window (issue 13): renaming and retiring a pathway are operations
// that reach the other coordinator; a referral that named the pathway keeps it (under its new
// name), and neither coordinator can mark a new case for it until it is restored.
#[test]
fn a_renamed_and_retired_pathway_travels_and_stays_on_its_referrals() {
    use coordination_support::second_coordinator;
    use pristan_core::coordination::referrals::{
        add_pathway, pathways, referral_rows, update_pathway,
    };
    use pristan_core::domain::Pathway;
    let mut office = device("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let mut second = second_coordinator(&mut office);
    let referred = office.add_case("Ivan Petrov");
    let later = office.add_case("Olga Smirnova");
    let v = &mut office.vault;
    let added = add_pathway(
        v,
        Pathway {
            name: ShortText::new("Germany: humanitarian admission").unwrap(),
            recipient: ShortText::new("BAMF").unwrap(),
            ..Pathway::default()
        },
    )
    .unwrap();
    let today = day("2026-12-02");
    mark_referral(v, referred, added, ReferralPriority::Urgent, today).unwrap();
    let mut edited = pathways(v)
        .unwrap()
        .into_iter()
        .find(|p| p.id == added)
        .unwrap()
        .record;
    edited.name = ShortText::new("Germany: §22 admission").unwrap();
    edited.retired = true;
    update_pathway(v, added, edited.clone()).unwrap();
    let renamed = |vault: &Vault| {
        referral_rows(vault, today)
            .unwrap()
            .into_iter()
            .map(|row| (row.case.id, row.pathway_name))
            .collect::<Vec<_>>()
    };
    let expected = vec![(referred, "Germany: §22 admission".to_owned())];
    assert_eq!(renamed(v), expected);
    assert!(mark_referral(v, later, added, ReferralPriority::Normal, today).is_err());

    let bundle = office.export();
    second.import(&bundle);
    let w = &mut second.vault;
    let listed = pathways(w).unwrap();
    let seen = listed.iter().find(|p| p.id == added).unwrap();
    assert_eq!(seen.record, edited, "the rename and the retirement arrived");
    assert_eq!(renamed(w), expected);
    assert!(
        mark_referral(w, later, added, ReferralPriority::Normal, today).is_err(),
        "retired on every device"
    );
    edited.retired = false;
    update_pathway(w, added, edited).unwrap();
    mark_referral(w, later, added, ReferralPriority::Normal, today).unwrap();
}
