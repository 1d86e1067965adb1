//! Test set-up shared by the family-card handlers' tests: a vault with one case and one relative,
//! with or without that relative's consent to receive a status card.

use chrono::Utc;
use pristan_core::cases::NewCase;
use pristan_core::domain::{Consent, ConsentPurpose, Relative, ShortText};
use pristan_core::ops::EntityId;
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

/// A vault in a temporary folder, its case (Ivan Petrov), his relative (Olga Petrova), and her
/// consent to receive a card when `consent` is true.
pub fn vault_with_relative(
    consent: bool,
) -> (
    tempfile::TempDir,
    Vault,
    EntityId,
    EntityId,
    Option<EntityId>,
) {
    let dir = tempfile::tempdir().unwrap();
    let (mut vault, _) = Vault::create(
        &dir.path().join("v"),
        &SecretString::from("correct horse battery staple".to_owned()),
        KdfParams::MINIMUM,
    )
    .unwrap();
    let case = vault
        .add_case(NewCase {
            name: "Ivan Petrov".into(),
            ..Default::default()
        })
        .unwrap();
    let relative = vault
        .add(Relative {
            case_id: Some(case),
            name: ShortText::new("Olga Petrova").unwrap(),
            ..Relative::default()
        })
        .unwrap();
    let consent = consent.then(|| {
        vault
            .add(Consent {
                case_id: Some(case),
                purpose: ConsentPurpose::ShareWithRelative,
                recipient: ShortText::new("Olga Petrova").unwrap(),
                given_on: Some(Utc::now().date_naive()),
                ..Consent::default()
            })
            .unwrap()
    });
    (dir, vault, case, relative, consent)
}
