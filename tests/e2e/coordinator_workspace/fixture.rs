//! The vault the coordinator workspace test opens: three people in one facility (a final order
//! without an attorney, a final order with one, an appeal deadline), an evidence item, notes, and
//! a second coordinator who corroborates the evidence and confirms the activity through bundles.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Days, NaiveDate};
use pristan_core::bundle::{ExportOutcome, FileOutcome};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::coordination::referrals::mark_referral;
use pristan_core::coordination::verification::{confirm_activity, verify_evidence};
use pristan_core::domain::{
    CustodyStatus, EntityId, Evidence, EvidenceCategory, Facility, FilingStatus, LegalEvent,
    LegalEventKind, LongText, Note, Outcome, ReferralPriority, Sensitivity, ShortText,
    VerificationLevel, Visit, BUILT_IN_PATHWAYS,
};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

use super::PASSPHRASE;

/// The people in the vault the test makes, by their Latin names.
pub(super) struct People {
    /// Final order a month ago, no attorney of record: ranks first.
    pub(super) smirnova: EntityId,
    /// Final order half a year ago, an attorney with a G-28 on file, visited last week.
    pub(super) petrov: EntityId,
    /// An immigration judge's denial five days ago: a BIA appeal deadline, no final order yet.
    pub(super) volkov: EntityId,
    /// Smirnova's evidence item, corroborated by the second coordinator.
    pub(super) evidence: EntityId,
    /// Smirnova's restricted note, added to her dossier on purpose.
    pub(super) restricted_note: EntityId,
}

pub(super) fn make_vault(dir: &Path, today: NaiveDate, second_dir: &Path) -> People {
    std::fs::create_dir_all(dir.parent().unwrap()).unwrap();
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let (mut vault, _) = Vault::create(dir, &passphrase, KdfParams::MINIMUM).unwrap();
    vault.set_device_name("Office laptop").unwrap();
    vault.create_org("Tuesday visitors").unwrap();
    let facility = vault
        .add(Facility {
            name: ShortText::new("Krome North Service Processing Center").unwrap(),
            state: ShortText::new("FL").unwrap(),
            ..Facility::default()
        })
        .unwrap();
    let mut person = |name: &str, native: &str| {
        vault
            .add_case(NewCase {
                name: name.into(),
                native_name: Some(native.into()),
                custody_status: Some(CustodyStatus::Detained),
                facility_id: Some(facility),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap()
    };
    let (smirnova, petrov, volkov) = (
        person("Olga Smirnova", "Ольга Смирнова"),
        person("Ivan Petrov", "Иван Петров"),
        person("Dmitri Volkov", "Дмитрий Волков"),
    );
    let evidence = vault
        .add(Evidence {
            case_id: Some(smirnova),
            category: EvidenceCategory::CriminalCaseInRussia,
            summary: LongText::new("Charged under art. 207.3 for posts against the war").unwrap(),
            ..Evidence::default()
        })
        .unwrap();
    let note = |vault: &mut Vault, sensitivity: Sensitivity, text: &str| {
        vault
            .add(Note {
                case_id: Some(smirnova),
                sensitivity,
                text: LongText::new(text).unwrap(),
                ..Note::default()
            })
            .unwrap()
    };
    note(
        &mut vault,
        Sensitivity::Normal,
        "Asked for a Russian-English dictionary",
    );
    let restricted_note = note(
        &mut vault,
        Sensitivity::Restricted,
        "Beaten in custody in Moscow in 2023",
    );
    let people = People {
        smirnova,
        petrov,
        volkov,
        evidence,
        restricted_note,
    };
    let ago = |days: u64| today - Days::new(days);
    let mut event = |case: EntityId, kind: LegalEventKind, date: NaiveDate, outcome: Outcome| {
        vault
            .add(LegalEvent {
                case_id: Some(case),
                kind,
                date: Some(date),
                outcome,
                ..LegalEvent::default()
            })
            .unwrap();
    };
    event(
        people.smirnova,
        LegalEventKind::FinalOrder,
        ago(30),
        Outcome::Unknown,
    );
    event(
        people.petrov,
        LegalEventKind::FinalOrder,
        ago(180),
        Outcome::Unknown,
    );
    event(
        people.volkov,
        LegalEventKind::IjDecision,
        ago(5),
        Outcome::Denied,
    );
    let attorney: BTreeMap<CaseField, serde_json::Value> = [
        (CaseField::AttorneyName, serde_json::json!("Julia Reyes")),
        (CaseField::G28, serde_json::json!(FilingStatus::Filed)),
    ]
    .into_iter()
    .collect();
    vault.update_case(people.petrov, attorney).unwrap();
    vault
        .add(Visit {
            case_id: Some(people.petrov),
            date: Some(ago(7)),
            ..Visit::default()
        })
        .unwrap();
    // Ivan Petrov is referred too, but nobody has asked for his consent yet.
    mark_referral(
        &mut vault,
        people.petrov,
        BUILT_IN_PATHWAYS[0].id,
        ReferralPriority::Urgent,
        today,
    )
    .unwrap();
    second_coordinator_checks(&mut vault, &people, second_dir);
    vault.lock().unwrap();
    people
}

/// A second coordinator's vault joins with the office's coordinator keys, receives the office's
/// bundle through a folder, corroborates the evidence and confirms the activity, and its bundle
/// is imported by the office.
fn second_coordinator_checks(office: &mut Vault, people: &People, dir: &Path) {
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let keys = office.export_coordinator_keys(&passphrase).unwrap();
    let (mut second, _) =
        Vault::create(&dir.join("vault"), &passphrase, KdfParams::MINIMUM).unwrap();
    second.set_device_name("Second office").unwrap();
    second.join_as_coordinator(&keys, &passphrase).unwrap();
    let folder = dir.join("stick");
    std::fs::create_dir_all(&folder).unwrap();
    let export = |vault: &mut Vault| match vault.export_bundle(&folder, None, &mut |_| {}).unwrap()
    {
        ExportOutcome::Written(report) => std::path::PathBuf::from(report.path),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    };
    let import = |vault: &mut Vault, path: std::path::PathBuf| {
        let summary = vault.import_bundles(&[path], &mut |_| {}).unwrap();
        for file in &summary.files {
            assert!(
                matches!(file.outcome, FileOutcome::Imported(_)),
                "{:?}",
                file.outcome
            );
        }
    };
    let from_office = export(office);
    import(&mut second, from_office);
    verify_evidence(
        &mut second,
        people.evidence,
        VerificationLevel::Corroborated,
        "the court's own listing of the charge, found on its website",
        None,
    )
    .unwrap();
    confirm_activity(
        &mut second,
        people.smirnova,
        "spoke with the editor of the paper she wrote for",
    )
    .unwrap();
    let from_second = export(&mut second);
    import(office, from_second);
    second.lock().unwrap();
}
