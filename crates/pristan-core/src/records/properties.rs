//! Received operations with arbitrary field values: applying one either stores values the types
//! accept, which then read back as their types, or fails with an error. Never a panic.

use std::collections::BTreeMap;

use proptest::prelude::*;
use secrecy::SecretString;
use serde_json::{json, Value};

use crate::ops::{store, Change, DeviceId, EntityId, EntityType, Hlc, Op, Seq};
use crate::{KdfParams, Vault};

const TYPES: [EntityType; 10] = [
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
];

const KEYS: [&str; 12] = [
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

fn op() -> impl Strategy<Value = Op> {
    let fields = prop::collection::btree_map(prop::sample::select(KEYS.to_vec()), value(), 0..6)
        .prop_map(|m| {
            m.into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<BTreeMap<_, _>>()
        });
    (prop::sample::select(TYPES.to_vec()), fields, 0..3u8).prop_map(|(entity_type, fields, how)| {
        let change = match how {
            0 => Change::Assign { fields },
            1 => Change::Record { fields },
            _ => Change::Delete,
        };
        Op {
            device: DeviceId::from_bytes([7; 16]),
            seq: Seq::FIRST,
            hlc: Hlc::new(1, 0),
            entity_type,
            entity: EntityId::from_bytes([9; 16]),
            change,
        }
    })
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
    check::<Attachment>(conn)
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
}
