//! Family status cards on the relay, on the local store and on S3 (moto): a roster device
//! publishes and refreshes a card under its code's lookup, a family fetches it with no identity,
//! a revoked card answers `card_revoked`; publishing needs a valid signature from a device on the
//! roster (no ticket, no stranger, no revoked device); fetches are limited per address; and the
//! store holds neither the code, nor its lookup, nor anything of the card's plaintext.

use std::io::Write;

use age::secrecy::SecretString;
use chrono::Duration;
use pristan_relay_proto::{headers, CardAnswer, CardCode, ErrorCode, Role};
use pristan_testkit::canary;
use reqwest::StatusCode;

use super::support::{random_bytes, Client, Device, StoreKind, Team};

/// A real card file: an armoured age file encrypted to `passphrase` (a small work factor: the
/// relay never opens it, and the test stays quick).
pub fn card(plaintext: &str, passphrase: &str) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
    recipient.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let armored =
        age::armor::ArmoredWriter::wrap_output(&mut out, age::armor::Format::AsciiArmor).unwrap();
    let mut writer = encryptor.wrap_output(armored).unwrap();
    writer.write_all(plaintext.as_bytes()).unwrap();
    writer.finish().unwrap().finish().unwrap();
    out
}

pub fn new_code() -> CardCode {
    CardCode::from_random(random_bytes()[..11].try_into().unwrap())
}

#[tokio::test]
async fn cards_on_the_local_store() {
    cards(StoreKind::Local).await;
}

#[tokio::test]
async fn cards_on_s3() {
    cards(StoreKind::S3).await;
}

async fn cards(kind: StoreKind) {
    let mut args = super::support::SMALL_LIMITS.to_vec();
    args.extend(["--card-fetches-per-minute", "100"]);
    let team = Team::start_with(kind, &args).await;
    let c = &team.client;
    let code = new_code();
    let lookup = code.lookup();

    // Nothing there yet.
    c.fetch_card(&lookup).await.refused(ErrorCode::NotFound);

    // Anna, a volunteer on the roster, publishes; a family fetches with no identity at all.
    let first = card("first status", "лампа кот");
    let answer = c.publish_card(&team.anna, &lookup, &first).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    let published: CardAnswer = serde_json::from_slice(&answer.body).unwrap();
    assert!(!published.replaced);
    let fetched = c.fetch_card(&lookup).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body, first);

    // A refresh replaces it under the same code.
    let second = card("second status", "лампа кот");
    let answer = c.publish_card(&team.anna, &lookup, &second).await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
    assert!(
        serde_json::from_slice::<CardAnswer>(&answer.body)
            .unwrap()
            .replaced
    );
    assert_eq!(c.fetch_card(&lookup).await.body, second);

    refusals(&team, &lookup).await;

    // Revoked: deleted, and the family is told so kindly rather than "no such card"; it cannot
    // be published again under that code.
    let answer = c.withdraw_card(&team.coordinator, &lookup).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT, "{answer:?}");
    let gone = c.fetch_card(&lookup).await;
    gone.refused(ErrorCode::CardRevoked);
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(!gone.body.windows(10).any(|w| w == b"AGE ENCRYP"));
    c.publish_card(&team.anna, &lookup, &second)
        .await
        .refused(ErrorCode::CardRevoked);
    // Withdrawing again is still fine.
    assert_eq!(
        c.withdraw_card(&team.anna, &lookup).await.status,
        StatusCode::NO_CONTENT
    );

    // A revoked device can neither publish nor withdraw.
    let other = new_code().lookup();
    c.publish_card(&team.boris, &other, &first).await;
    let roster = team.org.roster(
        2,
        &[
            (&team.coordinator, Role::Coordinator, false),
            (&team.anna, Role::Volunteer, false),
            (&team.boris, Role::Volunteer, true),
        ],
    );
    assert_eq!(c.put_roster(&roster).await.status, StatusCode::OK);
    c.publish_card(&team.boris, &new_code().lookup(), &first)
        .await
        .refused(ErrorCode::RevokedDevice);
    c.withdraw_card(&team.boris, &other)
        .await
        .refused(ErrorCode::RevokedDevice);
    assert_eq!(c.fetch_card(&other).await.body, first);
}

/// What is refused while a card is published: no signature, a signature over other bytes, a
/// stranger, a join ticket, what is not a card, a card too large, a malformed lookup.
async fn refusals(team: &Team, lookup: &str) {
    let c = &team.client;
    let forged = card("forged", "other words");
    let bare = c
        .http
        .put(format!("{}/v1/cards/{lookup}", c.base))
        .body(forged.clone());
    c.send(bare).await.refused(ErrorCode::Unsigned);
    let request = c.publish_card_request(&team.anna, lookup, &forged);
    c.send(Client::without_header(request, headers::SIGNATURE))
        .await
        .refused(ErrorCode::Unsigned);
    // Signed over one card, sending another.
    let request = c.publish_card_request(&team.anna, lookup, &forged);
    let (client, built) = request.build_split();
    let mut built = built.unwrap();
    *built.body_mut() = Some(card("swapped", "x y").into());
    c.send(reqwest::RequestBuilder::from_parts(client, built))
        .await
        .refused(ErrorCode::BadSignature);
    // Boris's key named on Anna's signature.
    let request = c.publish_card_request(&team.anna, lookup, &forged);
    c.send(Client::with_header(
        request,
        headers::KEY,
        &team.boris.key_hex(),
    ))
    .await
    .refused(ErrorCode::BadSignature);
    // A device not on the roster, with or without a join ticket.
    let stranger = Device::new();
    c.publish_card(&stranger, lookup, &forged)
        .await
        .refused(ErrorCode::UnknownDevice);
    let ticket = team.org.ticket(Duration::days(14));
    let request = c.publish_card_request(&stranger, lookup, &forged).header(
        headers::JOIN_TICKET,
        pristan_relay_proto::encode_ticket_header(&ticket),
    );
    c.send(request).await.refused(ErrorCode::UnknownDevice);
    // A stranger cannot withdraw either.
    c.withdraw_card(&stranger, lookup)
        .await
        .refused(ErrorCode::UnknownDevice);
    // Only armoured age files, of at most 64 KiB.
    c.publish_card(&team.anna, lookup, b"plain text, not a card")
        .await
        .refused(ErrorCode::Malformed);
    let mut big = card("big", "a b");
    big.resize(pristan_relay_proto::MAX_CARD_BYTES + 1, b'A');
    c.publish_card(&team.anna, lookup, &big)
        .await
        .refused(ErrorCode::TooLarge);
    c.fetch_card("NOT-A-LOOKUP")
        .await
        .refused(ErrorCode::Malformed);
    // The card published before is untouched by all of it.
    assert!(c.fetch_card(lookup).await.status.is_success());
    assert_ne!(c.fetch_card(lookup).await.body, forged);
}

#[tokio::test]
async fn card_fetches_are_limited_per_address() {
    let args = ["--card-fetches-per-minute", "3"];
    let team = Team::start_with(StoreKind::Local, &args).await;
    let c = &team.client;
    let code = new_code();
    c.publish_card(&team.anna, &code.lookup(), &card("status", "a b"))
        .await;
    // Guessing codes costs the same as fetching one: three a minute here.
    for _ in 0..2 {
        c.fetch_card(&new_code().lookup())
            .await
            .refused(ErrorCode::NotFound);
    }
    assert_eq!(c.fetch_card(&code.lookup()).await.status, StatusCode::OK);
    let limited = c.fetch_card(&code.lookup()).await;
    limited.refused(ErrorCode::RateLimited);
    let wait: u64 = limited.retry_after.unwrap().parse().unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    // Devices' own requests are not held up by the families' limit.
    let answer = c
        .publish_card(&team.anna, &code.lookup(), &card("again", "a b"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
}

#[tokio::test]
async fn a_published_card_leaves_no_code_lookup_or_plaintext_in_the_local_store_or_log() {
    let team = Team::start(StoreKind::Local).await;
    let (patterns, log_patterns) = exercise(&team).await;
    let found = canary::scan(&[&team.relay.store_dir()], &patterns, None);
    assert!(found.is_empty(), "the store shows: {found:?}");
    let log = team.relay.log();
    assert!(log.contains("route=/v1/cards/{lookup}"), "{log}");
    for (label, pattern) in patterns.iter().chain(&log_patterns) {
        assert!(
            memchr::memmem::find(log.as_bytes(), pattern).is_none(),
            "the log shows a {label}:\n{log}"
        );
    }
}

#[tokio::test]
async fn a_published_card_leaves_no_code_lookup_or_plaintext_in_an_s3_bucket() {
    let team = Team::start(StoreKind::S3).await;
    let (patterns, _) = exercise(&team).await;
    let moto = team._moto.as_ref().unwrap();
    let target = team.s3.clone().unwrap();
    let keys = moto.keys(&target);
    assert!(keys.iter().any(|k| k.starts_with("card/")), "{keys:?}");
    assert!(
        keys.iter().any(|k| k.starts_with("card-revoked/")),
        "{keys:?}"
    );
    for key in keys {
        let bytes = moto.object(&target, &key);
        for (label, pattern) in &patterns {
            assert!(
                !key.contains(&*String::from_utf8_lossy(pattern)),
                "an S3 key shows a {label}: {key}"
            );
            assert!(
                memchr::memmem::find(&bytes, pattern).is_none(),
                "S3 object {key} shows a {label}"
            );
        }
    }
}

type Patterns = Vec<(String, Vec<u8>)>;

/// Publishes, refreshes, fetches and revokes canary cards; returns what must be found nowhere
/// (the canary, each code in both spellings, each lookup) and, for the log, the client address.
async fn exercise(team: &Team) -> (Patterns, Patterns) {
    let c = &team.client;
    let secret = canary::new_canary();
    let mut patterns = canary::patterns(&secret);
    let kept = new_code();
    let revoked = new_code();
    for code in [&kept, &revoked] {
        let lookup = code.lookup();
        let bytes = card(&format!("status of {secret}"), "лампа кот");
        c.publish_card(&team.anna, &lookup, &bytes).await;
        let bytes = card(&format!("refreshed {secret}"), "лампа кот");
        c.publish_card(&team.anna, &lookup, &bytes).await;
        c.fetch_card(&lookup).await;
        patterns.push(("card code".into(), code.as_str().as_bytes().to_vec()));
        patterns.push(("card code".into(), code.grouped().into_bytes()));
        patterns.push(("lookup".into(), lookup.into_bytes()));
    }
    c.withdraw_card(&team.coordinator, &revoked.lookup()).await;
    c.fetch_card(&revoked.lookup()).await;
    c.fetch_card(&new_code().lookup()).await;
    let log_patterns = vec![("client address".into(), b"127.0.0.1".to_vec())];
    (patterns, log_patterns)
}
