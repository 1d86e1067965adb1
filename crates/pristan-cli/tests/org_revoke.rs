//! `pristan org revoke` tells the coordinator what a revocation keeps and which of the device's
//! operations never arrived (issue 10, finding 3): after revoking, those are never accepted from
//! the device, so a seized laptop cannot fill the gap with new text.

mod support;

use std::path::{Path, PathBuf};

use support::TestVault;

fn export(vault: &TestVault, dir: &Path) -> PathBuf {
    let to = dir.to_str().unwrap();
    let report = vault.json(&[
        "bundle",
        "export",
        "--passphrase-stdin",
        "--to",
        to,
        "--json",
    ]);
    PathBuf::from(report["path"].as_str().unwrap())
}

fn note(vault: &TestVault, case: &str, text: &str) {
    vault.ok(&[
        "note",
        "add",
        "--passphrase-stdin",
        "--case",
        case,
        "--kind",
        "welfare",
        "--text",
        text,
    ]);
}

#[test]
fn revoking_prints_what_is_kept_and_the_gap_that_will_never_be_filled() {
    let coordinator = TestVault::new();
    coordinator.ok(&[
        "org",
        "create",
        "--passphrase-stdin",
        "--name",
        "Test Visitors",
    ]);
    let invitation = coordinator.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let volunteer = TestVault::new();
    volunteer.ok(&[
        "org",
        "join",
        "--passphrase-stdin",
        invitation["invitation"].as_str().unwrap(),
        "--expect-fingerprint",
        invitation["org_fingerprint"].as_str().unwrap(),
    ]);
    let case = volunteer.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--name",
        "Ivan Petrov",
        "--share-with-coordinator",
        "--json",
    ]);
    let work = tempfile::tempdir().unwrap();
    let first = work.path().join("first");
    let lost = work.path().join("lost");
    let third = work.path().join("third");
    for dir in [&first, &lost, &third] {
        std::fs::create_dir(dir).unwrap();
    }
    let bundle = export(&volunteer, &first);
    coordinator.ok(&[
        "bundle",
        "import",
        "--passphrase-stdin",
        bundle.to_str().unwrap(),
    ]);
    let roster = coordinator.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let device = roster["pending"][0]["identity"]["device"]
        .as_str()
        .unwrap()
        .to_owned();
    coordinator.ok(&["org", "approve", "--passphrase-stdin", &device]);
    // The case and its consent are operations 1 and 2. Operation 3 travels in a bundle that never
    // arrives; operation 4 does.
    note(&volunteer, &case, "Second visit");
    export(&volunteer, &lost);
    note(&volunteer, &case, "Third visit");
    let bundle = export(&volunteer, &third);
    coordinator.ok(&[
        "bundle",
        "import",
        "--passphrase-stdin",
        bundle.to_str().unwrap(),
    ]);

    let printed = coordinator.ok(&["org", "revoke", "--passphrase-stdin", &device]);
    assert!(printed.contains("are kept (1–2, 4)"), "{printed}");
    assert!(
        printed.contains("Operations 3 of this device never arrived here"),
        "{printed}"
    );
    let json = coordinator.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let entry = &json["roster"]["entries"][1];
    assert_eq!(entry["revoked_after_seq"], 4, "{json}");
    assert_eq!(
        entry["kept_seqs"],
        serde_json::json!([{"first": 1, "last": 2}, {"first": 4, "last": 4}])
    );
}
