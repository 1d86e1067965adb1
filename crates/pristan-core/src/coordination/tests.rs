//! The two-reviewer rule over every order operations can arrive in, and the rules' pure parts.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use secrecy::SecretString;
use serde_json::json;

use super::authors::Authors;
use super::verification::activity;
use super::{same_person, two_reviewer_verdict};
use crate::domain::ActivityVerdict;
use crate::ops::{store, Change, DeviceId, EntityId, EntityType, Hlc, Op, Seq};
use crate::org::{Role, RosterEntry};
use crate::{KdfParams, Vault};

const A: DeviceId = DeviceId::from_bytes([0xa1; 16]);
/// A's vault restored onto a new laptop: a successor identity, the same person.
const A2: DeviceId = DeviceId::from_bytes([0xa2; 16]);
const B: DeviceId = DeviceId::from_bytes([0xb1; 16]);
const V: DeviceId = DeviceId::from_bytes([0x71; 16]);
const ME: DeviceId = DeviceId::from_bytes([0x01; 16]);
const HELD: DeviceId = DeviceId::from_bytes([0x02; 16]);

fn entry(device: DeviceId, role: Role, replaces: Option<DeviceId>) -> RosterEntry {
    RosterEntry {
        device,
        name: format!("{device}"),
        role,
        signing_key: String::new(),
        recipient: String::new(),
        approved_at: DateTime::<Utc>::MIN_UTC,
        revoked_after_seq: None,
        replaces,
        kept_seqs: Vec::new(),
    }
}

fn roster() -> Vec<RosterEntry> {
    vec![
        entry(A, Role::Coordinator, None),
        entry(A2, Role::Coordinator, Some(A)),
        entry(B, Role::Coordinator, None),
        entry(V, Role::Volunteer, None),
    ]
}

#[test]
fn two_different_coordinators_verify_and_nobody_else_counts() {
    let roster = roster();
    let verdict = |devices: &[DeviceId]| two_reviewer_verdict(devices.iter().copied(), &roster);
    assert_eq!(verdict(&[]), ActivityVerdict::Unconfirmed);
    assert_eq!(verdict(&[V]), ActivityVerdict::Unconfirmed);
    assert_eq!(verdict(&[A]), ActivityVerdict::OneCoordinator);
    assert_eq!(verdict(&[A, A]), ActivityVerdict::OneCoordinator);
    // One coordinator on the vault they restored onto a new laptop is still one person.
    assert_eq!(verdict(&[A, A2]), ActivityVerdict::OneCoordinator);
    assert_eq!(verdict(&[A2, V]), ActivityVerdict::OneCoordinator);
    assert_eq!(verdict(&[A, B]), ActivityVerdict::Verified);
    assert_eq!(verdict(&[B, A2]), ActivityVerdict::Verified);
    // A device the roster does not list is no coordinator.
    let stranger = DeviceId::from_bytes([0xee; 16]);
    assert_eq!(verdict(&[A, stranger]), ActivityVerdict::OneCoordinator);
    assert_eq!(same_person(A2, &roster), A);
    assert_eq!(same_person(stranger, &roster), stranger);
}

#[test]
fn a_succession_cycle_ends() {
    let roster = vec![
        entry(A, Role::Coordinator, Some(A2)),
        entry(A2, Role::Coordinator, Some(A)),
    ];
    let root = same_person(A, &roster);
    assert!(root == A || root == A2);
    assert_eq!(
        two_reviewer_verdict([A, A2], &roster),
        ActivityVerdict::OneCoordinator
    );
}

thread_local! {
    static VAULT: std::cell::RefCell<(tempfile::TempDir, Vault)> = {
        let tmp = tempfile::tempdir().unwrap();
        let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
        let (vault, _) =
            Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
        std::cell::RefCell::new((tmp, vault))
    };
}

/// The operations of one case: its creation by the volunteer, and a confirmation by each of
/// `confirmers` (an index into [A, A2, B, V]), each later deleted if `deleted` says so.
fn case_ops(case: EntityId, confirmers: &[(usize, bool)]) -> Vec<Op> {
    let devices = [A, A2, B, V];
    // Every case shares the one vault, so sequence numbers are never reused (a reused one with
    // other contents would be a fork, kept aside).
    let op = |device: DeviceId, entity_type, entity, change| {
        let tick = NEXT_SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Op {
            device,
            seq: Seq::new(tick).unwrap(),
            hlc: Hlc::new(1_700_000_000_000, tick as u32),
            entity_type,
            entity,
            change,
        }
    };
    let fields = BTreeMap::from([("name".to_owned(), json!("Ivan Petrov"))]);
    let mut ops = vec![op(V, EntityType::Case, case, Change::assign(fields))];
    for (i, &(who, deleted)) in confirmers.iter().enumerate() {
        let device = devices[who];
        let mut bytes = *case.as_bytes();
        bytes[15] = i as u8 + 1;
        let id = EntityId::from_bytes(bytes);
        let fields = BTreeMap::from([
            ("case_id".to_owned(), json!(case.to_string())),
            ("checked".to_owned(), json!(format!("check {i}"))),
        ]);
        ops.push(op(
            device,
            EntityType::ActivityConfirmation,
            id,
            Change::Record { fields },
        ));
        if deleted {
            ops.push(op(
                device,
                EntityType::ActivityConfirmation,
                id,
                Change::Delete,
            ));
        }
    }
    ops
}

fn expected(confirmers: &[(usize, bool)]) -> ActivityVerdict {
    // People: A and A2 are one (0), B another (1); the volunteer is none.
    let people: std::collections::BTreeSet<u8> = confirmers
        .iter()
        .filter(|(_, deleted)| !deleted)
        .filter_map(|(who, _)| match who {
            0 | 1 => Some(0),
            2 => Some(1),
            _ => None,
        })
        .collect();
    match people.len() {
        0 => ActivityVerdict::Unconfirmed,
        1 => ActivityVerdict::OneCoordinator,
        _ => ActivityVerdict::Verified,
    }
}

/// An order of `n` items from a list of random keys.
fn order(keys: &[u32], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|i| (keys.get(*i).copied().unwrap_or(0), *i));
    order
}

static NEXT_CASE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
static NEXT_SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    // Confirmations from two coordinators' devices (one of them also on the laptop its vault
    // was restored onto) and a volunteer's, some withdrawn, arriving in any interleaving: the
    // case is verified exactly when two different coordinators' confirmations stand, and every
    // order gives the same verdict and the same counted confirmations.
    #[test]
    fn the_verdict_does_not_depend_on_the_order_operations_arrive_in(
        confirmers in prop::collection::vec((0..4usize, prop::bool::weighted(0.2)), 0..6),
        keys in prop::collection::vec(any::<u32>(), 16),
    ) {
        VAULT.with(|cell| -> Result<(), TestCaseError> {
            let vault = &mut cell.borrow_mut().1;
            let authors = Authors::with_roster(ME, HELD, roster());
            let mut results = Vec::new();
            for keys in [None, Some(&keys)] {
                let n = NEXT_CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut bytes = [0x5a; 16];
                bytes[..4].copy_from_slice(&n.to_be_bytes());
                let case = EntityId::from_bytes(bytes);
                let ops = case_ops(case, &confirmers);
                let order = match keys {
                    None => (0..ops.len()).rev().collect(),
                    Some(keys) => order(keys, ops.len()),
                };
                let tx = vault.conn.transaction().unwrap();
                for i in order {
                    store::apply(&tx, &ops[i]).unwrap();
                }
                tx.commit().unwrap();
                let found = activity(vault, case, &authors).unwrap();
                let counted: Vec<String> = found
                    .confirmations
                    .iter()
                    .filter(|c| c.counts)
                    .map(|c| c.confirmation.checked.to_string())
                    .collect();
                results.push((found.verdict, counted));
            }
            prop_assert_eq!(results[0].0, expected(&confirmers));
            prop_assert_eq!(&results[0], &results[1]);
            Ok(())
        })?;
    }
}
