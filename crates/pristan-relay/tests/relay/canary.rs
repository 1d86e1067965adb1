//! What a seized relay disk or its most verbose log would show: no word of a bundle's plaintext
//! (the bundles are real age files of a canary), no mailbox id, no device key or recipient in
//! the log, and no client address. The store keeps the signed relay roster, which holds device
//! keys and recipients by necessity (docs/relay.md says so), so keys are checked in the log only.

use chrono::Duration;
use pristan_relay_proto::body_sha256_hex;
use pristan_testkit::canary;
use reqwest::StatusCode;

use super::support::{Device, StoreKind, Team, To};

#[tokio::test]
async fn nothing_telling_reaches_the_local_store_or_the_trace_log() {
    let team = Team::start(StoreKind::Local).await;
    let secret = canary::new_canary();
    let newcomer = exercise(&team, &secret).await;

    let mut patterns = canary::patterns(&secret);
    for device in [&team.coordinator, &team.anna, &team.boris, &newcomer] {
        patterns.push((
            "mailbox id".into(),
            device.mailbox().to_string().into_bytes(),
        ));
    }
    let found = canary::scan(&[&team.relay.store_dir()], &patterns, None);
    assert!(found.is_empty(), "the store shows: {found:?}");

    let log = team.relay.log();
    assert!(log.contains("route=/v1/mailbox/{sha256}"), "{log}");
    assert!(log.contains("TRACE") || log.contains("DEBUG"), "{log}");
    for device in [&team.coordinator, &team.anna, &team.boris, &newcomer] {
        patterns.push(("signing key".into(), device.key_hex().into_bytes()));
        patterns.push(("recipient".into(), device.recipient.clone().into_bytes()));
    }
    patterns.push(("client address".into(), b"127.0.0.1".to_vec()));
    patterns.push((
        "a store path".into(),
        team.relay.store_dir().display().to_string().into_bytes(),
    ));
    for (label, pattern) in &patterns {
        assert!(
            memchr::memmem::find(log.as_bytes(), pattern).is_none(),
            "the log shows a {label}:\n{log}"
        );
    }
}

#[tokio::test]
async fn nothing_telling_reaches_an_s3_bucket() {
    let team = Team::start(StoreKind::S3).await;
    let secret = canary::new_canary();
    let newcomer = exercise(&team, &secret).await;
    let moto = team._moto.as_ref().unwrap();
    let target = team.s3.clone().unwrap();
    let mut patterns = canary::patterns(&secret);
    for device in [&team.coordinator, &team.anna, &team.boris, &newcomer] {
        patterns.push((
            "mailbox id".into(),
            device.mailbox().to_string().into_bytes(),
        ));
    }
    let keys = moto.keys(&target);
    assert!(keys.iter().any(|k| k.starts_with("mailbox/")), "{keys:?}");
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

/// Every kind of request, with canary bundles: rosters, uploads to the inbox and to mailboxes,
/// a ticket, downloads, acknowledgements, and refusals. Some bundles are left waiting.
async fn exercise(team: &Team, secret: &str) -> Device {
    let c = &team.client;
    let visit = team
        .coordinator
        .seal(format!("visit notes: {secret}").as_bytes());
    assert_eq!(
        c.upload(&team.anna, To::Inbox, &visit).await.status,
        StatusCode::CREATED
    );
    let waiting = team
        .coordinator
        .seal(format!("still waiting: {secret}").as_bytes());
    c.upload(&team.boris, To::Inbox, &waiting).await;
    let packet = team.anna.seal(format!("case packet: {secret}").as_bytes());
    c.upload(&team.coordinator, To::Mailbox(&team.anna), &packet)
        .await;
    let kept = team.boris.seal(format!("for boris: {secret}").as_bytes());
    c.upload(&team.coordinator, To::Mailbox(&team.boris), &kept)
        .await;
    let newcomer = Device::new();
    let hello = team.coordinator.seal(format!("hello: {secret}").as_bytes());
    c.upload_with_ticket(&newcomer, &hello, &team.org.ticket(Duration::days(14)))
        .await;

    let listed = c.list_inbox(&team.coordinator).await.entries();
    assert_eq!(listed.len(), 3);
    let fetched = c
        .fetch_inbox(&team.coordinator, &body_sha256_hex(&visit))
        .await;
    assert_eq!(fetched.body, visit);
    c.ack_inbox(&team.coordinator, &body_sha256_hex(&visit))
        .await;
    let fetched = c.fetch(&team.anna, &body_sha256_hex(&packet)).await;
    assert_eq!(fetched.body, packet);
    c.ack(&team.anna, &body_sha256_hex(&packet)).await;
    // Refusals log too.
    c.upload(&newcomer, To::Inbox, &hello).await;
    c.list(&newcomer).await;
    c.fetch(&team.anna, &"00".repeat(32)).await;
    newcomer
}
