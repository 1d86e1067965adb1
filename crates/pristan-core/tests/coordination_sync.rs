//! The coordinator's records travel like every other record (issue 13): review steps,
//! confirmations, referrals, flights and their links go from a volunteer to the coordinators in
//! bundles, between two coordinators, and to the volunteer in a case packet; concurrent changes
//! merge; a forget takes them all. On the way, one coordinator cannot verify a case alone, and a
//! volunteer can record evidence but not check it beyond a document.

mod coordination_support;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use coordination_support::{organisation, second_coordinator};
use pristan_core::cases::CaseField;
use pristan_core::coordination::case_history;
use pristan_core::coordination::flights::{add_flight, link_case};
use pristan_core::coordination::referrals::{mark_referral, update_referral, ReferralUpdate};
use pristan_core::coordination::verification::{confirm_activity, verify_evidence};
use pristan_core::domain::{
    ActivityConfirmation, ActivityVerdict, ChecklistItem, Evidence, EvidenceCategory,
    EvidenceReview, Flight, FlightLink, HistoryKind, LongText, ReferralPriority, ReferralStatus,
    ShortText, VerificationLevel, BUILT_IN_PATHWAYS,
};
use pristan_core::ops::ForgetReason;
use pristan_core::org::permissions::RoleRefusal;
use pristan_core::Error;
use serde_json::{json, Value};

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn refused(result: pristan_core::error::Result<impl std::fmt::Debug>) -> RoleRefusal {
    match result {
        Err(Error::NotPermitted(refusal)) => refusal,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn two_coordinators_verify_a_case_and_everything_travels_and_merges() {
    let (mut office, mut anna, case) = organisation();
    let pathway = BUILT_IN_PATHWAYS[0].id;

    // The volunteer records evidence and the document behind it, and nothing more.
    let evidence = anna
        .vault
        .add(Evidence {
            case_id: Some(case),
            category: EvidenceCategory::CriminalCaseInRussia,
            summary: LongText::new("Charged under art. 207.3 for posts against the war").unwrap(),
            ..Evidence::default()
        })
        .unwrap();
    verify_evidence(
        &mut anna.vault,
        evidence,
        VerificationLevel::Documented,
        "copy of the charge sheet seen at the visit",
        None,
    )
    .unwrap();
    let v = &mut anna.vault;
    assert_eq!(
        refused(verify_evidence(
            v,
            evidence,
            VerificationLevel::Corroborated,
            "x",
            None
        )),
        RoleRefusal::VerifyEvidence
    );
    assert_eq!(
        refused(confirm_activity(v, case, "x")),
        RoleRefusal::ConfirmActivity
    );
    assert_eq!(
        refused(mark_referral(
            v,
            case,
            pathway,
            ReferralPriority::Urgent,
            today()
        )),
        RoleRefusal::Referral
    );
    let flight = Flight {
        date: Some(today() + chrono::Days::new(3)),
        route: ShortText::new("Alexandria LA → Cairo → Moscow").unwrap(),
        ..Flight::default()
    };
    assert_eq!(
        refused(add_flight(v, flight.clone())),
        RoleRefusal::RecordFlight
    );

    let from_anna = anna.export();
    office.import(&from_anna);
    let file = office.vault.case_file(case, today()).unwrap();
    let standing = &file.coordination.evidence[0];
    assert_eq!(standing.level, VerificationLevel::Documented);
    assert_eq!(standing.steps[0].by.name, "Anna's laptop");

    // The first coordinator verifies the evidence and confirms the activity; not twice.
    verify_evidence(
        &mut office.vault,
        evidence,
        VerificationLevel::Verified,
        "the charge is listed on the Moscow city court's site",
        None,
    )
    .unwrap();
    confirm_activity(
        &mut office.vault,
        case,
        "read the court record and the posts",
    )
    .unwrap();
    assert_eq!(
        refused(confirm_activity(&mut office.vault, case, "again")),
        RoleRefusal::ConfirmTwice
    );
    let file = office.vault.case_file(case, today()).unwrap();
    assert_eq!(
        file.coordination.activity.verdict,
        ActivityVerdict::OneCoordinator
    );
    let missing: Vec<ChecklistItem> = file
        .coordination
        .checklist
        .iter()
        .filter(|l| !l.done)
        .map(|l| l.item)
        .collect();
    assert_eq!(
        missing,
        [
            ChecklistItem::SecondConfirmation,
            ChecklistItem::ReferralConsent
        ]
    );

    // A referral and a flight, then the second coordinator hears of all of it.
    let referral = mark_referral(
        &mut office.vault,
        case,
        pathway,
        ReferralPriority::Urgent,
        today(),
    )
    .unwrap();
    let flight = add_flight(&mut office.vault, flight).unwrap();
    link_case(
        &mut office.vault,
        flight,
        case,
        "on the list the attorney saw",
    )
    .unwrap();
    let mut second = second_coordinator(&mut office);
    let from_office = office.export();
    second.import(&from_office);
    // Volunteers' bundles are encrypted to the organisation: every coordinator reads them.
    let everything_from_anna = anna.export_all();
    second.import(&everything_from_anna);
    let file = second.vault.case_file(case, today()).unwrap();
    assert_eq!(
        file.coordination.activity.verdict,
        ActivityVerdict::OneCoordinator
    );
    assert_eq!(file.coordination.referrals[0].id, referral);
    assert_eq!(file.coordination.flights[0].flight_id, flight);

    // The second coordinator confirms: verified, here and, once it travels, at the office.
    confirm_activity(
        &mut second.vault,
        case,
        "spoke with the editor he wrote for",
    )
    .unwrap();
    let file = second.vault.case_file(case, today()).unwrap();
    assert_eq!(
        file.coordination.activity.verdict,
        ActivityVerdict::Verified
    );

    // Meanwhile both change the referral, different fields: both changes survive the merge.
    update_referral(
        &mut office.vault,
        referral,
        ReferralUpdate {
            status: Some(ReferralStatus::DossierPrepared),
            ..ReferralUpdate::default()
        },
        today(),
    )
    .unwrap();
    update_referral(
        &mut second.vault,
        referral,
        ReferralUpdate {
            recommendation: Some("A clear case: refer urgently.".into()),
            ..ReferralUpdate::default()
        },
        today(),
    )
    .unwrap();
    // And both rename the case at once: a conflict the office resolves.
    for (device, name) in [
        (&mut office, "Ivan A. Petrov"),
        (&mut second, "Ivan Petrov Jr"),
    ] {
        device
            .vault
            .update_case(case, BTreeMap::from([(CaseField::Name, json!(name))]))
            .unwrap();
    }
    let (one, two) = (office.export(), second.export());
    second.import(&one);
    office.import(&two);
    for device in [&office, &second] {
        let file = device.vault.case_file(case, today()).unwrap();
        assert_eq!(
            file.coordination.activity.verdict,
            ActivityVerdict::Verified
        );
        assert!(file
            .coordination
            .activity
            .confirmations
            .iter()
            .all(|c| c.counts));
        let merged = &file.coordination.referrals[0].record;
        assert_eq!(merged.status, ReferralStatus::DossierPrepared);
        assert_eq!(
            merged.recommendation.as_str(),
            "A clear case: refer urgently."
        );
        assert_eq!(
            device.vault.state_hash().unwrap(),
            office.vault.state_hash().unwrap()
        );
    }
    office
        .vault
        .resolve_conflict(case, "name", json!("Ivan A. Petrov"))
        .unwrap();

    // The history answers who changed what, and when, by kind.
    let history = case_history(&office.vault, case, None).unwrap();
    let renamed: Vec<_> = history
        .iter()
        .filter(|e| e.field.as_deref() == Some("name"))
        .collect();
    assert_eq!(renamed[0].to, Some(json!("Ivan Petrov")));
    assert_eq!(renamed[0].by.name, "Anna's laptop");
    assert!(renamed[0].received);
    assert_eq!(renamed[0].kind, HistoryKind::Import);
    let resolved = renamed.last().unwrap();
    assert_eq!(resolved.kind, HistoryKind::ConflictResolution);
    assert_eq!(resolved.by.name, "Office laptop");
    assert!(!resolved.received);
    let steps = case_history(&office.vault, case, Some(HistoryKind::VerificationStep)).unwrap();
    assert!(steps
        .iter()
        .all(|e| e.kind == HistoryKind::VerificationStep));
    let levels: Vec<&Value> = steps
        .iter()
        .filter(|e| e.entity_type == pristan_core::ops::EntityType::EvidenceReview)
        .filter_map(|e| e.to.as_ref())
        .collect();
    assert_eq!(levels, [&json!("documented"), &json!("verified")]);
    let confirmers: Vec<&str> = steps
        .iter()
        .filter(|e| e.entity_type == pristan_core::ops::EntityType::ActivityConfirmation)
        .map(|e| e.by.name.as_str())
        .collect();
    assert_eq!(confirmers, ["Office laptop", "Second office"]);
    let referral_changes = case_history(&office.vault, case, Some(HistoryKind::Referral)).unwrap();
    assert!(referral_changes
        .iter()
        .any(|e| e.field.as_deref() == Some("status") && e.to == Some(json!("dossier_prepared"))));
    assert!(
        !case_history(&office.vault, case, Some(HistoryKind::Flight))
            .unwrap()
            .is_empty()
    );

    // The volunteer gets it all in her case packet: the verdict, the steps, the referral and
    // the flight's countdown.
    office
        .vault
        .update_case(
            case,
            BTreeMap::from([(
                CaseField::AssignedTo,
                Value::from(vec![anna.vault.device_id().to_string()]),
            )]),
        )
        .unwrap();
    let packet = office.packet_for(anna.vault.device_id());
    anna.import(&packet);
    let file = anna.vault.case_file(case, today()).unwrap();
    assert_eq!(
        file.coordination.activity.verdict,
        ActivityVerdict::Verified
    );
    assert_eq!(
        file.coordination.evidence[0].level,
        VerificationLevel::Verified
    );
    assert_eq!(file.coordination.evidence[0].steps.len(), 2);
    assert_eq!(file.coordination.referrals[0].id, referral);
    assert_eq!(file.coordination.flights[0].flight_id, flight);
    assert_eq!(
        pristan_core::coordination::flight_triage(&anna.vault, flight, today())
            .unwrap()
            .days_until,
        Some(3)
    );

    // Forgetting the person takes every coordination record of the case, on every device it
    // reaches; the flight itself (the organisation's) stays.
    office
        .vault
        .forget_case(case, ForgetReason::RequestedByPerson)
        .unwrap();
    let packet = office.packet_for(anna.vault.device_id());
    anna.import(&packet);
    for vault in [&office.vault, &anna.vault] {
        assert!(vault.case(case).unwrap().is_none());
        assert!(vault.list_all::<EvidenceReview>().unwrap().is_empty());
        assert!(vault.list_all::<ActivityConfirmation>().unwrap().is_empty());
        assert!(vault
            .list_all::<pristan_core::domain::Referral>()
            .unwrap()
            .is_empty());
        assert!(vault.list_all::<FlightLink>().unwrap().is_empty());
        assert_eq!(vault.list_all::<Flight>().unwrap().len(), 1);
    }
}
