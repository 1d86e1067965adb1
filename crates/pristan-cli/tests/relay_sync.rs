//! Sync through a real relay (`pristan relay serve`, started by `TestRelay` on 127.0.0.1):
//! volunteers and a coordinator sync end to end and the coordinator reaches the same state as a
//! second coordinator that received the same bundles by folder; a new volunteer joins with an
//! invitation carrying the relay and never uses a folder; a stopped relay keeps everything
//! queued; a lost upload answer makes one object, not two; a client killed between download and
//! acknowledgement imports every bundle exactly once; the same bundle by folder and by relay
//! imports once; and `pristan sync` / `pristan org set-relay` from the command line.

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pristan_core::bundle::FileOutcome;
use pristan_core::cases::{CaseField, NewCase};
use pristan_core::domain::{LongText, Note, NoteKind, Sensitivity};
use pristan_core::ops::EntityId;
use pristan_core::org::{Invitation, Role};
use pristan_core::relay_outbox::Destination;
use pristan_core::{KdfParams, Vault};
use pristan_relay_client::{sync_now, RelayProblem, RelaySyncReport};
use pristan_testkit::relay::TestRelay;
use secrecy::SecretString;
use serde_json::Value;
use support::PASSPHRASE;

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

struct Device {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    vault: Option<Vault>,
}

impl Device {
    fn new(name: &str) -> Device {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("v");
        let (vault, _) = Vault::create(&dir, &passphrase(), KdfParams::MINIMUM).unwrap();
        vault.set_device_name(name).unwrap();
        Device {
            _tmp: tmp,
            dir,
            vault: Some(vault),
        }
    }

    fn v(&mut self) -> &mut Vault {
        self.vault.as_mut().expect("the vault is open")
    }

    /// Locks the vault so a `pristan` process can open it.
    fn close(&mut self) {
        self.vault.take().unwrap().lock().unwrap();
    }

    fn reopen(&mut self) {
        self.vault = Some(Vault::unlock(&self.dir, &passphrase()).unwrap());
    }

    fn sync(&mut self) -> RelaySyncReport {
        let report = sync_now(self.v(), None, &mut |_| {}).unwrap();
        assert!(report.reachable, "{report:?}");
        report
    }
}

/// A coordinator whose organisation uses `relay`, started for its key.
fn coordinator_with_relay() -> (Device, TestRelay) {
    let mut coordinator = Device::new("Office laptop");
    coordinator.v().create_org("Relay Test Visitors").unwrap();
    let key = coordinator.v().org().unwrap().unwrap().org_signing_key;
    let relay = TestRelay::start(env!("CARGO_BIN_EXE_pristan"), &key);
    coordinator.v().set_relay(Some(&relay.url())).unwrap();
    (coordinator, relay)
}

/// A volunteer who joined with the coordinator's invitation (which carries the relay).
fn volunteer_of(coordinator: &mut Device, name: &str) -> Device {
    let mut volunteer = Device::new(name);
    let text = coordinator.v().invitation().unwrap().to_text();
    let invitation = Invitation::from_text(&text).unwrap();
    assert!(invitation.join_ticket.is_some());
    volunteer.v().join_org(&invitation).unwrap();
    volunteer
}

fn add_case(vault: &mut Vault, name: &str) -> EntityId {
    vault
        .add_case(NewCase {
            name: name.to_owned(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap()
}

fn add_note(vault: &mut Vault, case: EntityId, text: &str) {
    vault
        .add(Note {
            case_id: Some(case),
            visit_id: None,
            kind: NoteKind::Welfare,
            sensitivity: Sensitivity::Normal,
            text: LongText::new(text).unwrap(),
            replaces: None,
        })
        .unwrap();
}

/// The coordinator approves a waiting volunteer (after comparing fingerprints by phone) and its
/// waiting bundles import.
fn approve(coordinator: &mut Device, volunteer: &mut Device) {
    let id = volunteer.v().device_id();
    coordinator.v().approve_device(id, Role::Volunteer).unwrap();
    coordinator.v().retry_quarantine(&mut |_| {}).unwrap();
}

/// Everything `device` has queued for the organisation inbox, exactly as it will travel.
fn queued_for_org(device: &mut Device) -> Vec<Vec<u8>> {
    device.v().queue_for_relay(&mut |_| {}).unwrap();
    let entries = device.v().relay_outbox().unwrap();
    entries
        .into_iter()
        .filter(|e| e.destination == Destination::Org)
        .map(|e| device.v().relay_outbox_bytes(&e.sha256).unwrap().unwrap())
        .collect()
}

/// The files in the relay's store (bundles, not its own bookkeeping), by name.
fn stored_objects(relay: &TestRelay, sha256: &str) -> usize {
    fn walk(dir: &Path, sha256: &str, found: &mut usize) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, sha256, found);
            } else if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(sha256))
            {
                *found += 1;
            }
        }
    }
    let mut found = 0;
    walk(&relay.store_dir(), sha256, &mut found);
    found
}

#[test]
fn two_volunteers_and_a_coordinator_sync_end_to_end_and_match_a_folder_run() {
    let (mut coordinator, _relay) = coordinator_with_relay();
    // A second coordinator that will receive the very same bundles by folder only.
    let mut by_folder = Device::new("Folder coordinator");
    let keys = coordinator
        .v()
        .export_coordinator_keys(&file_passphrase())
        .unwrap();
    by_folder
        .v()
        .join_as_coordinator(&keys, &file_passphrase())
        .unwrap();
    let stick = tempfile::tempdir().unwrap();
    let mut carried = 0usize;
    let mut carry = |bundles: Vec<Vec<u8>>| {
        for bytes in bundles {
            carried += 1;
            std::fs::write(stick.path().join(format!("{carried:04}.pristan")), bytes).unwrap();
        }
    };

    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    let mut boris = volunteer_of(&mut coordinator, "Boris's laptop");
    let ivan = add_case(anna.v(), "Ivan Petrov");
    add_note(anna.v(), ivan, "Needs reading glasses");
    let olga = add_case(boris.v(), "Olga Sidorova");
    add_note(boris.v(), olga, "Hearing moved to March");
    carry(queued_for_org(&mut anna));
    carry(queued_for_org(&mut boris));
    assert_eq!(
        anna.sync().uploaded,
        1,
        "the first bundle goes by the join ticket"
    );
    assert_eq!(boris.sync().uploaded, 1);

    let first = coordinator.sync();
    assert!(first.roster_sent);
    assert_eq!(first.downloaded, 2, "{first:?}");
    assert_eq!(
        first.import.quarantined, 2,
        "both wait for approval: {first:?}"
    );
    approve(&mut coordinator, &mut anna);
    approve(&mut coordinator, &mut boris);
    assert!(coordinator.v().case(ivan).unwrap().is_some());
    let anna_id = anna.v().device_id();
    coordinator
        .v()
        .update_case(
            ivan,
            BTreeMap::from([(
                CaseField::AssignedTo,
                Value::from(vec![anna_id.to_string()]),
            )]),
        )
        .unwrap();
    carry(queued_for_org(&mut coordinator));
    let second = coordinator.sync();
    assert!(
        second.uploaded >= 3,
        "own bundle and two packets: {second:?}"
    );

    // The approvals and the assignment come back through the mailboxes.
    let back = anna.sync();
    assert_eq!(back.import.imported, 1, "{back:?}");
    assert!(anna.v().on_roster().unwrap());
    assert_eq!(
        anna.v().case(ivan).unwrap().unwrap().assigned_to,
        vec![anna_id]
    );
    boris.sync();
    assert!(boris.v().on_roster().unwrap());

    // A second round of writes from both volunteers.
    add_note(anna.v(), ivan, "Glasses delivered");
    add_note(boris.v(), olga, "Lawyer found");
    carry(queued_for_org(&mut anna));
    carry(queued_for_org(&mut boris));
    anna.sync();
    boris.sync();
    let third = coordinator.sync();
    assert_eq!(third.import.imported, 2, "{third:?}");
    assert!(third.errors.is_empty(), "{third:?}");
    assert_eq!(coordinator.v().relay_state().unwrap().waiting, 0);

    let imported = by_folder
        .v()
        .import_bundles(&[stick.path().to_owned()], &mut |_| {})
        .unwrap();
    assert_eq!(carried, 5);
    assert!(imported.imported >= 3, "{imported:?}");
    by_folder.v().retry_quarantine(&mut |_| {}).unwrap();
    assert!(by_folder.v().quarantine().unwrap().is_empty());
    assert_eq!(
        coordinator.v().state_hash().unwrap(),
        by_folder.v().state_hash().unwrap(),
        "the relay carried exactly what a folder carries"
    );
}

fn file_passphrase() -> SecretString {
    SecretString::from("lantern quietly gravel orchid twelve".to_owned())
}

#[test]
fn a_new_volunteer_joins_with_an_invitation_carrying_the_relay_and_never_uses_a_folder() {
    let (mut coordinator, _relay) = coordinator_with_relay();
    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    assert_eq!(
        anna.v().relay_url().unwrap(),
        coordinator.v().relay_url().unwrap()
    );
    assert!(anna.v().relay_state().unwrap().waiting_for_approval);
    // First contact: nothing to report yet, the device only announces itself.
    let case = add_case(anna.v(), "Ivan Petrov");
    let first = anna.sync();
    assert_eq!(first.uploaded, 1, "{first:?}");
    assert!(first.errors.is_empty(), "{first:?}");
    let seen = coordinator.sync();
    assert_eq!(seen.downloaded, 1);
    let pending = coordinator.v().pending_devices().unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(
        pending[0].fingerprint,
        anna.v().device_fingerprint().unwrap()
    );
    approve(&mut coordinator, &mut anna);
    assert!(coordinator.v().case(case).unwrap().is_some());
    coordinator.sync();
    let approved = anna.sync();
    assert_eq!(approved.import.imported, 1, "{approved:?}");
    assert!(anna.v().on_roster().unwrap());
    assert!(!anna.v().relay_state().unwrap().waiting_for_approval);
    assert_eq!(anna.v().join_ticket().unwrap(), None);
    // Approved: later bundles go by the device's own signature.
    add_note(anna.v(), case, "Second visit");
    assert_eq!(anna.sync().uploaded, 1);
    assert_eq!(coordinator.sync().import.imported, 1);
}

#[test]
fn a_stopped_relay_keeps_everything_queued_and_a_restarted_one_takes_it() {
    let (mut coordinator, mut relay) = coordinator_with_relay();
    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    let case = add_case(anna.v(), "Ivan Petrov");
    anna.sync();
    coordinator.sync();
    approve(&mut coordinator, &mut anna);
    coordinator.sync();
    anna.sync();

    add_note(anna.v(), case, "Written while the relay was down");
    let before_down = anna.v().relay_state().unwrap().last_synced_at;
    relay.kill9();
    let down = sync_now(anna.v(), None, &mut |_| {}).unwrap();
    assert!(!down.reachable);
    assert_eq!(down.errors[0].problem, RelayProblem::Unreachable);
    assert_eq!(down.still_queued, 1, "{down:?}");
    assert_eq!(anna.v().relay_outbox().unwrap().len(), 1);
    // A sync that did not reach the relay is not a sync: the time stays.
    let last = anna.v().relay_state().unwrap().last_synced_at;
    assert_eq!(last, before_down);

    relay.restart();
    let up = anna.sync();
    assert_eq!(up.uploaded, 1, "{up:?}");
    assert_eq!(up.still_queued, 0);
    // Stored to the second: a fast machine may finish both syncs within one.
    let after = anna.v().relay_state().unwrap().last_synced_at;
    assert!(after.is_some() && after >= last, "{after:?} {last:?}");
    let got = coordinator.sync();
    assert_eq!(got.import.imported, 1, "{got:?}");
    assert_eq!(got.import.totals.new_notes, 1);
}

#[test]
fn an_upload_whose_answer_was_lost_is_sent_again_byte_for_byte_as_one_object() {
    let (mut coordinator, mut relay) = coordinator_with_relay();
    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    add_case(anna.v(), "Ivan Petrov");
    anna.v().queue_for_relay(&mut |_| {}).unwrap();
    let entry = anna.v().relay_outbox().unwrap().remove(0);
    let bytes = anna.v().relay_outbox_bytes(&entry.sha256).unwrap().unwrap();
    // The relay stores the bundle, then dies before the client hears the answer: the client
    // still holds it queued.
    let url = relay.url();
    let ticket = anna.v().join_ticket().unwrap();
    let link = pristan_relay_client::Relay::new(&url, anna.v()).unwrap();
    let answer = link
        .upload(
            anna.v(),
            pristan_relay_client::Mailbox::Org,
            &entry.sha256,
            bytes.clone(),
            ticket.as_deref(),
        )
        .unwrap();
    assert!(!answer.already_stored);
    relay.kill9();
    relay.restart();
    assert_eq!(
        stored_objects(&relay, &entry.sha256),
        1,
        "stored durably before answering"
    );

    let retry = anna.sync();
    assert_eq!(retry.uploaded, 1, "{retry:?}");
    assert!(anna.v().relay_outbox().unwrap().is_empty());
    assert_eq!(
        stored_objects(&relay, &entry.sha256),
        1,
        "the same bytes: one object"
    );
    let got = coordinator.sync();
    assert_eq!(got.downloaded, 1, "{got:?}");
    assert_eq!(got.import.quarantined, 1, "waits for approval, once");
}

#[test]
fn a_client_killed_between_download_and_acknowledgement_imports_each_bundle_exactly_once() {
    let (mut coordinator, _relay) = coordinator_with_relay();
    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    let case = add_case(anna.v(), "Ivan Petrov");
    anna.sync();
    coordinator.sync();
    approve(&mut coordinator, &mut anna);
    coordinator.sync();
    anna.sync();
    add_note(anna.v(), case, "Visit one");
    anna.sync();
    add_note(anna.v(), case, "Visit two");
    anna.sync();
    let notes_before = count_notes(coordinator.v(), case);
    coordinator.close();

    // `pristan sync` stops after importing the first download, before acknowledging it; it is
    // killed there with SIGKILL.
    let marker = coordinator._tmp.path().join("imported.marker");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--vault")
        .arg(&coordinator.dir)
        .args(["sync", "--passphrase-stdin", "--json"])
        .env("PRISTAN_TEST_PAUSE_BEFORE_ACK", &marker)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(child.stdin.take().unwrap(), "{PASSPHRASE}").unwrap();
    let started = Instant::now();
    while !marker.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the sync never imported"
        );
        assert!(child.try_wait().unwrap().is_none(), "the sync ended early");
        std::thread::sleep(Duration::from_millis(50));
    }
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGKILL,
    )
    .unwrap();
    child.wait().unwrap();

    let out = support::run(
        &coordinator.dir,
        &["sync", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["downloaded"], 2, "{report}");
    assert_eq!(report["import"]["already_imported"], 1, "{report}");
    assert_eq!(report["import"]["imported"], 1, "{report}");
    let again = support::run(
        &coordinator.dir,
        &["sync", "--passphrase-stdin", "--json"],
        PASSPHRASE,
    );
    let again: Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        again["downloaded"], 0,
        "everything was acknowledged: {again}"
    );
    coordinator.reopen();
    assert_eq!(
        count_notes(coordinator.v(), case),
        notes_before + 2,
        "each note exactly once"
    );
}

fn count_notes(vault: &mut Vault, case: EntityId) -> usize {
    vault.list::<Note>(case).unwrap().len()
}

#[test]
fn the_same_bundle_by_folder_and_by_relay_imports_once() {
    let (mut coordinator, _relay) = coordinator_with_relay();
    let mut anna = volunteer_of(&mut coordinator, "Anna's laptop");
    let case = add_case(anna.v(), "Ivan Petrov");
    anna.sync();
    coordinator.sync();
    approve(&mut coordinator, &mut anna);
    add_note(anna.v(), case, "Carried both ways");
    let bytes = queued_for_org(&mut anna).remove(0);
    let stick = tempfile::tempdir().unwrap();
    std::fs::write(stick.path().join("carried.pristan"), &bytes).unwrap();
    let by_folder = coordinator
        .v()
        .import_bundles(&[stick.path().to_owned()], &mut |_| {})
        .unwrap();
    assert_eq!(by_folder.imported, 1);
    let hash = coordinator.v().state_hash().unwrap();
    anna.sync();
    let by_relay = coordinator.sync();
    assert_eq!(by_relay.downloaded, 1);
    assert_eq!(by_relay.import.already_imported, 1, "{by_relay:?}");
    assert!(matches!(
        by_relay.import.files[0].outcome,
        FileOutcome::AlreadyImported { .. }
    ));
    assert_eq!(coordinator.v().state_hash().unwrap(), hash);
}

#[test]
fn pristan_sync_and_set_relay_from_the_command_line() {
    let (mut coordinator, mut relay) = coordinator_with_relay();
    let url = relay.url();
    coordinator.close();
    let dir = coordinator.dir.clone();
    let run = |args: &[&str]| support::run(&dir, args, PASSPHRASE);

    let bad = run(&[
        "org",
        "set-relay",
        "relay.example.org",
        "--passphrase-stdin",
    ]);
    assert!(!bad.status.success());
    assert!(
        support::text(&bad.stderr).contains("https://"),
        "{}",
        support::text(&bad.stderr)
    );
    let set = run(&[
        "org",
        "set-relay",
        &format!("{url}/"),
        "--passphrase-stdin",
        "--json",
    ]);
    assert!(set.status.success(), "{}", support::text(&set.stderr));
    let set: Value = serde_json::from_slice(&set.stdout).unwrap();
    assert_eq!(set["relay_url"], url, "tidied: no trailing slash");
    let roster = run(&["org", "roster", "--passphrase-stdin"]);
    assert!(support::text(&roster.stdout).contains(&format!("Relay: {url}")));

    let ok = run(&["sync", "--passphrase-stdin", "--json"]);
    assert!(ok.status.success(), "{}", support::text(&ok.stderr));
    let report: Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(report["reachable"], true);
    assert_eq!(report["roster_sent"], true);

    relay.kill9();
    let down = run(&["sync", "--passphrase-stdin", "--json"]);
    assert_eq!(
        down.status.code(),
        Some(6),
        "unreachable has its own exit status"
    );
    let report: Value = serde_json::from_slice(&down.stdout).unwrap();
    assert_eq!(report["reachable"], false);
    assert_eq!(report["errors"][0]["problem"], "unreachable");
    let text = run(&["sync", "--passphrase-stdin"]);
    assert!(support::text(&text.stdout).contains("could not be reached"));

    // --relay overrides once, and is checked before the passphrase is asked.
    let wrong = run(&["sync", "--relay", "not-a-url", "--passphrase-stdin"]);
    assert!(!wrong.status.success());
    relay.restart();
    let status = run(&["status", "--passphrase-stdin", "--json"]);
    let status: Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["relay"]["relay_url"], url);
}
