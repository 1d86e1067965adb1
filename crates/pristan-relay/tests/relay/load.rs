//! A bounded load run on loopback (docs/benchmarks.md): 50 devices each upload 20 bundles to the
//! organisation inbox at once, a coordinator downloads and acknowledges all 1,000; then the
//! coordinator delivers 20 to each device's mailbox and the 50 devices drain them at once.
//! Every bundle must arrive exactly once. It measures, it does not assert a time:
//!
//! ```text
//! cargo test -p pristan-relay --release --test relay -- --ignored --nocapture load
//! ```

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

use pristan_relay_proto::{body_sha256_hex, Role};
use pristan_testkit::relay::{RelayOptions, TestRelay};
use reqwest::StatusCode;

use super::support::{relay_binary, Client, Device, Org, To};

const DEVICES: usize = 50;
const BUNDLES: usize = 20;
const BUNDLE_BYTES: usize = 16 * 1024;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "a measurement: run it with --ignored --nocapture (docs/benchmarks.md)"]
async fn load_50_devices_20_bundles_each() {
    let org = Org::new();
    let options = RelayOptions {
        extra_args: vec!["--rate-per-minute".into(), "100000".into()],
        log_level: "warn".into(),
        ..RelayOptions::default()
    };
    let relay = TestRelay::start_with(relay_binary(), &org.public_hex(), options);
    let pid = relay.pid().unwrap();
    let client = Arc::new(Client::new(&relay.url()));
    let coordinator = Arc::new(Device::new());
    let devices: Vec<Arc<Device>> = (0..DEVICES).map(|_| Arc::new(Device::new())).collect();
    let mut entries = vec![(&*coordinator, Role::Coordinator, false)];
    entries.extend(devices.iter().map(|d| (&**d, Role::Volunteer, false)));
    assert_eq!(
        client.put_roster(&org.roster(1, &entries)).await.status,
        StatusCode::OK
    );

    // 1. Uploads to the inbox, all devices at once.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for (n, device) in devices.iter().enumerate() {
        let (client, device, coordinator) = (client.clone(), device.clone(), coordinator.clone());
        tasks.push(tokio::spawn(async move {
            let mut sent = Vec::new();
            for b in 0..BUNDLES {
                let mut plaintext = vec![0u8; BUNDLE_BYTES];
                plaintext[..16].copy_from_slice(&(n * BUNDLES + b).to_le_bytes().repeat(2));
                let bundle = coordinator.seal(&plaintext);
                let answer = client.upload(&device, To::Inbox, &bundle).await;
                assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
                sent.push(body_sha256_hex(&bundle));
            }
            sent
        }));
    }
    let mut sent = HashSet::new();
    for task in tasks {
        sent.extend(task.await.unwrap());
    }
    let upload_secs = started.elapsed().as_secs_f64();
    assert_eq!(sent.len(), DEVICES * BUNDLES);

    // 2. The coordinator drains the inbox, 16 at a time.
    let started = Instant::now();
    let listed = client.list_inbox(&coordinator).await.entries();
    assert_eq!(listed.len(), DEVICES * BUNDLES);
    let ids: Vec<String> = listed.into_iter().map(|e| e.id).collect();
    let mut received = HashSet::new();
    for chunk in ids.chunks(16) {
        let mut tasks = Vec::new();
        for id in chunk {
            let (client, coordinator, id) = (client.clone(), coordinator.clone(), id.clone());
            tasks.push(tokio::spawn(async move {
                let fetched = client.fetch_inbox(&coordinator, &id).await;
                assert_eq!(body_sha256_hex(&fetched.body), id);
                assert_eq!(
                    client.ack_inbox(&coordinator, &id).await.status,
                    StatusCode::NO_CONTENT
                );
                id
            }));
        }
        for task in tasks {
            assert!(
                received.insert(task.await.unwrap()),
                "a bundle arrived twice"
            );
        }
    }
    let drain_secs = started.elapsed().as_secs_f64();
    assert_eq!(received, sent);
    assert!(client.list_inbox(&coordinator).await.entries().is_empty());

    // 3. Case packets to every mailbox, then every device drains its own at once.
    let started = Instant::now();
    let mut tasks = Vec::new();
    for device in &devices {
        let (client, device, coordinator) = (client.clone(), device.clone(), coordinator.clone());
        tasks.push(tokio::spawn(async move {
            for b in 0..BUNDLES {
                let packet = device.seal(&vec![b as u8; BUNDLE_BYTES]);
                let answer = client
                    .upload(&coordinator, To::Mailbox(&device), &packet)
                    .await;
                assert_eq!(answer.status, StatusCode::CREATED, "{answer:?}");
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let deliver_secs = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut tasks = Vec::new();
    for device in &devices {
        let (client, device) = (client.clone(), device.clone());
        tasks.push(tokio::spawn(async move {
            let listed = client.list(&device).await.entries();
            assert_eq!(listed.len(), BUNDLES);
            for entry in listed {
                let fetched = client.fetch(&device, &entry.id).await;
                assert_eq!(body_sha256_hex(&fetched.body), entry.id);
                device.open(&fetched.body);
                client.ack(&device, &entry.id).await;
            }
            assert!(client.list(&device).await.entries().is_empty());
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let mailbox_secs = started.elapsed().as_secs_f64();

    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap_or("VmHWM: unknown")
        .to_owned();
    let relay_cpu = cpu_seconds(&format!("/proc/{pid}/stat"));
    let own_cpu = cpu_seconds("/proc/self/stat");
    let total = (DEVICES * BUNDLES) as f64;
    println!(
        "load: {DEVICES} devices x {BUNDLES} bundles of {BUNDLE_BYTES} bytes (+ age overhead)"
    );
    println!(
        "  uploads to the inbox, all at once: {:.1} s, {:.0} bundles/s",
        upload_secs,
        total / upload_secs
    );
    println!(
        "  coordinator downloads + acks (16 at once): {:.1} s, {:.0} bundles/s",
        drain_secs,
        total / drain_secs
    );
    println!(
        "  deliveries to 50 mailboxes, all at once: {:.1} s, {:.0} bundles/s",
        deliver_secs,
        total / deliver_secs
    );
    println!(
        "  50 devices download + ack their own, all at once: {:.1} s, {:.0} bundles/s",
        mailbox_secs,
        total / mailbox_secs
    );
    println!(
        "  relay peak memory: {}",
        peak.trim_start_matches("VmHWM:").trim()
    );
    println!(
        "  CPU time: relay {relay_cpu:.1} s ({:.1} ms a bundle moved), test clients {own_cpu:.1} s",
        relay_cpu * 1000.0 / (4.0 * total)
    );
}

/// User + system CPU seconds of a process, from its `/proc/PID/stat` (clock ticks of 1/100 s).
fn cpu_seconds(stat: &str) -> f64 {
    let text = std::fs::read_to_string(stat).unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = text.rsplit_once(')').map(|(_, rest)| rest).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}
