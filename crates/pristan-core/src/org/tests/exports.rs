//! The organisation's identity file for rage, and the coordinator key file for a second
//! coordinator.

use std::io::{Read, Write};
use std::str::FromStr;

use secrecy::SecretString;

use super::*;

/// A message encrypted to the organisation, as a bundle's outer layer is.
fn encrypted_to_org(vault: &Vault) -> Vec<u8> {
    let recipient = org_recipient(&vault.conn).unwrap();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).unwrap();
    writer.write_all(b"for the coordinators").unwrap();
    writer.finish().unwrap();
    out
}

fn decrypt(file: &[u8], identity: &dyn age::Identity) -> Result<Vec<u8>, age::DecryptError> {
    let mut plain = Vec::new();
    age::Decryptor::new_buffered(file)?
        .decrypt(std::iter::once(identity))?
        .read_to_end(&mut plain)
        .unwrap();
    Ok(plain)
}

#[test]
fn the_plaintext_identity_file_is_a_standard_age_identity() {
    let (_tmp, vault) = coordinator();
    let file = vault.export_org_identity(None).unwrap();
    let text = std::str::from_utf8(&file).unwrap();
    let mut lines = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty());
    let key = lines.next().unwrap();
    assert!(lines.next().is_none());
    let identity = age::x25519::Identity::from_str(key).unwrap();
    let info = vault.org().unwrap().unwrap();
    assert_eq!(identity.to_public().to_string(), info.org_recipient);
    assert!(text.contains(&format!("# public key: {}", info.org_recipient)));

    // As `rage -d -i FILE` reads it.
    let parsed = age::IdentityFile::from_buffer(&file[..])
        .unwrap()
        .into_identities()
        .unwrap();
    let message = encrypted_to_org(&vault);
    assert_eq!(
        decrypt(&message, parsed[0].as_ref()).unwrap(),
        b"for the coordinators"
    );
}

/// Answers rage's passphrase prompt, as a person would.
#[derive(Clone)]
struct Prompt(&'static str);

impl age::Callbacks for Prompt {
    fn display_message(&self, _: &str) {}
    fn confirm(&self, _: &str, _: &str, _: Option<&str>) -> Option<bool> {
        None
    }
    fn request_public_string(&self, _: &str) -> Option<String> {
        None
    }
    fn request_passphrase(&self, _: &str) -> Option<SecretString> {
        Some(SecretString::from(self.0.to_owned()))
    }
}

#[test]
fn the_identity_file_opens_with_the_right_passphrase_only() {
    let (_tmp, vault) = coordinator();
    let file = vault.export_org_identity(Some(&file_passphrase())).unwrap();
    assert!(file.starts_with(b"age-encryption.org/v1\n"));
    assert!(!String::from_utf8_lossy(&file).contains("AGE-SECRET-KEY"));

    let mut right = age::scrypt::Identity::new(file_passphrase());
    right.set_max_work_factor(20);
    let plain = decrypt(&file, &right).unwrap();
    let key = std::str::from_utf8(&plain)
        .unwrap()
        .lines()
        .last()
        .unwrap()
        .to_owned();
    let plaintext_export = vault.export_org_identity(None).unwrap();
    let expected = std::str::from_utf8(&plaintext_export)
        .unwrap()
        .lines()
        .last()
        .unwrap();
    assert_eq!(key, expected);
    assert!(age::x25519::Identity::from_str(&key).is_ok());

    let wrong = age::scrypt::Identity::new(SecretString::from("not the passphrase".to_owned()));
    assert!(decrypt(&file, &wrong).is_err());

    // As rage reads an encrypted identity file: it asks for the passphrase, then decrypts.
    let message = encrypted_to_org(&vault);
    let prompted = age::encrypted::Identity::from_buffer(
        &file[..],
        None,
        Prompt("lantern quietly gravel orchid twelve"),
        Some(20),
    )
    .unwrap()
    .unwrap();
    assert_eq!(
        decrypt(&message, &prompted).unwrap(),
        b"for the coordinators"
    );
    let mistyped =
        age::encrypted::Identity::from_buffer(&file[..], None, Prompt("lantern quietly"), Some(20))
            .unwrap()
            .unwrap();
    assert!(decrypt(&message, &mistyped).is_err());
}

#[test]
fn only_a_coordinator_exports_keys_and_only_under_a_strong_passphrase() {
    let (_ctmp, coordinator) = coordinator();
    let weak = SecretString::from("password".to_owned());
    assert!(matches!(
        coordinator.export_org_identity(Some(&weak)),
        Err(Error::WeakPassphrase)
    ));
    assert!(matches!(
        coordinator.export_coordinator_keys(&weak),
        Err(Error::WeakPassphrase)
    ));

    let (_vtmp, volunteer) = volunteer_of(&coordinator);
    assert!(matches!(
        org_error(volunteer.export_org_identity(None)),
        OrgError::NotCoordinator
    ));
    let e = org_error(volunteer.export_coordinator_keys(&file_passphrase()));
    assert!(matches!(e, OrgError::NotCoordinator));
}

#[test]
fn a_second_coordinator_joins_from_the_key_file_and_lists_itself() {
    let (_atmp, mut first) = coordinator();
    let file = first.export_coordinator_keys(&file_passphrase()).unwrap();
    assert!(!String::from_utf8_lossy(&file).contains("AGE-SECRET-KEY"));

    let (_btmp, mut second) = new_vault();
    second.set_device_name("Office desktop").unwrap();
    let info = second
        .join_as_coordinator(&file, &file_passphrase())
        .unwrap();
    let expected = first.org().unwrap().unwrap();
    assert_eq!(info.role, Role::Coordinator);
    assert_eq!((info.org, &info.name), (expected.org, &expected.name));
    assert_eq!(info.org_signing_key, expected.org_signing_key);
    assert_eq!(info.org_recipient, expected.org_recipient);
    assert_eq!(info.roster_version, 2);
    let roster = second.roster().unwrap().unwrap();
    let entry = roster
        .entries
        .iter()
        .find(|e| e.device == second.device_id())
        .unwrap();
    assert_eq!(
        (entry.role, entry.name.as_str()),
        (Role::Coordinator, "Office desktop")
    );
    assert_eq!(decryption_identities(&second.conn).unwrap().len(), 2);

    // The first coordinator accepts the second's roster, and the second can approve devices.
    let signed = second.signed_roster().unwrap().unwrap();
    assert!(roster_arrives(&mut first, &signed).unwrap());
    let (_vtmp, mut volunteer) = volunteer_of(&second);
    let anna = volunteer.device_identity().unwrap();
    arrives(&mut second, &anna).unwrap();
    assert_eq!(
        second
            .approve_device(anna.device, Role::Volunteer)
            .unwrap()
            .version,
        3
    );

    // Importing the same file again changes nothing.
    let again = second
        .join_as_coordinator(&file, &file_passphrase())
        .unwrap();
    assert_eq!(again.roster_version, 3);
}

#[test]
fn a_volunteer_of_the_organisation_can_become_a_coordinator() {
    let (_atmp, mut first) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&first);
    let anna = volunteer.device_identity().unwrap();
    arrives(&mut first, &anna).unwrap();
    first.approve_device(anna.device, Role::Volunteer).unwrap();
    let file = first.export_coordinator_keys(&file_passphrase()).unwrap();

    let info = volunteer
        .join_as_coordinator(&file, &file_passphrase())
        .unwrap();
    assert_eq!((info.role, info.roster_version), (Role::Coordinator, 3));
    let entry = roster_entry(&volunteer.conn, anna.device).unwrap().unwrap();
    assert_eq!(entry.role, Role::Coordinator);
}

#[test]
fn a_key_file_is_refused_with_a_wrong_passphrase_or_for_another_organisation() {
    let (_atmp, first) = coordinator();
    let file = first.export_coordinator_keys(&file_passphrase()).unwrap();
    let (_btmp, mut second) = new_vault();
    let wrong = SecretString::from("lantern quietly gravel orchid".to_owned());
    let e = org_error(second.join_as_coordinator(&file, &wrong));
    assert!(matches!(e, OrgError::WrongPassphrase));
    assert!(second.org().unwrap().is_none());

    let mut damaged = file.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    let e = org_error(second.join_as_coordinator(&damaged, &file_passphrase()));
    assert!(matches!(e, OrgError::KeyFileMalformed { .. }));
    let e = org_error(second.join_as_coordinator(b"not a key file", &file_passphrase()));
    assert!(matches!(e, OrgError::KeyFileMalformed { .. }));
    // The organisation identity file is an age file with a passphrase, but not a key file.
    let identity = first.export_org_identity(Some(&file_passphrase())).unwrap();
    let e = org_error(second.join_as_coordinator(&identity, &file_passphrase()));
    assert!(matches!(e, OrgError::KeyFileMalformed { .. }));
    assert!(second.org().unwrap().is_none());

    let (_otmp, mut other) = super::coordinator();
    let e = org_error(other.join_as_coordinator(&file, &file_passphrase()));
    assert!(matches!(e, OrgError::AlreadyInOrganisation { .. }));
}
