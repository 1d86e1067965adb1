//! Every refusal of the protocol, each checked against a real relay on the local store and on
//! S3: unsigned, wrongly signed, replayed, stale, another organisation's device, revoked,
//! oversize, over quota, rate limited, another device's mailbox, and tickets misused.

use chrono::Duration;
use pristan_relay_proto::{body_sha256_hex, headers, ErrorCode, Role};
use reqwest::{Method, StatusCode};

use super::support::{Client, Device, Org, StoreKind, Team, To};

#[tokio::test]
async fn refusals_on_the_local_store() {
    refusals(StoreKind::Local).await;
}

#[tokio::test]
async fn refusals_on_s3() {
    refusals(StoreKind::S3).await;
}

async fn refusals(kind: StoreKind) {
    let team = Team::start(kind).await;
    unsigned(&team).await;
    wrongly_signed(&team).await;
    replayed_and_stale(&team).await;
    strangers(&team).await;
    oversize_and_over_quota(&team).await;
    other_mailboxes(&team).await;
    tickets(&team).await;
    malformed(&team).await;
    // Last: it changes the roster.
    revoked(&team).await;
}

async fn unsigned(team: &Team) {
    let c = &team.client;
    let bundle = team.anna.seal(b"unsigned");
    let sha = body_sha256_hex(&bundle);
    let bare = c
        .http
        .put(format!("{}/v1/org/inbox/{sha}", c.base))
        .body(bundle.clone());
    c.send(bare).await.refused(ErrorCode::Unsigned);
    // Signed, but its signature header left out.
    let request = c.upload_request(&team.anna, To::Inbox, &bundle, None);
    c.send(Client::without_header(request, headers::SIGNATURE))
        .await
        .refused(ErrorCode::Unsigned);
    let list = c.http.get(format!("{}/v1/mailbox", c.base));
    c.send(list).await.refused(ErrorCode::Unsigned);
    let inbox = c.http.get(format!("{}/v1/org/inbox", c.base));
    c.send(inbox).await.refused(ErrorCode::Unsigned);
}

async fn wrongly_signed(team: &Team) {
    let c = &team.client;
    let bundle = team.anna.seal(b"wrongly signed");
    // Boris's key named on Anna's signature.
    let request = c.upload_request(&team.anna, To::Inbox, &bundle, None);
    let request = Client::with_header(request, headers::KEY, &team.boris.key_hex());
    c.send(request).await.refused(ErrorCode::BadSignature);
    // A signature for the inbox sent to another object.
    let other = team.anna.seal(b"another");
    let request = c.upload_request(&team.anna, To::Inbox, &bundle, None);
    let (client, built) = request.build_split();
    let mut built = built.unwrap();
    *built.url_mut() = format!("{}/v1/org/inbox/{}", c.base, body_sha256_hex(&other))
        .parse()
        .unwrap();
    *built.body_mut() = Some(other.clone().into());
    let moved = reqwest::RequestBuilder::from_parts(client, built);
    c.send(moved).await.refused(ErrorCode::BadSignature);
    // The signed name, but other bytes: the relay hashes what arrives.
    let request = c.upload_request(&team.anna, To::Inbox, &bundle, None);
    let (client, built) = request.build_split();
    let mut built = built.unwrap();
    let mut altered = bundle.clone();
    let last = altered.len() - 1;
    altered[last] ^= 1;
    *built.body_mut() = Some(altered.into());
    let swapped = reqwest::RequestBuilder::from_parts(client, built);
    c.send(swapped).await.refused(ErrorCode::HashMismatch);
    // A read signed by Anna with one flipped signature digit.
    let request = c.read_request(&team.anna, Method::GET, "/v1/mailbox").await;
    let (client, built) = request.build_split();
    let built = built.unwrap();
    let mut signature = built.headers()[headers::SIGNATURE]
        .to_str()
        .unwrap()
        .to_owned();
    let flipped = if signature.starts_with('0') { "1" } else { "0" };
    signature.replace_range(0..1, flipped);
    let request = Client::with_header(
        reqwest::RequestBuilder::from_parts(client, built),
        headers::SIGNATURE,
        &signature,
    );
    c.send(request).await.refused(ErrorCode::BadSignature);
}

async fn replayed_and_stale(team: &Team) {
    let c = &team.client;
    let bundle = team.anna.seal(b"replayed");
    let request = c.upload_request(&team.anna, To::Inbox, &bundle, None);
    let again = request.try_clone().unwrap();
    assert_eq!(c.send(request).await.status, StatusCode::CREATED);
    c.send(again).await.refused(ErrorCode::Replayed);

    // A laptop an hour off: the relay says its own time in Date.
    let late = c.upload_request_at(
        &team.anna,
        To::Inbox,
        &team.anna.seal(b"stale"),
        None,
        chrono::Utc::now() - Duration::hours(1),
    );
    let response = late.send().await.unwrap();
    assert!(response.headers().contains_key("date"));
    assert_eq!(response.status().as_u16(), 401);
    let body: pristan_relay_proto::ErrorBody = response.json().await.unwrap();
    assert_eq!(body.error, ErrorCode::StaleTime);

    // A read's challenge is used once; one the relay never issued has expired.
    let request = c.read_request(&team.anna, Method::GET, "/v1/mailbox").await;
    let again = request.try_clone().unwrap();
    assert_eq!(c.send(request).await.status, StatusCode::OK);
    c.send(again).await.refused(ErrorCode::Replayed);
    let request = c.read_request(&team.anna, Method::GET, "/v1/mailbox").await;
    let invented = pristan_relay_proto::sign_request(
        &team.anna.key,
        &team.anna.recipient,
        "GET",
        "/v1/mailbox",
        pristan_relay_proto::EMPTY_BODY_SHA256,
        pristan_relay_proto::Freshness::challenge(&"ab".repeat(32)),
    )
    .unwrap();
    let mut request = request;
    for (name, value) in invented.headers() {
        request = Client::with_header(request, name, &value);
    }
    c.send(request).await.refused(ErrorCode::ChallengeExpired);
}

async fn strangers(team: &Team) {
    let c = &team.client;
    let stranger = Device::new();
    c.upload(&stranger, To::Inbox, &stranger.seal(b"hello"))
        .await
        .refused(ErrorCode::UnknownDevice);
    c.list(&stranger).await.refused(ErrorCode::UnknownDevice);
    // Another organisation: its roster, its ticket, its device.
    let other = Org::new();
    let foreign = other.roster(99, &[(&stranger, Role::Coordinator, false)]);
    c.put_roster(&foreign)
        .await
        .refused(ErrorCode::WrongOrganisation);
    c.upload_with_ticket(
        &stranger,
        &stranger.seal(b"hi"),
        &other.ticket(Duration::days(1)),
    )
    .await
    .refused(ErrorCode::TicketInvalid);
    c.upload(&stranger, To::Mailbox(&team.anna), &stranger.seal(b"x"))
        .await
        .refused(ErrorCode::UnknownDevice);
    // The foreign roster was not taken: the stranger is still unknown.
    c.list_inbox(&stranger)
        .await
        .refused(ErrorCode::UnknownDevice);
}

async fn oversize_and_over_quota(team: &Team) {
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

async fn other_mailboxes(team: &Team) {
    let c = &team.client;
    let bundle = team.anna.seal(b"for anna only");
    let id = c
        .upload(&team.coordinator, To::Mailbox(&team.anna), &bundle)
        .await
        .upload()
        .id;
    // Boris's list is his own mailbox: Anna's bundle is not in it, nor readable, nor deletable.
    assert!(c.list(&team.boris).await.entries().is_empty());
    c.fetch(&team.boris, &id).await.refused(ErrorCode::NotFound);
    assert_eq!(c.ack(&team.boris, &id).await.status, StatusCode::NO_CONTENT);
    let listed = c.list(&team.anna).await.entries();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(c.fetch(&team.anna, &id).await.body, bundle);
    // Boris naming Anna's recipient with his own key is not Anna.
    let pretender = Device {
        key: team.boris.key.clone(),
        identity: age::x25519::Identity::generate(),
        recipient: team.anna.recipient.clone(),
    };
    c.list(&pretender).await.refused(ErrorCode::NotYours);
    c.fetch(&pretender, &id).await.refused(ErrorCode::NotYours);
    // Volunteers neither read the organisation inbox nor deliver to a device.
    c.list_inbox(&team.boris).await.refused(ErrorCode::NotYours);
    c.fetch_inbox(&team.boris, &id)
        .await
        .refused(ErrorCode::NotYours);
    c.ack_inbox(&team.boris, &id)
        .await
        .refused(ErrorCode::NotYours);
    c.upload(&team.boris, To::Mailbox(&team.anna), &team.anna.seal(b"x"))
        .await
        .refused(ErrorCode::NotYours);
    assert_eq!(c.ack(&team.anna, &id).await.status, StatusCode::NO_CONTENT);
}

async fn tickets(team: &Team) {
    let c = &team.client;
    let newcomer = Device::new();
    let ticket = team.org.ticket(Duration::days(14));
    let first = newcomer.seal(b"first contact");
    let answer = c.upload_with_ticket(&newcomer, &first, &ticket).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    // The same bytes again use nothing up.
    let answer = c.upload_with_ticket(&newcomer, &first, &ticket).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.upload().already_stored);
    // Only the inbox, and never to read.
    let to_mailbox = c.upload_request(&newcomer, To::Mailbox(&team.anna), b"x", Some(&ticket));
    c.send(to_mailbox).await.refused(ErrorCode::NotYours);
    c.list(&newcomer).await.refused(ErrorCode::UnknownDevice);
    // At most 1 MiB.
    let big = vec![1u8; 1024 * 1024 + 1];
    c.upload_with_ticket(&newcomer, &big, &ticket)
        .await
        .refused(ErrorCode::TooLarge);
    // Three uploads a ticket.
    for n in 2..=3 {
        let answer = c
            .upload_with_ticket(
                &newcomer,
                &newcomer.seal(format!("{n}").as_bytes()),
                &ticket,
            )
            .await;
        assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    }
    c.upload_with_ticket(&newcomer, &newcomer.seal(b"4"), &ticket)
        .await
        .refused(ErrorCode::TicketUsedUp);
    // Expired, forged, or altered tickets.
    let expired = team.org.ticket(Duration::seconds(-1));
    c.upload_with_ticket(&newcomer, &newcomer.seal(b"late"), &expired)
        .await
        .refused(ErrorCode::TicketInvalid);
    let mut altered = team.org.ticket(Duration::days(1));
    altered.json = altered.json.replace("\"ticket\":\"", "\"ticket\":\"0");
    c.upload_with_ticket(&newcomer, &newcomer.seal(b"altered"), &altered)
        .await
        .refused(ErrorCode::TicketInvalid);
    let garbage = c.upload_request(&newcomer, To::Inbox, &newcomer.seal(b"g"), None);
    let garbage = Client::with_header(garbage, headers::JOIN_TICKET, "bm90IGEgdGlja2V0");
    c.send(garbage).await.refused(ErrorCode::TicketInvalid);
    // The coordinator clears the inbox for the next checks.
    for entry in c.list_inbox(&team.coordinator).await.entries() {
        c.ack_inbox(&team.coordinator, &entry.id).await;
    }
}

async fn malformed(team: &Team) {
    let c = &team.client;
    let request = c
        .http
        .put(format!("{}/v1/org/inbox/NOT-A-HASH", c.base))
        .body("x");
    c.send(request).await.refused(ErrorCode::Malformed);
    let request = c.http.get(format!("{}/v1/nothing/here", c.base));
    c.send(request).await.refused(ErrorCode::NotFound);
    let request = c
        .http
        .put(format!("{}/v1/roster", c.base))
        .body("{not json");
    c.send(request).await.refused(ErrorCode::Malformed);
    let request = c
        .http
        .put(format!("{}/v1/roster", c.base))
        .body(vec![b' '; 512 * 1024]);
    c.send(request).await.refused(ErrorCode::TooLarge);
}

async fn revoked(team: &Team) {
    let c = &team.client;
    let v2 = team.org.roster(
        2,
        &[
            (&team.coordinator, Role::Coordinator, false),
            (&team.anna, Role::Volunteer, false),
            (&team.boris, Role::Volunteer, true),
        ],
    );
    assert_eq!(c.put_roster(&v2).await.status, StatusCode::OK);
    c.upload(
        &team.boris,
        To::Inbox,
        &team.boris.seal(b"after revocation"),
    )
    .await
    .refused(ErrorCode::RevokedDevice);
    c.list(&team.boris).await.refused(ErrorCode::RevokedDevice);
    // Neither a newer roster that lists him again nor an older one undoes it, nor a restart.
    let answer = c.put_roster(&team.roster(3)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = c.put_roster(&team.roster(1)).await;
    let roster: pristan_relay_proto::RosterAnswer = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!((roster.version, roster.accepted), (3, false));
    c.upload(&team.boris, To::Inbox, &team.boris.seal(b"again"))
        .await
        .refused(ErrorCode::RevokedDevice);
    let ticket = team.org.ticket(Duration::days(1));
    c.upload_with_ticket(&team.boris, &team.boris.seal(b"ticket"), &ticket)
        .await
        .refused(ErrorCode::RevokedDevice);
    // Anna is untouched.
    let answer = c
        .upload(&team.anna, To::Inbox, &team.anna.seal(b"anna"))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
}

#[tokio::test]
async fn a_device_over_its_request_rate_is_told_when_to_come_back() {
    let team = Team::start_with(StoreKind::Local, &["--rate-per-minute", "5"]).await;
    let c = &team.client;
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
