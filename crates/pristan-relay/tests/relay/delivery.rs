//! What goes through, on the local store and on S3: a volunteer's bundle reaches the
//! coordinators and is deleted once every one of them has acknowledged it; a coordinator's case
//! packet reaches one device; the same bytes twice are one object; and a restart keeps the
//! bundles and the roster.

use pristan_relay_proto::{body_sha256_hex, Role};
use reqwest::StatusCode;

use super::support::{Device, StoreKind, Team, To};

#[tokio::test]
async fn delivery_on_the_local_store() {
    delivery(StoreKind::Local).await;
}

#[tokio::test]
async fn delivery_on_s3() {
    delivery(StoreKind::S3).await;
}

async fn delivery(kind: StoreKind) {
    let mut team = Team::start(kind).await;
    let second = Device::new();
    let v2 = team.org.roster(
        2,
        &[
            (&team.coordinator, Role::Coordinator, false),
            (&second, Role::Coordinator, false),
            (&team.anna, Role::Volunteer, false),
            (&team.boris, Role::Volunteer, false),
        ],
    );
    assert_eq!(team.client.put_roster(&v2).await.status, StatusCode::OK);
    let c = &team.client;

    // Anna's visit, for the coordinators: stored once however often it is sent.
    let visit = team.coordinator.seal(b"Anna's visit on Tuesday");
    let sha = body_sha256_hex(&visit);
    let first = c.upload(&team.anna, To::Inbox, &visit).await;
    assert_eq!(first.status, StatusCode::CREATED, "{first:?}");
    assert_eq!(first.upload().id, sha);
    assert!(!first.upload().already_stored);
    let again = c.upload(&team.anna, To::Inbox, &visit).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.upload().already_stored);

    for coordinator in [&team.coordinator, &second] {
        let listed = c.list_inbox(coordinator).await.entries();
        assert_eq!(listed.len(), 1, "{listed:?}");
        assert_eq!(listed[0].id, sha);
        assert_eq!(listed[0].size, visit.len() as u64);
    }
    let fetched = c.fetch_inbox(&team.coordinator, &sha).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body, visit);
    assert_eq!(
        team.coordinator.open(&fetched.body),
        b"Anna's visit on Tuesday"
    );

    // The first coordinator's acknowledgement hides it from them only.
    assert_eq!(
        c.ack_inbox(&team.coordinator, &sha).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(c.list_inbox(&team.coordinator).await.entries().is_empty());
    assert_eq!(c.list_inbox(&second).await.entries().len(), 1);
    // Anna sending it again now is still one object (the first coordinator already has it).
    let again = c.upload(&team.anna, To::Inbox, &visit).await;
    assert!(again.upload().already_stored);
    // Once both have acknowledged, it is gone: the same bytes are a new object.
    assert_eq!(
        c.ack_inbox(&second, &sha).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        c.ack_inbox(&second, &sha).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        c.fetch_inbox(&second, &sha).await.status,
        StatusCode::NOT_FOUND
    );
    let resent = c.upload(&team.anna, To::Inbox, &visit).await;
    assert_eq!(resent.status, StatusCode::CREATED);
    for coordinator in [&team.coordinator, &second] {
        c.ack_inbox(coordinator, &sha).await;
    }

    // A case packet for Anna reaches Anna only.
    let packet = team.anna.seal(b"case packet for Anna");
    let packet_sha = body_sha256_hex(&packet);
    let answer = c
        .upload(&team.coordinator, To::Mailbox(&team.anna), &packet)
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    assert!(c.list(&team.boris).await.entries().is_empty());
    let listed = c.list(&team.anna).await.entries();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, packet_sha);

    // A restart keeps the packet and the roster (the second coordinator still reads the inbox).
    team.restart();
    let c = &team.client;
    let fetched = c.fetch(&team.anna, &packet_sha).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(team.anna.open(&fetched.body), b"case packet for Anna");
    assert_eq!(
        c.ack(&team.anna, &packet_sha).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        c.ack(&team.anna, &packet_sha).await.status,
        StatusCode::NO_CONTENT
    );
    assert!(c.list(&team.anna).await.entries().is_empty());
    assert_eq!(c.list_inbox(&second).await.status, StatusCode::OK);

    // A new device joins with a ticket: its first bundle reaches the coordinators.
    let newcomer = Device::new();
    let ticket = team.org.ticket(chrono::Duration::days(14));
    let hello = team.coordinator.seal(b"new device");
    let answer = c.upload_with_ticket(&newcomer, &hello, &ticket).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    let listed = c.list_inbox(&second).await.entries();
    assert!(listed.iter().any(|e| e.id == body_sha256_hex(&hello)));
}
