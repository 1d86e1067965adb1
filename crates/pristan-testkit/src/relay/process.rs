//! The relay process: started, read, killed, restarted.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use tempfile::TempDir;

use super::moto::S3Target;

/// Where the relay keeps bundles.
#[derive(Debug, Clone, Default)]
pub enum RelayStore {
    /// A folder inside the relay's temporary directory.
    #[default]
    Local,
    /// A bucket on a [`super::MotoServer`].
    S3(S3Target),
}

/// How to start the relay.
#[derive(Debug, Clone)]
pub struct RelayOptions {
    pub store: RelayStore,
    /// More flags, e.g. `["--max-bundle-mib", "1", "--quota-mib", "2"]`.
    pub extra_args: Vec<String>,
    /// `--log-level`; trace by default, so tests see (and canary-scan) everything it logs.
    pub log_level: String,
}

impl Default for RelayOptions {
    fn default() -> Self {
        RelayOptions {
            store: RelayStore::Local,
            extra_args: Vec::new(),
            log_level: "trace".into(),
        }
    }
}

/// A relay process on 127.0.0.1, killed when dropped. Its stderr (the log) is kept in a file
/// that survives restarts, for canary scans.
pub struct TestRelay {
    program: PathBuf,
    prefix_args: Vec<String>,
    options: RelayOptions,
    dir: TempDir,
    child: Option<Child>,
    addr: Option<SocketAddr>,
    scheme: &'static str,
}

const START_TIMEOUT: Duration = Duration::from_secs(60);

impl TestRelay {
    /// Starts `program` (the path of `pristan` — `env!("CARGO_BIN_EXE_pristan")` in the CLI's
    /// tests — or of `pristan-relay`) with a local store, for the organisation whose public
    /// signing key is `org_public_key_hex`.
    pub fn start(program: impl AsRef<Path>, org_public_key_hex: &str) -> TestRelay {
        TestRelay::start_with(program, org_public_key_hex, RelayOptions::default())
    }

    pub fn start_with(
        program: impl AsRef<Path>,
        org_public_key_hex: &str,
        options: RelayOptions,
    ) -> TestRelay {
        let program = program.as_ref().to_path_buf();
        assert!(
            program.exists(),
            "no relay binary at {}: build it (cargo build -p pristan-cli)",
            program.display()
        );
        let is_relay_alone = program
            .file_stem()
            .is_some_and(|stem| stem.to_string_lossy().starts_with("pristan-relay"));
        let prefix_args = if is_relay_alone {
            Vec::new()
        } else {
            vec!["relay".to_owned(), "serve".to_owned()]
        };
        let dir = tempfile::tempdir().expect("a temporary folder for the relay");
        std::fs::write(
            dir.path().join("org.pub"),
            format!("{org_public_key_hex}\n"),
        )
        .expect("write the organisation key file");
        std::fs::create_dir_all(dir.path().join("store")).expect("create the store folder");
        let mut relay = TestRelay {
            program,
            prefix_args,
            options,
            dir,
            child: None,
            addr: None,
            scheme: "http",
        };
        relay.launch(SocketAddr::from(([127, 0, 0, 1], 0)));
        relay
    }

    /// Finds a relay binary for a crate whose tests cannot name one with `CARGO_BIN_EXE_*`:
    /// `$PRISTAN_RELAY_BIN`, else `pristan` or `pristan-relay` beside the test's own target
    /// folder. Build it first (`cargo build -p pristan-cli`): a stale one is not rebuilt.
    pub fn find_binary() -> PathBuf {
        if let Some(path) = std::env::var_os("PRISTAN_RELAY_BIN") {
            return PathBuf::from(path);
        }
        let exe = std::env::current_exe().expect("the test's own path");
        for dir in exe.ancestors().skip(1).take(3) {
            for name in ["pristan", "pristan-relay"] {
                let candidate = dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
                if candidate.is_file() {
                    return candidate;
                }
            }
        }
        panic!("no relay binary found: run `cargo build -p pristan-cli` or set PRISTAN_RELAY_BIN");
    }

    /// `http://127.0.0.1:PORT` (`https://` when started with `--tls-cert`).
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr())
    }

    /// The relay process's id while it runs (to read its memory use, say).
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr.expect("the relay has been started")
    }

    /// The store folder (empty for an S3 store).
    pub fn store_dir(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// Everything the relay wrote to stderr, over all its runs.
    pub fn log_path(&self) -> PathBuf {
        self.dir.path().join("relay.log")
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    pub fn is_running(&mut self) -> bool {
        match &mut self.child {
            Some(child) => matches!(child.try_wait(), Ok(None)),
            None => false,
        }
    }

    /// Kills the relay with SIGKILL, as a crash or power cut would, and waits for it to go.
    pub fn kill9(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the relay again on the same store and port (killing it first if it still runs).
    pub fn restart(&mut self) {
        self.kill9();
        let addr = self.addr();
        // The port was just freed: a new listener may need a moment to get it.
        for _ in 0..100 {
            if self.try_launch(addr).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "the relay could not listen on {addr} again:\n{}",
            self.log()
        );
    }

    fn launch(&mut self, addr: SocketAddr) {
        if let Err(message) = self.try_launch(addr) {
            panic!("{message}");
        }
    }

    fn try_launch(&mut self, addr: SocketAddr) -> Result<(), String> {
        let log = File::options()
            .create(true)
            .append(true)
            .open(self.log_path())
            .map_err(|e| format!("open the relay log: {e}"))?;
        let mut command = Command::new(&self.program);
        command
            .args(&self.prefix_args)
            .arg("--listen")
            .arg(addr.to_string())
            .arg("--org-key")
            .arg(self.dir.path().join("org.pub"))
            .arg("--log-level")
            .arg(&self.options.log_level)
            .args(&self.options.extra_args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        match &self.options.store {
            RelayStore::Local => {
                command.arg("--store").arg(self.store_dir());
            }
            RelayStore::S3(target) => {
                command.arg("--store").arg(target.url());
                command.envs(target.env());
            }
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("start {}: {e}", self.program.display()))?;
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(Result::ok);
            let _ = sender.send(first);
            // Keep reading so the relay never blocks on a full pipe.
            for _ in lines {}
        });
        let line = match receiver.recv_timeout(START_TIMEOUT) {
            Ok(Some(line)) => line,
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("the relay did not start:\n{}", self.log()));
            }
        };
        let (scheme, rest) = if let Some(rest) = line.strip_prefix("listening on https://") {
            ("https", rest)
        } else if let Some(rest) = line.strip_prefix("listening on http://") {
            ("http", rest)
        } else {
            return Err(format!("unexpected first line from the relay: {line}"));
        };
        let bound = rest
            .trim()
            .parse::<SocketAddr>()
            .map_err(|_| format!("unexpected first line from the relay: {line}"))?;
        self.addr = Some(bound);
        self.scheme = scheme;
        self.child = Some(child);
        Ok(())
    }
}

impl Drop for TestRelay {
    fn drop(&mut self) {
        self.kill9();
    }
}
