//! Every refusal of the protocol, each checked against a real relay on the local store and on
//! S3: unsigned, wrongly signed, replayed, stale, another organisation's device, revoked,
//! oversize, over quota, rate limited, another device's mailbox, and tickets misused. The suite
//! runs in order on one relay; `refusals_limits` and `refusals_access` hold its other parts.

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
    super::refusals_limits::oversize_and_over_quota(&team).await;
    super::refusals_access::other_mailboxes(&team).await;
    super::refusals_access::tickets(&team).await;
    malformed(&team).await;
    // Last: it changes the roster.
    super::refusals_access::revoked(&team).await;
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
        None,
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
