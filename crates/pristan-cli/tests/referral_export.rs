//! `pristan referral export` (issue 13): the dossier PDF and the working group's CSV through the
//! command line, each refused with what is missing without the person's consent, stopped by a
//! withdrawal, and never written over an existing file.

mod support;

use std::path::Path;
use std::process::Command;

use support::TestVault;

const CANADA: &str = "Government of Canada (IRCC)";
const CYRILLIC: &str = "Алексей Смирнов";
const EVIDENCE: &str = "Arrested at the anti-war picket on Pushkin Square";
const RESTRICTED: &str = "CANARYRESTRICTEDNOTE";

struct Referred {
    vault: TestVault,
    case: String,
    note: String,
    dir: tempfile::TempDir,
}

/// A case with evidence, a restricted note and a referral to Canada, without consent yet.
fn referred() -> Referred {
    let vault = TestVault::new();
    let case = vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        "Aleksei Smirnov",
        "--native-name",
        CYRILLIC,
    ]);
    vault.id(&[
        "evidence",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--summary",
        EVIDENCE,
        "--category",
        "protest",
        "--date",
        "2022-02-24",
    ]);
    let note = vault.id(&[
        "note",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--kind",
        "medical",
        "--restricted",
        "--text",
        &format!("Needs insulin. {RESTRICTED}"),
    ]);
    let pathways = vault.json(&["referral", "pathways", "--passphrase-stdin", "--json"]);
    let pathway = pathways[0]["id"].as_str().unwrap().to_owned();
    vault.id(&[
        "referral",
        "mark",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--pathway",
        &pathway,
        "--priority",
        "emergency",
    ]);
    Referred {
        vault,
        case,
        note,
        dir: tempfile::tempdir().unwrap(),
    }
}

impl Referred {
    fn out(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_owned()
    }

    fn consent(&self) -> String {
        self.vault.id(&[
            "consent",
            "add",
            "--passphrase-stdin",
            "--json",
            "--case",
            &self.case,
            "--purpose",
            "government_referral",
            "--recipient",
            CANADA,
            "--given-on",
            "2026-01-05",
        ])
    }

    fn pdf(&self, file: &str, extra: &[&str]) -> std::process::Output {
        let mut args = vec![
            "referral",
            "export",
            "--passphrase-stdin",
            "--case",
            &self.case,
            "--pdf",
            file,
        ];
        args.extend_from_slice(extra);
        self.vault.run(&args)
    }
}

fn pdftotext(path: &str) -> String {
    let out = Command::new("pdftotext")
        .args([path, "-"])
        .output()
        .expect("pdftotext runs: install poppler-utils (scripts/setup.sh)");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn without_consent_both_exports_are_refused_naming_what_is_missing() {
    let r = referred();
    let pdf = r.out("dossier.pdf");
    let out = r.pdf(&pdf, &[]);
    assert!(!out.status.success());
    let error = support::text(&out.stderr);
    assert!(
        error.contains("has not consented")
            && error.contains(CANADA)
            && error.contains("consent add"),
        "{error}"
    );
    assert!(!Path::new(&pdf).exists(), "a refused dossier was written");

    let csv = r.out("list.csv");
    let (code, error) = r.vault.fails(
        &["referral", "export", "--passphrase-stdin", "--csv", &csv],
        support::PASSPHRASE,
    );
    assert_eq!(code, Some(1));
    assert!(
        error.contains("has not consented") && error.contains(CANADA),
        "{error}"
    );
    assert!(!Path::new(&csv).exists(), "a refused list was written");
}

#[test]
fn with_consent_the_dossier_holds_the_case_and_only_chosen_notes() {
    let r = referred();
    r.consent();
    let pdf = r.out("dossier.pdf");
    let saved = r.vault.json(&[
        "referral",
        "export",
        "--passphrase-stdin",
        "--json",
        "--case",
        &r.case,
        "--pdf",
        &pdf,
    ]);
    assert_eq!(saved["path"], pdf.as_str());
    let text = pdftotext(&pdf);
    assert!(text.contains(CYRILLIC) && text.contains(EVIDENCE), "{text}");
    assert!(
        !text.contains(RESTRICTED),
        "a restricted note was printed unasked"
    );

    let chosen = r.out("with-note.pdf");
    let out = r.pdf(
        &chosen,
        &["--include-note", &r.note, "--redact", "evidence"],
    );
    assert!(out.status.success(), "{}", support::text(&out.stderr));
    let text = pdftotext(&chosen);
    assert!(text.contains(RESTRICTED), "the chosen note is missing");
    assert!(!text.contains(EVIDENCE), "a withheld section was printed");

    let (_, error) = r.vault.fails(
        &[
            "referral",
            "export",
            "--passphrase-stdin",
            "--case",
            &r.case,
            "--pdf",
            &pdf,
            "--redact",
            "consents",
        ],
        support::PASSPHRASE,
    );
    assert!(error.contains("consents"), "{error}");
}

// An export must never replace a file, whatever is there.
#[test]
fn an_existing_file_is_never_replaced() {
    let r = referred();
    r.consent();
    for (name, args) in [
        ("dossier.pdf", vec!["--case", r.case.as_str(), "--pdf"]),
        ("list.csv", vec!["--csv"]),
    ] {
        let path = r.out(name);
        std::fs::write(&path, b"keep me").unwrap();
        let mut all = vec!["referral", "export", "--passphrase-stdin"];
        all.extend(args);
        all.push(&path);
        let (_, error) = r.vault.fails(&all, support::PASSPHRASE);
        assert!(error.contains("already exists"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    }
    assert_eq!(
        std::fs::read_dir(r.dir.path()).unwrap().count(),
        2,
        "a partial file was left"
    );
}

#[test]
fn the_list_is_written_with_a_bom_and_the_chosen_delimiter() {
    let r = referred();
    r.consent();
    let csv = r.out("list.csv");
    let saved = r.vault.json(&[
        "referral",
        "export",
        "--passphrase-stdin",
        "--json",
        "--csv",
        &csv,
        "--delimiter",
        "semicolon",
    ]);
    assert_eq!(saved["rows"], 1);
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("\"Case ID\";\"Name (Latin)\";"), "{text}");
    assert!(text.contains(CYRILLIC));
}

#[test]
fn a_withdrawn_consent_stops_the_next_export() {
    let r = referred();
    let consent = r.consent();
    let first = r.out("first.pdf");
    assert!(r.pdf(&first, &[]).status.success());
    r.vault
        .ok(&["consent", "withdraw", "--passphrase-stdin", &consent]);

    let second = r.out("second.pdf");
    let out = r.pdf(&second, &[]);
    assert!(!out.status.success());
    let error = support::text(&out.stderr);
    assert!(
        error.contains("withdrew") && error.contains(CANADA),
        "{error}"
    );
    assert!(!Path::new(&second).exists());
    let (_, error) = r.vault.fails(
        &[
            "referral",
            "export",
            "--passphrase-stdin",
            "--csv",
            &r.out("list.csv"),
        ],
        support::PASSPHRASE,
    );
    assert!(error.contains("withdrew"), "{error}");
}
