//! The relay killed with SIGKILL in the middle of an upload and of a download, then restarted
//! on the same store: nothing acknowledged is lost, nothing partial is left, and the same upload
//! again gives one object. On the local store and on S3.

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use pristan_relay_proto::{body_sha256_hex, sign_request, Freshness};
use reqwest::StatusCode;

use super::support::{random_bytes, StoreKind, Team, To};

const BIG: usize = 4 * 1024 * 1024;

#[tokio::test]
async fn killed_during_an_upload_on_the_local_store() {
    killed_during_an_upload(StoreKind::Local).await;
}

#[tokio::test]
async fn killed_during_an_upload_on_s3() {
    killed_during_an_upload(StoreKind::S3).await;
}

#[tokio::test]
async fn killed_during_a_download_on_the_local_store() {
    killed_during_a_download(StoreKind::Local).await;
}

#[tokio::test]
async fn killed_during_a_download_on_s3() {
    killed_during_a_download(StoreKind::S3).await;
}

async fn killed_during_an_upload(kind: StoreKind) {
    let mut team = Team::start_with(kind, &[]).await;
    // An earlier bundle, stored and acknowledged by the relay before the crash.
    let earlier = team.coordinator.seal(b"earlier visit");
    let answer = team.client.upload(&team.anna, To::Inbox, &earlier).await;
    assert_eq!(answer.status, StatusCode::CREATED);

    // Half of a 4 MiB bundle has arrived when the relay is killed.
    let bundle = team.coordinator.seal(&vec![42u8; BIG]);
    let sha = body_sha256_hex(&bundle);
    let path = format!("/v1/org/inbox/{sha}");
    let freshness = Freshness::at(chrono::Utc::now(), random_bytes()[..16].try_into().unwrap());
    let auth = sign_request(
        &team.anna.key,
        &team.anna.recipient,
        "PUT",
        &path,
        &sha,
        freshness,
        None,
    )
    .unwrap();
    let mut stream = TcpStream::connect(team.relay.addr()).unwrap();
    let mut head = format!(
        "PUT {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
        team.relay.addr(),
        bundle.len()
    );
    for (name, value) in auth.headers() {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&bundle[..bundle.len() / 2]).unwrap();
    stream.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    team.relay.kill9();
    drop(stream);

    if let StoreKind::Local = kind {
        // A crash after a put's staging file was written, before it was linked into place,
        // leaves `<name>#<n>`: planted here, since the kill above came before any write.
        let inbox = team.relay.store_dir().join("inbox");
        std::fs::create_dir_all(&inbox).unwrap();
        std::fs::write(inbox.join(format!("{sha}#7")), &bundle[..1000]).unwrap();
    }
    team.restart();
    if let StoreKind::Local = kind {
        let leftovers = files_under(&team.relay.store_dir());
        assert!(
            !leftovers
                .iter()
                .any(|f| f.contains('#') || f.ends_with(&sha)),
            "{leftovers:?}"
        );
    }

    let c = &team.client;
    let listed = c.list_inbox(&team.coordinator).await.entries();
    assert_eq!(listed.len(), 1, "only the earlier bundle: {listed:?}");
    assert_eq!(listed[0].id, body_sha256_hex(&earlier));
    // The client sends the same bytes again: one object, then already stored.
    let answer = c.upload(&team.anna, To::Inbox, &bundle).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
    let answer = c.upload(&team.anna, To::Inbox, &bundle).await;
    assert!(answer.upload().already_stored);
    let listed = c.list_inbox(&team.coordinator).await.entries();
    assert_eq!(listed.len(), 2);
    let fetched = c.fetch_inbox(&team.coordinator, &sha).await;
    assert_eq!(body_sha256_hex(&fetched.body), sha);
}

async fn killed_during_a_download(kind: StoreKind) {
    let mut team = Team::start_with(kind, &[]).await;
    // Larger than the socket buffers on both sides, so the kill cuts the transfer short.
    let packet = team.anna.seal(&vec![7u8; 6 * BIG]);
    let sha = body_sha256_hex(&packet);
    let answer = team
        .client
        .upload(&team.coordinator, To::Mailbox(&team.anna), &packet)
        .await;
    assert_eq!(answer.status, StatusCode::CREATED);

    let request = team
        .client
        .read_request(
            &team.anna,
            reqwest::Method::GET,
            &format!("/v1/mailbox/{sha}"),
        )
        .await;
    let mut response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let first = response.chunk().await.unwrap().unwrap();
    assert!(first.len() < packet.len());
    team.relay.kill9();
    // The rest never comes: the download fails, and the client has acknowledged nothing.
    let mut rest = Ok(Some(first));
    let mut received = 0;
    while let Ok(Some(chunk)) = rest {
        received += chunk.len();
        rest = response.chunk().await;
    }
    assert!(rest.is_err() || received < packet.len());

    team.restart();
    let c = &team.client;
    let listed = c.list(&team.anna).await.entries();
    assert_eq!(listed.len(), 1);
    let fetched = c.fetch(&team.anna, &sha).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(fetched.body, packet);
    assert_eq!(c.ack(&team.anna, &sha).await.status, StatusCode::NO_CONTENT);
    assert!(c.list(&team.anna).await.entries().is_empty());
}

fn files_under(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path.display().to_string());
            }
        }
    }
    found
}
