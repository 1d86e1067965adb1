//! A small genuine bundle, cut short at every length and with single bits flipped throughout
//! (every 7th byte), both in the file and in the envelope inside it (flipped after decryption
//! and encrypted again, so the signature, header and payload checks are reached): none of them
//! imports, and none changes the casebook.

mod bundle_vectors;

use bundle_vectors::{assert_plain_reason, refusal, vector, Device};

fn assert_refused_and_unchanged(device: &mut Device, bytes: &[u8], what: &str) {
    let before = device.vault.state_hash().unwrap();
    let outcome = device.import_bytes(bytes, "sweep.pristan");
    let (reason, waiting) = refusal(&outcome);
    assert_plain_reason(&reason);
    assert!(!waiting, "{what}: {reason}");
    assert_eq!(device.vault.state_hash().unwrap(), before, "{what}");
}

#[test]
fn a_bundle_cut_short_at_any_length_is_refused() {
    let bundle = vector("ok_small.pristan");
    assert!(bundle.len() < 8192, "keep ok_small small: {}", bundle.len());
    let mut device = Device::from_key_file();
    for len in 0..bundle.len() {
        assert_refused_and_unchanged(&mut device, &bundle[..len], &format!("cut at {len}"));
    }
    // The whole file does import: the sweep above was refusing damage, not everything.
    let whole = device.import_bytes(&bundle, "whole.pristan");
    assert!(
        matches!(whole, pristan_core::bundle::FileOutcome::Imported(_)),
        "{whole:?}"
    );
}

#[test]
fn a_bundle_with_a_flipped_bit_is_refused_wherever_the_bit_is() {
    let bundle = vector("ok_small.pristan");
    let plain_len = {
        let device = Device::from_key_file();
        bundle_vectors::decrypt(&bundle, &device.org_identity()).len()
    };
    // The age header, its stanzas and MAC come first, then the encrypted envelope: header,
    // signature and payload. Every 7th byte touches all of them.
    assert!(bundle.len() > plain_len + 100);
    let mut device = Device::from_key_file();
    for (n, at) in (0..bundle.len()).step_by(7).enumerate() {
        let mut flipped = bundle.clone();
        flipped[at] ^= 1 << (n % 8);
        assert_refused_and_unchanged(
            &mut device,
            &flipped,
            &format!("bit {} of byte {at}", n % 8),
        );
    }
    let whole = device.import_bytes(&bundle, "whole.pristan");
    assert!(
        matches!(whole, pristan_core::bundle::FileOutcome::Imported(_)),
        "{whole:?}"
    );
}

#[test]
fn an_envelope_with_a_flipped_bit_is_refused_after_decryption() {
    let bundle = vector("ok_small.pristan");
    let mut device = Device::from_key_file();
    let plain = bundle_vectors::decrypt(&bundle, &device.org_identity());
    let to = [device.org_recipient()];
    for (n, at) in (0..plain.len()).step_by(7).enumerate() {
        let mut flipped = plain.clone();
        flipped[at] ^= 1 << (n % 8);
        let file = bundle_vectors::encrypt(&flipped, &to);
        let what = format!("envelope bit {} of byte {at}", n % 8);
        assert_refused_and_unchanged(&mut device, &file, &what);
    }
    let again = bundle_vectors::encrypt(&plain, &to);
    let whole = device.import_bytes(&again, "whole.pristan");
    assert!(
        matches!(whole, pristan_core::bundle::FileOutcome::Imported(_)),
        "{whole:?}"
    );
}
