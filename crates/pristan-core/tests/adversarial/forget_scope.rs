//! Low item: every case packet carried every forget instruction to every volunteer, telling each
//! of people it never knew. A volunteer needs the forget of a case it holds or may receive: one
//! assigned to it, sent to it, or that it wrote about.

use pristan_core::ops::{DeviceId, EntityId, ForgetReason};
use pristan_core::org::Role;

use super::{add_case, assert_imported, export, join, open, org, Org};
use crate::bundle_vectors::Device;

fn forgets_in_packet(o: &mut Org, to: DeviceId) -> Vec<EntityId> {
    let outbox = tempfile::tempdir().unwrap();
    let report = o
        .office
        .vault
        .export_case_packet(to, outbox.path(), &mut |_| {})
        .unwrap();
    let packet = open(&o.office, &std::fs::read(&report.path).unwrap());
    let mut ids: Vec<EntityId> = packet
        .ops
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["change"]["type"] == "forget")
        .map(|op| op["entity"].as_str().unwrap().parse().unwrap())
        .collect();
    ids.sort();
    ids
}

fn approve(office: &mut Device, device: &mut Device) {
    add_case(&mut device.vault, "Someone Else");
    office.import_bytes(&export(&mut device.vault), "first.pristan");
    office
        .vault
        .approve_device(device.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
}

#[test]
fn a_case_packet_tells_a_volunteer_only_of_forgotten_cases_it_held() {
    let mut o = org();
    let mut bob = join(&o.office, "Bob's laptop");
    approve(&mut o.office, &mut bob);
    let office_only = add_case(&mut o.office.vault, "Known to the office only");
    // Anna wrote the first case; the office forgets it and its own.
    o.office
        .vault
        .forget_case(o.case, ForgetReason::RequestedByPerson)
        .unwrap();
    o.office
        .vault
        .forget_case(office_only, ForgetReason::EnteredByMistake)
        .unwrap();

    assert_eq!(forgets_in_packet(&mut o, bob.vault.device_id()), vec![]);
    let anna = o.anna.vault.device_id();
    assert_eq!(forgets_in_packet(&mut o, anna), vec![o.case]);

    // Anna's packet forgets her case on her laptop.
    let outbox = tempfile::tempdir().unwrap();
    let report = o
        .office
        .vault
        .export_case_packet(anna, outbox.path(), &mut |_| {})
        .unwrap();
    assert_imported(
        &o.anna
            .import_bytes(&std::fs::read(&report.path).unwrap(), "p.pristan"),
    );
    assert!(o.anna.vault.case(o.case).unwrap().is_none());
}
