//! Tests of signed requests: the canonical string as documented, every field bound by the
//! signature (the delivery's mailbox included), and malformed fields refused before signing.

use chrono::{Duration, TimeZone};

use super::*;

const RECIPIENT: &str = "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq";

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn upload_freshness() -> Freshness {
    Freshness::at(Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap(), [9; 16])
}

fn object() -> String {
    body_sha256_hex(b"an age file")
}

fn signed_upload() -> RequestAuth {
    sign_request(
        &key(1),
        RECIPIENT,
        "PUT",
        &format!("/v1/org/inbox/{}", object()),
        &object(),
        upload_freshness(),
        None,
    )
    .unwrap()
}

#[test]
fn a_signed_request_verifies_with_the_signers_key() {
    let auth = signed_upload();
    let path = format!("/v1/org/inbox/{}", object());
    let verified = verify_request(&auth, "PUT", &path, &object()).unwrap();
    assert_eq!(verified, key(1).verifying_key());

    let challenge = "ab".repeat(32);
    let read = sign_request(
        &key(2),
        RECIPIENT,
        "GET",
        "/v1/mailbox",
        EMPTY_BODY_SHA256,
        Freshness::challenge(&challenge),
        None,
    )
    .unwrap();
    assert!(verify_request(&read, "GET", "/v1/mailbox", EMPTY_BODY_SHA256).is_ok());
}

#[test]
fn the_canonical_string_is_the_documented_one() {
    let text = canonical_string(
        "GET",
        "/v1/mailbox",
        EMPTY_BODY_SHA256,
        &Freshness::challenge(&"cd".repeat(32)),
        &"11".repeat(32),
        "age1x",
        None,
    )
    .unwrap();
    assert_eq!(
        text,
        format!(
            "pristan-relay-v1\nGET\n/v1/mailbox\n{EMPTY_BODY_SHA256}\nchallenge:{}\n{}\nage1x\nto:",
            "cd".repeat(32),
            "11".repeat(32)
        )
    );
    assert_eq!(body_sha256_hex(b""), EMPTY_BODY_SHA256);
}

// Each field of the canonical string is bound by the signature: a request changed in any one of
// them must be refused, or an observer could move a signed request to another object, mailbox,
// method or moment.
#[test]
fn changing_any_one_field_breaks_the_signature() {
    let auth = signed_upload();
    let path = format!("/v1/org/inbox/{}", object());
    let other_object = body_sha256_hex(b"another age file");
    let refused = |auth: &RequestAuth, method: &str, path: &str, body: &str| {
        assert_eq!(
            verify_request(auth, method, path, body),
            Err(RequestError::BadSignature),
            "{method} {path} {body} {auth:?}"
        );
    };
    refused(&auth, "POST", &path, &object());
    refused(&auth, "DELETE", &path, &object());
    refused(
        &auth,
        "PUT",
        &format!("/v1/mailbox/{}", object()),
        &object(),
    );
    refused(&auth, "PUT", &path, &other_object);

    let mut other_time = auth.clone();
    other_time.freshness = Freshness::Time {
        time: "2026-12-02T08:00:01Z".into(),
        nonce: hex::encode([9; 16]),
    };
    refused(&other_time, "PUT", &path, &object());

    let mut other_nonce = auth.clone();
    other_nonce.freshness =
        Freshness::at(Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap(), [8; 16]);
    refused(&other_nonce, "PUT", &path, &object());

    let mut as_challenge = auth.clone();
    as_challenge.freshness = Freshness::challenge(&"00".repeat(32));
    refused(&as_challenge, "PUT", &path, &object());

    // Another device claiming the signature as its own.
    let mut other_key = auth.clone();
    other_key.signing_key = hex::encode(key(2).verifying_key().as_bytes());
    refused(&other_key, "PUT", &path, &object());

    let mut other_recipient = auth.clone();
    other_recipient.recipient = format!("{RECIPIENT}x");
    refused(&other_recipient, "PUT", &path, &object());

    // A delivery moved into another mailbox, or a destination added to an inbox upload.
    let mut moved = auth.clone();
    moved.to = Some("ab".repeat(32));
    refused(&moved, "PUT", &path, &object());

    let mut flipped = auth.clone();
    let mut bytes = hex::decode(&flipped.signature).unwrap();
    bytes[10] ^= 1;
    flipped.signature = hex::encode(bytes);
    refused(&flipped, "PUT", &path, &object());
}

// The mailbox a coordinator delivers to is signed: on plain HTTP, someone on the path could
// otherwise move a case packet into a mailbox where it cannot be read and is acknowledged away.
#[test]
fn a_delivery_is_bound_to_its_mailbox() {
    let path = format!("/v1/mailbox/{}", object());
    let to = "cd".repeat(32);
    let auth = sign_request(
        &key(1),
        RECIPIENT,
        "PUT",
        &path,
        &object(),
        upload_freshness(),
        Some(&to),
    )
    .unwrap();
    assert!(auth.headers().contains(&(crate::headers::TO, to.clone())));
    let pairs = auth.headers();
    let read_back = RequestAuth::from_headers(
        |name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str())
        },
        false,
    )
    .unwrap();
    assert!(verify_request(&read_back, "PUT", &path, &object()).is_ok());
    let mut elsewhere = read_back.clone();
    elsewhere.to = Some("ef".repeat(32));
    assert_eq!(
        verify_request(&elsewhere, "PUT", &path, &object()),
        Err(RequestError::BadSignature)
    );
    let mut dropped = read_back;
    dropped.to = None;
    assert_eq!(
        verify_request(&dropped, "PUT", &path, &object()),
        Err(RequestError::BadSignature)
    );
    assert_eq!(
        sign_request(
            &key(1),
            RECIPIENT,
            "PUT",
            &path,
            &object(),
            upload_freshness(),
            Some("not a mailbox"),
        ),
        Err(RequestError::Malformed(crate::headers::TO))
    );
}

#[test]
fn fields_that_could_shift_lines_are_refused_before_signing_or_verifying() {
    let path = format!("/v1/org/inbox/{}", object());
    for (recipient, path) in [
        ("age1x\nGET", path.as_str()),
        ("age1x", "/v1/org\n/inbox"),
        ("", path.as_str()),
        ("age1x", "v1/no-slash"),
    ] {
        assert!(matches!(
            sign_request(
                &key(1),
                recipient,
                "PUT",
                path,
                &object(),
                upload_freshness(),
                None,
            ),
            Err(RequestError::Malformed(_))
        ));
    }
    let mut auth = signed_upload();
    auth.signing_key = auth.signing_key.to_uppercase();
    assert_eq!(
        verify_request(&auth, "PUT", &path, &object()),
        Err(RequestError::Malformed(headers::KEY))
    );
    let mut auth = signed_upload();
    auth.signature.pop();
    assert_eq!(
        verify_request(&auth, "PUT", &path, &object()),
        Err(RequestError::Malformed(headers::SIGNATURE))
    );
    let mut auth = signed_upload();
    auth.freshness = Freshness::Time {
        time: "yesterday".into(),
        nonce: hex::encode([1; 16]),
    };
    assert_eq!(
        verify_request(&auth, "PUT", &path, &object()),
        Err(RequestError::Malformed(headers::TIME))
    );
}

#[test]
fn headers_carry_everything_the_relay_needs() {
    let auth = signed_upload();
    let pairs = auth.headers();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(RequestAuth::from_headers(get, false).unwrap(), auth);
    assert_eq!(
        RequestAuth::from_headers(get, true),
        Err(RequestError::Unsigned)
    );
    assert_eq!(
        RequestAuth::from_headers(|_| None, false),
        Err(RequestError::Unsigned)
    );

    let read = sign_request(
        &key(3),
        RECIPIENT,
        "DELETE",
        &format!("/v1/mailbox/{}", object()),
        EMPTY_BODY_SHA256,
        Freshness::challenge(&"ef".repeat(32)),
        None,
    )
    .unwrap();
    let pairs = read.headers();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(RequestAuth::from_headers(get, true).unwrap(), read);
}

#[test]
fn times_beyond_ten_minutes_are_stale() {
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 8, 0, 0).unwrap();
    let at = |offset: Duration| (now + offset).to_rfc3339();
    assert!(check_time(&at(Duration::minutes(9)), now).is_ok());
    assert!(check_time(&at(Duration::minutes(-9)), now).is_ok());
    assert_eq!(
        check_time(&at(Duration::minutes(11)), now),
        Err(RequestError::StaleTime)
    );
    assert_eq!(
        check_time(&at(Duration::days(-40)), now),
        Err(RequestError::StaleTime)
    );
    assert_eq!(
        check_time("not a time", now),
        Err(RequestError::Malformed(headers::TIME))
    );
}
