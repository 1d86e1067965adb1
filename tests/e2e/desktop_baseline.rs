//! The desktop app's floor (issue 15, docs/benchmarks.md "Baselines"): Pristan's cold start to an
//! interactive unlock screen, and its resident memory with the standard vault unlocked, each
//! against the empty app (benches/empty-app: a Tauri 2 shell and a Yew page with one passphrase
//! field and a button) built the same way and measured the same way in the same run.
//!
//! Both apps are launched through WebDriver (tauri-driver, WebKitWebDriver) under Xvfb, each in a
//! fresh home folder, in alternating order after one launch of each that is not counted. Cold
//! start is the time from the WebDriver session request (which launches the app) until
//! `#unlock-passphrase` exists and holds a typed character. Memory is VmRSS of the shell process,
//! and separately of WebKit's web process, 3 s after the unlock button was answered (Pristan: the
//! dashboard of the standard vault is shown; the empty app: its command answered). Prints the
//! figures and writes them as JSON to `PRISTAN_BENCH_OUT`, which `pristan bench --all` reads.
//!
//! Cold start is also split into where it goes, from the page's own clock (`PAGE_PHASES`, read
//! once the field holds its character): until the page's clock starts (the shell and WebKit
//! starting), until the page's document arrived, until the wasm arrived, and from there until the
//! field took its character (compiling and starting the wasm, the first render and the first
//! calls to the shell). Pristan's interface also marks its own steps on that clock
//! (`ui/src/startup_marks.rs`); the time to each is reported as `cold_start_marks_ms`.
//!
//! A measurement, not a check: it runs only when `PRISTAN_BENCH_DESKTOP=1` (set by
//! scripts/bench-desktop.sh, which builds both apps in release and copies the vault), and returns
//! at once otherwise, so the end-to-end suite does not pay for it. It asserts no time.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

const SETTLE: Duration = Duration::from_secs(3);
const PATIENCE: Duration = Duration::from_secs(120);

/// The parts of cold start, in order; they add up to it.
const PHASES: [&str; 4] = [
    "until_page_clock",
    "page_document",
    "wasm_fetched",
    "wasm_to_interactive",
];

/// Returns, in the page's milliseconds since its time origin: when its document's response
/// ended, when the wasm's response ended (resource timing; the document's time if the wasm has no
/// entry, and WebKitGTK records none for a fetch through Tauri's custom protocol: `wasm_fetched`
/// is then 0 and fetching the wasm is part of `wasm_to_interactive`), and now.
///
/// Also returns the interface's own marks (`ui/src/startup_marks.rs`, `pristan:` names; the empty
/// app has none), each as its name and time, in the order they were made.
const PAGE_PHASES: &str = "
    const nav = performance.getEntriesByType('navigation')[0];
    const wasm = performance.getEntriesByType('resource').find(e => e.name.includes('.wasm'));
    const doc = nav ? nav.responseEnd : 0;
    const marks = performance.getEntriesByType('mark')
        .filter(m => m.name.startsWith('pristan:'))
        .map(m => [m.name, m.startTime]);
    return [[doc, wasm ? wasm.responseEnd : doc, performance.now()], marks];
";

/// The part of cold start after the interface's last mark: finding the field and typing in it.
const AFTER_LAST_MARK: &str = "after_last_mark";

/// One app under measurement.
struct Subject {
    name: &'static str,
    binary: PathBuf,
    args: Vec<String>,
    /// What shows once the unlock button was answered.
    after_unlock: &'static str,
    passphrase: String,
}

/// One launch's figures.
#[derive(Default)]
struct Sample {
    cold_start_ms: Vec<f64>,
    /// Each of `PHASES`, in the same launches as `cold_start_ms`.
    phases_ms: [Vec<f64>; PHASES.len()],
    /// Time from the previous point (the document, else the mark before) to each of the
    /// interface's marks, then `AFTER_LAST_MARK`: the same launches, in the order first seen.
    marks_ms: Vec<(String, Vec<f64>)>,
    shell_rss_mib: Vec<f64>,
    web_rss_mib: Vec<f64>,
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a measurement: scripts/bench-desktop.sh runs it (PRISTAN_BENCH_DESKTOP=1)"]
async fn desktop_cold_start_and_memory_against_an_empty_app() {
    if std::env::var_os("PRISTAN_BENCH_DESKTOP").is_none_or(|v| v != "1") {
        eprintln!("desktop_baseline: skipped (scripts/bench-desktop.sh runs it)");
        return;
    }
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| panic!("{name} is not set"));
    let runs: usize = std::env::var("PRISTAN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let subjects = [
        Subject {
            name: "pristan",
            binary: PathBuf::from(var("PRISTAN_BENCH_APP")),
            args: vec!["--vault".to_owned(), var("PRISTAN_BENCH_VAULT")],
            after_unlock: "#dashboard",
            passphrase: "demo vault only — not for real cases".to_owned(),
        },
        Subject {
            name: "empty",
            binary: PathBuf::from(var("PRISTAN_BENCH_EMPTY_APP")),
            args: Vec::new(),
            after_unlock: "#unlock-answer",
            passphrase: "demo vault only — not for real cases".to_owned(),
        },
    ];
    let load_before = load_average();
    let mut samples = [Sample::default(), Sample::default()];
    // One launch of each first, not counted: the first launch reads the binaries and libraries
    // from disk, and the first unlock of a copied vault moves it to a new device identity.
    for subject in &subjects {
        measure_once(subject, &mut Sample::default()).await;
        eprintln!("desktop_baseline: warm-up of {} done", subject.name);
    }
    for run in 0..runs {
        let order = if run.is_multiple_of(2) {
            [0, 1]
        } else {
            [1, 0]
        };
        for i in order {
            measure_once(&subjects[i], &mut samples[i]).await;
        }
        eprintln!("desktop_baseline: run {} of {runs} done", run + 1);
    }
    let summary = |s: &Sample| {
        serde_json::json!({
            "cold_start_ms": stats(&s.cold_start_ms),
            "cold_start_phases_ms": PHASES
                .iter()
                .zip(&s.phases_ms)
                .map(|(name, values)| (name.to_string(), stats(values)))
                .collect::<serde_json::Map<_, _>>(),
            "cold_start_marks_ms": s
                .marks_ms
                .iter()
                .map(|(name, values)| (name.clone(), stats(values)))
                .collect::<serde_json::Map<_, _>>(),
            "shell_rss_mib": stats(&s.shell_rss_mib),
            "web_rss_mib": stats(&s.web_rss_mib),
        })
    };
    let result = serde_json::json!({
        "when": chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
        "runs": runs,
        "load_before": load_before,
        "load_after": load_average(),
        "pristan": summary(&samples[0]),
        "empty": summary(&samples[1]),
    });
    let text = serde_json::to_string_pretty(&result).unwrap();
    println!("{text}");
    if let Ok(out) = std::env::var("PRISTAN_BENCH_OUT") {
        std::fs::write(&out, text + "\n").unwrap_or_else(|e| panic!("writing {out}: {e}"));
    }
}

/// Launches `subject` in a fresh home folder, times it to an interactive unlock field, unlocks,
/// reads the memory of its processes, and closes it.
async fn measure_once(subject: &Subject, sample: &mut Sample) {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("tmp")).unwrap();
    let (port, native_port) = (free_port(), free_port());
    let mut driver = Command::new(tauri_driver())
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join(".config"))
        .env("XDG_DATA_HOME", home.path().join(".local/share"))
        .env("XDG_CACHE_HOME", home.path().join(".cache"))
        .env("XDG_STATE_HOME", home.path().join(".local/state"))
        .env("TMPDIR", home.path().join("tmp"))
        .env("LANG", "C.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tauri-driver runs (scripts/setup.sh installs it)");
    wait_for_port(port);

    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        serde_json::json!({ "application": subject.binary, "args": subject.args }),
    );
    let started = Instant::now();
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("WebDriver session starts");
    let field = wait_for(&client, "#unlock-passphrase").await;
    field.send_keys("x").await.unwrap();
    loop {
        if field.prop("value").await.unwrap().as_deref() == Some("x") {
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "{}: the field never took a key",
            subject.name
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let cold_start = started.elapsed().as_secs_f64() * 1000.0;
    sample.cold_start_ms.push(cold_start);
    let (page, marks): (Vec<f64>, Vec<(String, f64)>) = client
        .execute(PAGE_PHASES, Vec::new())
        .await
        .ok()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    if let [document, wasm, now] = page[..] {
        // The page's clock started this long after the session was asked for (an upper bound:
        // the script's own round trip is in it).
        let origin = started.elapsed().as_secs_f64() * 1000.0 - now;
        record_marks(sample, document, &marks, cold_start - origin);
        let phases = [
            origin,
            document,
            wasm - document,
            cold_start - origin - wasm,
        ];
        for (values, phase) in sample.phases_ms.iter_mut().zip(phases) {
            values.push(phase);
        }
    }

    field.clear().await.unwrap();
    field.send_keys(&subject.passphrase).await.unwrap();
    let button = wait_for(&client, "#unlock-submit").await;
    while !button.is_enabled().await.unwrap_or(false) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    button.click().await.unwrap();
    wait_for(&client, subject.after_unlock).await;
    tokio::time::sleep(SETTLE).await;
    let shell = processes(home.path(), |_, exe| exe == subject.binary.as_path());
    let web = processes(home.path(), |cmdline, _| {
        cmdline.contains("WebKitWebProcess")
    });
    assert!(
        !shell.is_empty(),
        "{}: no shell process found",
        subject.name
    );
    assert!(!web.is_empty(), "{}: no web process found", subject.name);
    sample.shell_rss_mib.push(rss_mib(&shell));
    sample.web_rss_mib.push(rss_mib(&web));

    let _ = client.close().await;
    let pid = nix::unistd::Pid::from_raw(driver.id() as i32);
    let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM);
    let _ = driver.wait();
    // The app ends with its session; wait for it so the next launch starts alone.
    for _ in 0..100 {
        if processes(home.path(), |_, exe| exe == subject.binary.as_path()).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_for(client: &Client, css: &str) -> fantoccini::elements::Element {
    let started = Instant::now();
    loop {
        if let Ok(element) = client.find(Locator::Css(css)).await {
            return element;
        }
        assert!(started.elapsed() < PATIENCE, "{css} did not appear");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// The processes started with `home` as their home folder that `wanted(cmdline, exe)` picks.
fn processes(home: &Path, wanted: impl Fn(&str, &Path) -> bool) -> Vec<u32> {
    let marker = format!("HOME={}", home.display());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
        let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
        if !wanted(&cmdline, &exe) {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        if environ.split(|&b| b == 0).any(|v| v == marker.as_bytes()) {
            pids.push(pid);
        }
    }
    pids
}

/// The sum of VmRSS of `pids`, in MiB.
fn rss_mib(pids: &[u32]) -> f64 {
    let kib: u64 = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .filter_map(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?.to_owned();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        })
        .sum();
    kib as f64 / 1024.0
}

/// Median, least and most, and every value, of one figure.
fn stats(values: &[f64]) -> serde_json::Value {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = match sorted.len() {
        0 => f64::NAN,
        n if !n.is_multiple_of(2) => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    serde_json::json!({
        "median": median,
        "min": sorted.first(),
        "max": sorted.last(),
        "values": values,
    })
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|t| t.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn tauri_driver() -> PathBuf {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    for _ in 0..200 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("tauri-driver did not listen on 127.0.0.1:{port}");
}

/// Adds one launch's marks to `sample`: each as the time since the point before it (the page's
/// document for the first), the first of each name only, then the rest of the cold start
/// (`end`, on the page's clock) as `AFTER_LAST_MARK`.
fn record_marks(sample: &mut Sample, document: f64, marks: &[(String, f64)], end: f64) {
    if marks.is_empty() {
        return;
    }
    let mut seen = std::collections::HashSet::new();
    let mut previous = document;
    let mut intervals = Vec::new();
    for (name, at) in marks.iter().filter(|(name, _)| seen.insert(name.as_str())) {
        intervals.push((
            name.trim_start_matches("pristan:").to_owned(),
            at - previous,
        ));
        previous = *at;
    }
    intervals.push((AFTER_LAST_MARK.to_owned(), end - previous));
    for (name, interval) in intervals {
        match sample.marks_ms.iter_mut().find(|(known, _)| *known == name) {
            Some((_, values)) => values.push(interval),
            None => sample.marks_ms.push((name, vec![interval])),
        }
    }
}
