//! Refusals of size, quota and rate: a bundle over the cap, a full mailbox (which holds up no
//! other mailbox), and a device over its request rate.

use pristan_relay_proto::{headers, ErrorCode};
use reqwest::StatusCode;

use super::support::{Client, StoreKind, Team, To};

pub(super) async fn oversize_and_over_quota(team: &Team) {
    let c = &team.client;
    let mib = 1024 * 1024;
    let big = vec![7u8; mib + 1];
    c.upload(&team.anna, To::Inbox, &big)
        .await
        .refused(ErrorCode::TooLarge);
    // Six bundles a mailbox: the seventh is refused, and one acknowledged makes room.
    let mut ids = Vec::new();
    for n in 0..6 {
        let bundle = team.anna.seal(format!("packet {n}").as_bytes());
        let answer = c
            .upload(&team.coordinator, To::Mailbox(&team.anna), &bundle)
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
        ids.push(answer.upload().id);
    }
    let seventh = team.anna.seal(b"packet 7");
    let answer = c
        .upload(&team.coordinator, To::Mailbox(&team.anna), &seventh)
        .await;
    answer.refused(ErrorCode::OverQuota);
    assert_eq!(
        c.ack(&team.anna, &ids[0]).await.status,
        StatusCode::NO_CONTENT
    );
    let answer = c
        .upload(&team.coordinator, To::Mailbox(&team.anna), &seventh)
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    for id in c.list(&team.anna).await.entries() {
        assert_eq!(
            c.ack(&team.anna, &id.id).await.status,
            StatusCode::NO_CONTENT
        );
    }
    // Three MiB a mailbox: three bundles just under 1 MiB fit, a fourth does not.
    for n in 0..3u8 {
        let bundle = vec![n; mib - 64];
        let answer = c
            .upload(&team.coordinator, To::Mailbox(&team.boris), &bundle)
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    }
    c.upload(
        &team.coordinator,
        To::Mailbox(&team.boris),
        &vec![9u8; 128 * 1024],
    )
    .await
    .refused(ErrorCode::OverQuota);
    // Another mailbox is not held up by Boris's.
    let answer = c
        .upload(
            &team.coordinator,
            To::Mailbox(&team.anna),
            &vec![9u8; 128 * 1024],
        )
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    for mailbox in [&team.anna, &team.boris] {
        for entry in c.list(mailbox).await.entries() {
            assert_eq!(
                c.ack(mailbox, &entry.id).await.status,
                StatusCode::NO_CONTENT
            );
        }
    }
}

#[tokio::test]
async fn a_device_over_its_request_rate_is_told_when_to_come_back() {
    let team = Team::start_with(StoreKind::Local, &["--rate-per-minute", "5"]).await;
    let c = &team.client;
    // Requests in Anna's name that she did not sign do not use up her allowance.
    for n in 0..10 {
        let forged = c.upload_request(&team.boris, To::Inbox, format!("{n}").as_bytes(), None);
        let forged = Client::with_header(forged, headers::KEY, &team.anna.key_hex());
        c.send(forged).await.refused(ErrorCode::BadSignature);
    }
    let mut refused = None;
    for n in 0..10 {
        let answer = c
            .upload(
                &team.anna,
                To::Inbox,
                &team.anna.seal(format!("{n}").as_bytes()),
            )
            .await;
        if answer.status == StatusCode::TOO_MANY_REQUESTS {
            refused = Some(answer);
            break;
        }
        assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    }
    let refused = refused.expect("the sixth request within a minute is refused");
    refused.refused(ErrorCode::RateLimited);
    assert!(refused.retry_after.is_some());
    // Another device is not held up by Anna's rate.
    let answer = c
        .upload(&team.boris, To::Inbox, &team.boris.seal(b"b"))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
}
