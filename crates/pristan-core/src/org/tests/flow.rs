//! Creating an organisation, inviting, joining, and the fingerprints people compare.

use super::*;

#[test]
fn creating_an_organisation_makes_this_device_its_first_coordinator() {
    let (_tmp, mut vault) = coordinator();
    let info = vault.org().unwrap().unwrap();
    assert_eq!(info.name, "Pristan Test Group");
    assert_eq!(info.role, Role::Coordinator);
    assert_eq!(info.roster_version, 1);
    assert!(is_coordinator(&vault.conn).unwrap());

    let roster = vault.roster().unwrap().unwrap();
    assert_eq!((roster.org, roster.version), (info.org, 1));
    let me = vault.device_identity().unwrap();
    assert_eq!(roster.entries.len(), 1);
    let entry = &roster.entries[0];
    assert_eq!(entry.device, vault.device_id());
    assert_eq!(entry.name, "Maria's laptop");
    assert_eq!(entry.role, Role::Coordinator);
    assert_eq!(
        (&entry.signing_key, &entry.recipient),
        (&me.signing_key, &me.recipient)
    );
    assert_eq!(
        verify_roster(
            &info.org_signing_key,
            &vault.signed_roster().unwrap().unwrap()
        )
        .unwrap(),
        roster
    );
    // The organisation and the device each have their own key for opening bundles.
    assert_eq!(decryption_identities(&vault.conn).unwrap().len(), 2);
    assert_eq!(
        org_recipient(&vault.conn).unwrap().to_string(),
        info.org_recipient
    );
}

#[test]
fn a_vault_belongs_to_one_organisation_only() {
    let (_tmp, mut vault) = coordinator();
    let e = org_error(vault.create_org("Second"));
    assert!(
        matches!(e, OrgError::AlreadyInOrganisation { ref name } if name == "Pristan Test Group")
    );

    let (_other_tmp, other) = coordinator();
    let e = org_error(vault.join_org(&other.invitation().unwrap()));
    assert!(matches!(e, OrgError::AlreadyInOrganisation { .. }));
}

#[test]
fn organisation_names_must_be_printable_and_short() {
    let (_tmp, mut vault) = new_vault();
    for name in ["", "   ", "two\nlines", &"x".repeat(81)] {
        let e = org_error(vault.create_org(name));
        assert!(matches!(e, OrgError::InvalidName { .. }), "{name:?}");
    }
    assert!(vault.org().unwrap().is_none());
}

#[test]
fn a_volunteer_joins_from_the_invitation_text_without_a_roster() {
    let (_ctmp, coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let info = volunteer.org().unwrap().unwrap();
    let expected = coordinator.org().unwrap().unwrap();
    assert_eq!(info.role, Role::Volunteer);
    assert_eq!(info.roster_version, 0);
    assert_eq!((info.org, &info.name), (expected.org, &expected.name));
    assert_eq!(info.org_signing_key, expected.org_signing_key);
    assert!(volunteer.roster().unwrap().is_none());
    assert!(!is_coordinator(&volunteer.conn).unwrap());
    // Only the device's own key: a volunteer cannot open other volunteers' bundles.
    assert_eq!(decryption_identities(&volunteer.conn).unwrap().len(), 1);
    assert_eq!(
        org_recipient(&volunteer.conn).unwrap().to_string(),
        expected.org_recipient
    );

    // Pasting the invitation twice is harmless.
    let again = volunteer
        .join_org(&coordinator.invitation().unwrap())
        .unwrap();
    assert_eq!(again, info);

    assert!(matches!(
        org_error(volunteer.invitation()),
        OrgError::NotCoordinator
    ));
    let someone = volunteer.device_id();
    let e = org_error(volunteer.approve_device(someone, Role::Volunteer));
    assert!(matches!(e, OrgError::NotCoordinator));
}

#[test]
fn without_an_organisation_the_helpers_say_so() {
    let (_tmp, vault) = new_vault();
    assert!(vault.org().unwrap().is_none());
    assert!(matches!(
        org_error(vault.invitation()),
        OrgError::NoOrganisation
    ));
    assert!(matches!(
        org_error(org_recipient(&vault.conn)),
        OrgError::NoOrganisation
    ));
    assert!(!is_coordinator(&vault.conn).unwrap());
}

#[test]
fn invitation_text_survives_line_breaks_and_spaces() {
    let (_tmp, vault) = coordinator();
    let invitation = vault.invitation().unwrap();
    let text = invitation.to_text();
    assert!(text.starts_with("PRISTAN-INVITE-1:"));
    assert_eq!(Invitation::from_text(&text).unwrap(), invitation);

    // As a mail program might wrap it, with a stray indent.
    let wrapped: String = text
        .chars()
        .collect::<Vec<_>>()
        .chunks(40)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("\r\n  ");
    assert_eq!(
        Invitation::from_text(&format!("\n {wrapped} \n")).unwrap(),
        invitation
    );
}

#[test]
fn damaged_invitation_text_is_refused_with_the_reason() {
    let (_tmp, vault) = coordinator();
    let text = vault.invitation().unwrap().to_text();
    let payload_at = "PRISTAN-INVITE-1:".len() + 10;
    let mut typo: Vec<char> = text.chars().collect();
    typo[payload_at] = if typo[payload_at] == 'A' { 'B' } else { 'A' };
    let typo: String = typo.into_iter().collect();

    let check = |input: &str| org_error(Invitation::from_text(input));
    assert!(matches!(check(&typo), OrgError::InvitationChecksum));
    assert!(matches!(
        check(&text[..text.len() - 1]),
        OrgError::InvitationChecksum
    ));
    let without_checksum = &text[..text.rfind(':').unwrap()];
    assert!(matches!(
        check(without_checksum),
        OrgError::InvitationMalformed { .. }
    ));
    assert!(matches!(check(""), OrgError::InvitationMalformed { .. }));
    assert!(matches!(
        check(&text[1..]),
        OrgError::InvitationMalformed { .. }
    ));
    assert!(matches!(
        check(&text.replacen("INVITE-1", "INVITE-2", 1)),
        OrgError::InvitationTooNew
    ));
    assert!(matches!(
        check(&"A".repeat(5000)),
        OrgError::InvitationTooLong { .. }
    ));
    assert!(matches!(
        check(&" ".repeat(20_000)),
        OrgError::InvitationTooLong { .. }
    ));
    let e = check(&typo);
    assert!(e.to_string().contains("copy it again"), "{e}");
}

#[test]
fn a_well_formed_invitation_with_a_bad_key_is_refused() {
    let (_tmp, vault) = coordinator();
    let mut invitation = vault.invitation().unwrap();
    invitation.org_signing_key = "00".repeat(32);
    let e = org_error(Invitation::from_text(&invitation.to_text()));
    assert!(matches!(e, OrgError::InvalidKey { .. }));
    let mut invitation = vault.invitation().unwrap();
    invitation.org_recipient = invitation.org_recipient.to_uppercase();
    let e = org_error(Invitation::from_text(&invitation.to_text()));
    assert!(matches!(e, OrgError::InvalidKey { .. }));
}

#[test]
fn fingerprints_are_five_groups_of_four_digits_that_bind_both_keys() {
    let (_tmp, mut vault) = new_vault();
    let identity = vault.device_identity().unwrap();
    let print = vault.device_fingerprint().unwrap();
    assert_eq!(print, fingerprint(&identity));
    let groups: Vec<&str> = print.split(' ').collect();
    assert_eq!(groups.len(), 5);
    assert!(groups
        .iter()
        .all(|g| g.len() == 4 && g.bytes().all(|b| b.is_ascii_digit())));

    let (_other_tmp, mut other) = new_vault();
    let other = other.device_identity().unwrap();
    let swapped = DeviceIdentity {
        recipient: other.recipient.clone(),
        ..identity.clone()
    };
    assert_ne!(fingerprint(&swapped), print);
    let swapped = DeviceIdentity {
        signing_key: other.signing_key,
        ..identity.clone()
    };
    assert_ne!(fingerprint(&swapped), print);
    // The name is shown, never trusted, so it is not part of the fingerprint.
    let renamed = DeviceIdentity {
        name: "Someone else".into(),
        ..identity
    };
    assert_eq!(fingerprint(&renamed), print);
}

#[test]
fn device_keys_are_made_once_and_kept_in_the_vault() {
    let (tmp, mut vault) = new_vault();
    let first = vault.device_identity().unwrap();
    assert_eq!(vault.device_identity().unwrap(), first);
    let signing = device_signing_key(&vault.conn).unwrap();
    assert_eq!(
        hex::encode(signing.verifying_key().as_bytes()),
        first.signing_key
    );
    vault.lock().unwrap();
    let mut vault = Vault::unlock(&tmp.path().join("v"), &vault_passphrase()).unwrap();
    assert_eq!(vault.device_identity().unwrap(), first);
}

#[test]
fn the_organisation_fingerprint_comes_with_the_invitation() {
    let (_tmp, vault) = coordinator();
    let invitation = vault.invitation().unwrap();
    let info = vault.org().unwrap().unwrap();
    assert_eq!(
        invitation.fingerprint(),
        org_fingerprint(&info.org_signing_key, &info.org_recipient)
    );
}
