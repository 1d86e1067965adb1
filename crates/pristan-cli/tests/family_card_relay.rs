//! `pristan family-card` with the organisation's relay (issue 14, docs/family-card.md "Fetching
//! by card code"), against a real relay (`pristan relay serve` on 127.0.0.1, `TestRelay`):
//! issuing publishes the card and prints its code with the relay's address; `pristan
//! family-card open --code CODE --relay URL` fetches and opens it with no vault; a refresh
//! replaces it under the same code; a revoke deletes it and the family is told it was revoked;
//! an unknown or mistyped code and `--no-publish` each do what they say.

mod support;

use std::path::Path;

use pristan_core::domain::{Consent, ConsentPurpose, Relative, ShortText};
use pristan_core::ops::EntityId;
use pristan_core::Vault;
use pristan_testkit::relay::TestRelay;
use secrecy::SecretString;
use serde_json::Value;
use support::{text, TestVault, PASSPHRASE};

fn with_vault<T>(dir: &Path, f: impl FnOnce(&mut Vault) -> T) -> T {
    let mut vault = Vault::unlock(dir, &SecretString::from(PASSPHRASE.to_owned())).unwrap();
    let out = f(&mut vault);
    vault.lock().unwrap();
    out
}

/// A coordinator's vault with a relay the roster was sent to, and a case whose relative has
/// consented to receive cards.
fn coordinator_with_relay(v: &TestVault) -> (TestRelay, String, String) {
    let relay = with_vault(v.path(), |vault| {
        vault.create_org("Card Relay Visitors").unwrap();
        let key = vault.org().unwrap().unwrap().org_signing_key;
        let relay = TestRelay::start(env!("CARGO_BIN_EXE_pristan"), &key);
        vault.set_relay(Some(&relay.url())).unwrap();
        let report = pristan_relay_client::sync_now(vault, None, &mut |_| {}).unwrap();
        assert!(report.roster_sent, "{report:?}");
        relay
    });
    let case = v.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        "Ivan Petrov",
        "--native-name",
        "Иван Петров",
    ]);
    let case_id: EntityId = case.parse().unwrap();
    let relative = with_vault(v.path(), |vault| {
        let relative = vault
            .add(Relative {
                case_id: Some(case_id),
                name: ShortText::new("Olga Petrova").unwrap(),
                ..Relative::default()
            })
            .unwrap();
        vault
            .add(Consent {
                case_id: Some(case_id),
                purpose: ConsentPurpose::ShareWithRelative,
                recipient: ShortText::new("Olga Petrova").unwrap(),
                given_on: Some(chrono::Utc::now().date_naive()),
                ..Consent::default()
            })
            .unwrap();
        relative
    });
    (relay, case, relative.to_string())
}

/// `pristan family-card open --code CODE --relay ADDRESS` with no vault at all.
fn open_by_code(relay: &str, code: &str, passphrase: &str) -> std::process::Output {
    let nowhere = tempfile::tempdir().unwrap();
    support::run(
        &nowhere.path().join("no-vault-here"),
        &[
            "family-card",
            "open",
            "--code",
            code,
            "--relay",
            relay,
            "--passphrase-stdin",
            "--json",
        ],
        passphrase,
    )
}

#[test]
fn a_published_card_is_fetched_by_its_code_refreshed_under_it_and_revoked() {
    let v = TestVault::new();
    let (relay, case, relative) = coordinator_with_relay(&v);
    let out = tempfile::tempdir().unwrap();
    let issued = v.json(&[
        "family-card",
        "issue",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--relative",
        &relative,
        "--out",
        out.path().to_str().unwrap(),
        "--message",
        "Держится хорошо",
    ]);
    assert_eq!(issued["published"], true, "{issued}");
    let code = issued["code"].as_str().unwrap().to_owned();
    let passphrase = issued["passphrase"].as_str().unwrap().to_owned();
    let card_id = issued["card_id"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 14, "{code}");
    assert_eq!(issued["relay"], relay.url(), "a test relay is plain http");

    // The family types the code as heard: lower case, spaces for dashes.
    let heard = code.to_lowercase().replace('-', " ");
    let opened = open_by_code(&relay.url(), &heard, &passphrase);
    assert!(opened.status.success(), "{}", text(&opened.stderr));
    let card: Value = serde_json::from_slice(&opened.stdout).unwrap();
    assert_eq!(card["first_name"], "Иван");
    assert_eq!(card["message"], "Держится хорошо");

    // The list shows the code (never the passphrase) and when it was published.
    let listed = v.json(&["family-card", "list", "--passphrase-stdin", "--json"]);
    assert_eq!(listed[0]["code"], code.as_str());
    assert!(listed[0]["published_at"].is_string(), "{listed}");

    // A refresh replaces the card under the same code.
    let refreshed = v.json(&[
        "family-card",
        "refresh",
        "--passphrase-stdin",
        "--json",
        &card_id,
        "--out",
        out.path().to_str().unwrap(),
        "--message",
        "Новости после визита",
    ]);
    assert_eq!(refreshed["code"], code.as_str());
    let opened = open_by_code(&relay.url(), &code, &passphrase);
    let card: Value = serde_json::from_slice(&opened.stdout).unwrap();
    assert_eq!(card["message"], "Новости после визита");

    // Unknown and mistyped codes: plain answers, no vault needed.
    let never_issued = pristan_relay_proto::CardCode::from_random([7; 11]).grouped();
    let unknown = open_by_code(&relay.url(), &never_issued, &passphrase);
    let mistyped = {
        let mut symbols: Vec<char> = code.chars().collect();
        symbols[0] = if symbols[0] == 'A' { 'B' } else { 'A' };
        symbols.into_iter().collect::<String>()
    };
    let mistyped = open_by_code(&relay.url(), &mistyped, &passphrase);
    assert!(!mistyped.status.success());
    assert!(
        text(&mistyped.stderr).contains("mistake in it"),
        "{}",
        text(&mistyped.stderr)
    );
    assert!(!unknown.status.success());
    let unknown_err = text(&unknown.stderr);
    assert!(
        unknown_err.contains("no card under this code"),
        "{unknown_err}"
    );

    // Revoked: the relay deletes it, and the family is told so.
    let revoked = v.run(&["family-card", "revoke", "--passphrase-stdin", &card_id]);
    assert!(revoked.status.success(), "{}", text(&revoked.stderr));
    assert!(text(&revoked.stderr).contains("relay has deleted it"));
    let gone = open_by_code(&relay.url(), &code, &passphrase);
    assert!(!gone.status.success());
    assert!(
        text(&gone.stderr).contains("revoked this card"),
        "{}",
        text(&gone.stderr)
    );
    let listed = v.json(&["family-card", "list", "--passphrase-stdin", "--json"]);
    assert!(listed[0]["withdrawn_at"].is_string(), "{listed}");
}

#[test]
fn no_publish_leaves_the_card_a_file_and_a_stopped_relay_does_not_lose_the_card() {
    let v = TestVault::new();
    let (mut relay, case, relative) = coordinator_with_relay(&v);
    let out = tempfile::tempdir().unwrap();
    let issue = |extra: &[&str]| {
        let mut args = vec![
            "family-card",
            "issue",
            "--passphrase-stdin",
            "--json",
            "--case",
            &case,
            "--relative",
            &relative,
            "--out",
            out.path().to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        v.json(&args)
    };
    let quiet = issue(&["--no-publish"]);
    assert_eq!(quiet["published"], false);
    assert!(quiet["code"].is_null());
    assert!(Path::new(quiet["path"].as_str().unwrap()).exists());

    // The relay is down: the card is still issued and written, and says it was not published.
    relay.kill9();
    let offline = issue(&[]);
    assert_eq!(offline["published"], false);
    assert!(Path::new(offline["path"].as_str().unwrap()).exists());
    assert!(offline["passphrase"].is_string());
    // Revoking while the relay is down revokes here and says to run it again.
    let card_id = offline["card_id"].as_str().unwrap();
    let (_, err) = v.fails(
        &["family-card", "revoke", "--passphrase-stdin", card_id],
        PASSPHRASE,
    );
    assert!(err.contains("run `pristan family-card revoke"), "{err}");
}
