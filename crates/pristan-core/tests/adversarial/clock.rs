//! Finding 1: one operation stamped `ffffffffffffffff-fffffffe` exhausted the receiver's clock,
//! after which no case, note, forget or import worked there, and it travelled on in case packets.

use std::collections::BTreeMap;

use pristan_core::bundle::{recipient_fingerprint, BundleKind, FileOutcome};
use pristan_core::cases::CaseField;
use pristan_core::ops::ForgetReason;
use serde_json::{json, Value};

use super::{add_case, add_note, assert_imported, export, open, org, resign, temp_file};
use crate::bundle_vectors::{assert_plain_reason, craft};

const END_OF_TIME: &str = "ffffffffffffffff-fffffffe";

fn stamped(ops: &Value, hlc: &str) -> Value {
    let mut ops = ops.clone();
    for op in ops.as_array_mut().unwrap() {
        op["hlc"] = json!(hlc);
    }
    ops
}

fn waiting_reason(outcome: &FileOutcome) -> String {
    match outcome {
        FileOutcome::Quarantined { reason, waiting } => {
            assert!(
                *waiting,
                "a far-future bundle waits to be tried again: {reason}"
            );
            reason.clone()
        }
        other => panic!("expected the bundle to wait in quarantine, got {other:?}"),
    }
}

#[test]
fn an_operation_stamped_at_the_end_of_time_is_held_back_and_everything_still_works() {
    let mut o = org();
    add_note(&mut o.anna.vault, o.case, "Second visit");
    let genuine = open(&o.office, &export(&mut o.anna.vault));
    let to = o.office.org_recipient();
    let forged = resign(
        &mut o.anna,
        &stamped(&genuine.ops, END_OF_TIME),
        &[],
        genuine.seq_range.unwrap(),
        &to,
    );
    let before = o.office.vault.state_hash().unwrap();
    let reason = waiting_reason(&o.office.import_bytes(&forged, "forged.pristan"));
    assert_plain_reason(&reason);
    assert!(
        reason.contains("days after this computer's clock"),
        "{reason}"
    );
    assert_eq!(o.office.vault.state_hash().unwrap(), before);
    assert_eq!(o.office.vault.quarantine().unwrap().len(), 1);

    // The coordinator's vault goes on working: a case, a note, a forget, another import.
    let case = add_case(&mut o.office.vault, "Olga Ivanova");
    add_note(&mut o.office.vault, case, "Met at the detention centre");
    o.office
        .vault
        .forget_case(case, ForgetReason::EnteredByMistake)
        .unwrap();
    add_note(&mut o.anna.vault, o.case, "Third visit");
    assert_imported(
        &o.office
            .import_bytes(&export(&mut o.anna.vault), "third.pristan"),
    );
    // And after a restart too.
    let (office, _) = o.office.copy();
    let mut office = office;
    add_case(&mut office.vault, "Pavel Smirnov");
}

#[test]
fn a_laptop_whose_clock_reads_2099_is_held_back_and_can_be_accepted_without_moving_the_clock() {
    let mut o = org();
    add_note(&mut o.anna.vault, o.case, "Written on a laptop set to 2099");
    let genuine = open(&o.office, &export(&mut o.anna.vault));
    let to = o.office.org_recipient();
    // 2099-01-01T00:00:00Z
    let year_2099 = format!("{:016x}-00000000", 4_070_908_800_000u64);
    let bundle = resign(
        &mut o.anna,
        &stamped(&genuine.ops, &year_2099),
        &[],
        genuine.seq_range.unwrap(),
        &to,
    );
    waiting_reason(&o.office.import_bytes(&bundle, "2099.pristan"));
    // Tried again (after an approval, say), it still waits.
    let retried = o.office.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.quarantined, 1, "{retried:?}");

    // A person who has checked with the sender accepts it: the note arrives, and this vault's
    // own edits are not dated 2099.
    let hash = o.office.vault.quarantine().unwrap()[0].file_hash.clone();
    assert_imported(&o.office.vault.accept_clock_ahead(&hash).unwrap());
    assert!(o.office.vault.quarantine().unwrap().is_empty());
    let case = add_case(&mut o.office.vault, "Olga Ivanova");
    o.office
        .vault
        .update_case(
            case,
            BTreeMap::from([(CaseField::Languages, Value::from("Russian"))]),
        )
        .unwrap();
    let own = export(&mut o.office.vault);
    let own = open(&o.office, &own);
    let now_ms = chrono::Utc::now().timestamp_millis() as u64;
    for op in own.ops.as_array().unwrap() {
        let hlc = op["hlc"].as_str().unwrap();
        let wall_ms = u64::from_str_radix(&hlc[..16], 16).unwrap();
        assert!(
            wall_ms <= now_ms + 1000,
            "the office's own stamp {hlc} is ahead of its clock"
        );
    }
}

#[test]
fn a_case_packet_carrying_a_far_future_stamp_cannot_stop_a_volunteer() {
    let mut o = org();
    let anna_id = o.anna.vault.device_id();
    o.office
        .vault
        .update_case(
            o.case,
            BTreeMap::from([(
                CaseField::AssignedTo,
                Value::from(vec![anna_id.to_string()]),
            )]),
        )
        .unwrap();
    let outbox = tempfile::tempdir().unwrap();
    let report = o
        .office
        .vault
        .export_case_packet(anna_id, outbox.path(), &mut |_| {})
        .unwrap();
    let packet = std::fs::read(&report.path).unwrap();
    assert_imported(&o.anna.import_bytes(&packet, "packet.pristan"));

    // The same packet with its operations re-dated, signed by the coordinator's own key.
    let genuine = open(&o.office, &packet);
    let ops = stamped(&genuine.ops, END_OF_TIME);
    let payload = crate::bundle_vectors::pack_payload(&serde_json::to_vec(&ops).unwrap(), &[]);
    let mut header = craft::header(&mut o.office.vault, BundleKind::CasePacket, None, &payload);
    let anna_recipient: age::x25519::Recipient = o
        .anna
        .vault
        .device_identity()
        .unwrap()
        .recipient
        .parse()
        .unwrap();
    header
        .recipients
        .push(recipient_fingerprint(&anna_recipient));
    let forged = craft::bundle(&o.office.vault, &header, &payload, &anna_recipient);
    let path = temp_file(&o.anna, "forged-packet.pristan", &forged);
    let summary = o.anna.vault.import_bundles(&[path], &mut |_| {}).unwrap();
    waiting_reason(&summary.files[0].outcome);

    let case = add_case(&mut o.anna.vault, "Olga Ivanova");
    add_note(&mut o.anna.vault, case, "Still works");
    assert!(!export(&mut o.anna.vault).is_empty());
}
