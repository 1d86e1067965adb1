//! Received operations with arbitrary field values: applying one either stores values the types
//! accept, which then read back as their types, or fails with an error. Never a panic.

use std::collections::BTreeMap;

use proptest::prelude::*;
use secrecy::SecretString;
use serde_json::{json, Value};

use crate::ops::{
    store, Change, DeviceId, EntityId, EntityType, ForgetReason, Hlc, Op, OpStamp, Seq,
};
use crate::{KdfParams, Vault};

const TYPES: [EntityType; 17] = [
    EntityType::Case,
    EntityType::Facility,
    EntityType::Visit,
    EntityType::Note,
    EntityType::CustodyEvent,
    EntityType::LegalEvent,
    EntityType::Task,
    EntityType::Consent,
    EntityType::Relative,
    EntityType::Evidence,
    EntityType::Attachment,
    EntityType::EvidenceReview,
    EntityType::ActivityConfirmation,
    EntityType::Pathway,
    EntityType::Referral,
    EntityType::Flight,
    EntityType::FlightLink,
];

const KEYS: [&str; 14] = [
    "case_id",
    "date",
    "kind",
    "text",
    "status",
    "title",
    "time_zone",
    "outcome",
    "replaces",
    "size",
    "name",
    "given_on",
    "level",
    "flight_id",
];

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::from),
        Just(json!("2026-11-21")),
        Just(json!("America/Chicago")),
        Just(json!("00112233445566778899aabbccddeeff")),
        Just(json!("welfare")),
        Just(json!("x".repeat(300))),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// What an assignment says it had seen: stamps of any device and time, its own included.
fn seen() -> impl Strategy<Value = BTreeMap<String, Vec<OpStamp>>> {
    let stamp = (0..3u64, 0..4u32, 0..3u8).prop_map(|(wall_ms, counter, device)| OpStamp {
        hlc: Hlc::new(wall_ms, counter),
        device: DeviceId::from_bytes([device + 6; 16]),
    });
    prop::collection::btree_map(
        prop::sample::select(KEYS.to_vec()).prop_map(str::to_owned),
        prop::collection::vec(stamp, 0..3),
        0..3,
    )
}

fn op() -> impl Strategy<Value = Op> {
    let fields = prop::collection::btree_map(prop::sample::select(KEYS.to_vec()), value(), 0..6)
        .prop_map(|m| {
            m.into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<BTreeMap<_, _>>()
        });
    let reason = prop::sample::select(vec![
        ForgetReason::ConsentWithdrawn,
        ForgetReason::RequestedByPerson,
        ForgetReason::EnteredByMistake,
    ]);
    let how = (0..4u8, seen(), reason);
    let who = (
        prop::sample::select(TYPES.to_vec()),
        prop::sample::select(vec![ENTITY, NAMED_ENTITY]),
        6..9u8,
        0..3u64,
    );
    (who, fields, how).prop_map(|((entity_type, entity, device, wall_ms), fields, how)| {
        let change = match how {
            (0, seen, _) => Change::Assign { fields, seen },
            (1, _, _) => Change::Record { fields },
            (2, _, _) => Change::Delete,
            (_, _, reason) => Change::Forget { reason },
        };
        Op {
            device: DeviceId::from_bytes([device; 16]),
            seq: Seq::FIRST,
            hlc: Hlc::new(wall_ms, 0),
            entity_type,
            entity: EntityId::from_bytes(entity),
            change,
        }
    })
}

/// Two entities: one that no value names, and one that the values may name as a case.
const ENTITY: [u8; 16] = [9; 16];
const NAMED_ENTITY: [u8; 16] = [
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
];

/// Operations a real device could send about one case (`NAMED_ENTITY`) and one task of it
/// (`ENTITY`), so that orders with forgetting, conflicts and deletes are exercised often.
fn plausible_op() -> impl Strategy<Value = Op> {
    let case = json!(hex_id(NAMED_ENTITY));
    let change = prop_oneof![
        (prop::sample::select(vec!["Ivan", "Иван"]), seen()).prop_map(|(name, seen)| {
            let fields = BTreeMap::from([("name".to_owned(), json!(name))]);
            (
                EntityType::Case,
                NAMED_ENTITY,
                Change::Assign { fields, seen },
            )
        }),
        (
            prop::sample::select(vec!["open", "done"]),
            any::<bool>(),
            seen()
        )
            .prop_map(move |(status, create, seen)| {
                let mut fields = BTreeMap::from([("status".to_owned(), json!(status))]);
                if create {
                    fields.insert("case_id".to_owned(), case.clone());
                    fields.insert("title".to_owned(), json!("Call the attorney"));
                }
                (EntityType::Task, ENTITY, Change::Assign { fields, seen })
            }),
        Just((EntityType::Task, ENTITY, Change::Delete)),
        Just((EntityType::Case, NAMED_ENTITY, Change::Delete)),
        Just((
            EntityType::Case,
            NAMED_ENTITY,
            Change::Forget {
                reason: ForgetReason::RequestedByPerson
            }
        )),
    ];
    (change, 6..9u8, 0..3u64).prop_map(|((entity_type, entity, change), device, wall_ms)| Op {
        device: DeviceId::from_bytes([device; 16]),
        seq: Seq::FIRST,
        hlc: Hlc::new(wall_ms, 0),
        entity_type,
        entity: EntityId::from_bytes(entity),
        change,
    })
}

fn hex_id(bytes: [u8; 16]) -> String {
    EntityId::from_bytes(bytes).to_string()
}

/// A few operations, numbered so that each is a distinct operation with a distinct stamp, as an
/// honest device's would be.
fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(prop_oneof![1 => op(), 3 => plausible_op()], 1..6).prop_map(|mut ops| {
        for (i, op) in ops.iter_mut().enumerate() {
            op.seq = Seq::new(i as u64 + 1).unwrap();
            op.hlc = Hlc::new(op.hlc.wall_ms(), i as u32);
        }
        ops
    })
}

/// Applies `ops` in one transaction, then rolls it back; the state hash if all were accepted.
fn hash_after(vault: &mut Vault, ops: impl Iterator<Item = Op>) -> Option<String> {
    let tx = vault.conn.transaction().unwrap();
    for op in ops {
        store::apply(&tx, &op).ok()?;
    }
    Some(crate::ops::state_hash::state_hash(&tx).unwrap())
}

/// Every record of every type in the transaction reads back as its type.
fn all_readable(conn: &rusqlite::Connection) -> Result<(), String> {
    use crate::domain::*;
    use crate::records::list_of_type;
    fn check<T: crate::records::RecordType>(conn: &rusqlite::Connection) -> Result<(), String> {
        list_of_type::<T>(conn)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    check::<Facility>(conn)?;
    check::<Visit>(conn)?;
    check::<Note>(conn)?;
    check::<CustodyEvent>(conn)?;
    check::<LegalEvent>(conn)?;
    check::<Task>(conn)?;
    check::<Consent>(conn)?;
    check::<Relative>(conn)?;
    check::<Evidence>(conn)?;
    check::<Attachment>(conn)?;
    check::<EvidenceReview>(conn)?;
    check::<ActivityConfirmation>(conn)?;
    check::<Pathway>(conn)?;
    check::<Referral>(conn)?;
    check::<Flight>(conn)?;
    check::<FlightLink>(conn)
}

thread_local! {
    // One vault for all cases: creating one runs Argon2id, and each case rolls back its change.
    static VAULT: std::cell::RefCell<(tempfile::TempDir, Vault)> = {
        let tmp = tempfile::tempdir().unwrap();
        let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
        let (vault, _) =
            Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
        std::cell::RefCell::new((tmp, vault))
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_received_operations_never_panic_and_what_is_accepted_reads_back(op in op()) {
        VAULT.with(|cell| -> Result<(), TestCaseError> {
            let mut guard = cell.borrow_mut();
            let vault = &mut guard.1;
            let tx = vault.conn.transaction().unwrap();
            if store::apply(&tx, &op).is_ok() {
                prop_assert_eq!(all_readable(&tx), Ok(()));
            }
            drop(tx); // rolled back: every case starts from the same empty vault
            Ok(())
        })?;
    }

    #[test]
    fn accepted_operations_give_the_same_state_in_either_order(ops in ops()) {
        VAULT.with(|cell| -> Result<(), TestCaseError> {
            let vault = &mut cell.borrow_mut().1;
            let forward = hash_after(vault, ops.clone().into_iter());
            let backward = hash_after(vault, ops.into_iter().rev());
            if let (Some(forward), Some(backward)) = (forward, backward) {
                prop_assert_eq!(forward, backward);
            }
            Ok(())
        })?;
    }
}
