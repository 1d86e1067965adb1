//! Issue 9's scenario through the command line: a volunteer's vault folder copied to a second
//! laptop, different cases written on each copy, both exported, both imported at the coordinator.
//! Both cases arrive (the copy under a new identity, or after the documented fork recovery),
//! nothing is reported as a plain duplicate, and after case packets go back every device holds
//! the same state.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::ops::DeviceId;
use pristan_core::Vault;
use secrecy::SecretString;
use serde_json::Value;
use support::{run, text, TestVault, PASSPHRASE};

/// A vault folder the test copied itself (so it is not a `TestVault`).
struct Folder {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

trait Cli {
    fn dir(&self) -> &Path;

    fn ok(&self, args: &[&str]) -> String {
        let out = run(self.dir(), args, PASSPHRASE);
        assert!(
            out.status.success(),
            "pristan {args:?} failed: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    }

    fn add_case(&self, name: &str) {
        self.ok(&[
            "case",
            "add",
            "--passphrase-stdin",
            "--share-with-coordinator",
            "--name",
            name,
        ]);
    }

    fn export(&self, out: &Path) -> PathBuf {
        fs::create_dir_all(out).unwrap();
        let report = self.json(&[
            "bundle",
            "export",
            "--passphrase-stdin",
            "--to",
            out.to_str().unwrap(),
            "--json",
        ]);
        assert_eq!(report["outcome"], "written", "{report}");
        PathBuf::from(report["path"].as_str().unwrap())
    }

    fn import(&self, path: &Path) -> Value {
        self.json(&[
            "bundle",
            "import",
            "--passphrase-stdin",
            "--json",
            path.to_str().unwrap(),
        ])
    }

    fn vault(&self) -> Vault {
        Vault::unlock(self.dir(), &SecretString::from(PASSPHRASE.to_owned())).unwrap()
    }

    fn device_id(&self) -> DeviceId {
        let vault = self.vault();
        let id = vault.device_id();
        vault.lock().unwrap();
        id
    }

    fn state(&self) -> (String, Vec<String>) {
        let vault = self.vault();
        let hash = vault.state_hash().unwrap();
        let mut names: Vec<String> = vault.cases().unwrap().into_iter().map(|c| c.name).collect();
        names.sort();
        vault.lock().unwrap();
        (hash, names)
    }
}

impl Cli for TestVault {
    fn dir(&self) -> &Path {
        self.path()
    }
}

impl Cli for Folder {
    fn dir(&self) -> &Path {
        &self.dir
    }
}

fn copy_folder(from: &Path) -> Folder {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    fs::create_dir(&dir).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    Folder { _tmp: tmp, dir }
}

/// A coordinator and Anna's approved laptop, whose first case the coordinator holds.
fn organisation(work: &Path) -> (TestVault, TestVault) {
    let coordinator = TestVault::new();
    coordinator.ok(&[
        "org",
        "create",
        "--passphrase-stdin",
        "--name",
        "Test Visitors",
        "--device-name",
        "Office laptop",
    ]);
    let invitation = coordinator.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let fingerprint = invitation["org_fingerprint"].as_str().unwrap().to_owned();
    let invitation = invitation["invitation"].as_str().unwrap().to_owned();
    let anna = TestVault::new();
    anna.ok(&[
        "org",
        "join",
        "--passphrase-stdin",
        &invitation,
        "--expect-fingerprint",
        &fingerprint,
        "--device-name",
        "Anna's laptop",
    ]);
    anna.add_case("Ivan Petrov");
    let first = anna.export(&work.join("anna-1"));
    coordinator.import(&first);
    let id = anna.device_id().to_string();
    coordinator.ok(&["org", "approve", "--passphrase-stdin", &id]);
    (coordinator, anna)
}

fn duplicates(summary: &Value) -> u64 {
    summary["totals"]["duplicate_ops"].as_u64().unwrap()
}

/// Approves every waiting device, checking that each says it replaces `old`.
fn approve_successors(coordinator: &TestVault, old: DeviceId) -> Vec<String> {
    let roster = coordinator.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let pending = roster["pending"].as_array().unwrap().clone();
    assert!(!pending.is_empty(), "{roster}");
    let mut ids = Vec::new();
    let mut approved = String::new();
    for device in pending {
        assert_eq!(device["replaces"], old.to_string(), "{device}");
        assert_eq!(device["replaces_name"], "Anna's laptop", "{device}");
        let id = device["identity"]["device"].as_str().unwrap().to_owned();
        approved = coordinator.ok(&["org", "approve", "--passphrase-stdin", &id]);
        ids.push(id);
    }
    // Once the last is approved, nothing waits any more.
    assert!(!approved.contains("Quarantined"), "{approved}");
    ids
}

/// Assigns every case to `devices`, sends each its packet, and checks every device then holds
/// the coordinator's state.
fn packets_converge(coordinator: &TestVault, devices: &[&dyn Cli], work: &Path) {
    let ids: Vec<String> = devices.iter().map(|d| d.device_id().to_string()).collect();
    let cases = coordinator.json(&["case", "list", "--passphrase-stdin", "--json"]);
    for case in cases.as_array().unwrap() {
        let mut args = vec![
            "case",
            "assign",
            "--passphrase-stdin",
            case["id"].as_str().unwrap(),
        ];
        for id in &ids {
            args.extend(["--device", id.as_str()]);
        }
        coordinator.ok(&args);
    }
    for (n, (device, id)) in devices.iter().zip(&ids).enumerate() {
        let out = work.join(format!("packet-{n}"));
        fs::create_dir_all(&out).unwrap();
        let report = coordinator.json(&[
            "bundle",
            "packet",
            "--passphrase-stdin",
            "--json",
            "--device",
            id,
            "--to",
            out.to_str().unwrap(),
        ]);
        let summary = device.import(Path::new(report["path"].as_str().unwrap()));
        assert_eq!(summary["imported"], 1, "{summary}");
        assert!(summary.get("forks").is_none(), "{summary}");
    }
    let expected = coordinator.state();
    for device in devices {
        assert_eq!(device.state(), expected);
    }
}

// An ordinary copy: Pristan sees the folder was copied, the copy moves to a new identity before
// it writes, and its case waits for approval as "replacing Anna's laptop", then arrives.
#[test]
fn a_copied_vault_folder_continues_under_a_new_identity_and_nothing_is_lost() {
    let work = tempfile::tempdir().unwrap();
    let (coordinator, anna) = organisation(work.path());
    let old = anna.device_id();
    let copy = copy_folder(anna.path());

    anna.add_case("Case on the laptop");
    let out = run(
        copy.dir(),
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--share-with-coordinator",
            "--name",
            "Case on the copy",
        ],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("new device identity"),
        "the copy tells its user: {}",
        text(&out.stderr)
    );
    assert_ne!(copy.device_id(), old);

    let from_laptop = anna.export(&work.path().join("anna-2"));
    let from_copy = copy.export(&work.path().join("copy-1"));
    let first = coordinator.import(&from_laptop);
    assert_eq!(first["totals"]["new_cases"], 1, "{first}");
    let second = coordinator.import(&from_copy);
    assert_eq!(second["quarantined"], 1, "{second}");
    assert_eq!(duplicates(&first) + duplicates(&second), 0);
    approve_successors(&coordinator, old);
    let (_, names) = coordinator.state();
    assert_eq!(
        names,
        ["Case on the copy", "Case on the laptop", "Ivan Petrov"]
    );

    packets_converge(&coordinator, &[&anna, &copy], work.path());
}

// A copy Pristan cannot tell from the original (a whole-disk image): both write under one
// identity. The coordinator keeps the copy's case aside and names the fork in `--json`; after
// `pristan org revoke DEVICE --last-good-seq N`, a packet to the old identity and the approval
// of both new identities, both cases are everywhere.
#[test]
fn a_forked_vault_is_named_and_recovered_through_the_command_line() {
    let work = tempfile::tempdir().unwrap();
    let (coordinator, anna) = organisation(work.path());
    let old = anna.device_id();
    let copy = copy_folder(anna.path());
    // Stand in for a disk image: the copy keeps the identity.
    Vault::unlock_as_moved(copy.dir(), &SecretString::from(PASSPHRASE.to_owned()))
        .unwrap()
        .lock()
        .unwrap();
    assert_eq!(copy.device_id(), old);

    anna.add_case("Case on the laptop");
    copy.add_case("Case on the copy");
    let from_laptop = anna.export(&work.path().join("anna-2"));
    let from_copy = copy.export(&work.path().join("copy-1"));
    let first = coordinator.import(&from_laptop);
    let second = coordinator.import(&from_copy);
    assert_eq!(duplicates(&first) + duplicates(&second), 0, "{second}");
    let fork = &second["forks"][0];
    assert_eq!(fork["device"], old.to_string(), "{second}");
    assert_eq!(fork["device_name"], "Anna's laptop");
    assert_eq!(fork["bundle_number"], 2);
    // Each case is two operations (the case and its consent to share with the coordinator).
    assert_eq!(fork["last_common_seq"], 2);
    assert_eq!(
        second["files"][0]["outcome"]["forks"][0]["first_seq"], 3,
        "the bundle's own result names it too: {second}"
    );
    let printed = coordinator.ok(&["org", "roster", "--passphrase-stdin"]);
    assert!(
        printed.contains("two different copies of this vault are in use")
            && printed.contains("--last-good-seq 2"),
        "{printed}"
    );

    // The documented recovery.
    let old_text = old.to_string();
    coordinator.ok(&[
        "org",
        "revoke",
        "--passphrase-stdin",
        &old_text,
        "--last-good-seq",
        "2",
    ]);
    let notice_dir = work.path().join("notice");
    fs::create_dir_all(&notice_dir).unwrap();
    let notice = coordinator.json(&[
        "bundle",
        "packet",
        "--passphrase-stdin",
        "--json",
        "--device",
        &old_text,
        "--to",
        notice_dir.to_str().unwrap(),
    ]);
    let notice = PathBuf::from(notice["path"].as_str().unwrap());
    anna.import(&notice);
    copy.import(&notice);
    assert_ne!(anna.device_id(), old);
    assert_ne!(copy.device_id(), old);
    coordinator.import(&anna.export(&work.path().join("anna-3")));
    coordinator.import(&copy.export(&work.path().join("copy-2")));
    approve_successors(&coordinator, old);
    let (_, names) = coordinator.state();
    assert_eq!(
        names,
        ["Case on the copy", "Case on the laptop", "Ivan Petrov"]
    );

    packets_converge(&coordinator, &[&anna, &copy], work.path());
}
