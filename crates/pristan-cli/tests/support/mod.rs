//! Running `pristan` as scripts do: passphrase on standard input, JSON on standard output.

#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const PASSPHRASE: &str = "maple orbit candle sixty harbor";

/// A vault made with `pristan init --fast-kdf` in a temporary folder.
pub struct TestVault {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl TestVault {
    pub fn new() -> TestVault {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("v");
        let out = run(
            &dir,
            &["init", "--passphrase-stdin", "--fast-kdf"],
            PASSPHRASE,
        );
        assert!(out.status.success(), "{}", text(&out.stderr));
        TestVault { _tmp: tmp, dir }
    }

    /// Runs a command with the passphrase on standard input.
    pub fn run(&self, args: &[&str]) -> Output {
        run(&self.dir, args, PASSPHRASE)
    }

    /// Runs a command that must succeed, and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "pristan {args:?} failed: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    }

    /// Runs a command that must succeed and print JSON.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    }

    /// Runs a command that prints `{"id": …}` and returns the id.
    pub fn id(&self, args: &[&str]) -> String {
        let value = self.json(args);
        value["id"].as_str().expect("an id").to_owned()
    }

    /// Runs a command that must fail; returns its exit code and standard error.
    pub fn fails(&self, args: &[&str], stdin: &str) -> (Option<i32>, String) {
        let out = run(&self.dir, args, stdin);
        assert!(!out.status.success(), "pristan {args:?} succeeded");
        assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
        (out.status.code(), text(&out.stderr))
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }
}

pub fn run(dir: &Path, args: &[&str], stdin_line: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pristan"))
        .arg("--vault")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pristan runs");
    let input = if stdin_line.is_empty() {
        String::new()
    } else {
        format!("{stdin_line}\n")
    };
    // A command that refuses its arguments exits before reading standard input.
    match child.stdin.take().unwrap().write_all(input.as_bytes()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.unwrap(),
    }
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
