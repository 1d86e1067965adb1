//! The hostile-bundle vectors in `tests/data/bundles/` (see the README there): every `ok_*`
//! file imports, every `fail_*` file is refused with a plain reason and leaves the casebook's
//! state hash exactly as it was. The vectors are made by `regenerate_bundle_vectors.rs`.

mod bundle_vectors;

use bundle_vectors::{assert_plain_reason, refusal, vector, vector_names, Device};
use pristan_core::bundle::FileOutcome;

/// Each `fail_*` vector, whether it waits for an approval, and words its reason must hold.
const EXPECTED: &[(&str, bool, &str)] = &[
    ("fail_attachment_name_4kb", false, "characters long"),
    (
        "fail_attachment_name_absolute",
        false,
        "not a plain file name",
    ),
    (
        "fail_attachment_name_dotdot",
        false,
        "not a plain file name",
    ),
    ("fail_attachment_name_nul", false, "control character"),
    (
        "fail_attachment_name_rtl_override",
        false,
        "not a plain file name",
    ),
    (
        "fail_case_packet_from_volunteer",
        false,
        "case packet must come from a coordinator",
    ),
    ("fail_forged_signature", false, "signature is not valid"),
    (
        "fail_forget_by_volunteer",
        false,
        "only a coordinator can forget a person",
    ),
    ("fail_header_deep_nesting", false, "nested too deeply"),
    ("fail_header_invalid_utf8", false, "not UTF-8"),
    ("fail_not_age", false, "does not start like an age file"),
    ("fail_ops_claim_other_device", false, "did not sign for"),
    ("fail_ops_deep_nesting", false, "nested too deeply"),
    (
        "fail_passphrase_encrypted",
        false,
        "protected by a passphrase",
    ),
    (
        "fail_payload_mismatch",
        false,
        "do not match its signed header",
    ),
    (
        "fail_recipient_not_in_signed_list",
        false,
        "re-encrypted by someone else",
    ),
    (
        "fail_reencrypted_from_other_org",
        false,
        "another organisation",
    ),
    (
        "fail_revoked_signer_past_last_good",
        false,
        "revoked device",
    ),
    ("fail_thousands_of_stanzas", false, "more than the 32"),
    ("fail_unknown_signer", true, "not approved yet"),
    ("fail_unknown_version", false, "update Pristan"),
    (
        "fail_wrong_recipient",
        false,
        "not encrypted to this organisation",
    ),
    ("fail_zstd_bomb", false, "expand to more than"),
];

/// A coordinator restored from the key file, holding every `ok_*` vector.
fn restored_with_ok_vectors() -> Device {
    let mut device = Device::from_key_file();
    let ok = vector_names("ok_");
    assert!(ok.len() >= 3, "{ok:?}");
    for name in ok {
        match device.import_vector(&name) {
            FileOutcome::Imported(counts) => assert!(counts.new_ops > 0, "{name}: {counts:?}"),
            other => panic!("{name}: expected it to import, got {other:?}"),
        }
    }
    assert!(device.vault.quarantine().unwrap().is_empty());
    device
}

#[test]
fn every_fail_vector_is_refused_with_a_plain_reason_and_changes_nothing() {
    let names = vector_names("fail_");
    let stems: Vec<&str> = names
        .iter()
        .map(|n| n.trim_end_matches(".pristan"))
        .collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(
        stems, expected,
        "every vector in the folder has an expectation here"
    );

    let mut base = restored_with_ok_vectors();
    for (name, waits, words) in EXPECTED {
        let (kept, mut fresh) = base.copy();
        base = kept;
        let before = fresh.vault.state_hash().unwrap();
        let files_before = bundle_vectors::files_below(fresh.tmp.path());
        let outcome = fresh.import_vector(&format!("{name}.pristan"));
        let (reason, waiting) = refusal(&outcome);
        assert_plain_reason(reason);
        assert!(reason.contains(words), "{name}: {reason}");
        assert_eq!(waiting, *waits, "{name}: {reason}");
        assert!(
            matches!(outcome, FileOutcome::Quarantined { .. }),
            "{name}: a readable file is kept in quarantine: {outcome:?}"
        );
        assert_eq!(fresh.vault.state_hash().unwrap(), before, "{name}");
        assert_eq!(fresh.vault.quarantine().unwrap().len(), 1, "{name}");
        // Nothing was written beside the vault, whatever names the bundle held.
        assert_eq!(
            bundle_vectors::files_below(fresh.tmp.path()),
            files_before,
            "{name}"
        );
        // And a retry (after an approval, say) refuses it the same way.
        let retried = fresh.vault.retry_quarantine(&mut |_| {}).unwrap();
        assert_eq!(retried.quarantined, 1, "{name}: {retried:?}");
        assert_eq!(fresh.vault.state_hash().unwrap(), before, "{name}");
    }
    for probe in [
        std::path::PathBuf::from("/tmp/pristan-escape-probe.pdf"),
        base.tmp.path().join("../../../../pristan-escape-probe.pdf"),
        std::env::current_dir()
            .unwrap()
            .join("../../../../pristan-escape-probe.pdf"),
    ] {
        assert!(!probe.exists(), "{} was created", probe.display());
    }
}

#[test]
fn a_replayed_bundle_imports_once() {
    let mut device = restored_with_ok_vectors();
    let before = device.vault.state_hash().unwrap();
    let again = device.import_vector("ok_small.pristan");
    assert!(
        matches!(&again, FileOutcome::AlreadyImported { sender_name } if sender_name == "Anna's laptop"),
        "{again:?}"
    );
    assert_eq!(device.vault.state_hash().unwrap(), before);
}

#[test]
fn two_bundles_of_one_device_import_in_either_order_to_the_same_state() {
    let (mut forward, mut backward) = Device::from_key_file().copy();
    for (device, order) in [
        (&mut forward, ["ok_small.pristan", "ok_second.pristan"]),
        (&mut backward, ["ok_second.pristan", "ok_small.pristan"]),
    ] {
        for name in order {
            let outcome = device.import_vector(name);
            assert!(
                matches!(outcome, FileOutcome::Imported(_)),
                "{name}: {outcome:?}"
            );
        }
    }
    assert_eq!(
        forward.vault.state_hash().unwrap(),
        backward.vault.state_hash().unwrap()
    );
    assert!(backward.vault.gaps().unwrap().is_empty());
}

#[test]
fn an_unknown_signers_bundle_imports_once_its_device_is_approved() {
    let mut device = restored_with_ok_vectors();
    let outcome = device.import_vector("fail_unknown_signer.pristan");
    assert!(refusal(&outcome).1, "{outcome:?}");
    let pending = device.vault.pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].identity.name, "Carol's tablet");
    device
        .vault
        .approve_device(
            pending[0].identity.device,
            pristan_core::org::Role::Volunteer,
        )
        .unwrap();
    let retried = device.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
}

/// A genuine bundle, opened with the organisation's key and encrypted again to this
/// coordinator's own device: it opens, but the signed header never named that key.
#[test]
fn a_bundle_re_encrypted_to_this_device_is_refused_by_the_recipient_binding() {
    let mut device = Device::from_key_file();
    let plain = bundle_vectors::decrypt(&vector("ok_small.pristan"), &device.org_identity());
    let me: age::x25519::Recipient = device
        .vault
        .device_identity()
        .unwrap()
        .recipient
        .parse()
        .unwrap();
    let before = device.vault.state_hash().unwrap();
    let outcome = device.import_bytes(&bundle_vectors::encrypt(&plain, &[me]), "x.pristan");
    let (reason, _) = refusal(&outcome);
    assert!(reason.contains("re-encrypted by someone else"), "{reason}");
    assert_eq!(device.vault.state_hash().unwrap(), before);
}

/// A file past the size cap, made sparse so the test writes almost nothing: refused before it
/// is read, and not kept.
#[test]
fn an_oversized_file_is_refused_unread() {
    let mut device = Device::from_key_file();
    let before = device.vault.state_hash().unwrap();
    let path = device.tmp.path().join("huge.pristan");
    let file = std::fs::File::create(&path).unwrap();
    let max = pristan_core::bundle::Limits::DEFAULT.max_file_bytes;
    file.set_len(max + 1).unwrap();
    let summary = device.import_path(&path);
    match &summary.files[0].outcome {
        FileOutcome::Rejected { reason } => {
            assert_plain_reason(reason);
            assert!(reason.contains("more than the"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(device.vault.quarantine().unwrap().is_empty());
    assert_eq!(device.vault.state_hash().unwrap(), before);
}

/// The stored bomb really is one: a few dozen kilobytes that would expand to 2 GiB.
#[test]
fn the_stored_zstd_bomb_expands_far_past_the_caps() {
    let bomb = bundle_vectors::zstd_rle_bomb(2 << 30);
    assert!(bomb.len() < 70_000, "{}", bomb.len());
    let limits = pristan_core::bundle::Limits::DEFAULT;
    assert!(limits.decompressed_cap(bomb.len() as u64) < 32 << 20);
    // Decoding a slice of it gives the zeros it promises.
    let mut decoder = zstd::stream::read::Decoder::new(&bomb[..]).unwrap();
    let mut first = vec![1u8; 1 << 20];
    std::io::Read::read_exact(&mut decoder, &mut first).unwrap();
    assert!(first.iter().all(|&b| b == 0));
    assert!(vector("fail_zstd_bomb.pristan").len() < 100_000);
}
