//! Findings 4 and 7: what an import may store. Junk files were kept whole in quarantine without
//! a cap, attachments had no size cap and needed no operation naming them, the pending list had
//! no cap, and a delayed attachment of a forgotten case was stored although its record was
//! dropped.

use pristan_core::bundle::{FileOutcome, Limits};
use pristan_core::ops::ForgetReason;
use rand::RngCore;
use serde_json::json;

use super::{add_note, assert_imported, export, join, open, org, resign, temp_file};
use crate::bundle_vectors::{assert_plain_reason, Device};

const MIB: usize = 1024 * 1024;

fn random_bytes(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// The bytes of every file in the vault's folder (the database and its write-ahead log).
fn vault_bytes(device: &Device) -> u64 {
    std::fs::read_dir(device.vault.dir())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum()
}

fn refused(outcome: &FileOutcome) -> &str {
    match outcome {
        FileOutcome::Quarantined { reason, .. } | FileOutcome::Rejected { reason } => {
            assert_plain_reason(reason);
            reason
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn junk_files_are_kept_as_name_size_and_hash_only() {
    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let folder = office.tmp.path().join("stick");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..3 {
        std::fs::write(
            folder.join(format!("junk{i}.pristan")),
            random_bytes(8 * MIB),
        )
        .unwrap();
    }
    let before = vault_bytes(&office);
    let summary = office.import_path(&folder);
    assert_eq!(summary.quarantined, 3, "{summary:?}");
    let grown = vault_bytes(&office) - before;
    assert!(grown < 2 * MIB as u64, "the vault grew by {grown} bytes");
    let held = office.vault.quarantine().unwrap();
    assert_eq!(held.len(), 3);
    for entry in &held {
        assert_eq!(entry.size, 8 * MIB as u64);
        assert!(!entry.kept, "{entry:?}");
    }
    // Retrying reports them again without reading anything.
    let retried = office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.quarantined, 3, "{retried:?}");
}

#[test]
fn the_quarantine_is_capped_and_says_so_when_full() {
    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let folder = office.tmp.path().join("stick");
    std::fs::create_dir(&folder).unwrap();
    for i in 0..3 {
        std::fs::write(folder.join(format!("junk{i}.pristan")), random_bytes(1000)).unwrap();
    }
    let limits = Limits {
        max_quarantine_files: 2,
        ..Limits::DEFAULT
    };
    let summary = office
        .vault
        .import_bundles_with(&[folder], &limits, &mut |_| {})
        .unwrap();
    assert_eq!(summary.quarantined, 2, "{summary:?}");
    assert_eq!(summary.rejected, 1, "{summary:?}");
    let reason = refused(&summary.files[2].outcome);
    assert!(reason.contains("quarantine is full"), "{reason}");
    assert_eq!(office.vault.quarantine().unwrap().len(), 2);
}

#[test]
fn an_attachment_larger_than_pristan_keeps_is_refused() {
    let mut o = org();
    let small = export_attachment(&mut o, 1000);
    let mut opened = open(&o.office, &small);
    let big = random_bytes(20 * MIB + 1);
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&big));
    let attachment = opened.ops.as_array_mut().unwrap().last_mut().unwrap();
    attachment["change"]["fields"]["sha256"] = json!(sha);
    attachment["change"]["fields"]["size"] = json!(big.len());
    let to = o.office.org_recipient();
    let seqs = opened.seq_range.unwrap();
    let forged = resign(&mut o.anna, &opened.ops, &[&big], seqs, &to);
    let before = o.office.vault.state_hash().unwrap();
    let reason = refused(&o.office.import_bytes(&forged, "big.pristan")).to_owned();
    assert!(reason.contains("attachment"), "{reason}");
    assert_eq!(o.office.vault.state_hash().unwrap(), before);
}

#[test]
fn an_attachment_no_operation_names_is_refused() {
    let mut o = org();
    add_note(&mut o.anna.vault, o.case, "Second visit");
    let opened = open(&o.office, &export(&mut o.anna.vault));
    let orphan = random_bytes(MIB);
    let to = o.office.org_recipient();
    let forged = resign(
        &mut o.anna,
        &opened.ops,
        &[&orphan],
        opened.seq_range.unwrap(),
        &to,
    );
    let before = vault_bytes(&o.office);
    let reason = refused(&o.office.import_bytes(&forged, "orphan.pristan")).to_owned();
    assert!(reason.contains("attachment"), "{reason}");
    assert!(vault_bytes(&o.office) - before < (MIB / 2) as u64);
}

#[test]
fn the_list_of_devices_waiting_for_approval_is_capped() {
    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let limits = Limits {
        max_pending_devices: 3,
        ..Limits::DEFAULT
    };
    let mut outcomes = Vec::new();
    for i in 0..4 {
        let mut stranger = join(&office, &format!("Stranger {i}"));
        super::add_case(&mut stranger.vault, "Nobody");
        let path = temp_file(
            &office,
            &format!("s{i}.pristan"),
            &export(&mut stranger.vault),
        );
        let summary = office
            .vault
            .import_bundles_with(&[path], &limits, &mut |_| {})
            .unwrap();
        outcomes.push(summary.files[0].outcome.clone());
    }
    assert_eq!(office.vault.pending_devices().unwrap().len(), 3);
    let reason = refused(&outcomes[3]);
    assert!(reason.contains("waiting for approval"), "{reason}");
}

/// Anna's bundle adding an attachment of `len` random bytes to her case.
fn export_attachment(o: &mut super::Org, len: usize) -> Vec<u8> {
    o.anna
        .vault
        .add_attachment(o.case, "scan.pdf", "", &random_bytes(len))
        .unwrap();
    export(&mut o.anna.vault)
}

#[test]
fn a_delayed_attachment_of_a_forgotten_case_is_not_stored() {
    let mut o = org();
    // Anna attaches a scan before she hears of the forget; it arrives after it.
    let delayed = export_attachment(&mut o, 4 * MIB);
    o.office
        .vault
        .forget_case(o.case, ForgetReason::RequestedByPerson)
        .unwrap();
    let before = vault_bytes(&o.office);
    assert_imported(&o.office.import_bytes(&delayed, "delayed.pristan"));
    let grown = vault_bytes(&o.office).saturating_sub(before);
    assert!(grown < MIB as u64, "the vault grew by {grown} bytes");
}
