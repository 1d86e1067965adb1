//! Tests of the signed relay roster and join ticket: signing, strict verification, and the caps
//! and domain separation that refuse a document before its JSON is parsed.

use chrono::TimeZone;

use super::*;

fn org_key() -> SigningKey {
    SigningKey::from_bytes(&[42; 32])
}

fn device(seed: u8, role: Role, revoked: bool) -> RelayDevice {
    RelayDevice {
        signing_key: hex::encode(
            SigningKey::from_bytes(&[seed; 32])
                .verifying_key()
                .as_bytes(),
        ),
        recipient: format!("age1device{seed}"),
        role,
        revoked,
    }
}

fn roster() -> RelayRoster {
    RelayRoster {
        org: "0123456789abcdef0123456789abcdef".parse().unwrap(),
        version: 3,
        devices: vec![
            device(1, Role::Coordinator, false),
            device(2, Role::Volunteer, true),
        ],
    }
}

fn ticket() -> JoinTicket {
    JoinTicket {
        org: "0123456789abcdef0123456789abcdef".parse().unwrap(),
        ticket: "ab".repeat(16),
        expires_at: Utc.with_ymd_and_hms(2026, 12, 16, 8, 0, 0).unwrap(),
    }
}

#[test]
fn a_signed_roster_and_ticket_verify_with_the_organisation_key() {
    let key = org_key().verifying_key();
    let signed = sign_relay_roster(&org_key(), &roster());
    assert_eq!(verify_relay_roster(&key, &signed), Ok(roster()));
    assert!(signed.json.contains("\"role\":\"coordinator\""));

    let signed = sign_join_ticket(&org_key(), &ticket());
    assert_eq!(verify_join_ticket(&key, &signed), Ok(ticket()));
    let header = encode_ticket_header(&signed);
    assert_eq!(decode_ticket_header(&header), Ok(signed));
}

#[test]
fn another_organisations_or_an_altered_document_is_refused() {
    let key = org_key().verifying_key();
    let other = SigningKey::from_bytes(&[43; 32]);
    assert_eq!(
        verify_relay_roster(&key, &sign_relay_roster(&other, &roster())),
        Err(DocumentError::BadSignature)
    );
    let mut altered = sign_relay_roster(&org_key(), &roster());
    altered.json = altered
        .json
        .replace("\"revoked\":true", "\"revoked\":false");
    assert_eq!(
        verify_relay_roster(&key, &altered),
        Err(DocumentError::BadSignature)
    );
    let mut altered = sign_join_ticket(&org_key(), &ticket());
    altered.json = altered.json.replace("2026-12-16", "2036-12-16");
    assert_eq!(
        verify_join_ticket(&key, &altered),
        Err(DocumentError::BadSignature)
    );
}

// A roster signature must never be accepted as a ticket's, nor the other way round.
#[test]
fn domains_keep_the_two_documents_apart() {
    let key = org_key().verifying_key();
    let roster_doc = sign_relay_roster(&org_key(), &roster());
    let ticket_doc = sign_join_ticket(&org_key(), &ticket());
    assert_eq!(
        verify_join_ticket(&key, &roster_doc),
        Err(DocumentError::BadSignature)
    );
    assert_eq!(
        verify_relay_roster(&key, &ticket_doc),
        Err(DocumentError::BadSignature)
    );
}

#[test]
fn oversize_documents_are_refused_before_the_signature_or_parser() {
    let key = org_key().verifying_key();
    let huge = SignedDocument {
        json: "[".repeat(MAX_DOCUMENT_BYTES + 1),
        signature: "00".repeat(64),
    };
    assert_eq!(
        verify_relay_roster(&key, &huge),
        Err(DocumentError::TooLarge)
    );
    assert_eq!(
        verify_join_ticket(&key, &huge),
        Err(DocumentError::TooLarge)
    );
    let wrapper = vec![b' '; 3 * MAX_DOCUMENT_BYTES];
    assert_eq!(
        SignedDocument::from_json_bytes(&wrapper),
        Err(DocumentError::TooLarge)
    );
    let header = "A".repeat(MAX_TICKET_HEADER_BYTES + 1);
    assert_eq!(decode_ticket_header(&header), Err(DocumentError::TooLarge));
}

#[test]
fn garbage_is_refused_without_panicking() {
    let key = org_key().verifying_key();
    for signature in [
        "",
        "zz",
        &"0".repeat(127),
        &"00".repeat(64),
        &"AB".repeat(64),
    ] {
        let doc = SignedDocument {
            json: "{}".into(),
            signature: signature.into(),
        };
        assert_eq!(
            verify_relay_roster(&key, &doc),
            Err(DocumentError::BadSignature)
        );
    }
    for bytes in [&b""[..], b"null", b"{\"json\":1}", b"\xff\xfe"] {
        assert_eq!(
            SignedDocument::from_json_bytes(bytes),
            Err(DocumentError::Malformed)
        );
    }
    assert_eq!(
        decode_ticket_header("!!not base64!!"),
        Err(DocumentError::Malformed)
    );
}

#[test]
fn signed_but_impossible_rosters_and_tickets_are_malformed() {
    let key = org_key().verifying_key();
    let mut zero = roster();
    zero.version = 0;
    let mut twice = roster();
    twice.devices.push(device(1, Role::Volunteer, false));
    let mut bad_key = roster();
    bad_key.devices[0].signing_key = "not a key".into();
    let mut bad_recipient = roster();
    bad_recipient.devices[0].recipient = "age1\nx".into();
    for roster in [zero, twice, bad_key, bad_recipient] {
        assert_eq!(
            verify_relay_roster(&key, &sign_relay_roster(&org_key(), &roster)),
            Err(DocumentError::Malformed)
        );
    }
    // Signed JSON of another shape.
    let doc = sign(&org_key(), RELAY_ROSTER_DOMAIN, &vec![1, 2, 3]);
    assert_eq!(
        verify_relay_roster(&key, &doc),
        Err(DocumentError::Malformed)
    );
    let mut short = ticket();
    short.ticket = "ab".into();
    assert_eq!(
        verify_join_ticket(&key, &sign_join_ticket(&org_key(), &short)),
        Err(DocumentError::Malformed)
    );
}

#[test]
fn a_ticket_expires_at_its_time() {
    let ticket = ticket();
    assert!(!ticket.has_expired(ticket.expires_at - chrono::Duration::seconds(1)));
    assert!(ticket.has_expired(ticket.expires_at));
}
