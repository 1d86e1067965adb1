//! What Pristan prints, at the most verbose settings there are (`RUST_LOG=trace`,
//! `RUST_BACKTRACE=full`; Pristan has no logging framework, so this is everything it writes):
//! no error, progress or warning line holds a passphrase, the recovery code, the database key or
//! case text (docs/SECURITY.md §9). Standard output may show case data a command was asked for
//! (a list, a search); it is scanned for key material only.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use secrecy::{ExposeSecret, SecretString};

const PASSPHRASE: &str = "Velvet-Otter-Carousel-4417 tundra";
const NAME: &str = "Radomir Kestrelovich";
const NOTE: &str = "LOGCANARY-5e1d asked about his daughter in Rostov";

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--vault")
        .arg(dir)
        .args(args)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "full")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn at_the_most_verbose_settings_no_output_holds_a_canary_or_key_material() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let p = format!("{PASSPHRASE}\n");
    let mut outputs = Vec::new();
    let init = run(&dir, &["init", "--passphrase-stdin", "--fast-kdf"], &p);
    assert!(init.status.success());
    let init_out = String::from_utf8_lossy(&init.stdout).into_owned();
    let code = init_out
        .split_whitespace()
        .find(|w| w.len() == 29 && w.matches('-').count() == 4)
        .expect("the recovery code is shown once")
        .to_owned();
    outputs.push((
        "init",
        Output {
            stdout: Vec::new(),
            ..init
        },
    ));

    let fields = format!("{{\"name\": \"{NAME}\"}}\n{PASSPHRASE}\n");
    let case = run(
        &dir,
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--fields",
            "-",
            "--json",
        ],
        &fields,
    );
    assert!(
        case.status.success(),
        "{}",
        String::from_utf8_lossy(&case.stderr)
    );
    let case_id: serde_json::Value = serde_json::from_slice(&case.stdout).unwrap();
    let case_id = case_id["id"].as_str().unwrap().to_owned();
    outputs.push(("case add", case));
    let note = format!("{{\"text\": \"{NOTE}\"}}\n{PASSPHRASE}\n");
    let added = run(
        &dir,
        &[
            "note",
            "add",
            "--passphrase-stdin",
            "--case",
            &case_id,
            "--kind",
            "welfare",
            "--fields",
            "-",
        ],
        &note,
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    outputs.push(("note add", added));
    for args in [
        vec!["case", "search", "--passphrase-stdin", "daughter"],
        vec!["status", "--passphrase-stdin"],
        vec![
            "backup",
            "--passphrase-stdin",
            "--to",
            tmp.path().to_str().unwrap(),
        ],
        vec!["unlock-policy"],
    ] {
        outputs.push(("command", run(&dir, &args, &p)));
    }
    // Mistakes and refusals: a wrong passphrase, bad JSON holding the name, a missing case.
    outputs.push((
        "wrong passphrase",
        run(
            &dir,
            &["status", "--passphrase-stdin"],
            "Wrong horse battery staple\n",
        ),
    ));
    let bad = format!("{{\"name\": \"{NAME}\" \"x\"}}\n{PASSPHRASE}\n");
    outputs.push((
        "bad JSON",
        run(
            &dir,
            &["case", "add", "--passphrase-stdin", "--fields", "-"],
            &bad,
        ),
    ));
    outputs.push((
        "no such case",
        run(
            &dir,
            &[
                "note",
                "add",
                "--passphrase-stdin",
                "--case",
                "00000000000000000000000000000000",
                "--kind",
                "welfare",
                "--text",
                "x",
            ],
            &p,
        ),
    ));
    outputs.push((
        "duress refused",
        run(&dir, &["duress", "--confirm", NAME], ""),
    ));

    let dek = pristan_core::vault::export_raw_key(&dir, &SecretString::from(PASSPHRASE.to_owned()))
        .unwrap();
    let key_material = [
        PASSPHRASE.to_owned(),
        dek.expose_secret().to_owned(),
        dek.expose_secret()[..16].to_owned(),
        dek.expose_secret()[..16].to_uppercase(),
        code.clone(),
        code.replace('-', ""),
    ];
    let case_data = [
        NAME.to_owned(),
        "Kestrelovich".to_owned(),
        NOTE.to_owned(),
        "LOGCANARY".to_owned(),
    ];
    for (what, out) in &outputs {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let stdout = String::from_utf8_lossy(&out.stdout);
        for needle in key_material.iter().chain(&case_data) {
            assert!(
                !stderr.contains(needle.as_str()),
                "{what}: standard error holds {needle:?}: {stderr}"
            );
        }
        for needle in &key_material {
            assert!(
                !stdout.contains(needle.as_str()),
                "{what}: standard output holds key material"
            );
        }
    }
    // The scan is not vacuous: the search printed the note's words on standard output.
    assert!(outputs
        .iter()
        .any(|(_, o)| String::from_utf8_lossy(&o.stdout).contains("LOGCANARY")));
}
