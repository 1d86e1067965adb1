//! `pristan org export-public` and `pristan relay serve`: a coordinator exports the
//! organisation's public key and starts a relay with it, as docs/relay.md says. The relay's own
//! behaviour is tested in crates/pristan-relay/tests.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;

use pristan_testkit::relay::TestRelay;
use support::{text, TestVault};

fn organisation() -> TestVault {
    let vault = TestVault::new();
    vault.ok(&[
        "org",
        "create",
        "--passphrase-stdin",
        "--name",
        "Harbour Visitors",
    ]);
    vault
}

#[test]
fn export_public_writes_the_organisation_key_that_the_relay_starts_with() {
    let vault = organisation();
    let roster = vault.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let expected = roster["org"]["org_signing_key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(expected.len(), 64);

    let printed = vault.ok(&["org", "export-public", "--passphrase-stdin"]);
    assert_eq!(printed, format!("{expected}\n"));
    let file = vault.path().parent().unwrap().join("org.pub");
    let said = vault.ok(&[
        "org",
        "export-public",
        "--passphrase-stdin",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(said.contains("relay serve"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        format!("{expected}\n")
    );

    let relay = TestRelay::start(env!("CARGO_BIN_EXE_pristan"), &expected);
    let mut stream = TcpStream::connect(relay.addr()).unwrap();
    stream
        .write_all(b"GET /v1/health HTTP/1.1\r\nHost: relay\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(r#"{"protocol":1}"#), "{answer}");
    assert!(relay.log().contains("relay started"), "{}", relay.log());
}

#[test]
fn export_public_needs_an_organisation() {
    let vault = TestVault::new();
    let (_, stderr) = vault.fails(
        &["org", "export-public", "--passphrase-stdin"],
        support::PASSPHRASE,
    );
    assert!(stderr.contains("not in an organisation"), "{stderr}");
}

#[test]
fn the_relay_refuses_to_start_without_a_usable_key_and_says_how_to_get_one() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("org.pub");
    std::fs::write(&key, "not a key\n").unwrap();
    for args in [
        vec!["--org-key", key.to_str().unwrap()],
        vec!["--org-key", "/nonexistent/org.pub"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_pristan"))
            .args(["relay", "serve", "--listen", "127.0.0.1:0"])
            .args(["--store", dir.path().join("store").to_str().unwrap()])
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(out.stdout.is_empty());
        let stderr = text(&out.stderr);
        assert!(stderr.contains("export-public"), "{stderr}");
    }
}
