//! The `pristan` command line as scripts use it: passphrases on standard input, exit codes to
//! branch on, and a passphrase change that survives being killed at any moment.
//!
//! Modules: the vault commands first (init, status, passwd, recover), then the SIGKILL test.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Instant;

use pristan_core::{Error, Vault};
use secrecy::SecretString;

const OLD: &str = "maple orbit candle sixty harbor";
const NEW: &str = "клён орбита свеча шестьдесят гавань";

fn pristan(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pristan"));
    cmd.arg("--vault").arg(dir).args(args);
    cmd
}

fn spawn_with_stdin(mut cmd: Command, stdin: &str) -> Child {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pristan runs");
    // A command that refuses its arguments exits before reading standard input; the pipe is then
    // closed, and that is not a failure of the test.
    match child.stdin.take().unwrap().write_all(stdin.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    child
}

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    spawn_with_stdin(pristan(dir, args), stdin)
        .wait_with_output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init(dir: &Path) -> String {
    let out = run(
        dir,
        &["init", "--passphrase-stdin", "--fast-kdf"],
        &format!("{OLD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let code = stdout
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 29 && l.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("no recovery code in: {stdout}"));
    code.to_owned()
}

/// `pristan --help` is where a volunteer finds the commands: each has its own description (a doc
/// comment written above the wrong command once gave `family-card` the deadlines' text and
/// `deadlines` none).
#[test]
fn every_command_in_the_help_has_its_own_description() {
    let out = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let help = text(&out.stdout);
    let commands: Vec<(&str, &str)> = help
        .split("Commands:")
        .nth(1)
        .expect("a list of commands")
        .lines()
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .map(|line| line.trim().split_once(' ').unwrap_or((line.trim(), "")))
        .map(|(name, about)| (name, about.trim()))
        .collect();
    assert!(commands.len() > 20, "{help}");
    for (name, about) in &commands {
        assert!(!about.is_empty(), "`{name}` has no description:\n{help}");
    }
    let about = |name: &str| commands.iter().find(|(n, _)| *n == name).unwrap().1;
    assert!(
        about("family-card").starts_with("Family status cards"),
        "{help}"
    );
    assert!(
        about("deadlines").starts_with("Every computed deadline"),
        "{help}"
    );
}

#[test]
fn init_then_status_with_the_right_and_a_wrong_passphrase() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init(&dir);

    let ok = run(
        &dir,
        &["status", "--passphrase-stdin", "--json"],
        &format!("{OLD}\n"),
    );
    assert!(ok.status.success(), "{}", text(&ok.stderr));
    let json: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(json["integrity"], "ok");
    assert_eq!(json["kdf"]["m_kib"], 65536);

    let wrong = run(
        &dir,
        &["status", "--passphrase-stdin"],
        "not it at all, sorry\n",
    );
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr).contains("wrong passphrase"),
        "{}",
        text(&wrong.stderr)
    );
    assert!(wrong.stdout.is_empty());
}

#[test]
fn missing_vault_and_missing_input_give_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("none");
    let out = run(&dir, &["status", "--passphrase-stdin"], &format!("{OLD}\n"));
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("no vault"),
        "{}",
        text(&out.stderr)
    );

    let out = run(&dir, &["init", "--passphrase-stdin"], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("standard input ended"),
        "{}",
        text(&out.stderr)
    );
    assert!(!dir.exists(), "nothing is created without a passphrase");

    let weak = run(
        &dir,
        &["init", "--passphrase-stdin", "--fast-kdf"],
        "password1\n",
    );
    assert!(!weak.status.success());
    assert!(text(&weak.stderr).contains("too easy to guess"));
}

#[test]
fn passwd_and_recover_from_standard_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    let code = init(&dir);

    let out = run(
        &dir,
        &["passwd", "--passphrase-stdin", "--fast-kdf"],
        &format!("{OLD}\n{NEW}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(opens(&dir, NEW) && !opens(&dir, OLD));

    let out = run(
        &dir,
        &["recover", "--passphrase-stdin", "--fast-kdf"],
        &format!("{code}\n{OLD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(opens(&dir, OLD) && !opens(&dir, NEW));
    assert!(text(&out.stdout).contains("no longer works"));

    let again = run(
        &dir,
        &["recover", "--passphrase-stdin", "--fast-kdf"],
        &format!("{code}\n{NEW}\n"),
    );
    assert_eq!(
        again.status.code(),
        Some(2),
        "a used recovery code is refused"
    );
}

fn opens(dir: &Path, passphrase: &str) -> bool {
    match Vault::unlock(dir, &SecretString::from(passphrase.to_owned())) {
        Ok(v) => {
            v.lock().unwrap();
            true
        }
        Err(Error::WrongPassphrase { .. }) => false,
        Err(e) => panic!("neither opened nor refused: {e}"),
    }
}

// A passphrase change killed with SIGKILL at any moment leaves exactly one of the old and new
// passphrases working: the key file is replaced by an atomic rename, never rewritten in place.
#[test]
fn passwd_killed_at_any_moment_leaves_exactly_one_passphrase_working() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init(&dir);

    // How long an uninterrupted change takes here, to spread the kills across it.
    let started = Instant::now();
    let out = run(
        &dir,
        &["passwd", "--passphrase-stdin", "--fast-kdf"],
        &format!("{OLD}\n{NEW}\n"),
    );
    assert!(out.status.success());
    let full = started.elapsed();
    let (mut current, mut next) = (NEW, OLD);

    let kills = 16;
    let mut outcomes = (0, 0);
    for i in 0..kills {
        let delay = full.mul_f64(1.3 * f64::from(i) / f64::from(kills));
        let cmd = pristan(&dir, &["passwd", "--passphrase-stdin", "--fast-kdf"]);
        let mut child = spawn_with_stdin(cmd, &format!("{current}\n{next}\n"));
        std::thread::sleep(delay);
        let _ = nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(child.id() as i32),
            nix::sys::signal::Signal::SIGKILL,
        );
        let _ = child.wait();

        let old_works = opens(&dir, current);
        let new_works = opens(&dir, next);
        assert!(
            old_works ^ new_works,
            "kill {i} after {delay:?}: old {old_works}, new {new_works}"
        );
        if new_works {
            std::mem::swap(&mut current, &mut next);
            outcomes.1 += 1;
        } else {
            outcomes.0 += 1;
        }
    }
    eprintln!(
        "killed {kills} changes: {} before the rename, {} after",
        outcomes.0, outcomes.1
    );
    // After all that, an ordinary change still works.
    let out = run(
        &dir,
        &["passwd", "--passphrase-stdin", "--fast-kdf"],
        &format!("{current}\n{next}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(opens(&dir, next));
}

#[test]
fn case_add_then_search_in_cyrillic_and_by_a_number_however_typed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init(&dir);
    let add = run(
        &dir,
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--name",
            "Ivan Petrov",
            "--native-name",
            "Иван Петров",
            "--a-number",
            "12345678",
            "--json",
        ],
        &format!("{OLD}\n"),
    );
    assert!(add.status.success(), "{}", text(&add.stderr));
    let id = serde_json::from_slice::<serde_json::Value>(&add.stdout).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for query in ["Петров", "012345678", "A-012-345-678", "12345678"] {
        let out = run(
            &dir,
            &["case", "search", "--passphrase-stdin", "--json", query],
            &format!("{OLD}\n"),
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(hits.as_array().unwrap().len(), 1, "{query}: {hits}");
        assert_eq!(hits[0]["id"], id.as_str());
        assert_eq!(hits[0]["a_number"], "012345678");
        assert_eq!(hits[0]["native_name"], "Иван Петров");
    }
    let none = run(
        &dir,
        &["case", "search", "--passphrase-stdin", "--json", "Сидоров"],
        &format!("{OLD}\n"),
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&none.stdout).unwrap(),
        serde_json::json!([])
    );

    let show = run(
        &dir,
        &["case", "show", "--passphrase-stdin", &id],
        &format!("{OLD}\n"),
    );
    assert!(
        text(&show.stdout).contains("A-012-345-678"),
        "{}",
        text(&show.stdout)
    );

    // A bad A-number is refused before the vault is opened, with what to do.
    let bad = run(
        &dir,
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--name",
            "X",
            "--a-number",
            "A-12",
        ],
        &format!("{OLD}\n"),
    );
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("8 or 9 digits"),
        "{}",
        text(&bad.stderr)
    );
    let list = run(
        &dir,
        &["case", "list", "--passphrase-stdin", "--json"],
        &format!("{OLD}\n"),
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&list.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn record_fields_come_from_a_file_or_standard_input_instead_of_arguments() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("v");
    init(&dir);

    // One line of JSON first, then the passphrase.
    let out = run(
        &dir,
        &["case", "add", "--passphrase-stdin", "--fields", "-", "--json"],
        &format!("{{\"name\": \"Ivan Petrov\", \"native_name\": \"Иван Петров\", \"a_number\": \"12345678\"}}\n{OLD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let file = tmp.path().join("case.json");
    std::fs::write(
        &file,
        r#"{"name": "Olga Smirnova", "nationality": "Russia"}"#,
    )
    .unwrap();
    let out = run(
        &dir,
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--fields",
            file.to_str().unwrap(),
        ],
        &format!("{OLD}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let list = run(
        &dir,
        &["case", "list", "--passphrase-stdin", "--json"],
        &format!("{OLD}\n"),
    );
    let listed = text(&list.stdout);
    assert!(
        listed.contains("Иван Петров") && listed.contains("Olga Smirnova"),
        "{listed}"
    );
    assert!(
        listed.contains("012345678") || listed.contains("12345678"),
        "{listed}"
    );

    // A mistake in the JSON is named by position, never by quoting what the person typed.
    std::fs::write(&file, r#"{"name": "Secret Person" "nationality"}"#).unwrap();
    let out = run(
        &dir,
        &[
            "case",
            "add",
            "--passphrase-stdin",
            "--fields",
            file.to_str().unwrap(),
        ],
        &format!("{OLD}\n"),
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("not valid JSON") && !err.contains("Secret"),
        "{err}"
    );
}
