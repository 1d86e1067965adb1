//! Crafting bundles by hand: a header chosen by the test, signed with a real device's key
//! through `pristan_core::bundle::testing`, and encrypted with the age crate.

use pristan_core::bundle::testing::sign_envelope;
use pristan_core::bundle::{recipient_fingerprint, BundleHeader, BundleKind, SeqRange};
use pristan_core::Vault;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The header `vault`'s device would sign for `payload`, addressed to its organisation.
pub fn header(
    vault: &mut Vault,
    kind: BundleKind,
    seqs: Option<(u64, u64)>,
    payload: &[u8],
) -> BundleHeader {
    let me = vault.device_identity().unwrap();
    let org = vault.org().unwrap().unwrap();
    let org_recipient: age::x25519::Recipient = org.org_recipient.parse().unwrap();
    BundleHeader {
        format: 1,
        kind,
        org: org.org,
        sender: me.device,
        sender_signing_key: me.signing_key,
        sender_recipient: me.recipient,
        sender_name: me.name,
        recipients: vec![recipient_fingerprint(&org_recipient)],
        number: 1000,
        seq_range: seqs.map(|(first, last)| SeqRange { first, last }),
        previous: None,
        created_at: chrono::Utc::now(),
        payload_sha256: hex::encode(Sha256::digest(payload)),
        payload_len: payload.len() as u64,
        roster: None,
        replaces: None,
    }
}

/// `header` serialised, signed by `vault`'s device, with `payload` after it, encrypted to
/// `to`.
pub fn bundle(
    vault: &Vault,
    header: &BundleHeader,
    payload: &[u8],
    to: &age::x25519::Recipient,
) -> Vec<u8> {
    let json = serde_json::to_vec(header).unwrap();
    raw_bundle(vault, 1, &json, payload, to)
}

/// Header bytes as given (any version, any bytes), signed and encrypted.
pub fn raw_bundle(
    vault: &Vault,
    version: u16,
    header_json: &[u8],
    payload: &[u8],
    to: &age::x25519::Recipient,
) -> Vec<u8> {
    let envelope = sign_envelope(vault, version, header_json, payload).unwrap();
    super::encrypt(&envelope, std::slice::from_ref(to))
}

/// An operation like `template` (one taken from a genuine bundle), with another device,
/// sequence number, entity and change.
pub fn op(
    template: &Value,
    device: &str,
    seq: u64,
    entity_type: &str,
    entity: &str,
    change: Value,
) -> Value {
    let mut op = template.clone();
    op["device"] = json!(device);
    op["seq"] = json!(seq);
    op["entity_type"] = json!(entity_type);
    op["entity"] = json!(entity);
    op["change"] = change;
    op
}

/// A new case (the template's own creation, under a new id) and an attachment of it named
/// `file_name`, with its content: a properly made bundle in every way but the name.
pub fn attachment_ops(
    template_case_op: &Value,
    device: &str,
    seq: u64,
    file_name: &str,
    content: &[u8],
) -> Value {
    let case = pristan_core::ops::EntityId::random().to_string();
    let attachment = pristan_core::ops::EntityId::random().to_string();
    let case_op = op(
        template_case_op,
        device,
        seq,
        "case",
        &case,
        template_case_op["change"].clone(),
    );
    let record = json!({
        "type": "record",
        "fields": {
            "case_id": case,
            "sha256": hex::encode(Sha256::digest(content)),
            "file_name": file_name,
            "media_type": "application/pdf",
            "size": content.len(),
            "caption": "",
        }
    });
    let attachment_op = op(
        template_case_op,
        device,
        seq + 1,
        "attachment",
        &attachment,
        record,
    );
    json!([case_op, attachment_op])
}
