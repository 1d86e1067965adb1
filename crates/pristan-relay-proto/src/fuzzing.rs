//! The bodies of the relay's fuzz targets (`fuzz/fuzz_targets/relay_*.rs`). They live here, in
//! the crate that parses what a relay and its clients exchange, so that the corpora checked in
//! under `fuzz/corpus/` and the crash vectors under `fuzz/regressions/` are replayed on stable by
//! `tests/relay_fuzz_replay.rs`, through the same entry points the fuzzer drives. Not part of the
//! protocol's API.
//!
//! The keys here are fixed, public and used for nothing else: the organisation's and the
//! device's Ed25519 key are the same 32 bytes, so the fuzzer can reach what lies behind the
//! signature checks (a mode byte asks the body to sign what the fuzzer wrote).

use chrono::{DateTime, TimeZone, Utc};
use ed25519_dalek::{SigningKey, VerifyingKey};
use pristan_model::ids::OrgId;

use crate::documents::{
    decode_ticket_header, encode_ticket_header, sign_join_ticket, sign_relay_roster, sign_text,
    verify_join_ticket, verify_relay_roster, DocumentError, JoinTicket, RelayDevice, RelayRoster,
    SignedDocument, JOIN_TICKET_DOMAIN, RELAY_ROSTER_DOMAIN,
};
use crate::limits::{MAX_CLOCK_SKEW_SECONDS, MAX_DOCUMENT_BYTES};
use crate::request::{
    canonical_string, check_time, sign_request, verify_request, Freshness, RequestAuth,
    EMPTY_BODY_SHA256,
};
use crate::wire::{Challenge, ErrorBody, Health, ListEntry, RosterAnswer, UploadAnswer};
use crate::{headers, MailboxId, Role};

const FUZZ_SIGNING_SEED: [u8; 32] = [7; 32];
/// A public age recipient standing for the fuzzing device.
const FUZZ_RECIPIENT: &str = "age1kmq3ls6zmwy5tvw2qfz4gjq7gc0a3jg3n8t66zq5hjy3vflanussfzkqsa";
/// Fields of a request input are separated by this byte, which never occurs in UTF-8, so a
/// field may hold any text, newlines included.
const FIELD_SEPARATOR: u8 = 0xff;

/// A target's name and body.
pub type Target = (&'static str, fn(&[u8]));

/// Every target whose body is in this crate.
pub const TARGETS: &[Target] = &[
    ("relay_request", relay_request),
    ("relay_documents", relay_documents),
    ("relay_answers", relay_answers),
];

fn signing_key() -> SigningKey {
    SigningKey::from_bytes(&FUZZ_SIGNING_SEED)
}

fn org_key() -> VerifyingKey {
    signing_key().verifying_key()
}

/// The relay's clock in every fuzzed check: fixed, so a replay gives the same result.
fn relay_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0)
        .single()
        .expect("a valid time")
}

/// The fields of a request input, in order.
const FIELDS: [&str; 11] = [
    "method",
    "path",
    "body digest",
    headers::KEY,
    headers::RECIPIENT,
    headers::SIGNATURE,
    headers::TIME,
    headers::NONCE,
    headers::CHALLENGE,
    headers::TO,
    headers::JOIN_TICKET,
];

/// A signed request as the relay receives it. The first byte holds flags: bit 0, the route is
/// fresh by a challenge (a read) rather than time and nonce (an upload); bit 1, sign the request
/// with the fuzzing key before checking it, so the checks behind the signature are reached.
/// The rest is the fields of [`FIELDS`], separated by 0xff; a missing field is a missing
/// header, and a field that is not UTF-8 is a header value that is not text.
///
/// What must hold: a canonical string has exactly its eight lines (no field can add one); a
/// request verifies only under the key it names; what the fuzzing key signed verifies, and no
/// longer does once its method, path or body digest changes; a time the relay accepts is within
/// the allowed skew; a join ticket is checked without panicking.
pub fn relay_request(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let by_challenge = flags & 1 == 1;
    let sign = flags & 2 == 2;
    let fields: Vec<Option<&str>> = rest
        .split(|&b| b == FIELD_SEPARATOR)
        .map(|f| std::str::from_utf8(f).ok())
        .collect();
    let field = |i: usize| fields.get(i).copied().flatten();
    let header = |name: &str| FIELDS.iter().position(|f| *f == name).and_then(field);
    let method = field(0).unwrap_or("PUT");
    let path = field(1).unwrap_or("/v1/org/inbox");
    let body = field(2).unwrap_or(EMPTY_BODY_SHA256);

    if let Some(ticket) = header(headers::JOIN_TICKET) {
        if let Ok(document) = decode_ticket_header(ticket) {
            let _ = verify_join_ticket(&org_key(), &document).map(|t| t.has_expired(relay_now()));
        }
    }
    let Ok(mut auth) = RequestAuth::from_headers(header, by_challenge) else {
        return;
    };
    if let Freshness::Time { time, .. } = &auth.freshness {
        if let Ok(sent) = check_time(time, relay_now()) {
            assert!((sent - relay_now()).num_seconds().abs() <= MAX_CLOCK_SKEW_SECONDS);
        }
    }
    if let Ok(text) = canonical_string(
        method,
        path,
        body,
        &auth.freshness,
        &auth.signing_key,
        &auth.recipient,
        auth.to.as_deref(),
    ) {
        assert_eq!(text.matches('\n').count(), 7, "one line a field");
        assert!(text.starts_with("pristan-relay-v1\n"));
    }
    if sign {
        let Ok(signed) = sign_request(
            &signing_key(),
            &auth.recipient,
            method,
            path,
            body,
            auth.freshness.clone(),
            auth.to.as_deref(),
        ) else {
            return;
        };
        let key = verify_request(&signed, method, path, body).expect("a signed request verifies");
        assert_eq!(key, org_key());
        let other_path = format!("{path}x");
        assert!(verify_request(&signed, method, &other_path, body).is_err());
        assert!(verify_request(&signed, &format!("{method}X"), path, body).is_err());
        if body != EMPTY_BODY_SHA256 {
            assert!(verify_request(&signed, method, path, EMPTY_BODY_SHA256).is_err());
        }
        auth = signed;
    }
    if let Ok(key) = verify_request(&auth, method, path, body) {
        assert_eq!(hex::encode(key.as_bytes()), auth.signing_key);
        let _ = crate::mailbox_id(&key, &auth.recipient);
    }
}

/// Whether a `relay_request` input verifies as it stands (without the fuzzer's own signing): the
/// request seeds must, or the fuzzer would explore only the refusals in front of the signature.
pub fn request_verifies(data: &[u8]) -> bool {
    let Some((&flags, rest)) = data.split_first() else {
        return false;
    };
    let fields: Vec<Option<&str>> = rest
        .split(|&b| b == FIELD_SEPARATOR)
        .map(|f| std::str::from_utf8(f).ok())
        .collect();
    let field = |i: usize| fields.get(i).copied().flatten();
    let header = |name: &str| FIELDS.iter().position(|f| *f == name).and_then(field);
    let (Some(method), Some(path), Some(body)) = (field(0), field(1), field(2)) else {
        return false;
    };
    RequestAuth::from_headers(header, flags & 1 == 1)
        .is_ok_and(|auth| verify_request(&auth, method, path, body).is_ok())
}

/// A signed document from outside: the relay roster (`PUT /v1/roster`) or a join ticket. The
/// first byte chooses: 0, the rest is a document's wrapper checked as a roster and as a ticket
/// against the fixed organisation key; 1, a `Pristan-Join-Ticket` header; 2 and 3, the rest is a
/// roster's or a ticket's JSON text, signed with the organisation key first so the checks behind
/// the signature are reached (a signed document is then refused only as malformed or too large,
/// and one accepted signs and reads back the same).
pub fn relay_documents(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    match mode {
        0 => {
            if let Ok(document) = SignedDocument::from_json_bytes(rest) {
                if let Ok(roster) = verify_relay_roster(&org_key(), &document) {
                    check_roster(&roster);
                }
                let _ = verify_join_ticket(&org_key(), &document);
            }
        }
        1 => {
            if let Ok(document) = decode_ticket_header(&String::from_utf8_lossy(rest)) {
                let _ = verify_join_ticket(&org_key(), &document);
            }
        }
        2 => {
            let document = signed_text(RELAY_ROSTER_DOMAIN, rest);
            match verify_relay_roster(&org_key(), &document) {
                Ok(roster) => {
                    check_roster(&roster);
                    let again = sign_relay_roster(&signing_key(), &roster);
                    assert_eq!(verify_relay_roster(&org_key(), &again), Ok(roster));
                }
                Err(error) => assert_signed_refusal(error, &document),
            }
        }
        _ => {
            let document = signed_text(JOIN_TICKET_DOMAIN, rest);
            match verify_join_ticket(&org_key(), &document) {
                Ok(ticket) => {
                    let again = sign_join_ticket(&signing_key(), &ticket);
                    let header = encode_ticket_header(&again);
                    let decoded = decode_ticket_header(&header).expect("a written header reads");
                    assert_eq!(verify_join_ticket(&org_key(), &decoded), Ok(ticket));
                }
                Err(error) => assert_signed_refusal(error, &document),
            }
        }
    }
}

fn signed_text(domain: &[u8], rest: &[u8]) -> SignedDocument {
    sign_text(
        &signing_key(),
        domain,
        String::from_utf8_lossy(rest).into_owned(),
    )
}

/// A document the organisation key signed is refused only as too large or malformed.
fn assert_signed_refusal(error: DocumentError, document: &SignedDocument) {
    if document.json.len() > MAX_DOCUMENT_BYTES {
        assert_eq!(error, DocumentError::TooLarge);
    } else {
        assert_eq!(error, DocumentError::Malformed);
    }
}

fn check_roster(roster: &RelayRoster) {
    assert!(roster.version >= 1);
    let mut keys: Vec<&str> = roster
        .devices
        .iter()
        .map(|d| d.signing_key.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), roster.devices.len(), "a key listed once");
    for device in &roster.devices {
        assert!(crate::parse_verifying_key(&device.signing_key).is_some());
        assert!(MailboxId::of_hex_key(&device.signing_key, &device.recipient).is_ok());
    }
}

/// The relay's small JSON answers as the client reads them (a challenge, the list of waiting
/// objects, an upload's and a roster's answer, health, a refusal), and mailbox ids. A challenge
/// the client accepts is one it can sign; a mailbox id that reads writes out the same.
pub fn relay_answers(data: &[u8]) {
    if let Ok(challenge) = serde_json::from_slice::<Challenge>(data) {
        if crate::is_sha256_hex(&challenge.challenge) {
            let freshness = Freshness::challenge(&challenge.challenge);
            let auth = sign_request(
                &signing_key(),
                FUZZ_RECIPIENT,
                "GET",
                "/v1/mailbox",
                EMPTY_BODY_SHA256,
                freshness,
                None,
            )
            .expect("a challenge the client accepts can be signed");
            assert!(verify_request(&auth, "GET", "/v1/mailbox", EMPTY_BODY_SHA256).is_ok());
        }
    }
    let _ = serde_json::from_slice::<Vec<ListEntry>>(data);
    let _ = serde_json::from_slice::<UploadAnswer>(data);
    let _ = serde_json::from_slice::<RosterAnswer>(data);
    let _ = serde_json::from_slice::<Health>(data);
    if let Ok(body) = serde_json::from_slice::<ErrorBody>(data) {
        let _ = body.error.http_status();
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(id) = text.parse::<MailboxId>() {
            assert_eq!(id.to_string(), text);
        }
    }
}

/// Seed inputs made with the real writers: `(target, file name, bytes)`. Everything here is
/// deterministic (Ed25519 signatures are), so the replay test compares the files checked in.
pub fn seeds() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let key = signing_key();
    let key_hex = hex::encode(key.verifying_key().as_bytes());
    let org = OrgId::from_bytes([4; 16]);
    let ticket = JoinTicket {
        org,
        ticket: "00112233445566778899aabbccddeeff".to_owned(),
        expires_at: relay_now() + chrono::Duration::days(14),
    };
    let ticket_document = sign_join_ticket(&key, &ticket);
    let ticket_header = encode_ticket_header(&ticket_document);
    let roster = RelayRoster {
        org,
        version: 3,
        devices: vec![RelayDevice {
            signing_key: key_hex.clone(),
            recipient: FUZZ_RECIPIENT.to_owned(),
            role: Role::Coordinator,
            revoked: false,
        }],
    };
    let roster_document = sign_relay_roster(&key, &roster);

    let body = crate::body_sha256_hex(b"a bundle");
    let upload = sign_request(
        &key,
        FUZZ_RECIPIENT,
        "PUT",
        &format!("/v1/org/inbox/{body}"),
        &body,
        Freshness::Time {
            time: "2026-12-02T12:01:00Z".to_owned(),
            nonce: "000102030405060708090a0b0c0d0e0f".to_owned(),
        },
        None,
    )
    .expect("a well-formed upload signs");
    let mailbox = MailboxId::of_hex_key(&key_hex, FUZZ_RECIPIENT).expect("a mailbox id");
    let delivery = sign_request(
        &key,
        FUZZ_RECIPIENT,
        "PUT",
        &format!("/v1/mailbox/{body}"),
        &body,
        Freshness::Time {
            time: "2026-12-02T11:55:00Z".to_owned(),
            nonce: "0f0e0d0c0b0a09080706050403020100".to_owned(),
        },
        Some(&mailbox.to_string()),
    )
    .expect("a well-formed delivery signs");
    let challenge = crate::body_sha256_hex(b"a challenge");
    let read = sign_request(
        &key,
        FUZZ_RECIPIENT,
        "GET",
        "/v1/mailbox",
        EMPTY_BODY_SHA256,
        Freshness::challenge(&challenge),
        None,
    )
    .expect("a read signs");

    let upload_input = request_input(0, "PUT", &upload, &body, Some(&ticket_header));
    let delivery_input = request_input(0, "PUT", &delivery, &body, None);
    let read_input = request_input(1, "GET", &read, EMPTY_BODY_SHA256, None);
    let resign_input = request_input(2, "PUT", &upload, &body, None);

    let with_mode = |mode: u8, bytes: &[u8]| {
        let mut out = vec![mode];
        out.extend_from_slice(bytes);
        out
    };
    let answers = [
        serde_json::to_vec(&Challenge {
            challenge,
            expires_in_seconds: 120,
        }),
        serde_json::to_vec(&vec![ListEntry {
            id: body.clone(),
            size: 8,
            stored_at: relay_now(),
        }]),
        serde_json::to_vec(&ErrorBody {
            error: crate::ErrorCode::RateLimited,
            retry_after_seconds: Some(30),
        }),
    ]
    .map(|r| r.expect("an answer serialises"));
    let [challenge_answer, list_answer, error_answer] = answers;
    vec![
        ("relay_request", "upload_with_ticket", upload_input),
        ("relay_request", "delivery", delivery_input),
        ("relay_request", "read_by_challenge", read_input),
        ("relay_request", "signed_by_the_fuzzer", resign_input),
        (
            "relay_documents",
            "roster",
            with_mode(0, roster_document.to_json().as_bytes()),
        ),
        (
            "relay_documents",
            "ticket",
            with_mode(0, ticket_document.to_json().as_bytes()),
        ),
        (
            "relay_documents",
            "ticket_header",
            with_mode(1, ticket_header.as_bytes()),
        ),
        (
            "relay_documents",
            "roster_json",
            with_mode(2, roster_document.json.as_bytes()),
        ),
        (
            "relay_documents",
            "ticket_json",
            with_mode(3, ticket_document.json.as_bytes()),
        ),
        ("relay_answers", "challenge", challenge_answer),
        ("relay_answers", "list", list_answer),
        ("relay_answers", "refusal", error_answer),
        (
            "relay_answers",
            "mailbox_id",
            mailbox.to_string().into_bytes(),
        ),
    ]
}

fn request_input(
    flags: u8,
    method: &str,
    auth: &RequestAuth,
    body: &str,
    ticket: Option<&str>,
) -> Vec<u8> {
    let (time, nonce, challenge) = match &auth.freshness {
        Freshness::Time { time, nonce } => (Some(time.as_str()), Some(nonce.as_str()), None),
        Freshness::Challenge(c) => (None, None, Some(c.as_str())),
    };
    let path = match method {
        "GET" => "/v1/mailbox".to_owned(),
        _ if auth.to.is_some() => format!("/v1/mailbox/{body}"),
        _ => format!("/v1/org/inbox/{body}"),
    };
    let values: [Option<&str>; 11] = [
        Some(method),
        Some(&path),
        Some(body),
        Some(&auth.signing_key),
        Some(&auth.recipient),
        Some(&auth.signature),
        time,
        nonce,
        challenge,
        auth.to.as_deref(),
        ticket,
    ];
    let mut out = vec![flags];
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(FIELD_SEPARATOR);
        }
        // A header that is absent is written as a value that is not UTF-8 (a lone 0xfe).
        match value {
            Some(v) => out.extend_from_slice(v.as_bytes()),
            None => out.push(0xfe),
        }
    }
    out
}
