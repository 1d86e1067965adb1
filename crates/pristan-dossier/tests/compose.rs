//! The document model without typesetting: which sections and notes a dossier holds for each
//! choice, checked on the JSON the template receives (so nothing a test misses can reach it).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use pristan_dossier::model::Section;
use pristan_dossier::sample::{self, *};
use pristan_dossier::{compose, Choices, ComposeError, Dossier, DossierInput};
use pristan_model::DossierSection;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn dossier(choices: &Choices) -> Result<Dossier, ComposeError> {
    let file = sample::case_file();
    let referral = sample::referral();
    compose(DossierInput {
        case_file: &file,
        referral: &referral,
        pathway: sample::PATHWAY,
        choices,
        generated_on: day(),
        author: "Olga (coordinator)",
    })
}

fn json(dossier: &Dossier) -> String {
    serde_json::to_string(dossier).unwrap()
}

/// Each section's canary, by the section that holds it.
const CANARIES: [(DossierSection, &str); 7] = [
    (DossierSection::Person, CANARY_PERSON),
    (DossierSection::Family, CANARY_FAMILY),
    (DossierSection::Custody, CANARY_CUSTODY),
    (DossierSection::Basis, CANARY_BASIS),
    (DossierSection::Need, CANARY_NEED),
    (DossierSection::Evidence, CANARY_EVIDENCE),
    (DossierSection::Recommendation, CANARY_RECOMMENDATION),
];

#[test]
fn a_full_dossier_holds_every_section_and_no_note() {
    let text = json(&dossier(&Choices::default()).unwrap());
    for (section, canary) in CANARIES {
        assert!(text.contains(canary), "{section} is missing");
    }
    assert!(text.contains(NATIVE_NAME));
    for item in EVIDENCE_ITEMS {
        assert!(
            text.contains(&item.replace('"', "\\\"")),
            "{item} is missing"
        );
    }
    // Notes are printed only when chosen, whatever their sensitivity.
    assert!(!text.contains(CANARY_RESTRICTED_NOTE));
    assert!(!text.contains(CANARY_NORMAL_NOTE));
}

#[test]
fn withholding_a_section_removes_its_text_and_only_its_text() {
    // The canary sections cover every redactable section but Deadlines (no free text).
    for (withheld, canary) in CANARIES {
        let choices = Choices {
            withhold: BTreeSet::from([withheld]),
            ..Choices::default()
        };
        let text = json(&dossier(&choices).unwrap());
        assert!(
            !text.contains(canary),
            "{withheld} was withheld but printed"
        );
        for (other, other_canary) in CANARIES {
            if other != withheld {
                assert!(
                    text.contains(other_canary),
                    "withholding {withheld} hid {other}"
                );
            }
        }
    }
}

#[test]
fn a_withheld_section_is_marked_withheld() {
    let choices = Choices {
        withhold: DossierSection::redactable_sections().collect(),
        ..Choices::default()
    };
    let d = dossier(&choices).unwrap();
    assert_eq!(d.person, Section::Withheld);
    assert_eq!(d.deadlines, Section::Withheld);
    assert_eq!(d.evidence, Section::Withheld);
    // Even the Cyrillic name goes when the person's section is withheld; the cover keeps the id.
    let text = json(&d);
    assert!(!text.contains(NATIVE_NAME));
    assert!(!text.contains(NAME));
    assert!(text.contains(&sample::id(1).to_string()));
    // The consents are always there: they are what allows sending the dossier.
    assert_eq!(d.consents.len(), 1);
}

#[test]
fn the_cover_and_the_consents_cannot_be_withheld() {
    for section in [DossierSection::Cover, DossierSection::Consents] {
        let choices = Choices {
            withhold: BTreeSet::from([section]),
            ..Choices::default()
        };
        assert_eq!(
            dossier(&choices).unwrap_err(),
            ComposeError::CannotWithhold(section)
        );
    }
}

#[test]
fn a_restricted_note_is_printed_only_when_chosen_by_itself() {
    let choices = Choices {
        include_notes: BTreeSet::from([restricted_note_id()]),
        ..Choices::default()
    };
    let d = dossier(&choices).unwrap();
    assert_eq!(d.notes.len(), 1);
    assert!(d.notes[0].restricted);
    let text = json(&d);
    assert!(text.contains(CANARY_RESTRICTED_NOTE));
    // Choosing one note does not bring the others along.
    assert!(!text.contains(CANARY_NORMAL_NOTE));
}

#[test]
fn a_note_of_another_case_is_refused() {
    let stranger = sample::id(99);
    let choices = Choices {
        include_notes: BTreeSet::from([stranger]),
        ..Choices::default()
    };
    assert_eq!(
        dossier(&choices).unwrap_err(),
        ComposeError::NoteNotInCase(stranger)
    );
}

#[test]
fn relatives_contacts_and_the_attorneys_contact_are_never_printed() {
    let text = json(&dossier(&Choices::default()).unwrap());
    assert!(!text.contains("never printed"));
    assert!(!text.contains("not printed"));
}

#[test]
fn the_evidence_register_is_numbered_by_date_with_its_review_steps() {
    let d = dossier(&Choices::default()).unwrap();
    let items = d.evidence.included().unwrap();
    let dates: Vec<_> = items.iter().map(|e| e.date.unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(items[0].number, "E1");
    let protest = items.iter().find(|e| e.category == "protest").unwrap();
    assert_eq!(protest.steps.len(), 2);
    assert_eq!(protest.level, "corroborated");
    assert_eq!(protest.steps[1].by, "Pavel (coordinator)");
    // An item verified before review steps were records keeps who verified it.
    let charges = items
        .iter()
        .find(|e| e.category == "criminal_case_in_russia")
        .unwrap();
    assert_eq!(charges.steps[0].by, "O. Coordinator");
}

#[test]
fn the_basis_counts_items_by_kind_with_their_best_level() {
    let d = dossier(&Choices::default()).unwrap();
    let basis = d.basis.included().unwrap();
    assert_eq!(basis.categories.len(), 3);
    let charges = basis
        .categories
        .iter()
        .find(|c| c.category == "criminal_case_in_russia")
        .unwrap();
    assert_eq!(
        (charges.items, charges.best_level.as_str()),
        (1, "verified")
    );
    assert!(basis.activity.verified);
    // The same coordinator confirming twice counts once, and only counted ones are printed.
    let by: Vec<_> = basis
        .activity
        .confirmations
        .iter()
        .map(|c| c.by.as_str())
        .collect();
    assert_eq!(by, ["Olga (coordinator)", "Pavel (coordinator)"]);
}

#[test]
fn a_consent_withdrawn_before_the_day_shows_as_not_in_force() {
    let mut file = sample::case_file();
    file.consents[0].record.withdrawn_on = NaiveDate::from_ymd_opt(2026, 12, 1);
    let referral = sample::referral();
    let d = compose(DossierInput {
        case_file: &file,
        referral: &referral,
        pathway: sample::PATHWAY,
        choices: &Choices::default(),
        generated_on: day(),
        author: "",
    })
    .unwrap();
    assert!(!d.consents[0].in_force);
}
