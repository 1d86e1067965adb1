//! Shared devices and helpers for the coordination tests.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::bundle::{ExportOutcome, FileOutcome, ImportSummary};
use pristan_core::cases::NewCase;
use pristan_core::ops::{DeviceId, EntityId};
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;

pub fn passphrase() -> SecretString {
    SecretString::from("maple orbit candle sixty harbor".to_owned())
}

pub struct Device {
    pub tmp: tempfile::TempDir,
    pub vault: Vault,
}

pub fn device(name: &str) -> Device {
    let tmp = tempfile::tempdir().unwrap();
    let (vault, _) =
        Vault::create(&tmp.path().join("v"), &passphrase(), KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    Device { tmp, vault }
}

impl Device {
    pub fn export(&mut self) -> PathBuf {
        let out = self.tmp.path().join("out");
        fs::create_dir_all(&out).unwrap();
        match self.vault.export_bundle(&out, None, &mut |_| {}).unwrap() {
            ExportOutcome::Written(report) => PathBuf::from(report.path),
            ExportOutcome::NothingNew => panic!("expected a bundle"),
        }
    }

    /// A bundle of every operation of this device again, for a coordinator who joined later.
    pub fn export_all(&mut self) -> PathBuf {
        let out = self.tmp.path().join("resent");
        fs::create_dir_all(&out).unwrap();
        match self
            .vault
            .export_bundle(&out, Some(1), &mut |_| {})
            .unwrap()
        {
            ExportOutcome::Written(report) => PathBuf::from(report.path),
            ExportOutcome::NothingNew => panic!("expected a bundle"),
        }
    }

    pub fn import(&mut self, path: &Path) -> ImportSummary {
        let summary = self
            .vault
            .import_bundles(&[path.to_owned()], &mut |_| {})
            .unwrap();
        for file in &summary.files {
            assert!(
                matches!(file.outcome, FileOutcome::Imported(_)),
                "{:?}",
                file.outcome
            );
        }
        summary
    }

    pub fn packet_for(&mut self, to: DeviceId) -> PathBuf {
        let out = self.tmp.path().join("packets");
        fs::create_dir_all(&out).unwrap();
        let report = self
            .vault
            .export_case_packet(to, &out, &mut |_| {})
            .unwrap();
        PathBuf::from(report.path)
    }

    pub fn add_case(&mut self, name: &str) -> EntityId {
        self.vault
            .add_case(NewCase {
                name: name.to_owned(),
                share_with_coordinator: true,
                ..NewCase::default()
            })
            .unwrap()
    }
}

/// A coordinator ("Office laptop") and an approved volunteer ("Anna's laptop") whose case
/// "Ivan Petrov" the coordinator holds.
pub fn organisation() -> (Device, Device, EntityId) {
    let mut office = device("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let mut anna = device("Anna's laptop");
    let text = office.vault.invitation().unwrap().to_text();
    anna.vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    let case = anna.add_case("Ivan Petrov");
    let first = anna.export();
    let summary = office.vault.import_bundles(&[first], &mut |_| {}).unwrap();
    assert_eq!(summary.quarantined, 1, "waits for approval");
    office
        .vault
        .approve_device(anna.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    (office, anna, case)
}

/// A second coordinator of `office`'s organisation, whose roster entry `office` has heard of.
pub fn second_coordinator(office: &mut Device) -> Device {
    let keys = office.vault.export_coordinator_keys(&passphrase()).unwrap();
    let mut second = device("Second office");
    second
        .vault
        .join_as_coordinator(&keys, &passphrase())
        .unwrap();
    let hello = {
        second.add_case("Opened by the second coordinator");
        second.export()
    };
    office.import(&hello);
    second
}
