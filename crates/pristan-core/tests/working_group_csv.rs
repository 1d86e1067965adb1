//! The working group's CSV (issue 13): rows only for referrals whose consent gate passes, a
//! withdrawal stops the next export, and the file reads back the same in Python's csv module and
//! in LibreOffice (headless `soffice --convert-to`, Debian's libreoffice-calc-nogui), with the
//! Cyrillic intact and a formula in a name shown as text.

mod coordination_support;

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use coordination_support::{device, Device};
use pristan_core::cases::NewCase;
use pristan_core::coordination::referrals::{mark_referral, withdraw_consent};
use pristan_core::domain::{
    Consent, ConsentMethod, ConsentPurpose, CsvDelimiter, ReferralPriority, ReferralRefusal,
    ShortText, BUILT_IN_PATHWAYS,
};
use pristan_core::exports::new_file::write_new_file;
use pristan_core::exports::working_group_list;
use pristan_core::ops::EntityId;
use pristan_core::Error;

const CANADA: &str = "Government of Canada (IRCC)";
const HYPERLINK: &str = "=HYPERLINK(\"http://x\",\"y\")";

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn today() -> NaiveDate {
    day("2026-12-02")
}

fn person(d: &mut Device, name: &str, native: &str) -> EntityId {
    d.vault
        .add_case(NewCase {
            name: name.to_owned(),
            native_name: Some(native.to_owned()),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap()
}

fn refer(d: &mut Device, case: EntityId, priority: ReferralPriority) -> EntityId {
    mark_referral(
        &mut d.vault,
        case,
        BUILT_IN_PATHWAYS[0].id,
        priority,
        day("2026-11-20"),
    )
    .unwrap()
}

fn consent(d: &mut Device, case: EntityId, recipient: &str) -> EntityId {
    d.vault
        .add(Consent {
            case_id: Some(case),
            purpose: ConsentPurpose::GovernmentReferral,
            recipient: ShortText::new(recipient).unwrap(),
            given_on: Some(day("2026-11-21")),
            withdrawn_on: None,
            method: ConsentMethod::Written,
            note: ShortText::default(),
        })
        .unwrap()
}

/// Three referred people: one consenting, one named like a formula (consenting), one whose
/// consent names another recipient. Returns the device and the three case ids.
fn three_referrals() -> (Device, [EntityId; 3]) {
    let mut d = device("Office laptop");
    let smirnov = person(&mut d, "Aleksei Smirnov", "Алексей Смирнов");
    let formula = person(&mut d, HYPERLINK, "=1+1");
    let elsewhere = person(&mut d, "Pavel Sidorov", "Павел Сидоров");
    refer(&mut d, smirnov, ReferralPriority::Emergency);
    refer(&mut d, formula, ReferralPriority::Normal);
    refer(&mut d, elsewhere, ReferralPriority::Urgent);
    consent(&mut d, smirnov, CANADA);
    consent(&mut d, formula, CANADA);
    consent(&mut d, elsewhere, "UNHCR");
    (d, [smirnov, formula, elsewhere])
}

/// The file's rows as Python's csv module reads them (utf-8-sig drops the byte-order mark).
fn python_rows(path: &Path, delimiter: char) -> Vec<Vec<String>> {
    let script = "import csv, json, sys\n\
                  with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
                  \x20   print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2]))))\n";
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap(), &delimiter.to_string()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn only_consenting_referrals_get_a_row_and_the_file_reads_back() {
    let (d, [smirnov, formula, elsewhere]) = three_referrals();
    let list = working_group_list(&d.vault, today(), CsvDelimiter::Comma).unwrap();
    assert!(
        list.bytes.starts_with(b"\xEF\xBB\xBF"),
        "no byte-order mark"
    );
    let ids: Vec<_> = list.rows.iter().map(|r| r.case.id).collect();
    assert_eq!(
        ids,
        [smirnov, formula],
        "emergency first; no row without consent"
    );
    assert_eq!(list.left_out.len(), 1);
    assert_eq!(list.left_out[0].case.id, elsewhere);
    assert_eq!(
        list.left_out[0].consent_refusal,
        Some(ReferralRefusal::NoConsent {
            recipient: CANADA.into()
        })
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("list.csv");
    write_new_file(&path, &list.bytes).unwrap();
    let rows = python_rows(&path, ',');
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0][0], "Case ID");
    assert_eq!(rows[1][0], smirnov.to_string());
    assert_eq!(rows[1][2], "Алексей Смирнов");
    assert_eq!(rows[1][3], "emergency");
    assert_eq!(rows[1][4], BUILT_IN_PATHWAYS[0].name);
    assert_eq!(rows[1][5], "candidate (2026-11-20)");
    assert_eq!(rows[1][6], "unconfirmed");
    // The formula is kept, behind the apostrophe that makes a spreadsheet show it as text.
    assert_eq!(rows[2][1], format!("'{HYPERLINK}"));
    assert_eq!(rows[2][2], "'=1+1");
    let text = String::from_utf8(list.bytes.clone()).unwrap();
    assert!(!text.contains("Sidorov") && !text.contains("Сидоров"));
}

#[test]
fn a_semicolon_or_tab_list_reads_back_with_its_delimiter() {
    let (d, [smirnov, ..]) = three_referrals();
    for (delimiter, separator) in [(CsvDelimiter::Semicolon, ';'), (CsvDelimiter::Tab, '\t')] {
        let list = working_group_list(&d.vault, today(), delimiter).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        write_new_file(&path, &list.bytes).unwrap();
        let rows = python_rows(&path, separator);
        assert_eq!(rows[1][0], smirnov.to_string());
        assert_eq!(rows[1][2], "Алексей Смирнов");
        assert_eq!(rows[1][4], BUILT_IN_PATHWAYS[0].name);
        assert!(rows.iter().all(|r| r.len() == 8), "{delimiter:?}: {rows:?}");
    }
}

#[test]
fn a_withdrawn_consent_stops_the_next_list() {
    let (mut d, [smirnov, formula, _]) = three_referrals();
    let consent_id = d
        .vault
        .list::<Consent>(smirnov)
        .unwrap()
        .into_iter()
        .find(|c| c.record.purpose == ConsentPurpose::GovernmentReferral)
        .unwrap()
        .id;
    let before = working_group_list(&d.vault, today(), CsvDelimiter::Comma).unwrap();
    assert_eq!(before.rows.len(), 2);
    withdraw_consent(&mut d.vault, consent_id, day("2026-12-01")).unwrap();
    let after = working_group_list(&d.vault, today(), CsvDelimiter::Comma).unwrap();
    let ids: Vec<_> = after.rows.iter().map(|r| r.case.id).collect();
    assert_eq!(ids, [formula]);
    let refusal = after
        .left_out
        .iter()
        .find(|r| r.case.id == smirnov)
        .and_then(|r| r.consent_refusal.clone());
    assert_eq!(
        refusal,
        Some(ReferralRefusal::ConsentWithdrawn {
            recipient: CANADA.into(),
            withdrawn_on: day("2026-12-01"),
        })
    );
    assert!(!String::from_utf8(after.bytes).unwrap().contains("Смирнов"));
}

#[test]
fn no_list_is_written_when_no_referral_may_be_sent() {
    let mut d = device("Office laptop");
    let empty = working_group_list(&d.vault, today(), CsvDelimiter::Comma);
    assert!(matches!(empty, Err(Error::Invalid { .. })), "{empty:?}");
    let case = person(&mut d, "Pavel Sidorov", "Павел Сидоров");
    refer(&mut d, case, ReferralPriority::Urgent);
    match working_group_list(&d.vault, today(), CsvDelimiter::Comma) {
        Err(Error::ReferralRefused(refusal)) => {
            assert_eq!(
                refusal,
                ReferralRefusal::NoConsent {
                    recipient: CANADA.into()
                }
            );
            // The words name what is missing and how to record it.
            let words = refusal.to_string();
            assert!(
                words.contains(CANADA) && words.contains("consent add"),
                "{words}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// What LibreOffice makes of the file, as HTML: the CSV import filter with the delimiter and
/// UTF-8 chosen, as a coordinator chooses them in Calc's import dialog.
fn libreoffice_html(dir: &Path, csv: &Path, delimiter: u8) -> String {
    let profile = dir.join("lo-profile");
    let out = dir.join("lo-out");
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .arg("--headless")
        .arg(format!("--infilter=CSV:{delimiter},34,76,1"))
        .args(["--convert-to", "html", "--outdir"])
        .arg(&out)
        .arg(csv)
        .output()
        .expect("soffice runs: install libreoffice-calc-nogui (scripts/setup.sh)");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    std::fs::read_to_string(out.join("list.html")).expect("LibreOffice wrote the HTML")
}

#[test]
fn libreoffice_keeps_the_cyrillic_and_shows_the_formula_as_text() {
    let (d, _) = three_referrals();
    for delimiter in CsvDelimiter::ALL.iter().copied() {
        let list = working_group_list(&d.vault, today(), delimiter).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("list.csv");
        write_new_file(&path, &list.bytes).unwrap();
        let html = libreoffice_html(dir.path(), &path, delimiter.byte());
        assert!(html.contains("Алексей Смирнов"), "{html}");
        assert!(
            html.contains(BUILT_IN_PATHWAYS[0].name),
            "cells split wrongly: {html}"
        );
        assert!(html.contains("HYPERLINK"), "{html}");
        assert!(
            !html.contains("href=\"http://x\""),
            "the formula ran: {html}"
        );
        assert!(!html.contains("sdval=\"2\""), "=1+1 was computed: {html}");
    }
}
