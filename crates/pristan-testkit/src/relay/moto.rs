//! moto's S3 server (`moto_server`, from PyPI, installed in the project's `.venv` by
//! `scripts/setup.sh`) on 127.0.0.1, with a fresh bucket per test relay.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A bucket on a moto server, as the relay's `--store s3://BUCKET` with `AWS_*` variables.
#[derive(Debug, Clone)]
pub struct S3Target {
    pub endpoint: String,
    pub bucket: String,
}

impl S3Target {
    pub fn url(&self) -> String {
        format!("s3://{}", self.bucket)
    }

    /// The variables object_store reads: moto accepts any credentials, needs plain HTTP and
    /// path-style requests (object_store's default).
    pub fn env(&self) -> Vec<(String, String)> {
        [
            ("AWS_ENDPOINT", self.endpoint.as_str()),
            ("AWS_ALLOW_HTTP", "true"),
            ("AWS_ACCESS_KEY_ID", "testing"),
            ("AWS_SECRET_ACCESS_KEY", "testing"),
            ("AWS_REGION", "us-east-1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }
}

pub struct MotoServer {
    child: Child,
    port: u16,
    buckets: u32,
}

impl MotoServer {
    /// Where `moto_server` is: `$PRISTAN_MOTO_SERVER`, else the workspace's `.venv`.
    pub fn program() -> PathBuf {
        if let Some(path) = std::env::var_os("PRISTAN_MOTO_SERVER") {
            return PathBuf::from(path);
        }
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/moto_server")
    }

    /// Starts moto on a port it picks itself (port 0) and reads which from its banner, so no
    /// other test's server can take the port between choosing and binding it.
    pub fn start() -> MotoServer {
        let program = MotoServer::program();
        assert!(
            program.exists(),
            "moto_server is not installed at {}: run scripts/setup.sh",
            program.display()
        );
        let mut child = Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", program.display()));
        let stderr = child.stderr.take().expect("piped stderr");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sender = Some(sender);
            // Keep reading after the banner: moto logs every request here.
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(port) = line
                    .split("Running on http://127.0.0.1:")
                    .nth(1)
                    .and_then(|rest| rest.trim().parse::<u16>().ok())
                {
                    if let Some(sender) = sender.take() {
                        let _ = sender.send(port);
                    }
                }
            }
        });
        let port = match receiver.recv_timeout(Duration::from_secs(60)) {
            Ok(port) => port,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("moto_server did not start");
            }
        };
        let server = MotoServer {
            child,
            port,
            buckets: 0,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        server
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Creates a new, empty bucket.
    pub fn new_bucket(&mut self) -> S3Target {
        self.buckets += 1;
        let bucket = format!("pristan-relay-test-{}", self.buckets);
        let answer = self.request("PUT", &format!("/{bucket}"));
        assert!(
            answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200"),
            "moto did not create the bucket: {answer}"
        );
        S3Target {
            endpoint: self.endpoint(),
            bucket,
        }
    }

    /// The keys in a bucket (moto's ListObjectsV2 XML, read plainly).
    pub fn keys(&self, target: &S3Target) -> Vec<String> {
        let answer = self.request(
            "GET",
            &format!("/{}?list-type=2&max-keys=1000", target.bucket),
        );
        answer
            .split("<Key>")
            .skip(1)
            .filter_map(|part| part.split("</Key>").next())
            .map(str::to_owned)
            .collect()
    }

    /// One object's bytes.
    pub fn object(&self, target: &S3Target, key: &str) -> Vec<u8> {
        let answer = self.raw_request("GET", &format!("/{}/{key}", target.bucket));
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|p| p + 4)
            .unwrap_or(answer.len());
        answer[split..].to_vec()
    }

    fn request(&self, method: &str, path: &str) -> String {
        String::from_utf8_lossy(&self.raw_request(method, path)).into_owned()
    }

    fn raw_request(&self, method: &str, path: &str) -> Vec<u8> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect to moto");
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            self.port
        );
        stream.write_all(request.as_bytes()).expect("send to moto");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("read moto's answer");
        answer
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
