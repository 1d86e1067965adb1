//! The core's side of the relay (issue 12), without a network: the relay address signed in the
//! roster and carried by invitations with a join ticket, the outbox that keeps a bundle's exact
//! bytes until the relay acknowledges it, case packets queued only when they bring something
//! new, and a bundle that arrives both by folder and by relay importing once.

use std::collections::BTreeMap;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::VerifyingKey;
use pristan_core::bundle::{ExportOutcome, FileOutcome, Refusal};
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::error::Error;
use pristan_core::ops::EntityId;
use pristan_core::org::{check_relay_url, Invitation, OrgError, Role};
use pristan_core::relay_outbox::Destination;
use pristan_core::{KdfParams, Vault};
use pristan_relay_proto::{decode_ticket_header, verify_join_ticket, verify_relay_roster};
use secrecy::SecretString;
use serde_json::Value;

struct Device {
    _tmp: tempfile::TempDir,
    vault: Vault,
}

fn device(name: &str) -> Device {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    vault.set_device_name(name).unwrap();
    Device { _tmp: tmp, vault }
}

const RELAY: &str = "https://relay.example.org";

/// A coordinator whose organisation has a relay, and a volunteer who joined with its invitation.
fn organisation_with_relay() -> (Device, Device) {
    let mut coordinator = device("Office laptop");
    coordinator.vault.create_org("Test Visitors").unwrap();
    coordinator.vault.set_relay(Some(RELAY)).unwrap();
    let mut volunteer = device("Anna's laptop");
    let text = coordinator.vault.invitation().unwrap().to_text();
    volunteer
        .vault
        .join_org(&Invitation::from_text(&text).unwrap())
        .unwrap();
    (coordinator, volunteer)
}

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap()
}

fn org_key(vault: &Vault) -> VerifyingKey {
    let hex_key = vault.org().unwrap().unwrap().org_signing_key;
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(hex_key, &mut bytes).unwrap();
    VerifyingKey::from_bytes(&bytes).unwrap()
}

/// Moves every queued bundle for `destination` out of `from`'s outbox into `to`, as a relay
/// would, and returns what each import did.
fn deliver(from: &mut Vault, to: &mut Vault, org: bool) -> Vec<FileOutcome> {
    let mut outcomes = Vec::new();
    for entry in from.relay_outbox().unwrap() {
        let for_org = entry.destination == Destination::Org;
        if for_org != org {
            continue;
        }
        let bytes = from.relay_outbox_bytes(&entry.sha256).unwrap().unwrap();
        let result = to.import_bundle_bytes(&entry.sha256, &bytes).unwrap();
        outcomes.push(result.outcome);
        from.relay_delivered(&entry.sha256).unwrap();
    }
    outcomes
}

/// The volunteer's first bundle reaches the coordinator, who approves the device.
fn approve(coordinator: &mut Device, volunteer: &mut Device) {
    add_case(&mut volunteer.vault, "Ivan Petrov");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    deliver(&mut volunteer.vault, &mut coordinator.vault, true);
    coordinator
        .vault
        .approve_device(volunteer.vault.device_id(), Role::Volunteer)
        .unwrap();
}

#[test]
fn relay_addresses_are_checked_and_tidied() {
    assert_eq!(
        check_relay_url(" HTTPS://relay.example.org/ ").unwrap(),
        "https://relay.example.org"
    );
    assert_eq!(
        check_relay_url("http://127.0.0.1:8443/pristan/").unwrap(),
        "http://127.0.0.1:8443/pristan"
    );
    assert_eq!(
        check_relay_url("https://[::1]:9000").unwrap(),
        "https://[::1]:9000"
    );
    for bad in [
        "relay.example.org",
        "ftp://relay.example.org",
        "https://",
        "https://user:pw@relay.example.org",
        "https://relay.example.org/?x=1",
        "https://relay.example.org/#top",
        "https://relay example.org",
        "https://relay.example.org:99999",
        "https://relay.example.org:0",
        "https://[::1",
        "javascript:alert(1)",
    ] {
        assert!(
            matches!(check_relay_url(bad), Err(OrgError::RelayUrlInvalid { .. })),
            "{bad} must be refused"
        );
    }
    assert!(check_relay_url(&format!("https://{}.org", "a".repeat(600))).is_err());
}

#[test]
fn only_a_coordinator_sets_the_relay_and_it_travels_signed_in_the_roster() {
    let (mut coordinator, mut volunteer) = organisation_with_relay();
    let info = coordinator.vault.org().unwrap().unwrap();
    assert_eq!(info.relay_url.as_deref(), Some(RELAY));
    assert_eq!(
        info.roster_version, 2,
        "setting the relay is a roster version"
    );
    assert_eq!(
        coordinator.vault.roster().unwrap().unwrap().relay_url(),
        Some(RELAY)
    );
    // The volunteer knows the relay from the invitation before any roster arrives.
    assert_eq!(volunteer.vault.relay_url().unwrap().as_deref(), Some(RELAY));
    let refused = volunteer.vault.set_relay(Some("https://evil.example.com"));
    assert!(
        matches!(refused, Err(Error::Org(OrgError::NotCoordinator))),
        "{refused:?}"
    );
    let refused = coordinator.vault.set_relay(Some("not a url"));
    assert!(matches!(
        refused,
        Err(Error::Org(OrgError::RelayUrlInvalid { .. }))
    ));
    assert_eq!(
        coordinator.vault.relay_url().unwrap().as_deref(),
        Some(RELAY),
        "a refused address changes nothing"
    );
    // Clearing is a setting too.
    coordinator.vault.set_relay(None).unwrap();
    assert_eq!(coordinator.vault.relay_url().unwrap(), None);
    let again = coordinator.vault.set_relay(Some(RELAY)).unwrap();
    assert_eq!(again.relay_url(), Some(RELAY));
    assert_eq!(again.version, 4);
}

#[test]
fn an_invitation_carries_the_signed_relay_and_a_join_ticket_and_old_ones_still_parse() {
    let (coordinator, _volunteer) = organisation_with_relay();
    let invitation = coordinator.vault.invitation().unwrap();
    let key = org_key(&coordinator.vault);
    let relay = invitation
        .relay
        .clone()
        .expect("the invitation carries the relay");
    let setting: Value = serde_json::from_str(&relay.json).unwrap();
    assert_eq!(setting["url"], RELAY);
    // The relay checks the ticket with the protocol crate: the same code accepts it here.
    let ticket = invitation.join_ticket.clone().expect("and a join ticket");
    let ticket = verify_join_ticket(&key, &decode_ticket_header(&ticket).unwrap()).unwrap();
    assert_eq!(ticket.org, invitation.org);
    let days = (ticket.expires_at - chrono::Utc::now()).num_days();
    assert!((13..=14).contains(&days), "{days}");
    assert!(invitation.to_text().len() < 2048, "still fits a QR code");

    // An invitation made before relays existed: no relay, no ticket; it still parses and joins.
    let mut old: Value = serde_json::to_value(&invitation).unwrap();
    old.as_object_mut().unwrap().remove("relay");
    old.as_object_mut().unwrap().remove("join_ticket");
    let old_text = text_of(&old);
    let parsed = Invitation::from_text(&old_text).unwrap();
    assert_eq!(parsed.relay, None);
    let mut late = device("Late laptop");
    late.vault.join_org(&parsed).unwrap();
    assert_eq!(late.vault.relay_url().unwrap(), None);
    assert_eq!(late.vault.join_ticket().unwrap(), None);

    // A relay address changed on the way is refused: it is signed by the organisation.
    let mut forged = serde_json::to_value(&invitation).unwrap();
    let json = forged["relay"]["json"]
        .as_str()
        .unwrap()
        .replace("relay.example.org", "evil.example.com");
    forged["relay"]["json"] = Value::from(json);
    let refused = Invitation::from_text(&text_of(&forged));
    assert!(
        matches!(refused, Err(Error::Org(OrgError::RelaySignature))),
        "{refused:?}"
    );
}

/// The invitation text for hand-made JSON, with a correct checksum (as a forger would make).
fn text_of(json: &Value) -> String {
    use sha2::{Digest, Sha256};
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(json).unwrap());
    let sum = Sha256::new()
        .chain_update(b"pristan-invite-v1\n")
        .chain_update(payload.as_bytes())
        .finalize();
    format!("PRISTAN-INVITE-1:{payload}:{}", hex::encode(&sum[..4]))
}

#[test]
fn the_outbox_keeps_exact_bytes_until_delivered_and_failures_block_nothing() {
    let (_coordinator, mut volunteer) = organisation_with_relay();
    assert!(volunteer.vault.join_ticket().unwrap().is_some());
    assert!(volunteer.vault.relay_state().unwrap().waiting_for_approval);
    add_case(&mut volunteer.vault, "Ivan Petrov");
    let queued = volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    assert_eq!(queued.own, 1);
    assert_eq!(queued.packets, 0, "a volunteer sends no case packets");
    assert_eq!(volunteer.vault.unsent_ops().unwrap(), 0);
    let again = volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    assert_eq!(again.own, 0, "nothing new: nothing queued");
    add_case(&mut volunteer.vault, "Olga Sidorova");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();

    let outbox = volunteer.vault.relay_outbox().unwrap();
    assert_eq!(outbox.len(), 2);
    assert!(outbox.iter().all(|e| e.destination == Destination::Org));
    let first = &outbox[0];
    let bytes = volunteer
        .vault
        .relay_outbox_bytes(&first.sha256)
        .unwrap()
        .unwrap();
    use sha2::{Digest, Sha256};
    assert_eq!(hex::encode(Sha256::digest(&bytes)), first.sha256);
    assert_eq!(bytes.len() as u64, first.size);

    // The first is refused as too large: kept and marked; the second still goes.
    volunteer
        .vault
        .relay_send_failed(&first.sha256, "too_large", true)
        .unwrap();
    volunteer
        .vault
        .relay_send_failed(&first.sha256, "too_large", true)
        .unwrap();
    volunteer.vault.relay_delivered(&outbox[1].sha256).unwrap();
    volunteer.vault.relay_delivered(&outbox[1].sha256).unwrap();
    let left = volunteer.vault.relay_outbox().unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].attempts, 2);
    assert_eq!(left[0].last_error.as_deref(), Some("too_large"));
    assert!(left[0].held_back);
    assert_eq!(
        volunteer
            .vault
            .relay_outbox_bytes(&first.sha256)
            .unwrap()
            .unwrap(),
        bytes,
        "a retry sends the same bytes"
    );
    let state = volunteer.vault.relay_state().unwrap();
    assert_eq!((state.waiting, state.held_back), (1, 1));
    assert!(!state.auto_sync, "automatic sync is off by default");
    volunteer.vault.set_relay_auto_sync(true).unwrap();
    assert!(volunteer.vault.relay_state().unwrap().auto_sync);
}

#[test]
fn approval_and_case_packets_come_back_through_mailboxes_only_when_something_is_new() {
    let (mut coordinator, mut volunteer) = organisation_with_relay();
    let case = add_case(&mut volunteer.vault, "Ivan Petrov");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    let first = deliver(&mut volunteer.vault, &mut coordinator.vault, true);
    assert!(
        matches!(
            &first[..],
            [FileOutcome::Quarantined {
                waiting: true,
                reason: Refusal::UnknownSigner { .. }
            }]
        ),
        "{first:?}"
    );
    // Nothing to send to a device that is not approved.
    coordinator.vault.queue_for_relay(&mut |_| {}).unwrap();
    assert!(coordinator.vault.relay_outbox().unwrap().is_empty());

    let volunteer_id = volunteer.vault.device_id();
    coordinator
        .vault
        .approve_device(volunteer_id, Role::Volunteer)
        .unwrap();
    coordinator.vault.retry_quarantine(&mut |_| {}).unwrap();
    assert!(
        coordinator.vault.case(case).unwrap().is_some(),
        "the waiting bundle imported"
    );
    let queued = coordinator.vault.queue_for_relay(&mut |_| {}).unwrap();
    assert_eq!(
        queued.packets, 1,
        "the approval goes to the new device's mailbox"
    );
    let outbox = coordinator.vault.relay_outbox().unwrap();
    assert!(
        matches!(&outbox[0].destination, Destination::Device { device, .. } if *device == volunteer_id)
    );
    assert_eq!(
        coordinator
            .vault
            .queue_for_relay(&mut |_| {})
            .unwrap()
            .packets,
        0,
        "the same packet is not queued twice"
    );
    let got = deliver(&mut coordinator.vault, &mut volunteer.vault, false);
    assert!(matches!(&got[..], [FileOutcome::Imported(_)]), "{got:?}");
    assert!(volunteer.vault.on_roster().unwrap());
    assert_eq!(
        volunteer.vault.join_ticket().unwrap(),
        None,
        "approved: no ticket any more"
    );

    // An assignment makes the packet new again; so does a new relay address, which the
    // volunteer takes from the roster (a roster that changes only the relay is accepted).
    coordinator
        .vault
        .update_case(
            case,
            BTreeMap::from([(
                CaseField::AssignedTo,
                Value::from(vec![volunteer_id.to_string()]),
            )]),
        )
        .unwrap();
    coordinator.vault.queue_for_relay(&mut |_| {}).unwrap();
    deliver(&mut coordinator.vault, &mut volunteer.vault, false);
    assert_eq!(
        volunteer.vault.case(case).unwrap().unwrap().assigned_to,
        vec![volunteer_id]
    );
    coordinator
        .vault
        .set_relay(Some("https://relay2.example.org"))
        .unwrap();
    assert_eq!(
        coordinator
            .vault
            .queue_for_relay(&mut |_| {})
            .unwrap()
            .packets,
        1
    );
    deliver(&mut coordinator.vault, &mut volunteer.vault, false);
    assert_eq!(
        volunteer.vault.relay_url().unwrap().as_deref(),
        Some("https://relay2.example.org")
    );
    // The coordinator's own operations (the assignment) went to the organisation inbox.
    assert!(coordinator
        .vault
        .relay_outbox()
        .unwrap()
        .iter()
        .all(|e| e.destination == Destination::Org));
}

#[test]
fn the_same_bundle_by_folder_and_by_relay_imports_once() {
    let (mut coordinator, mut volunteer) = organisation_with_relay();
    approve(&mut coordinator, &mut volunteer);
    add_case(&mut volunteer.vault, "Olga Sidorova");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    let entry = volunteer.vault.relay_outbox().unwrap().remove(0);
    let bytes = volunteer
        .vault
        .relay_outbox_bytes(&entry.sha256)
        .unwrap()
        .unwrap();
    let stick = tempfile::tempdir().unwrap();
    std::fs::write(stick.path().join("carried.pristan"), &bytes).unwrap();
    let by_folder = coordinator
        .vault
        .import_bundles(&[stick.path().to_owned()], &mut |_| {})
        .unwrap();
    assert_eq!(by_folder.imported, 1, "{by_folder:?}");
    let hash = coordinator.vault.state_hash().unwrap();
    let by_relay = coordinator
        .vault
        .import_bundle_bytes(&entry.sha256, &bytes)
        .unwrap();
    assert!(
        matches!(by_relay.outcome, FileOutcome::AlreadyImported { .. }),
        "{by_relay:?}"
    );
    assert_eq!(coordinator.vault.state_hash().unwrap(), hash);
    let summary = coordinator.vault.summarise_imports(vec![by_relay]).unwrap();
    assert_eq!(summary.already_imported, 1);
    // A folder export afterwards makes no new bundle of those operations: it carries the one
    // still waiting for the relay, the same bytes, which import as already imported.
    let stick2 = tempfile::tempdir().unwrap();
    match volunteer
        .vault
        .export_bundle(stick2.path(), None, &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(report) => {
            assert_eq!(report.ops, 0);
            assert_eq!(std::fs::read(&report.path).unwrap(), bytes);
        }
        ExportOutcome::NothingNew => panic!("the waiting bundle goes on the stick too"),
    }
    volunteer.vault.relay_delivered(&entry.sha256).unwrap();
    let stick3 = tempfile::tempdir().unwrap();
    assert!(matches!(
        volunteer
            .vault
            .export_bundle(stick3.path(), None, &mut |_| {})
            .unwrap(),
        ExportOutcome::NothingNew
    ));
}

#[test]
fn the_relay_roster_names_keys_and_roles_only_signed_by_the_organisation() {
    let (mut coordinator, mut volunteer) = organisation_with_relay();
    approve(&mut coordinator, &mut volunteer);
    let signed = coordinator.vault.relay_roster().unwrap();
    // The relay verifies it with the protocol crate, against the organisation's public key.
    let relay_roster = verify_relay_roster(&org_key(&coordinator.vault), &signed).unwrap();
    assert!(!signed.json.contains("Anna"), "no names");
    assert!(!signed.json.contains("Office laptop"));
    assert!(
        !signed
            .json
            .contains(&volunteer.vault.device_id().to_string()),
        "no device ids"
    );
    let roster = coordinator.vault.roster().unwrap().unwrap();
    assert_eq!(relay_roster.version, roster.version);
    assert_eq!(relay_roster.devices.len(), 2);
    let theirs = volunteer.vault.device_identity().unwrap();
    assert!(relay_roster
        .devices
        .iter()
        .any(|d| d.signing_key == theirs.signing_key
            && d.recipient == theirs.recipient
            && d.role == Role::Volunteer
            && !d.revoked));
    assert!(matches!(
        volunteer.vault.relay_roster(),
        Err(Error::Org(OrgError::NotCoordinator))
    ));
}

#[test]
fn a_folder_export_also_carries_what_waits_for_the_relay() {
    let (mut coordinator, mut volunteer) = organisation_with_relay();
    approve(&mut coordinator, &mut volunteer);
    // The relay could not be reached: the new case waits in the outbox.
    let olga = add_case(&mut volunteer.vault, "Olga Sidorova");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    let waiting = volunteer.vault.relay_outbox().unwrap();
    assert_eq!(waiting.len(), 1);
    // The person carries a USB stick instead: the waiting bundle is on it, byte for byte.
    let stick = tempfile::tempdir().unwrap();
    let report = match volunteer
        .vault
        .export_bundle(stick.path(), None, &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(report) => report,
        ExportOutcome::NothingNew => panic!("the waiting bundle must go on the stick"),
    };
    assert_eq!(report.paths.len(), 1, "{report:?}");
    let on_stick = std::fs::read(&report.paths[0]).unwrap();
    let queued = volunteer
        .vault
        .relay_outbox_bytes(&waiting[0].sha256)
        .unwrap()
        .unwrap();
    assert_eq!(on_stick, queued);
    let by_folder = coordinator
        .vault
        .import_bundles(&[stick.path().to_owned()], &mut |_| {})
        .unwrap();
    assert_eq!(by_folder.imported, 1, "{by_folder:?}");
    assert!(coordinator.vault.case(olga).unwrap().is_some());
    // Later the relay delivers it too: already imported.
    let by_relay = deliver(&mut volunteer.vault, &mut coordinator.vault, true);
    assert!(
        matches!(&by_relay[..], [FileOutcome::AlreadyImported { .. }]),
        "{by_relay:?}"
    );
    // An export with something new carries it and what waits for the relay.
    add_case(&mut volunteer.vault, "Petr Ivanov");
    volunteer.vault.queue_for_relay(&mut |_| {}).unwrap();
    add_case(&mut volunteer.vault, "Anna Smirnova");
    let stick2 = tempfile::tempdir().unwrap();
    match volunteer
        .vault
        .export_bundle(stick2.path(), None, &mut |_| {})
        .unwrap()
    {
        ExportOutcome::Written(report) => assert_eq!(report.paths.len(), 2, "{report:?}"),
        ExportOutcome::NothingNew => panic!("expected bundles"),
    }
}
