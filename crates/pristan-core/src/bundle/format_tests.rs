//! Tests of the envelope and of the three layers together (age, signed envelope, payload): what a
//! damaged, forged or hostile bundle turns into. Tests of one layer alone sit beside its code.

use age::x25519::Identity;
use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::envelope::{self, payload_digest};
use super::payload::tests::{blob, note};
use super::{age_layer, payload, recipient_fingerprint};
use super::{BundleError, BundleHeader, BundleKind, Limits, Payload, SeqRange, FORMAT_VERSION};
use crate::ops::DeviceId;
use crate::org::OrgId;

/// Text that must never appear in an error or a Debug print.
const SECRET: &str = "Mr Example, born 1990, fears return";

struct Sender {
    key: SigningKey,
    key_hex: String,
}

fn sender() -> Sender {
    let key = SigningKey::from_bytes(&rand::random());
    let key_hex = hex::encode(key.verifying_key().as_bytes());
    Sender { key, key_hex }
}

fn header(sender: &Sender, recipient: &age::x25519::Recipient, payload: &[u8]) -> BundleHeader {
    let (payload_sha256, payload_len) = payload_digest(payload);
    BundleHeader {
        format: FORMAT_VERSION,
        kind: BundleKind::Ops,
        org: OrgId::from_bytes([3; 16]),
        sender: DeviceId::from_bytes([1; 16]),
        sender_signing_key: sender.key_hex.clone(),
        sender_recipient: recipient.to_string(),
        sender_name: "Anna's laptop".to_owned(),
        recipients: vec![recipient_fingerprint(recipient)],
        number: 1,
        seq_range: Some(SeqRange { first: 1, last: 1 }),
        previous: None,
        created_at: chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default(),
        payload_sha256,
        payload_len,
        roster: None,
        replaces: None,
    }
}

fn sample_payload() -> Payload {
    Payload {
        ops: vec![note(SECRET)],
        blobs: vec![blob(SECRET.as_bytes())],
    }
}

/// The sealed plaintext (before age) of a small bundle, and its header.
fn sealed(
    sender: &Sender,
    recipient: &age::x25519::Recipient,
) -> (Zeroizing<Vec<u8>>, BundleHeader) {
    let compressed = payload::compress(&sample_payload()).unwrap();
    let header = header(sender, recipient, &compressed);
    (
        envelope::seal(&header, &sender.key, &compressed).unwrap(),
        header,
    )
}

/// The whole import path short of the database, in the order the pipeline runs it.
fn import(
    file: &[u8],
    identities: &[Identity],
    key_hex: &str,
) -> Result<(BundleHeader, Payload), BundleError> {
    let (plaintext, _) = age_layer::decrypt(file, identities, &Limits::DEFAULT)?;
    let opened = envelope::open(&plaintext, &Limits::DEFAULT)?;
    opened.verify(key_hex)?;
    let payload = payload::decompress(opened.payload(), &Limits::DEFAULT)?;
    Ok((opened.header, payload))
}

fn open_and_verify(plaintext: &[u8], key_hex: &str) -> Result<(), BundleError> {
    let opened = envelope::open(plaintext, &Limits::DEFAULT)?;
    opened.verify(key_hex)?;
    payload::decompress(opened.payload(), &Limits::DEFAULT).map(drop)
}

fn assert_discreet(err: &BundleError) {
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("Example"), "{text}");
    }
}

fn with_prefix(version: u16, header: &[u8]) -> Vec<u8> {
    let mut plaintext = b"PRISTAN\0".to_vec();
    plaintext.extend_from_slice(&version.to_be_bytes());
    plaintext.extend_from_slice(&(header.len() as u32).to_be_bytes());
    plaintext.extend_from_slice(header);
    plaintext
}

fn malformed_header(plaintext: &[u8]) -> String {
    match envelope::open(plaintext, &Limits::DEFAULT) {
        Err(BundleError::MalformedHeader { reason }) => reason,
        other => panic!("expected MalformedHeader, got {other:?}"),
    }
}

#[test]
fn round_trip_through_every_layer() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, header) = sealed(&sender, &org.to_public());
    let file = age_layer::encrypt(&plaintext, &[org.to_public()]).unwrap();
    let (got_header, payload) = import(&file, &[org], &sender.key_hex).unwrap();
    assert_eq!(got_header, header);
    assert_eq!(payload, sample_payload());

    let opened = envelope::open(&plaintext, &Limits::DEFAULT).unwrap();
    let header_json = serde_json::to_vec(&header).unwrap();
    assert_eq!(
        opened.header_hash(),
        hex::encode(Sha256::digest(&header_json))
    );
    assert!(!format!("{opened:?}").contains("Example"));
}

#[test]
fn truncation_at_every_offset_is_an_error() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, _) = sealed(&sender, &org.to_public());
    let file = age_layer::encrypt(&plaintext, &[org.to_public()]).unwrap();
    let ids = [org];
    for len in 0..file.len() {
        let err = import(&file[..len], &ids, &sender.key_hex).unwrap_err();
        assert_discreet(&err);
    }
    // The same inside the age layer, as a sender holding the recipients' keys could arrange.
    for len in 0..plaintext.len() {
        let err = open_and_verify(&plaintext[..len], &sender.key_hex).unwrap_err();
        assert_discreet(&err);
    }
}

#[test]
fn a_flipped_bit_in_the_file_is_caught_by_age() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, _) = sealed(&sender, &org.to_public());
    let file = age_layer::encrypt(&plaintext, &[org.to_public()]).unwrap();
    let ids = [org];
    for at in (0..file.len()).step_by(3) {
        let mut flipped = file.clone();
        flipped[at] ^= 0x04;
        let err = import(&flipped, &ids, &sender.key_hex).unwrap_err();
        assert!(
            matches!(
                err,
                BundleError::NotAge
                    | BundleError::AgeHeader { .. }
                    | BundleError::NotForUs
                    | BundleError::Damaged { .. }
            ),
            "byte {at}: {err:?}"
        );
    }
}

// Inside the age layer only the signature protects the envelope: anyone who can encrypt to the
// organisation could change it, so every changed bit must fail a check.
#[test]
fn a_flipped_bit_in_the_envelope_fails_a_check() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, header) = sealed(&sender, &org.to_public());
    let header_len = serde_json::to_vec(&header).unwrap().len();
    let signature_at = 14 + header_len;
    let payload_at = signature_at + 64;
    for at in 0..plaintext.len() {
        // One bit a byte, a different one each time: checking every bit of every byte costs
        // a signature check each, slow in debug builds.
        let bit = 1u8 << (at % 8);
        let mut flipped = plaintext.clone();
        flipped[at] ^= bit;
        let err = open_and_verify(&flipped, &sender.key_hex).unwrap_err();
        assert_discreet(&err);
        let expected = match at {
            0..=7 => matches!(err, BundleError::MalformedHeader { .. }),
            8..=9 => matches!(
                err,
                BundleError::UnknownVersion { .. } | BundleError::MalformedHeader { .. }
            ),
            10..=13 => matches!(
                err,
                BundleError::HeaderTooLarge { .. } | BundleError::MalformedHeader { .. }
            ),
            _ if at < signature_at => matches!(
                err,
                BundleError::BadSignature
                    | BundleError::MalformedHeader { .. }
                    | BundleError::Damaged { .. }
            ),
            _ if at < payload_at => matches!(err, BundleError::BadSignature),
            _ => matches!(err, BundleError::PayloadMismatch),
        };
        assert!(expected, "byte {at}, bit {bit:#x}: {err:?}");
    }
    // A payload changed and re-encrypted is caught the same way end to end.
    let mut changed = plaintext.clone();
    if let Some(last) = changed.last_mut() {
        *last ^= 1;
    }
    let file = age_layer::encrypt(&changed, &[org.to_public()]).unwrap();
    let err = import(&file, &[org], &sender.key_hex).unwrap_err();
    assert!(matches!(err, BundleError::PayloadMismatch), "{err:?}");
}

#[test]
fn another_devices_key_or_an_invalid_key_does_not_verify() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, _) = sealed(&sender, &org.to_public());
    let opened = envelope::open(&plaintext, &Limits::DEFAULT).unwrap();
    let other = self::sender();
    assert!(matches!(
        opened.verify(&other.key_hex),
        Err(BundleError::BadSignature)
    ));
    let upper = sender.key_hex.to_uppercase();
    for bad in ["", "zz", upper.as_str(), &sender.key_hex[..62]] {
        assert!(matches!(
            opened.verify(bad),
            Err(BundleError::MalformedHeader { .. })
        ));
    }
    // The identity point has small order: strict verification refuses it as a key.
    let identity_point = format!("01{}", "00".repeat(31));
    assert!(opened.verify(&identity_point).is_err());
}

#[test]
fn wrong_identity_is_not_for_us() {
    let (org, sender) = (Identity::generate(), sender());
    let (plaintext, _) = sealed(&sender, &org.to_public());
    let file = age_layer::encrypt(&plaintext, &[org.to_public()]).unwrap();
    let err = import(&file, &[Identity::generate()], &sender.key_hex).unwrap_err();
    assert!(matches!(err, BundleError::NotForUs), "{err:?}");
}

#[test]
fn seal_refuses_a_header_that_does_not_match_its_payload() {
    let (org, sender) = (Identity::generate(), sender());
    let header = header(&sender, &org.to_public(), b"one payload");
    let err = envelope::seal(&header, &sender.key, b"another").unwrap_err();
    assert!(matches!(err, BundleError::PayloadMismatch));
}

#[test]
fn a_newer_version_is_named_before_its_header_is_read() {
    let err = envelope::open(&with_prefix(2, b"\xff not json"), &Limits::DEFAULT).unwrap_err();
    assert!(matches!(
        err,
        BundleError::UnknownVersion {
            found: 2,
            supported: 1
        }
    ));
    assert!(malformed_header(&with_prefix(0, b"{}")).contains("format number"));
}

#[test]
fn header_shape_is_checked() {
    assert!(malformed_header(b"NOTPRIST\0\x01").contains("not a Pristan bundle"));
    assert!(malformed_header(&with_prefix(1, b"{\"format\":1,\xff}")).contains("UTF-8"));
    assert!(malformed_header(&with_prefix(1, b"{}")).contains("field"));
    // The kind is an enum: serde_json would quote the unknown variant, we must not.
    let quoting = format!(r#"{{"format":1,"kind":"{SECRET}"}}"#);
    assert!(!malformed_header(&with_prefix(1, quoting.as_bytes())).contains("Example"));

    let mut too_long = with_prefix(1, b"");
    too_long[10..14].copy_from_slice(&(2u32 << 20).to_be_bytes());
    let err = envelope::open(&too_long, &Limits::DEFAULT).unwrap_err();
    assert!(matches!(err, BundleError::HeaderTooLarge { .. }));
}

// A header of 100,000 nested arrays must be refused without overflowing the stack, by the depth
// scan and, if that were off, by serde_json's recursion limit.
#[test]
fn deeply_nested_header_is_refused() {
    let mut deep = vec![b'['; 100_000];
    deep.extend(vec![b']'; 100_000]);
    let plaintext = with_prefix(1, &deep);
    assert!(malformed_header(&plaintext).contains("nested"));
    let unchecked = Limits {
        max_json_depth: usize::MAX,
        ..Limits::DEFAULT
    };
    let err = envelope::open(&plaintext, &unchecked).unwrap_err();
    assert!(
        matches!(err, BundleError::MalformedHeader { .. }),
        "{err:?}"
    );
}

#[test]
fn payload_length_must_match_exactly() {
    let (org, sender) = (Identity::generate(), sender());
    let (mut plaintext, _) = sealed(&sender, &org.to_public());
    plaintext.push(0);
    assert!(malformed_header(&plaintext).contains("extra bytes"));
    let shorter = plaintext.len() - 2;
    plaintext.truncate(shorter);
    let err = envelope::open(&plaintext, &Limits::DEFAULT).unwrap_err();
    assert!(matches!(err, BundleError::Damaged { .. }), "{err:?}");
}
