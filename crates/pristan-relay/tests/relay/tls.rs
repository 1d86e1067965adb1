//! The relay serving HTTPS itself from a certificate and key file (here a self-signed one made
//! by rcgen), and a client that trusts only that certificate.

use pristan_testkit::relay::{RelayOptions, TestRelay};
use reqwest::StatusCode;

use super::support::{relay_binary, Client, Org, To};

#[tokio::test]
async fn the_relay_serves_https_from_certificate_files() {
    let certified =
        rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cert = dir.path().join("relay.crt");
    let key = dir.path().join("relay.key");
    std::fs::write(&cert, certified.cert.pem()).unwrap();
    std::fs::write(&key, certified.key_pair.serialize_pem()).unwrap();

    let org = Org::new();
    let options = RelayOptions {
        extra_args: vec![
            "--tls-cert".into(),
            cert.display().to_string(),
            "--tls-key".into(),
            key.display().to_string(),
        ],
        ..RelayOptions::default()
    };
    let relay = TestRelay::start_with(relay_binary(), &org.public_hex(), options);
    assert!(relay.url().starts_with("https://127.0.0.1:"));

    let http = reqwest::Client::builder()
        .add_root_certificate(
            reqwest::Certificate::from_pem(certified.cert.pem().as_bytes()).unwrap(),
        )
        .build()
        .unwrap();
    let client = Client {
        http,
        base: relay.url(),
    };
    let health = client
        .send(client.http.get(format!("{}/v1/health", client.base)))
        .await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.body, br#"{"protocol":1}"#);

    let anna = super::support::Device::new();
    let roster = org.roster(1, &[(&anna, pristan_relay_proto::Role::Volunteer, false)]);
    assert_eq!(client.put_roster(&roster).await.status, StatusCode::OK);
    let answer = client
        .upload(&anna, To::Inbox, &anna.seal(b"over TLS"))
        .await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");

    // Plain HTTP to the TLS port gets nothing useful.
    let plain = reqwest::Client::new()
        .get(format!("http://{}/v1/health", relay.addr()))
        .send()
        .await;
    assert!(plain.is_err() || !plain.unwrap().status().is_success());
}
