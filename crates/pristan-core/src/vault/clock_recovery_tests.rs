//! A vault whose log already holds a stamp from the end of time (imported before received clocks
//! were bounded) opens with a working clock: cases, notes, edits and forget work again.

use std::collections::BTreeMap;

use secrecy::SecretString;
use serde_json::json;

use crate::cases::{CaseField, NewCase};
use crate::ops::{store, Change, Clock, DeviceId, EntityId, EntityType, ForgetReason, Op, Seq};
use crate::{KdfParams, Vault};

fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

fn new_case(vault: &mut Vault, name: &str) -> crate::error::Result<EntityId> {
    vault.add_case(NewCase {
        name: name.to_owned(),
        ..NewCase::default()
    })
}

#[test]
fn a_poisoned_vault_recovers_its_clock_when_it_opens() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let (mut vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
    let case = new_case(&mut vault, "Ivan Petrov").unwrap();

    // What an import before the fix left: the received operation in the log, and the clock
    // moved past it, to the very last timestamp.
    let poison = Op {
        device: DeviceId::from_bytes([7; 16]),
        seq: Seq::FIRST,
        hlc: "ffffffffffffffff-fffffffe".parse().unwrap(),
        entity_type: EntityType::Case,
        entity: case,
        change: Change::assign(BTreeMap::from([("languages".to_owned(), json!("Klingon"))])),
    };
    let tx = vault.conn.transaction().unwrap();
    store::apply(&tx, &poison).unwrap();
    tx.commit().unwrap();
    vault.clock = Clock::resume(crate::ops::Hlc::new(u64::MAX, u32::MAX));
    assert!(
        new_case(&mut vault, "Olga Ivanova").is_err(),
        "the poisoned clock is exhausted"
    );

    vault.lock().unwrap();
    let mut vault = Vault::unlock(&dir, &passphrase()).unwrap();
    let other = new_case(&mut vault, "Olga Ivanova").unwrap();
    vault
        .add(crate::domain::Note {
            case_id: Some(other),
            visit_id: None,
            kind: crate::domain::NoteKind::Welfare,
            sensitivity: crate::domain::Sensitivity::Normal,
            text: crate::domain::LongText::new("Met at the centre").unwrap(),
            replaces: None,
        })
        .unwrap();
    // Editing the field the poisoned operation wrote is recorded, though the far-future value
    // keeps showing (docs/security.md, "A clock from the far future").
    vault
        .update_case(
            case,
            BTreeMap::from([(CaseField::Languages, json!("Russian"))]),
        )
        .unwrap();
    vault
        .forget_case(case, ForgetReason::EnteredByMistake)
        .unwrap();
    assert!(vault.clock.last().wall_ms() < u64::MAX / 2);
}
