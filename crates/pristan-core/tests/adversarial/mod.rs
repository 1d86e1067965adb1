//! A coordinator and an approved volunteer, and the means to take a genuine bundle apart, edit
//! its operations and sign it again with the sender's key.

mod clock;
mod forget_scope;
mod revocation;
mod storage;

use std::path::PathBuf;

use pristan_core::bundle::{BundleKind, ExportOutcome, FileOutcome};
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::EntityId;
use pristan_core::org::{Invitation, Role};
use pristan_core::Vault;
use serde_json::Value;

use crate::bundle_vectors::{self, craft, Device};

pub fn join(coordinator: &Device, name: &str) -> Device {
    let mut device = Device::new(name);
    let text = coordinator.vault.invitation().unwrap().to_text();
    device
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    device
}

pub fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            ..NewCase::default()
        })
        .unwrap()
}

pub fn add_note(vault: &mut Vault, case: EntityId, text: &str) -> EntityId {
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(text).unwrap(),
            replaces: None,
        })
        .unwrap()
}

/// The bytes of the bundle `vault` exports now.
pub fn export(vault: &mut Vault) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    match vault.export_bundle(dir.path(), None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => std::fs::read(report.path).unwrap(),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

pub fn assert_imported(outcome: &FileOutcome) {
    assert!(matches!(outcome, FileOutcome::Imported(_)), "{outcome:?}");
}

/// An organisation with an approved volunteer who holds one case, already imported by the
/// coordinator.
pub struct Org {
    pub office: Device,
    pub anna: Device,
    pub case: EntityId,
}

pub fn org() -> Org {
    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let mut anna = join(&office, "Anna's laptop");
    let case = add_case(&mut anna.vault, "Ivan Petrov");
    add_note(&mut anna.vault, case, "Needs reading glasses");
    let first = export(&mut anna.vault);
    office.import_bytes(&first, "first.pristan");
    office
        .vault
        .approve_device(anna.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    Org { office, anna, case }
}

/// A bundle taken apart: its operations as JSON and the sequence numbers it claims.
pub struct Opened {
    pub ops: Value,
    pub seq_range: Option<(u64, u64)>,
}

/// Opens `file` with the organisation's key (which `office` holds).
pub fn open(office: &Device, file: &[u8]) -> Opened {
    let plain = bundle_vectors::decrypt(file, &office.org_identity());
    let envelope = bundle_vectors::split_envelope(&plain);
    let header: Value = serde_json::from_slice(&envelope.header).unwrap();
    let (ops, _) = bundle_vectors::unpack_payload(&envelope.payload);
    let seq_range = header["seq_range"]
        .as_object()
        .map(|r| (r["first"].as_u64().unwrap(), r["last"].as_u64().unwrap()));
    Opened { ops, seq_range }
}

/// An operations bundle of `ops` and `blobs`, signed by `signer` with its own key, claiming
/// `seqs`, encrypted to the organisation: what a seized laptop can make.
pub fn resign(
    signer: &mut Device,
    ops: &Value,
    blobs: &[&[u8]],
    seqs: (u64, u64),
    to: &age::x25519::Recipient,
) -> Vec<u8> {
    let payload = bundle_vectors::pack_payload(&serde_json::to_vec(ops).unwrap(), blobs);
    let header = craft::header(&mut signer.vault, BundleKind::Ops, Some(seqs), &payload);
    craft::bundle(&signer.vault, &header, &payload, to)
}

pub fn temp_file(device: &Device, name: &str, bytes: &[u8]) -> PathBuf {
    let path = device.tmp.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
