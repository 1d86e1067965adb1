//! The bodies of the fuzz targets (`fuzz/fuzz_targets/*.rs`), one function per parser that sees
//! outside input. They live here, in the normal crate, so that the corpora checked in under
//! `fuzz/corpus/` and the crash vectors under `fuzz/regressions/` are replayed by the normal test
//! suite on stable (`tests/fuzz_replay.rs`), through exactly the same entry points the fuzzer
//! drives. Not part of Pristan's API.
//!
//! Each entry point takes arbitrary bytes and must return without panicking, whatever they are.
//! Where a parser has a property beyond "does not crash" (cleaning a file name twice changes
//! nothing; an invitation read back writes out the same), the entry point asserts it, so the
//! fuzzer also hunts for violations of it.
//!
//! The keys here are fixed, public and used for nothing else: they let the fuzzer reach the code
//! behind the decryption and the signature checks.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ed25519_dalek::SigningKey;

use crate::bundle::{age_layer, envelope, payload, BundleHeader, BundleKind, Limits, Payload};
use crate::ops::{Change, DeviceId, EntityId, EntityType, Hlc, Op, Seq};
use crate::org::{Invitation, OrgId, Roster, SignedRoster};
use crate::vault::keyslots::KeyslotFile;

/// A public, fixed age identity: the fuzzing seeds are encrypted to it.
const FUZZ_AGE_IDENTITY: &str =
    "AGE-SECRET-KEY-1W4YL9KLC6R9MC5AM20WGU33SLJR3Y9U20GCKR0M8JDK27DUXCENQP2FRW2";
/// A public, fixed Ed25519 key standing for the organisation and the sending device.
const FUZZ_SIGNING_SEED: [u8; 32] = [7; 32];

/// A target's name and body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target: its name (the file under `fuzz/fuzz_targets/` and the folder under
/// `fuzz/corpus/`) and its body.
pub const TARGETS: &[Target] = &[
    ("age_layer", age_layer),
    ("envelope", envelope),
    ("payload", payload),
    ("operations", operations),
    ("keyslots", keyslots),
    ("roster", roster),
    ("invitation", invitation),
    ("attachment_name", attachment_name),
];

fn identity() -> &'static age::x25519::Identity {
    static IDENTITY: OnceLock<age::x25519::Identity> = OnceLock::new();
    IDENTITY.get_or_init(|| {
        FUZZ_AGE_IDENTITY
            .parse()
            .expect("the fuzzing identity parses")
    })
}

fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&FUZZ_SIGNING_SEED)
}

fn signing_key_hex() -> String {
    hex::encode(signing_key().verifying_key().to_bytes())
}

/// A whole bundle file from outside: the age layer (size and header caps, decryption), then the
/// envelope, the signature, and the payload, as far as each step lets the next run.
pub fn age_layer(data: &[u8]) {
    let identities = [identity().clone()];
    if let Ok((plaintext, _)) = age_layer::decrypt(data, &identities, &Limits::DEFAULT) {
        envelope(&plaintext);
    }
}

/// Whether a bundle file gets through every layer to a payload that decodes: the seeds must,
/// or the fuzzer would start at the first check and explore nothing behind it.
pub fn reaches_payload(data: &[u8]) -> bool {
    let identities = [identity().clone()];
    let Ok((plaintext, _)) = age_layer::decrypt(data, &identities, &Limits::DEFAULT) else {
        return false;
    };
    let Ok(opened) = envelope::open(&plaintext, &Limits::DEFAULT) else {
        return false;
    };
    opened.verify(&opened.header.sender_signing_key).is_ok()
        && payload::decompress(opened.payload(), &Limits::DEFAULT).is_ok()
}

/// The decrypted envelope: layout, header JSON, signature (with the key the header names, so
/// the fuzzer can forge what it likes), then the payload.
pub fn envelope(data: &[u8]) {
    let Ok(opened) = envelope::open(data, &Limits::DEFAULT) else {
        return;
    };
    let _ = opened.header_hash();
    if opened.verify(&opened.header.sender_signing_key).is_ok() {
        payload(opened.payload());
    }
}

/// The compressed payload: the bounded zstd decompressor, the layout, the operations and the
/// attachments' addresses.
pub fn payload(data: &[u8]) {
    if let Ok(decoded) = payload::decompress(data, &Limits::DEFAULT) {
        assert!(decoded.ops.len() <= Limits::DEFAULT.max_ops);
        assert!(decoded.blobs.len() <= Limits::DEFAULT.max_blobs);
    }
}

/// The operations' JSON as a payload carries it, with the count bound.
pub fn operations(data: &[u8]) {
    if let Ok(ops) = payload::parse_ops(data, 1_000) {
        assert!(ops.len() <= 1_000);
        // What was read must write out and read back the same: devices compare logs by hash.
        let json = serde_json::to_vec(&ops).expect("operations serialise");
        let again = payload::parse_ops(&json, 1_000).expect("a written log reads back");
        assert_eq!(ops, again);
    }
}

/// The `keyslots` file, up to the point where the KDF would run (the parameters' floor and
/// ceilings, and every encoding, are checked before it).
pub fn keyslots(data: &[u8]) {
    if let Ok(file) = KeyslotFile::parse(data) {
        for slot in &file.slots {
            let _ = slot.decode();
        }
    }
}

/// A signed roster. The first byte chooses the input: 0 reads `data[1..]` as a `SignedRoster`
/// (JSON, as it travels in a bundle's header) checked against the fixed organisation key;
/// otherwise `data[1..]` is taken as roster JSON and signed with that key first, so the parser
/// and checks behind the signature are reached too.
pub fn roster(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let key_hex = signing_key_hex();
    if mode == 0 {
        if let Ok(signed) = serde_json::from_slice::<SignedRoster>(rest) {
            let _ = crate::org::verify_roster(&key_hex, &signed);
        }
        return;
    }
    let Ok(roster_json) = std::str::from_utf8(rest) else {
        return;
    };
    let signed = crate::org::sign_roster_json(&signing_key(), roster_json.to_owned());
    let _ = crate::org::verify_roster(&key_hex, &signed);
}

/// A pasted invitation. One that reads must write out as text that reads back the same, and
/// must accept its own fingerprint.
pub fn invitation(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(invitation) = Invitation::from_text(&text) {
        let again = Invitation::from_text(&invitation.to_text()).expect("written text reads");
        assert_eq!(invitation, again);
        invitation
            .check_fingerprint(&invitation.fingerprint())
            .expect("an invitation's own fingerprint matches");
    }
}

/// An attachment's name as another device sent it. The cleaned name is a single path component
/// without control or bidirectional-override characters, at most 120 characters, and cleaning
/// it again changes nothing (the importer relies on that).
pub fn attachment_name(data: &[u8]) {
    let name = String::from_utf8_lossy(data);
    let cleaned = crate::casebook::clean_file_name(&name);
    assert!(!cleaned.is_empty());
    assert!(cleaned.chars().count() <= 120);
    assert!(!cleaned.contains(['/', '\\']));
    assert!(!cleaned.chars().any(char::is_control));
    assert!(!cleaned.starts_with('.'));
    assert_ne!(cleaned, "..");
    assert_eq!(crate::casebook::clean_file_name(&cleaned), cleaned);
}

/// Seed inputs for every target, made with the real writers: `(target, file name, bytes)`.
/// `tests/fuzz_replay.rs` checks that the files under `fuzz/corpus/` include these (and writes
/// them when `PRISTAN_WRITE_FUZZ_SEEDS=1`).
pub fn seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let key = signing_key();
    let mut fields = BTreeMap::new();
    fields.insert("text".to_owned(), serde_json::Value::from("seed note"));
    let ops = vec![
        Op {
            device: DeviceId::from_bytes([1; 16]),
            seq: Seq::FIRST,
            hlc: Hlc::new(1_700_000_000_000, 0),
            entity_type: EntityType::Note,
            entity: EntityId::from_bytes([2; 16]),
            change: Change::Record { fields },
        },
        Op {
            device: DeviceId::from_bytes([1; 16]),
            seq: Seq::FIRST.next().expect("two is a sequence number"),
            hlc: Hlc::new(1_700_000_000_001, 0),
            entity_type: EntityType::Case,
            entity: EntityId::from_bytes([3; 16]),
            change: Change::Delete,
        },
    ];
    let ops_json = serde_json::to_vec(&ops).expect("operations serialise");
    let payload_bytes = payload::compress(&Payload {
        ops,
        blobs: Vec::new(),
    })
    .expect("a small payload compresses")
    .to_vec();
    let (payload_sha256, payload_len) = envelope::payload_digest(&payload_bytes);
    let recipient = identity().to_public();
    let org = OrgId::from_bytes([4; 16]);
    let created_at = chrono::DateTime::from_timestamp(1_700_000_000, 0).expect("a valid time");
    let header = BundleHeader {
        format: crate::bundle::FORMAT_VERSION,
        kind: BundleKind::Ops,
        org,
        sender: DeviceId::from_bytes([1; 16]),
        sender_signing_key: signing_key_hex(),
        sender_recipient: recipient.to_string(),
        sender_name: "Fuzz laptop".to_owned(),
        recipients: vec![crate::bundle::recipient_fingerprint(&recipient)],
        number: 1,
        seq_range: None,
        previous: None,
        created_at,
        payload_sha256,
        payload_len,
        roster: None,
        replaces: None,
    };
    let header_json = serde_json::to_vec(&header).expect("a header serialises");
    let header_len = u32::try_from(header_json.len()).expect("a small header");
    let envelope_bytes = envelope::lay_out(
        header.format,
        header_len,
        &header_json,
        &key,
        &payload_bytes,
    )
    .to_vec();
    let age_file =
        age_layer::encrypt(&envelope_bytes, std::slice::from_ref(&recipient)).expect("encrypts");

    let roster = Roster {
        org,
        version: 1,
        issued_at: created_at,
        entries: Vec::new(),
        relay: None,
    };
    let roster_json = serde_json::to_string(&roster).expect("a roster serialises");
    let signed = crate::org::sign_roster_json(&key, roster_json.clone());
    let mut signed_input = vec![0u8];
    signed_input.extend(serde_json::to_vec(&signed).expect("serialises"));
    let mut unsigned_input = vec![1u8];
    unsigned_input.extend(roster_json.as_bytes());

    let invitation = Invitation {
        org,
        org_name: "Fuzz Visitors Network".to_owned(),
        org_signing_key: signing_key_hex(),
        org_recipient: recipient.to_string(),
        created_at,
        relay: None,
        join_ticket: None,
    };

    vec![
        ("age_layer", "ops_bundle", age_file),
        ("envelope", "ops_envelope", envelope_bytes),
        ("payload", "two_ops", payload_bytes),
        ("operations", "two_ops", ops_json),
        (
            "keyslots",
            "vault_keyslots",
            KEYSLOTS_SEED.as_bytes().to_vec(),
        ),
        ("roster", "signed", signed_input),
        ("roster", "unsigned_json", unsigned_input),
        (
            "invitation",
            "invitation",
            invitation.to_text().into_bytes(),
        ),
        ("attachment_name", "plain", b"scan of letter.pdf".to_vec()),
        (
            "attachment_name",
            "hostile",
            "../..\\\u{202E}fdp.exe\u{0}\n.txt".as_bytes().to_vec(),
        ),
    ]
}

/// The shape of a real `keyslots` file (values from a throwaway vault).
const KEYSLOTS_SEED: &str = r#"{
  "format": "pristan-keyslots",
  "version": 1,
  "vault_id": "00112233445566778899aabbccddeeff",
  "slots": [
    {
      "kind": "passphrase",
      "kdf": "argon2id",
      "params": { "m_kib": 65536, "t": 3, "p": 4 },
      "salt": "AAECAwQFBgcICQoLDA0ODw==",
      "nonce": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX",
      "wrapped_key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"
    },
    {
      "kind": "recovery",
      "kdf": "argon2id",
      "params": { "m_kib": 65536, "t": 3, "p": 4 },
      "salt": "AAECAwQFBgcICQoLDA0ODw==",
      "nonce": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX",
      "wrapped_key": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v"
    }
  ]
}"#;
