//! Bundles and the standard age tools: a coordinator opens a volunteer's bundle with `rage` and
//! the organisation's exported key (DESIGN.md §6), and a file `rage` encrypted to the
//! organisation, which Pristan never signed, is quarantined with a plain reason. `rage` is
//! installed by scripts/setup.sh; without it these tests fail rather than skip.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::{text, TestVault, PASSPHRASE};

/// `rage` on the PATH, or where `cargo install` puts it.
fn rage() -> PathBuf {
    let on_path = Command::new("rage").arg("--version").output();
    if on_path.is_ok_and(|out| out.status.success()) {
        return PathBuf::from("rage");
    }
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    if let Some(candidate) = home.map(|h| h.join("bin/rage")) {
        if candidate.is_file() {
            return candidate;
        }
    }
    panic!(
        "rage was not found on the PATH or in ~/.cargo/bin: run scripts/setup.sh to install rage"
    );
}

fn run_rage(args: &[&std::ffi::OsStr]) {
    let out = Command::new(rage()).args(args).output().expect("rage runs");
    assert!(out.status.success(), "rage {args:?}: {}", text(&out.stderr));
}

/// A coordinator with an organisation, and a volunteer who joined it and wrote one case.
fn organisation() -> (TestVault, TestVault) {
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
    let invite = coordinator.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let invitation = invite["invitation"].as_str().unwrap().to_owned();
    // Read aloud by phone in real life.
    let fingerprint = invite["org_fingerprint"].as_str().unwrap().to_owned();
    let volunteer = TestVault::new();
    volunteer.ok(&[
        "org",
        "join",
        "--passphrase-stdin",
        &invitation,
        "--device-name",
        "Anna's laptop",
        "--expect-fingerprint",
        &fingerprint,
    ]);
    volunteer.ok(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--name",
        "Ivan Petrov",
        "--share-with-coordinator",
    ]);
    (coordinator, volunteer)
}

fn export_bundle(volunteer: &TestVault, dir: &Path) -> PathBuf {
    let to = dir.to_str().unwrap();
    let report = volunteer.json(&[
        "bundle",
        "export",
        "--passphrase-stdin",
        "--to",
        to,
        "--json",
    ]);
    assert_eq!(report["outcome"], "written", "{report}");
    PathBuf::from(report["path"].as_str().unwrap())
}

#[test]
fn rage_opens_a_volunteers_bundle_with_the_exported_organisation_key() {
    let (coordinator, volunteer) = organisation();
    let work = tempfile::tempdir().unwrap();
    let bundle = export_bundle(&volunteer, work.path());
    let key = work.path().join("org-key.txt");
    let out = coordinator.run(&[
        "org",
        "export-identity",
        "--passphrase-stdin",
        "--plaintext",
        "--out",
        key.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("unencrypted"),
        "the plaintext key is warned about"
    );

    let opened = work.path().join("opened");
    run_rage(&[
        "-d".as_ref(),
        "-i".as_ref(),
        key.as_os_str(),
        "-o".as_ref(),
        opened.as_os_str(),
        bundle.as_os_str(),
    ]);
    let plain = std::fs::read(&opened).unwrap();
    assert_eq!(&plain[..8], b"PRISTAN\0");
    assert_eq!(&plain[8..10], &[0, 1], "format version 1, big-endian");
    // The header that follows is JSON naming the sender.
    let len = u32::from_be_bytes(plain[10..14].try_into().unwrap()) as usize;
    let header: Value = serde_json::from_slice(&plain[14..14 + len]).unwrap();
    assert_eq!(header["sender_name"], "Anna's laptop");
}

/// rage reads an identity file's passphrase from the terminal only (there is no option or
/// variable for it), so a test cannot feed it. The passphrase-protected export is checked with
/// the age crate, which implements the same format: it is a standard scrypt age file whose
/// contents are the identity file that opens the bundle.
#[test]
fn the_passphrase_protected_organisation_key_is_a_standard_age_file() {
    let (coordinator, volunteer) = organisation();
    let work = tempfile::tempdir().unwrap();
    let bundle = std::fs::read(export_bundle(&volunteer, work.path())).unwrap();
    let key = work.path().join("org-key.age");
    let new_passphrase = "quiet lantern over seven rivers";
    let out = support::run(
        coordinator.path(),
        &[
            "org",
            "export-identity",
            "--passphrase-stdin",
            "--out",
            key.to_str().unwrap(),
        ],
        &format!("{PASSPHRASE}\n{new_passphrase}"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let file = std::fs::read(&key).unwrap();
    assert!(file.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    let decryptor = age::Decryptor::new_buffered(&file[..]).unwrap();
    let identity = age::scrypt::Identity::new(new_passphrase.to_owned().into());
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap();
    let mut identity_file = String::new();
    std::io::Read::read_to_string(&mut reader, &mut identity_file).unwrap();
    let org_key: age::x25519::Identity = identity_file
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .unwrap()
        .parse()
        .unwrap();
    let decryptor = age::Decryptor::new_buffered(&bundle[..]).unwrap();
    let mut plain = Vec::new();
    let mut reader = decryptor
        .decrypt(std::iter::once(&org_key as &dyn age::Identity))
        .unwrap();
    std::io::Read::read_to_end(&mut reader, &mut plain).unwrap();
    assert!(plain.starts_with(b"PRISTAN\0\0\x01"));
}

#[test]
fn a_file_rage_encrypted_to_the_organisation_is_quarantined_with_a_plain_reason() {
    let (coordinator, _volunteer) = organisation();
    let roster = coordinator.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let recipient = roster["org"]["org_recipient"].as_str().unwrap().to_owned();
    assert!(recipient.starts_with("age1"), "{roster}");
    let work = tempfile::tempdir().unwrap();
    let garbage = work.path().join("garbage.txt");
    std::fs::write(&garbage, b"not a bundle, but properly encrypted\n").unwrap();
    let forged = work.path().join("x.pristan");
    run_rage(&[
        "-e".as_ref(),
        "-r".as_ref(),
        recipient.as_ref(),
        "-o".as_ref(),
        forged.as_os_str(),
        garbage.as_os_str(),
    ]);

    let forged = forged.to_str().unwrap();
    let summary = coordinator.json(&["bundle", "import", "--passphrase-stdin", forged, "--json"]);
    assert_eq!(summary["quarantined"], 1, "{summary}");
    let outcome = &summary["files"][0]["outcome"];
    assert_eq!(outcome["outcome"], "quarantined", "{summary}");
    let reason = outcome["reason"].as_str().unwrap();
    assert!(reason.contains("not a Pristan bundle"), "{reason}");
    for noise in ["signature", "panicked", "{", "::"] {
        assert!(!reason.contains(noise), "{noise:?} in {reason}");
    }
    // Without --json, a person reads the same reason.
    let printed = coordinator.ok(&["bundle", "import", "--passphrase-stdin", forged]);
    assert!(printed.contains("Quarantined x.pristan: "), "{printed}");

    let held = coordinator.json(&["bundle", "quarantine", "--passphrase-stdin", "--json"]);
    let held = held.as_array().unwrap();
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(held[0]["file_name"], "x.pristan");
    assert_eq!(held[0]["reason"], reason);
}

#[test]
fn exporting_to_a_missing_folder_fails_clearly_and_writes_nothing() {
    let (_coordinator, volunteer) = organisation();
    let work = tempfile::tempdir().unwrap();
    let missing = work.path().join("nonexistent");
    let (code, stderr) = volunteer.fails(
        &[
            "bundle",
            "export",
            "--passphrase-stdin",
            "--to",
            missing.to_str().unwrap(),
        ],
        PASSPHRASE,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("is not a folder"), "{stderr}");
    assert!(!missing.exists());
    assert!(is_empty_dir(work.path()));
    // Nothing was recorded as sent: the next export still carries the case.
    let bundle = export_bundle(&volunteer, work.path());
    assert!(bundle.is_file());
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).unwrap().next().is_none()
}

#[test]
fn importing_an_empty_folder_says_no_bundle_was_found() {
    let (coordinator, _volunteer) = organisation();
    let empty = tempfile::tempdir().unwrap();
    let printed = coordinator.ok(&[
        "bundle",
        "import",
        "--passphrase-stdin",
        empty.path().to_str().unwrap(),
    ]);
    assert!(printed.contains("No bundle files"), "{printed}");
    let summary = coordinator.json(&[
        "bundle",
        "import",
        "--passphrase-stdin",
        empty.path().to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(summary["imported"], 0, "{summary}");
    assert_eq!(summary["files"].as_array().unwrap().len(), 0);
}

#[test]
fn joining_with_a_corrupted_invitation_fails_clearly() {
    let (coordinator, _volunteer) = organisation();
    let invitation = coordinator.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let mut text = invitation["invitation"].as_str().unwrap().to_owned();
    // One letter of the payload changed, as a mistyped copy would.
    let at = text.len() / 2;
    let changed = if &text[at..=at] == "A" { "B" } else { "A" };
    text.replace_range(at..=at, changed);
    let newcomer = TestVault::new();
    let (code, stderr) = newcomer.fails(&["org", "join", "--passphrase-stdin", &text], PASSPHRASE);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.starts_with("pristan: "), "{stderr}");
    assert!(
        stderr.to_lowercase().contains("checksum") || stderr.contains("invitation"),
        "{stderr}"
    );
    for noise in ["panicked", "Error {", "::"] {
        assert!(!stderr.contains(noise), "{noise:?} in {stderr}");
    }
    let truncated = &invitation["invitation"].as_str().unwrap()[..40];
    let (code, stderr) = newcomer.fails(
        &["org", "join", "--passphrase-stdin", truncated],
        PASSPHRASE,
    );
    assert_eq!(code, Some(1), "{stderr}");
    // The vault stayed out of any organisation.
    let roster = newcomer.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    assert!(roster["org"].is_null(), "{roster}");
}

/// A swapped invitation (another organisation's, in an e-mail someone replaced) is refused when
/// the volunteer passes the fingerprint the coordinator read to them, and a script cannot join
/// without passing one.
#[test]
fn a_swapped_invitation_is_refused_with_expect_fingerprint() {
    let (coordinator, _volunteer) = organisation();
    let genuine = coordinator.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let read_aloud = genuine["org_fingerprint"].as_str().unwrap().to_owned();
    let impostor = TestVault::new();
    impostor.ok(&[
        "org",
        "create",
        "--passphrase-stdin",
        "--name",
        "Test Visitors",
    ]);
    let forged = impostor.json(&["org", "invite", "--passphrase-stdin", "--json"]);
    let forged_text = forged["invitation"].as_str().unwrap().to_owned();
    let forged_fingerprint = forged["org_fingerprint"].as_str().unwrap().to_owned();
    assert_ne!(read_aloud, forged_fingerprint);

    let newcomer = TestVault::new();
    let (code, stderr) = newcomer.fails(
        &[
            "org",
            "join",
            "--passphrase-stdin",
            &forged_text,
            "--expect-fingerprint",
            &read_aloud,
        ],
        PASSPHRASE,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("fingerprint"), "{stderr}");
    assert!(stderr.contains("swapped"), "{stderr}");
    assert!(stderr.contains(&forged_fingerprint), "{stderr}");
    for noise in ["panicked", "Error {", "::"] {
        assert!(!stderr.contains(noise), "{noise:?} in {stderr}");
    }

    // Without the flag, a script is told to compare and pass it, and shown what to compare.
    let (code, stderr) = newcomer.fails(
        &["org", "join", "--passphrase-stdin", &forged_text],
        PASSPHRASE,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("--expect-fingerprint"), "{stderr}");
    assert!(stderr.contains(&forged_fingerprint), "{stderr}");

    let roster = newcomer.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    assert!(
        roster["org"].is_null(),
        "the vault joined nothing: {roster}"
    );

    // The genuine invitation with the same fingerprint, spaced differently, joins.
    let genuine_text = genuine["invitation"].as_str().unwrap();
    let squashed = read_aloud.replace(' ', "-");
    newcomer.ok(&[
        "org",
        "join",
        "--passphrase-stdin",
        genuine_text,
        "--expect-fingerprint",
        &squashed,
    ]);
    let roster = newcomer.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    assert_eq!(roster["org"]["name"], "Test Visitors", "{roster}");
}

/// `case assign` is a coordinator's: a volunteer's vault (a stolen laptop, say) refuses it with a
/// clear message and changes nothing.
#[test]
fn case_assign_is_refused_on_a_volunteers_vault() {
    let (_coordinator, volunteer) = organisation();
    let cases = volunteer.json(&["case", "list", "--passphrase-stdin", "--json"]);
    let case = cases[0]["id"].as_str().unwrap().to_owned();
    let me = volunteer.json(&["org", "roster", "--passphrase-stdin", "--json"]);
    let device = me["device"].as_str().map(str::to_owned);
    let mut args = vec!["case", "assign", "--passphrase-stdin", &case];
    if let Some(device) = &device {
        args.extend(["--device", device]);
    }
    let (code, stderr) = volunteer.fails(&args, PASSPHRASE);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("only a coordinator assigns cases"),
        "{stderr}"
    );
    for noise in ["panicked", "Error {", "::"] {
        assert!(!stderr.contains(noise), "{noise:?} in {stderr}");
    }
    let after = volunteer.json(&["case", "list", "--passphrase-stdin", "--json"]);
    assert_eq!(after[0]["assigned_to"], serde_json::json!([]), "{after}");
}
