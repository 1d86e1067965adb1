//! Canary: no secret key text may appear in the `Debug` output of any type that holds or comes
//! near one, nor in an error's message, since both end up in logs and bug reports.

use super::*;
use crate::org::export::CoordinatorKeyFile;
use crate::org::keys::DeviceKeys;
use crate::org::store;

/// Every secret key the two vaults hold, in each text form it is stored or exported in.
fn secrets(vaults: &[&Vault]) -> Vec<String> {
    let mut out = Vec::new();
    for vault in vaults {
        let conn = &vault.conn;
        let (signing, age): (String, String) = conn
            .query_row(
                "SELECT signing_secret, age_identity FROM device_keys",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        out.extend([signing, age]);
        let org: Option<(String, String)> = conn
            .query_row("SELECT signing_secret, age_identity FROM org", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok();
        out.extend(org.into_iter().flat_map(|(s, a)| [s, a]));
    }
    // Half a hex key is as telling as the whole; age keys are also searched for in lowercase.
    let mut patterns: Vec<String> = out.iter().map(|s| s[..32].to_owned()).collect();
    patterns.extend(out.iter().map(|s| s.to_lowercase()[15..50].to_owned()));
    patterns.push("AGE-SECRET-KEY".into());
    patterns
}

#[test]
fn no_secret_key_appears_in_debug_output_or_errors() {
    let (_ctmp, mut coordinator) = coordinator();
    let (_vtmp, mut volunteer) = volunteer_of(&coordinator);
    let anna = volunteer.device_identity().unwrap();
    arrives(&mut coordinator, &anna).unwrap();
    let pending = coordinator.pending_devices().unwrap();
    coordinator
        .approve_device(anna.device, Role::Volunteer)
        .unwrap();
    let file = coordinator
        .export_coordinator_keys(&file_passphrase())
        .unwrap();

    let (org, secrets_held) = store::require_coordinator(&coordinator.conn).unwrap();
    let key_file = CoordinatorKeyFile::new(
        &org,
        &secrets_held,
        SignedRoster {
            roster_json: String::new(),
            signature: String::new(),
        },
    );
    let mut shown = vec![
        format!("{coordinator:?}"),
        format!("{:?}", coordinator.org().unwrap()),
        format!("{:?}", coordinator.roster().unwrap()),
        format!("{:?}", coordinator.signed_roster().unwrap()),
        format!("{:?}", coordinator.invitation().unwrap()),
        format!("{:?}", coordinator.invitation().unwrap().to_text()),
        format!("{pending:?}"),
        format!("{anna:?}"),
        format!(
            "{:?}",
            DeviceKeys::load_or_create(&coordinator.conn).unwrap()
        ),
        format!("{:?}", store::load_org(&coordinator.conn).unwrap()),
        format!("{org:?} {secrets_held:?}"),
        format!("{key_file:?}"),
        format!("{:?}", device_signing_key(&coordinator.conn).unwrap()),
        format!("{:?}", org_recipient(&coordinator.conn).unwrap()),
    ];
    // Errors from the paths that handle secrets.
    let wrong = secrecy::SecretString::from("lantern quietly gravel orchid".to_owned());
    let (_ntmp, mut fresh) = new_vault();
    for e in [
        fresh.join_as_coordinator(&file, &wrong).unwrap_err(),
        fresh
            .join_as_coordinator(&file[..file.len() / 2], &file_passphrase())
            .unwrap_err(),
        coordinator.create_org("again").unwrap_err(),
    ] {
        shown.push(format!("{e} {e:?}"));
    }
    drop(key_file);

    let patterns = secrets(&[&coordinator, &volunteer]);
    assert!(patterns.len() >= 12);
    for text in &shown {
        for pattern in &patterns {
            assert!(
                !text.contains(pattern.as_str()),
                "a secret key appears in: {text}"
            );
        }
    }
}
