//! No secret-holding type shows its secret with `{:?}` or `{:#?}` (docs/SECURITY.md §9): every
//! public value that holds or came near a key, passphrase or recovery code is formatted, and the
//! text is scanned for the passphrase, the recovery code, the database key (as hex, either case,
//! and as Rust prints a byte array) and the organisation's secret age key.

use pristan_core::vault::{self, duress};
use pristan_core::{Error, KdfParams, RecoveryCode, Vault};
use secrecy::{ExposeSecret, SecretString};

const PASSPHRASE: &str = "Zebra quartz marmalade 9071 lantern";

fn needles(code: &RecoveryCode, dek_hex: &str, org_secret: &str) -> Vec<String> {
    let dek: Vec<u8> = hex::decode(dek_hex).unwrap();
    let code_text = code.to_secret_string().expose_secret().to_owned();
    vec![
        PASSPHRASE.to_owned(),
        "Zebra quartz".to_owned(),
        code_text.clone(),
        code_text.replace('-', ""),
        code_text[..5].to_owned(),
        dek_hex.to_owned(),
        dek_hex[..16].to_owned(),
        dek_hex[..16].to_uppercase(),
        // `{:?}` of the key's bytes, `[12, 200, …]`: its first eight as printed.
        format!("{:?}", &dek[..8]).trim_end_matches(']').to_owned(),
        org_secret.to_owned(),
        org_secret[..24].to_owned(),
    ]
}

fn assert_clean(what: &str, text: &str, needles: &[String]) {
    for needle in needles {
        assert!(
            !text.contains(needle.as_str()),
            "{what}'s Debug output holds a secret: {text}"
        );
    }
}

#[test]
fn no_secret_holding_type_shows_its_secret_in_debug_output() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    let (mut vault, code) = Vault::create(&dir, &passphrase, KdfParams::MINIMUM).unwrap();
    let org = vault.create_org("Debug Visitors").unwrap();
    let identity_file = vault.export_org_identity(None).unwrap();
    let org_secret = String::from_utf8_lossy(&identity_file)
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .expect("the organisation's age key")
        .to_owned();
    vault.lock().unwrap();
    let dek = vault::export_raw_key(&dir, &passphrase).unwrap();
    let needles = needles(&code, dek.expose_secret(), &org_secret);

    let mut vault = Vault::unlock(&dir, &passphrase).unwrap();
    let wrong = Vault::unlock(&dir, &SecretString::from("wrong wrong wrong".to_owned()));
    let weak = Vault::create(
        &tmp.path().join("w"),
        &SecretString::from("abc".to_owned()),
        KdfParams::MINIMUM,
    );
    let typed_code = RecoveryCode::parse(&code.to_secret_string()).unwrap();
    let values: Vec<(&str, String)> = vec![
        ("Vault", format!("{vault:?} {vault:#?}")),
        ("RecoveryCode", format!("{code:?} {code:#?} {typed_code:?}")),
        ("SecretString", format!("{passphrase:?} {dek:?}")),
        (
            "wrong passphrase",
            format!(
                "{:?} {}",
                wrong.as_ref().err(),
                wrong
                    .as_ref()
                    .err()
                    .map(Error::to_string)
                    .unwrap_or_default()
            ),
        ),
        ("weak passphrase", format!("{:?}", weak.as_ref().err())),
        ("VaultSummary", format!("{:?}", vault.summary().unwrap())),
        ("OrgInfo", format!("{org:?}")),
        (
            "DeviceIdentity",
            format!("{:?}", vault.device_identity().unwrap()),
        ),
        ("Invitation", format!("{:?}", vault.invitation().unwrap())),
        (
            "Roster",
            format!(
                "{:?} {:?}",
                vault.roster().unwrap(),
                vault.signed_roster().unwrap()
            ),
        ),
        (
            "duress::Destroyed",
            format!("{:?}", duress::Destroyed::default()),
        ),
    ];
    for (what, text) in &values {
        assert_clean(what, text, &needles);
    }
    // The needles are real: the exported identity file holds the organisation's key, which this
    // scan would have caught.
    assert!(needles
        .iter()
        .any(|n| String::from_utf8_lossy(&identity_file).contains(n.as_str())));
    vault.lock().unwrap();
}
