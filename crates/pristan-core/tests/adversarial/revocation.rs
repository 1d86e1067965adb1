//! Finding 3: revocation kept every operation "up to" the highest sequence number held, so a
//! seized laptop could fill a gap below it with new text after it was revoked.

use pristan_core::bundle::{FileOutcome, SeqRange};
use serde_json::json;

use super::{add_note, assert_imported, export, open, org, resign};
use crate::bundle_vectors::assert_plain_reason;

const FORGED: &str = "FORGED after revocation: client withdrew asylum claim";

#[test]
fn a_revoked_laptop_cannot_fill_a_gap_with_forged_content() {
    let mut o = org();
    let anna_id = o.anna.vault.device_id();
    // Operation 3 travels in a bundle that is lost; operation 4 arrives.
    add_note(&mut o.anna.vault, o.case, "Second visit");
    let lost = export(&mut o.anna.vault);
    add_note(&mut o.anna.vault, o.case, "Third visit");
    assert_imported(
        &o.office
            .import_bytes(&export(&mut o.anna.vault), "third.pristan"),
    );

    // Before revoking, the coordinator sees what it holds and what is missing.
    let held = o.office.vault.held_ops(anna_id).unwrap();
    assert_eq!(
        held.held,
        vec![
            SeqRange { first: 1, last: 2 },
            SeqRange { first: 4, last: 4 }
        ]
    );
    assert_eq!(held.missing, vec![SeqRange { first: 3, last: 3 }]);
    let roster = o.office.vault.revoke_device(anna_id, None).unwrap();
    let entry = roster.entries.iter().find(|e| e.device == anna_id).unwrap();
    assert_eq!(entry.kept_seqs, held.held);

    // The seized laptop sends the missing operation with new text, signed with its own key.
    let mut opened = open(&o.office, &lost);
    assert_eq!(opened.seq_range, Some((3, 3)));
    opened.ops[0]["change"]["fields"]["text"] = json!(FORGED);
    let to = o.office.org_recipient();
    let forged = resign(&mut o.anna, &opened.ops, &[], (3, 3), &to);
    let before = o.office.vault.state_hash().unwrap();
    let outcome = o.office.import_bytes(&forged, "forged.pristan");
    match &outcome {
        FileOutcome::Quarantined { reason, waiting } => {
            assert!(!waiting, "{reason}");
            assert_plain_reason(reason);
            assert!(reason.contains("revoked"), "{reason}");
        }
        other => panic!("the forged gap was not refused: {other:?}"),
    }
    assert_eq!(o.office.vault.state_hash().unwrap(), before);
    // The genuine lost bundle is refused too: it was not held when the device was revoked.
    assert!(matches!(
        o.office.import_bytes(&lost, "lost.pristan"),
        FileOutcome::Quarantined { .. }
    ));
    assert_eq!(o.office.vault.state_hash().unwrap(), before);
}
