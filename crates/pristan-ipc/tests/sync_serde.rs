//! The sync commands' requests and responses survive JSON both ways, and use the spellings the
//! shell and the UI agree on.

use std::collections::BTreeMap;

use chrono::{TimeZone, Utc};
use pristan_ipc::*;
use pristan_model::sync::{
    ConflictValueView, ConflictView, ExportOutcome, FileOutcome, FileResult, ForkView, Gap,
    HeldOps, IdentityChangeReason, IdentityNotice, ImportCounts, ImportSummary, Progress,
    QuarantinedBundle, Role, RosterEntry, SeqRange, Stage,
};
use pristan_model::{DeviceId, EntityId, EntityType};
use serde::de::DeserializeOwned;
use serde::Serialize;

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let json = serde_json::to_string(value).expect("serialises");
    let back: T = serde_json::from_str(&json).expect("parses");
    assert_eq!(&back, value, "{json}");
}

fn device(n: u8) -> DeviceId {
    DeviceId::from_bytes([n; 16])
}

#[test]
fn responses_round_trip() {
    let when = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap();
    round_trip(&SyncStatus {
        org: None,
        device_name: "Anna's laptop".into(),
        device_fingerprint: Some("3F2A 91C0".into()),
        unsent_ops: 12,
        held_back_cases: 2,
        quarantine: vec![QuarantinedBundle {
            file_hash: "ab".repeat(32),
            file_name: "b-0007.age".into(),
            reason: pristan_model::Refusal::UnknownSigner {
                name: "Anna's laptop".into(),
                fingerprint: "3F2A 91C0".into(),
            },
            waiting: true,
            received_at: "2026-03-01T09:30:00Z".into(),
            size: 2048,
            kept: true,
        }],
        gaps: vec![Gap {
            sender: device(1),
            sender_name: "Anna's laptop".into(),
            missing: vec![7],
        }],
        pending_devices: 1,
        conflicts: 2,
        suggested_folders: vec!["/media/anna/USB".into()],
        forks: vec![ForkView {
            device: device(1),
            device_name: "Anna's laptop".into(),
            first_seq: 8,
            last_common_seq: 7,
            bundle_sender_name: "Anna's laptop".into(),
            bundle_number: Some(3),
            ops_aside: 2,
            resolved: false,
        }],
        identity_notice: Some(IdentityNotice {
            previous: device(1),
            current: device(5),
            reason: IdentityChangeReason::Restored,
            at: when,
            reissued: 0,
        }),
    });
    round_trip(&DeviceList {
        roster: vec![DeviceRow {
            entry: RosterEntry {
                device: device(2),
                name: "Office".into(),
                role: Role::Coordinator,
                signing_key: "00".repeat(32),
                recipient: "age1xyz".into(),
                approved_at: when,
                revoked_after_seq: Some(40),
                replaces: None,
                kept_seqs: vec![SeqRange { first: 1, last: 40 }],
            },
            fingerprint: "1234 5678".into(),
            this_device: true,
            held: Some(HeldOps {
                held: vec![SeqRange { first: 1, last: 40 }],
                missing: Vec::new(),
            }),
        }],
        pending: vec![PendingDeviceRow {
            device: device(3),
            name: "Boris".into(),
            fingerprint: "9999 0000".into(),
            first_seen: "2026-03-01T09:30:00Z".into(),
            replaces: Some("Anna's laptop".into()),
        }],
    });
    round_trip(&vec![ConflictRow {
        conflict: ConflictView {
            entity_type: EntityType::Case,
            entity: EntityId::from_bytes([4; 16]),
            case_id: Some(EntityId::from_bytes([4; 16])),
            field: "custody_status".into(),
            values: vec![ConflictValueView {
                value: serde_json::json!("released"),
                device: device(1),
                written_at: when,
                shown: true,
            }],
        },
        case_name: Some("Ali".into()),
        device_names: BTreeMap::from([(device(1), "Anna's laptop".into())]),
    }]);
    round_trip(&ImportSummary {
        files: vec![FileResult {
            file_name: "b-0001.age".into(),
            outcome: FileOutcome::Imported(ImportCounts {
                new_cases: 1,
                ..ImportCounts::default()
            }),
        }],
        imported: 1,
        ..ImportSummary::default()
    });
    round_trip(&Some(Progress::new(Stage::Importing, 3, 10)));
    round_trip(&ExportOutcome::NothingNew);
    round_trip(&InvitationText {
        text: "pristan-invitation-1 …".into(),
        org_fingerprint: "1234 5678 9012 3456 7890".into(),
    });
    round_trip(&InvitationPreview {
        org_name: "Tuesday visitors".into(),
        org_fingerprint: "1234 5678 9012 3456 7890".into(),
    });
}

#[test]
fn requests_use_the_names_the_shell_expects() {
    let forget = ForgetCase {
        case_id: EntityId::from_bytes([5; 16]),
        reason: ForgetReasonChoice::RequestedByPerson,
        typed_name: "Ali".into(),
    };
    let json = serde_json::to_value(&forget).unwrap();
    assert_eq!(json["reason"], "requested_by_person");
    for reason in ForgetReasonChoice::ALL {
        assert_eq!(ForgetReasonChoice::parse(reason.as_str()), Some(reason));
        assert_eq!(
            serde_json::to_value(reason).unwrap(),
            serde_json::json!(reason.as_str())
        );
    }
    let approve: ApproveDevice = serde_json::from_str(&format!(
        r#"{{"device":"{}","role":"volunteer"}}"#,
        device(6)
    ))
    .unwrap();
    assert_eq!(approve.role, Role::Volunteer);
    let revoke: RevokeDevice = serde_json::from_str(&format!(
        r#"{{"device":"{}","last_good_seq":null}}"#,
        device(6)
    ))
    .unwrap();
    assert_eq!(revoke.last_good_seq, None);
    round_trip(&AssignCase {
        case_id: EntityId::from_bytes([7; 16]),
        devices: vec![device(8)],
    });
}

#[test]
fn sync_command_names_are_listed_once() {
    let mut names = SYNC_COMMAND_NAMES.to_vec();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SYNC_COMMAND_NAMES.len());
    assert!(names.contains(&ForgetCase::NAME));
}

#[test]
fn a_role_refusal_reaches_the_ui_as_its_own_kind() {
    let error = IpcError::new(
        ErrorKind::NotPermitted {
            refusal: pristan_model::sync::RoleRefusal::AssignCase,
        },
        "only a coordinator assigns cases",
    );
    round_trip(&error);
    let json = serde_json::to_value(&error).unwrap();
    assert_eq!(json["kind"]["type"], "not_permitted");
    assert_eq!(json["kind"]["refusal"], "assign_case");
}
