//! Writes the hostile-bundle test vectors in `tests/data/bundles/` (see the README there):
//!
//! ```sh
//! cargo test -p pristan-core --test regenerate_bundle_vectors -- --ignored
//! ```
//!
//! Keys and encryption are random, so every run writes different bytes with the same meaning.
//! Everything in them is synthetic.

mod bundle_vectors;

use std::path::PathBuf;

use bundle_vectors::{craft, Device};
use pristan_core::bundle::{BundleKind, ExportOutcome};
use pristan_core::cases::NewCase;
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::EntityId;
use pristan_core::org::{Invitation, Role};
use pristan_core::Vault;
use serde_json::{json, Value};

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    let case = NewCase {
        name: name.to_owned(),
        share_with_coordinator: true,
        ..NewCase::default()
    };
    vault.add_case(case).unwrap()
}

fn add_note(vault: &mut Vault, case: EntityId, text: &str) {
    let note = Note {
        case_id: Some(case),
        visit_id: None,
        kind: NoteKind::Welfare,
        sensitivity: Sensitivity::Normal,
        text: LongText::new(text).unwrap(),
        replaces: None,
    };
    vault.add(note).unwrap();
}

fn export(vault: &mut Vault) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    match vault.export_bundle(dir.path(), None, &mut |_| {}).unwrap() {
        ExportOutcome::Written(report) => std::fs::read(report.path).unwrap(),
        ExportOutcome::NothingNew => panic!("expected a bundle"),
    }
}

fn join(coordinator: &Device, name: &str) -> Device {
    let mut device = Device::new(name);
    let text = coordinator.vault.invitation().unwrap().to_text();
    let invitation = Invitation::from_text(&text).unwrap();
    device.vault.join_org(&invitation).unwrap();
    device
}

/// The coordinator imports a device's first bundle, approves the device and imports it.
fn approve(coordinator: &mut Device, device: &Device, bundle: &[u8]) {
    coordinator.import_bytes(bundle, "first.pristan");
    let id = device.vault.device_id();
    coordinator
        .vault
        .approve_device(id, Role::Volunteer)
        .unwrap();
    let retried = coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert_eq!(retried.imported, 1, "{retried:?}");
}

struct Out(PathBuf);

impl Out {
    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).unwrap();
    }
}

#[test]
#[ignore = "rewrites tests/data/bundles: run it with --ignored after changing the bundle format"]
fn regenerate_vectors() {
    let out = Out(bundle_vectors::vectors_dir());
    for name in bundle_vectors::vector_names("") {
        std::fs::remove_file(out.0.join(name)).unwrap();
    }

    let mut office = Device::new("Office laptop");
    office.vault.create_org("Test Visitors").unwrap();
    let mut anna = join(&office, "Anna's laptop");
    let mut bob = join(&office, "Bob's phone");
    let mut carol = join(&office, "Carol's tablet");
    let org_key = office.org_identity();
    let org_recipient = office.org_recipient();

    // Anna: approved; two genuine bundles that import in either order.
    let case = add_case(&mut anna.vault, "Ivan Petrov");
    add_note(&mut anna.vault, case, "Needs reading glasses");
    let small = export(&mut anna.vault);
    approve(&mut office, &anna, &small);
    out.write("ok_small.pristan", &small);
    add_note(&mut anna.vault, case, "Second visit: glasses delivered");
    out.write("ok_second.pristan", &export(&mut anna.vault));

    // Bob: approved, then revoked after his first bundle arrived; his second reaches past it.
    let bob_case = add_case(&mut bob.vault, "Ali Hassan");
    let first = export(&mut bob.vault);
    approve(&mut office, &bob, &first);
    out.write("ok_revoked_before_last_good.pristan", &first);
    add_note(&mut bob.vault, bob_case, "Written after the phone was lost");
    out.write(
        "fail_revoked_signer_past_last_good.pristan",
        &export(&mut bob.vault),
    );
    office
        .vault
        .revoke_device(bob.vault.device_id(), None)
        .unwrap();

    // Carol joined but was never approved: her bundle waits.
    add_case(&mut carol.vault, "Maria Lopez");
    out.write("fail_unknown_signer.pristan", &export(&mut carol.vault));

    write_outer_layer_vectors(&out, &small, &org_key, &org_recipient);
    write_signed_vectors(&out, &mut anna, &carol, &bob, &small, &org_key);
    write_other_org_vector(&out, &org_recipient);

    let keys = office
        .vault
        .export_coordinator_keys(&bundle_vectors::passphrase())
        .unwrap();
    out.write(bundle_vectors::KEY_FILE, &keys);
}

/// Vectors refused before any signature is looked at.
fn write_outer_layer_vectors(
    out: &Out,
    small: &[u8],
    org_key: &age::x25519::Identity,
    org_recipient: &age::x25519::Recipient,
) {
    let plain = bundle_vectors::decrypt(small, org_key);
    out.write("fail_not_age.pristan", b"Hello, this is not a bundle.\n");
    let stranger = age::x25519::Identity::generate().to_public();
    out.write(
        "fail_wrong_recipient.pristan",
        &bundle_vectors::encrypt(&plain, &[stranger]),
    );
    let mut many: Vec<_> = (0..1999)
        .map(|_| age::x25519::Identity::generate().to_public())
        .collect();
    many.push(org_recipient.clone());
    out.write(
        "fail_thousands_of_stanzas.pristan",
        &bundle_vectors::encrypt(&plain, &many),
    );
    let mut scrypt = age::scrypt::Recipient::new("not a key".to_owned().into());
    scrypt.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&scrypt as &dyn age::Recipient)).unwrap();
    let mut file = Vec::new();
    let mut writer = encryptor.wrap_output(&mut file).unwrap();
    std::io::Write::write_all(&mut writer, &plain).unwrap();
    writer.finish().unwrap();
    out.write("fail_passphrase_encrypted.pristan", &file);
}

/// Vectors signed by an approved device (Anna), or forged, that must be refused after the
/// signature or by what they carry.
fn write_signed_vectors(
    out: &Out,
    anna: &mut Device,
    carol: &Device,
    bob: &Device,
    small: &[u8],
    org_key: &age::x25519::Identity,
) {
    let to = anna.org_recipient();
    let genuine = bundle_vectors::split_envelope(&bundle_vectors::decrypt(small, org_key));
    let (ops, blobs) = bundle_vectors::unpack_payload(&genuine.payload);
    assert!(blobs.is_empty());
    let case_op = ops[0].clone();
    assert_eq!(case_op["entity_type"], "case", "{case_op}");
    let me = anna.vault.device_id().to_string();
    let vault = &mut anna.vault;
    let ops_bundle = |vault: &mut Vault, ops: &Value, blobs: &[&[u8]], first: u64, last: u64| {
        let payload = bundle_vectors::pack_payload(&serde_json::to_vec(ops).unwrap(), blobs);
        let header = craft::header(vault, BundleKind::Ops, Some((first, last)), &payload);
        craft::bundle(vault, &header, &payload, &to)
    };

    let pdf: &[u8] = b"%PDF-1.4 synthetic test attachment\n";
    let names: [(&str, String); 5] = [
        ("dotdot", "../../../../pristan-escape-probe.pdf".to_owned()),
        ("absolute", "/tmp/pristan-escape-probe.pdf".to_owned()),
        ("nul", "scan\0.pdf".to_owned()),
        ("rtl_override", "invoice\u{202E}fdp.exe".to_owned()),
        ("4kb", format!("{}.pdf", "a".repeat(4096))),
    ];
    for (i, (what, name)) in names.iter().enumerate() {
        let seq = 100 + 2 * i as u64;
        let ops = craft::attachment_ops(&case_op, &me, seq, name, pdf);
        let file = ops_bundle(vault, &ops, &[pdf], seq, seq + 1);
        out.write(&format!("fail_attachment_name_{what}.pristan"), &file);
    }

    // A volunteer's forget instruction (a volunteer's vault refuses to make one, so it is
    // crafted as a stolen laptop would).
    let forget = json!([craft::op(
        &case_op,
        &me,
        150,
        "case",
        case_op["entity"].as_str().unwrap(),
        json!({"type": "forget", "reason": "entered_by_mistake"})
    )]);
    out.write(
        "fail_forget_by_volunteer.pristan",
        &ops_bundle(vault, &forget, &[], 150, 150),
    );

    let bob_id = bob.vault.device_id().to_string();
    let theirs = json!([craft::op(
        &case_op,
        &bob_id,
        1,
        "case",
        &EntityId::random().to_string(),
        case_op["change"].clone()
    )]);
    out.write(
        "fail_ops_claim_other_device.pristan",
        &ops_bundle(vault, &theirs, &[], 1, 1),
    );

    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep = format!(
        "[{{\"device\":\"{me}\",\"seq\":120,\"hlc\":{},\"entity_type\":\"case\",\"entity\":\"{}\",\
         \"change\":{{\"type\":\"assign\",\"fields\":{{\"name\":{nested}}}}}}}]",
        case_op["hlc"],
        EntityId::random()
    );
    let payload = bundle_vectors::pack_payload(deep.as_bytes(), &[]);
    let header = craft::header(vault, BundleKind::Ops, Some((120, 120)), &payload);
    out.write(
        "fail_ops_deep_nesting.pristan",
        &craft::bundle(vault, &header, &payload, &to),
    );

    let packet_ops = json!([craft::op(
        &case_op,
        &me,
        130,
        "case",
        &EntityId::random().to_string(),
        case_op["change"].clone()
    )]);
    let payload = bundle_vectors::pack_payload(&serde_json::to_vec(&packet_ops).unwrap(), &[]);
    let header = craft::header(vault, BundleKind::CasePacket, None, &payload);
    out.write(
        "fail_case_packet_from_volunteer.pristan",
        &craft::bundle(vault, &header, &payload, &to),
    );

    let bomb = bundle_vectors::zstd_rle_bomb(2 << 30);
    let header = craft::header(vault, BundleKind::Ops, Some((140, 140)), &bomb);
    out.write(
        "fail_zstd_bomb.pristan",
        &craft::bundle(vault, &header, &bomb, &to),
    );

    // The genuine payload under headers that lie.
    let payload = &genuine.payload;
    let mut header = craft::header(vault, BundleKind::Ops, Some((1, 2)), payload);
    header.format = 2;
    let json = serde_json::to_vec(&header).unwrap();
    out.write(
        "fail_unknown_version.pristan",
        &craft::raw_bundle(vault, 2, &json, payload, &to),
    );

    let header = craft::header(vault, BundleKind::Ops, Some((1, 2)), payload);
    let mut json = serde_json::to_vec(&header).unwrap();
    let at = json.windows(4).position(|w| w == b"Anna").unwrap();
    json[at] = 0xFF;
    out.write(
        "fail_header_invalid_utf8.pristan",
        &craft::raw_bundle(vault, 1, &json, payload, &to),
    );

    let json = format!("{{\"format\":1,\"kind\":{nested}}}");
    out.write(
        "fail_header_deep_nesting.pristan",
        &craft::raw_bundle(vault, 1, json.as_bytes(), payload, &to),
    );

    let mut header = craft::header(vault, BundleKind::Ops, Some((1, 2)), payload);
    header.payload_sha256 = hex::encode([0u8; 32]);
    out.write(
        "fail_payload_mismatch.pristan",
        &craft::bundle(vault, &header, payload, &to),
    );

    let mut header = craft::header(vault, BundleKind::Ops, Some((1, 2)), payload);
    let other_org = age::x25519::Identity::generate().to_public();
    header.recipients = vec![pristan_core::bundle::recipient_fingerprint(&other_org)];
    out.write(
        "fail_recipient_not_in_signed_list.pristan",
        &craft::bundle(vault, &header, payload, &to),
    );

    // Carol's key, Anna's name and keys in the header: the signature cannot verify.
    let header = craft::header(vault, BundleKind::Ops, Some((1, 2)), payload);
    out.write(
        "fail_forged_signature.pristan",
        &craft::bundle(&carol.vault, &header, payload, &to),
    );
}

/// A genuine bundle of another organisation, decrypted by its coordinator and re-encrypted to
/// ours: the organisation it names is not ours.
fn write_other_org_vector(out: &Out, ours: &age::x25519::Recipient) {
    let mut other = Device::new("Other office");
    other.vault.create_org("Other Visitors").unwrap();
    let mut dave = join(&other, "Dave's laptop");
    add_case(&mut dave.vault, "Somebody Else");
    let theirs = export(&mut dave.vault);
    let plain = bundle_vectors::decrypt(&theirs, &other.org_identity());
    out.write(
        "fail_reencrypted_from_other_org.pristan",
        &bundle_vectors::encrypt(&plain, std::slice::from_ref(ours)),
    );
}
