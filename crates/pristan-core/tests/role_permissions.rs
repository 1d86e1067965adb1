//! Roles are enforced by the core, not only by the interface (issue 10, finding 6): a
//! volunteer's vault refuses to assign a case, forget a person or mark evidence verified, and a
//! coordinator refuses, whole, a bundle in which a volunteer's seized laptop does any of it
//! (a genuine export with edited operations, re-signed with that volunteer's own device key).

mod bundle_vectors;

use std::collections::BTreeMap;

use bundle_vectors::{craft, Device};
use pristan_core::bundle::{BundleKind, ExportOutcome, FileOutcome};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::{EntityId, ForgetReason};
use pristan_core::org::permissions::RoleRefusal;
use pristan_core::org::{Invitation, Role};
use pristan_core::{Error, Vault};
use serde_json::{json, Value};

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    let case = NewCase {
        name: name.to_owned(),
        // The person agreed to share with the coordinator, so the case travels.
        share_with_coordinator: true,
        ..NewCase::default()
    };
    vault.add_case(case).unwrap()
}

fn note(case: EntityId, text: &str) -> Note {
    Note {
        case_id: Some(case),
        visit_id: None,
        kind: NoteKind::Welfare,
        sensitivity: Sensitivity::Normal,
        text: LongText::new(text).unwrap(),
        replaces: None,
    }
}

fn export(vault: &mut Vault) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    match vault.export_bundle(dir.path(), None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => std::fs::read(report.path).unwrap(),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

/// A coordinator, and a volunteer whose first bundle (one case, one note) it has imported.
struct Org {
    office: Device,
    anna: Device,
    case: EntityId,
    /// The first genuine bundle, decrypted: its operations are the templates for crafted ones.
    template: Value,
    next_seq: u64,
}

fn organisation() -> Org {
    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let mut anna = Device::new("Anna's laptop");
    let text = office.vault.invitation().unwrap().to_text();
    anna.vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    let case = add_case(&mut anna.vault, "Ivan Petrov");
    anna.vault.add(note(case, "Needs reading glasses")).unwrap();
    let first = export(&mut anna.vault);
    office.import_bytes(&first, "first.pristan");
    office
        .vault
        .approve_device(anna.vault.device_id(), Role::Volunteer)
        .unwrap();
    let retried = office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
    let plain = bundle_vectors::decrypt(&first, &office.org_identity());
    let (ops, _) = bundle_vectors::unpack_payload(&bundle_vectors::split_envelope(&plain).payload);
    let ops = ops.as_array().unwrap();
    let next_seq = ops.len() as u64 + 1;
    Org {
        office,
        anna,
        case,
        template: ops[0].clone(),
        next_seq,
    }
}

impl Org {
    /// Anna's device signs `changes` as her next operations, with an honest note first, so that
    /// the whole bundle must be refused, not only the forbidden part.
    fn crafted(&mut self, changes: &[(&str, String, Value)]) -> Vec<u8> {
        let me = self.anna.vault.device_id().to_string();
        let first = self.next_seq;
        let mut ops = vec![craft::op(
            &self.template,
            &me,
            first,
            "note",
            &EntityId::random().to_string(),
            json!({"type": "record", "fields": serde_json::to_value(note(self.case, "An honest note in the same bundle")).unwrap()}),
        )];
        for (i, (entity_type, entity, change)) in changes.iter().enumerate() {
            ops.push(craft::op(
                &self.template,
                &me,
                first + 1 + i as u64,
                entity_type,
                entity,
                change.clone(),
            ));
        }
        // Later than anything written so far, as the laptop's own clock would stamp them.
        let now_ms = chrono::Utc::now().timestamp_millis() as u64;
        for (i, op) in ops.iter_mut().enumerate() {
            op["hlc"] = json!(format!("{now_ms:016x}-{i:08x}"));
        }
        let last = first + ops.len() as u64 - 1;
        let payload = bundle_vectors::pack_payload(&serde_json::to_vec(&ops).unwrap(), &[]);
        let vault = &mut self.anna.vault;
        let header = craft::header(vault, BundleKind::Ops, Some((first, last)), &payload);
        let to = self.office.org_recipient();
        craft::bundle(vault, &header, &payload, &to)
    }

    /// Imports `bytes` at the coordinator and checks that it is quarantined with `words` in
    /// its reason, changing nothing.
    fn assert_refused(&mut self, bytes: &[u8], words: &str) {
        let before = self.office.vault.state_hash().unwrap();
        let outcome = self.office.import_bytes(bytes, "crafted.pristan");
        let FileOutcome::Quarantined { reason, waiting } = &outcome else {
            panic!("expected quarantine, got {outcome:?}");
        };
        assert!(!waiting, "{reason}");
        assert!(reason.to_string().contains(words), "{reason}");
        assert_eq!(self.office.vault.state_hash().unwrap(), before);
        let quarantined = self.office.vault.quarantine().unwrap();
        assert!(
            quarantined.iter().any(|q| &q.reason == reason),
            "kept in quarantine with its reason: {quarantined:?}"
        );
    }
}

fn case_assignment(devices: &[String]) -> Value {
    json!({"type": "assign", "fields": {"assigned_to": devices}})
}

#[test]
fn a_volunteers_vault_refuses_to_assign_a_case() {
    let mut org = organisation();
    let me = org.anna.vault.device_id().to_string();
    let before = org.anna.vault.state_hash().unwrap();
    let err = org
        .anna
        .vault
        .update_case(
            org.case,
            BTreeMap::from([(CaseField::AssignedTo, Value::from(vec![me]))]),
        )
        .unwrap_err();
    assert!(
        matches!(err, Error::NotPermitted(RoleRefusal::AssignCase)),
        "{err:?}"
    );
    assert!(err.to_string().contains("only a coordinator assigns cases"));
    assert_eq!(org.anna.vault.state_hash().unwrap(), before);
    // Renaming the case, which any member may do, still works.
    org.anna
        .vault
        .update_case(
            org.case,
            BTreeMap::from([(CaseField::Name, Value::from("Ivan A. Petrov"))]),
        )
        .unwrap();
}

/// A batch (the demo generator's way of saving) is checked as single changes are: one change the
/// role may not make refuses the whole batch, and nothing of it is saved.
#[test]
fn a_volunteers_batch_with_one_forbidden_change_is_refused_whole() {
    let mut org = organisation();
    let me = org.anna.vault.device_id().to_string();
    let before = org.anna.vault.state_hash().unwrap();
    let vault = &mut org.anna.vault;
    let mut batch = pristan_core::casebook::RecordBatch::new();
    batch
        .queue(vault, note(org.case, "Asked for a Russian Bible"))
        .unwrap();
    batch
        .queue_case_change(
            vault,
            org.case,
            BTreeMap::from([(CaseField::AssignedTo, Value::from(vec![me]))]),
        )
        .unwrap();
    let err = vault.save_batch(batch).unwrap_err();
    assert!(
        matches!(err, Error::NotPermitted(RoleRefusal::AssignCase)),
        "{err:?}"
    );
    assert_eq!(org.anna.vault.state_hash().unwrap(), before);
}

#[test]
fn a_volunteers_vault_refuses_to_forget_or_to_verify_evidence() {
    let mut org = organisation();
    let err = org
        .anna
        .vault
        .forget_case(org.case, ForgetReason::EnteredByMistake)
        .unwrap_err();
    assert!(
        matches!(err, Error::NotPermitted(RoleRefusal::Forget)),
        "{err:?}"
    );
    assert!(org.anna.vault.case(org.case).unwrap().is_some());
    let evidence = pristan_core::domain::Evidence {
        case_id: Some(org.case),
        summary: LongText::new("Arrested at a protest in 2022").unwrap(),
        verification: pristan_core::domain::VerificationLevel::Verified,
        ..Default::default()
    };
    let err = org.anna.vault.add(evidence.clone()).unwrap_err();
    assert!(
        matches!(err, Error::NotPermitted(RoleRefusal::VerifyEvidence)),
        "{err:?}"
    );
    let documented = pristan_core::domain::Evidence {
        verification: pristan_core::domain::VerificationLevel::Documented,
        ..evidence
    };
    org.anna.vault.add(documented).unwrap();
}

#[test]
fn a_crafted_bundle_in_which_a_volunteer_takes_a_case_is_refused_whole() {
    let mut org = organisation();
    // The coordinator assigned the case to someone else; the seized laptop takes it over.
    let other = pristan_core::ops::DeviceId::random().to_string();
    org.office
        .vault
        .update_case(
            org.case,
            BTreeMap::from([(CaseField::AssignedTo, Value::from(vec![other.clone()]))]),
        )
        .unwrap();
    let me = org.anna.vault.device_id().to_string();
    let bytes = org.crafted(&[("case", org.case.to_string(), case_assignment(&[me]))]);
    org.assert_refused(&bytes, "only a coordinator assigns cases");
    let case = org.office.vault.case(org.case).unwrap().unwrap();
    assert_eq!(
        case.assigned_to
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>(),
        vec![other]
    );
}

#[test]
fn a_crafted_bundle_that_unassigns_or_verifies_is_refused() {
    let mut org = organisation();
    let bytes = org.crafted(&[("case", org.case.to_string(), case_assignment(&[]))]);
    org.assert_refused(&bytes, "only a coordinator assigns cases");

    let mut org = organisation();
    let evidence = json!({"type": "assign", "fields": {
        "case_id": org.case.to_string(), "category": "protest", "summary": "Forged",
        "date": null, "verification": "verified", "verified_by": "Coordinator",
        "verified_on": "2026-01-02"}});
    let bytes = org.crafted(&[("evidence", EntityId::random().to_string(), evidence)]);
    org.assert_refused(
        &bytes,
        "only a coordinator marks evidence as corroborated or verified",
    );
}

// Issue 13: a volunteer's seized laptop cannot pass off its own checking as a coordinator's,
// nor a confirmation, a referral or a flight (the two-reviewer rule and the working group's list
// rest on these being a coordinator's).
#[test]
fn a_crafted_bundle_that_corroborates_confirms_refers_or_records_a_flight_is_refused() {
    fn case(org: &Org) -> String {
        org.case.to_string()
    }
    type Change = Box<dyn Fn(&Org) -> Value>;
    let attempts: Vec<(&str, Change, &str)> = vec![
        (
            "evidence",
            Box::new(|org| {
                json!({"type": "assign", "fields": {
                    "case_id": case(org), "summary": "Forged", "verification": "corroborated"}})
            }),
            "only a coordinator marks evidence as corroborated or verified",
        ),
        (
            "evidence_review",
            Box::new(|org| {
                json!({"type": "record", "fields": {
                    "case_id": case(org), "evidence_id": EntityId::random().to_string(),
                    "level": "verified", "method": "I say so"}})
            }),
            "only a coordinator marks evidence as corroborated or verified",
        ),
        (
            "activity_confirmation",
            Box::new(
                |org| json!({"type": "record", "fields": {"case_id": case(org), "checked": "Forged"}}),
            ),
            "only a coordinator confirms a person's political activity",
        ),
        (
            "referral",
            Box::new(|org| {
                json!({"type": "assign", "fields": {
                    "case_id": case(org), "pathway_id": "7072697374616e2d706174682d303031",
                    "status": "submitted", "recipient": "Government of Canada (IRCC)"}})
            }),
            "only a coordinator marks referrals",
        ),
        (
            "pathway",
            Box::new(|_| json!({"type": "assign", "fields": {"name": "Somewhere"}})),
            "only a coordinator marks referrals",
        ),
        (
            "flight",
            Box::new(|_| json!({"type": "assign", "fields": {"route": "Alexandria → Moscow"}})),
            "only a coordinator records removal flights",
        ),
        (
            "flight_link",
            Box::new(|org| {
                json!({"type": "assign", "fields": {
                    "case_id": case(org), "flight_id": EntityId::random().to_string()}})
            }),
            "only a coordinator records removal flights",
        ),
    ];
    for (entity_type, change, refusal) in attempts {
        let mut org = organisation();
        let change = change(&org);
        let bytes = org.crafted(&[(entity_type, EntityId::random().to_string(), change)]);
        org.assert_refused(&bytes, refusal);
    }
}

#[test]
fn a_crafted_forget_from_a_volunteer_is_refused() {
    let mut org = organisation();
    let forget = json!({"type": "forget", "reason": "entered_by_mistake"});
    let bytes = org.crafted(&[("case", org.case.to_string(), forget)]);
    org.assert_refused(&bytes, "only a coordinator can forget a person");
    assert!(org.office.vault.case(org.case).unwrap().is_some());
}

/// The control for the crafted bundles above: the same crafting with changes a volunteer may
/// make imports, so their refusals come from the role rule and not from the crafting.
#[test]
fn a_crafted_bundle_with_a_volunteers_own_changes_imports() {
    let mut org = organisation();
    let rename = json!({"type": "assign", "fields": {"name": "Ivan A. Petrov"}});
    let bytes = org.crafted(&[("case", org.case.to_string(), rename)]);
    let outcome = org.office.import_bytes(&bytes, "crafted.pristan");
    assert!(matches!(outcome, FileOutcome::Imported(_)), "{outcome:?}");
    let case = org.office.vault.case(org.case).unwrap().unwrap();
    assert_eq!(case.name, "Ivan A. Petrov");
}
