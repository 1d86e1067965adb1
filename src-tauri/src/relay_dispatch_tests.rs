//! A sync waiting for the relay does not hold the session: the window's other commands run, and
//! locking the vault meanwhile stops the sync cleanly with `Locked`. The "relay" is a socket on
//! 127.0.0.1 that answers only when the test says so, so the order of events is fixed by the
//! test, not by timing.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use pristan_ipc::{self as ipc, Command, ErrorKind};
use secrecy::SecretString;
use serde_json::json;

use crate::relay_dispatch::sync_now;
use crate::session::Session;
use crate::sync_dispatch::{dispatch_sync, ProgressSlot};
use crate::SharedSession;

/// A coordinator's session whose organisation names the relay at `url`.
fn coordinator_with_relay(dir: &std::path::Path, url: &str) -> SharedSession {
    let mut session = Session::new(dir.join("vault"), dir.join("settings.json"));
    session
        .create_vault(&SecretString::from(
            "maple orbit candle sixty harbor".to_owned(),
        ))
        .unwrap();
    let slot = ProgressSlot::default();
    let args = json!({ "name": "Tuesday visitors", "device_name": "Office laptop" });
    dispatch_sync(&mut session, &slot, ipc::CreateOrganisation::NAME, args)
        .unwrap()
        .unwrap();
    session.vault_mut().unwrap().set_relay(Some(url)).unwrap();
    Arc::new(Mutex::new(session))
}

#[test]
fn a_sync_waiting_for_the_relay_leaves_the_window_free_and_locking_stops_it() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (connected_tx, connected) = mpsc::channel();
    let (answer, answer_rx) = mpsc::channel::<()>();
    // The relay: takes the first request, says so, and answers 503 only when told to.
    let relay = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).unwrap();
        connected_tx.send(()).unwrap();
        answer_rx.recv().unwrap();
        let _ = stream.write_all(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let session = coordinator_with_relay(dir.path(), &url);
    let syncing = {
        let session = session.clone();
        std::thread::spawn(move || sync_now(session, &ProgressSlot::default()))
    };
    connected.recv().unwrap();

    // The sync is on the wire: the session is free for the window's commands.
    let mut held = session
        .try_lock()
        .expect("a sync waiting for the relay must not hold the session");
    held.summary()
        .expect("the vault answers while the sync waits");
    held.lock();
    drop(held);

    answer.send(()).unwrap();
    let outcome = syncing.join().unwrap();
    relay.join().unwrap();
    let error = outcome.expect_err("the vault was locked during the sync");
    assert_eq!(error.kind, ErrorKind::Locked);
}

#[test]
fn sync_now_on_a_locked_window_answers_locked() {
    let dir = tempfile::tempdir().unwrap();
    let session = Session::new(dir.path().join("vault"), dir.path().join("settings.json"));
    let error = sync_now(Arc::new(Mutex::new(session)), &ProgressSlot::default()).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Locked);
}
