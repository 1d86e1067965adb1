//! Approval and revocation make new signed roster versions; received rosters are checked and
//! only a newer one replaces ours; devices waiting for approval keep their first keys.

use super::*;
use crate::org::roster::sign_roster;
use crate::org::store;

#[test]
fn approving_a_waiting_device_signs_the_next_roster_version() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let anna = volunteer.device_identity().unwrap();
    arrives(&mut coordinator, &anna).unwrap();
    // A second bundle from the same device changes nothing.
    arrives(&mut coordinator, &anna).unwrap();

    let pending = coordinator.pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].identity, anna);
    assert_eq!(
        pending[0].fingerprint,
        volunteer.device_fingerprint().unwrap()
    );

    let roster = coordinator
        .approve_device(anna.device, Role::Volunteer)
        .unwrap();
    assert_eq!(roster.version, 2);
    assert!(coordinator.pending_devices().unwrap().is_empty());
    let entry = roster_entry(&coordinator.conn, anna.device)
        .unwrap()
        .unwrap();
    assert_eq!((entry.role, &entry.name), (Role::Volunteer, &anna.name));
    assert_eq!(entry.revoked_after_seq, None);
    assert_eq!(coordinator.org().unwrap().unwrap().roster_version, 2);

    let e = org_error(coordinator.approve_device(anna.device, Role::Volunteer));
    assert!(matches!(e, OrgError::AlreadyApproved { .. }));
    let stranger = DeviceId::random();
    let e = org_error(coordinator.approve_device(stranger, Role::Volunteer));
    assert!(matches!(e, OrgError::NotPending { .. }));
    assert_eq!(coordinator.roster().unwrap().unwrap().version, 2);

    // The volunteer accepts it from a bundle, once.
    let signed = coordinator.signed_roster().unwrap().unwrap();
    assert!(roster_arrives(&mut volunteer, &signed).unwrap());
    assert!(!roster_arrives(&mut volunteer, &signed).unwrap());
    assert_eq!(volunteer.roster().unwrap().unwrap(), roster);
    assert_eq!(volunteer.org().unwrap().unwrap().roster_version, 2);
}

#[test]
fn revocation_records_the_last_good_sequence_number() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let anna = volunteer.device_identity().unwrap();
    arrives(&mut coordinator, &anna).unwrap();
    coordinator
        .approve_device(anna.device, Role::Volunteer)
        .unwrap();
    // The coordinator holds her operations 1–4 and 6–7; 5 never arrived.
    for seq in [1, 2, 3, 4, 6, 7] {
        coordinator
            .conn
            .execute(
                "INSERT INTO ops (device_id, seq, hlc, entity_type, entity_id, change)
                 VALUES (?1, ?2, '0000000000000001-00000000', 'case', 'x', '{}')",
                (anna.device.to_string(), seq),
            )
            .unwrap();
    }
    let held = coordinator.held_ops(anna.device).unwrap();
    let range = |first, last| crate::bundle::SeqRange { first, last };
    assert_eq!(held.held, vec![range(1, 4), range(6, 7)]);
    assert_eq!(held.missing, vec![range(5, 5)]);

    // By default, exactly the operations this vault holds from the device.
    let roster = coordinator.revoke_device(anna.device, None).unwrap();
    assert_eq!(roster.version, 3);
    let entry = roster
        .entries
        .iter()
        .find(|e| e.device == anna.device)
        .unwrap();
    assert_eq!(entry.revoked_after_seq, Some(7));
    assert_eq!(entry.kept_seqs, held.held);
    assert!(entry.keeps(4) && !entry.keeps(5) && entry.keeps(6) && !entry.keeps(8));

    // A revocation may move earlier, never later.
    let e = org_error(coordinator.revoke_device(anna.device, Some(9)));
    assert!(matches!(e, OrgError::AlreadyRevoked { last_good: 7, .. }));
    let e = org_error(coordinator.revoke_device(anna.device, None));
    assert!(matches!(e, OrgError::AlreadyRevoked { .. }));
    let roster = coordinator.revoke_device(anna.device, Some(3)).unwrap();
    assert_eq!(roster.version, 4);
    let entry = roster_entry(&coordinator.conn, anna.device)
        .unwrap()
        .unwrap();
    assert_eq!(entry.revoked_after_seq, Some(3));
    assert_eq!(entry.kept_seqs, vec![range(1, 3)]);

    let me = coordinator.device_id();
    assert!(matches!(
        org_error(coordinator.revoke_device(me, None)),
        OrgError::CannotRevokeSelf
    ));
    let e = org_error(coordinator.revoke_device(DeviceId::random(), None));
    assert!(matches!(e, OrgError::NotInRoster { .. }));
    assert_eq!(coordinator.roster().unwrap().unwrap().version, 4);

    // A device never seen before is revoked at 0: nothing from it is kept.
    let (_btmp, mut boris) = volunteer_of(&coordinator);
    let boris = boris.device_identity().unwrap();
    arrives(&mut coordinator, &boris).unwrap();
    coordinator
        .approve_device(boris.device, Role::Volunteer)
        .unwrap();
    let roster = coordinator.revoke_device(boris.device, None).unwrap();
    let entry = roster
        .entries
        .iter()
        .find(|e| e.device == boris.device)
        .unwrap();
    assert_eq!(entry.revoked_after_seq, Some(0));
}

#[test]
fn an_older_roster_never_replaces_a_newer_one() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let anna = volunteer.device_identity().unwrap();
    let first = coordinator.signed_roster().unwrap().unwrap();
    arrives(&mut coordinator, &anna).unwrap();
    coordinator
        .approve_device(anna.device, Role::Volunteer)
        .unwrap();
    coordinator.revoke_device(anna.device, Some(5)).unwrap();
    let third = coordinator.signed_roster().unwrap().unwrap();
    // Nothing of hers is held here, so nothing is kept.

    assert!(roster_arrives(&mut volunteer, &third).unwrap());
    // A replayed old roster must not undo the revocation.
    assert!(!roster_arrives(&mut volunteer, &first).unwrap());
    let entry = roster_entry(&volunteer.conn, anna.device).unwrap().unwrap();
    assert_eq!(entry.revoked_after_seq, Some(0));
    assert_eq!(volunteer.roster().unwrap().unwrap().version, 3);
}

#[test]
fn a_changed_roster_or_signature_is_refused() {
    let (_ctmp, coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let signed = coordinator.signed_roster().unwrap().unwrap();

    let tampered = SignedRoster {
        roster_json: signed.roster_json.replace("\"version\":1", "\"version\":9"),
        ..signed.clone()
    };
    assert_ne!(tampered, signed);
    let e = org_error(roster_arrives(&mut volunteer, &tampered));
    assert!(matches!(e, OrgError::RosterSignature));

    let mut flipped = signed.signature.clone().into_bytes();
    flipped[10] = if flipped[10] == b'0' { b'1' } else { b'0' };
    for signature in [
        String::from_utf8(flipped).unwrap(),
        String::new(),
        "zz".repeat(64),
    ] {
        let forged = SignedRoster {
            signature,
            ..signed.clone()
        };
        let e = org_error(roster_arrives(&mut volunteer, &forged));
        assert!(matches!(e, OrgError::RosterSignature));
    }
    assert!(volunteer.roster().unwrap().is_none());

    let huge = SignedRoster {
        roster_json: " ".repeat(MAX_ROSTER_JSON + 1),
        ..signed
    };
    let e = org_error(roster_arrives(&mut volunteer, &huge));
    assert!(matches!(e, OrgError::RosterTooLarge { .. }));
}

#[test]
fn another_organisations_roster_is_refused() {
    let (_ctmp, coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let (_otmp, other) = super::coordinator();
    let theirs = other.signed_roster().unwrap().unwrap();
    let e = org_error(roster_arrives(&mut volunteer, &theirs));
    assert!(matches!(e, OrgError::RosterSignature));

    // Even signed with our organisation's key, a roster naming another organisation is refused.
    let (org, secrets) = store::require_coordinator(&coordinator.conn).unwrap();
    let mut roster = coordinator.roster().unwrap().unwrap();
    roster.org = OrgId::random();
    roster.version = 5;
    let signed = sign_roster(&secrets.signing, &roster).unwrap();
    verify_roster(&org.signing_key, &signed).unwrap();
    let e = org_error(roster_arrives(&mut volunteer, &signed));
    assert!(matches!(e, OrgError::RosterOtherOrganisation));
    assert!(volunteer.roster().unwrap().is_none());
}

#[test]
fn a_signed_roster_that_lists_a_device_twice_is_refused() {
    let (_ctmp, coordinator) = coordinator();
    let (org, secrets) = store::require_coordinator(&coordinator.conn).unwrap();
    let mut roster = coordinator.roster().unwrap().unwrap();
    roster.entries.push(roster.entries[0].clone());
    let signed = sign_roster(&secrets.signing, &roster).unwrap();
    let e = org_error(verify_roster(&org.signing_key, &signed));
    assert!(matches!(e, OrgError::RosterMalformed { .. }));
}

#[test]
fn a_device_keeps_the_keys_it_was_first_seen_with() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let anna = volunteer.device_identity().unwrap();
    let (_otmp, mut other) = new_vault();
    let impostor = DeviceIdentity {
        signing_key: other.device_identity().unwrap().signing_key,
        ..anna.clone()
    };
    arrives(&mut coordinator, &anna).unwrap();
    let e = org_error(arrives(&mut coordinator, &impostor));
    assert!(matches!(e, OrgError::KeyChanged { .. }));
    assert_eq!(coordinator.pending_devices().unwrap()[0].identity, anna);

    // Once approved, the roster's keys are the ones checked.
    coordinator
        .approve_device(anna.device, Role::Volunteer)
        .unwrap();
    arrives(&mut coordinator, &anna).unwrap();
    assert!(coordinator.pending_devices().unwrap().is_empty());
    let e = org_error(arrives(&mut coordinator, &impostor));
    assert!(matches!(e, OrgError::KeyChanged { .. }));

    // Even the coordinator's own device cannot be announced with other keys.
    let me = DeviceIdentity {
        device: coordinator.device_id(),
        ..impostor
    };
    assert!(matches!(
        org_error(arrives(&mut coordinator, &me)),
        OrgError::KeyChanged { .. }
    ));
}

#[test]
fn an_announced_identity_with_a_bad_key_or_name_is_not_kept() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = new_vault();
    let anna = volunteer.device_identity().unwrap();
    let bad = [
        DeviceIdentity {
            signing_key: "ab".repeat(31),
            ..anna.clone()
        },
        DeviceIdentity {
            recipient: "age1notarecipient".into(),
            ..anna.clone()
        },
        DeviceIdentity {
            name: "line\nbreak".into(),
            ..anna.clone()
        },
    ];
    for identity in bad {
        assert!(
            arrives(&mut coordinator, &identity).is_err(),
            "{identity:?}"
        );
    }
    assert!(coordinator.pending_devices().unwrap().is_empty());
}
