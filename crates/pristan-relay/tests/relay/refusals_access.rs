//! Refusals of access: another device's mailbox, volunteers reading the inbox or delivering,
//! join tickets misused, and revoked devices (which a newer or older roster cannot bring back).

use chrono::Duration;
use pristan_relay_proto::{headers, ErrorCode, Role};
use reqwest::StatusCode;

use super::support::{Client, Device, Team, To};

pub(super) async fn other_mailboxes(team: &Team) {
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

pub(super) async fn tickets(team: &Team) {
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

pub(super) async fn revoked(team: &Team) {
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
