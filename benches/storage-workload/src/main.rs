//! The storage workload (issue 15): the vault's own schema, filled and then written and searched
//! with the statements the vault runs, timed per operation. Built twice, against plain SQLite
//! (`--features plain`) and against SQLCipher (`--features sqlcipher`), so that `pristan bench
//! --all` can show the cost of encryption as a ratio measured in the same run. The SQLCipher build
//! opens its database with the vault's pragmas (`pristan-core/src/vault/database.rs`), with
//! `cipher_memory_security` ON as the vault does, or OFF (`--memory-security off`) to price it.
//!
//! Prints one JSON object a line on standard output: the build, then one per operation kind.

mod apply;
mod schema;
mod search;
mod text;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

#[cfg(all(feature = "plain", feature = "sqlcipher"))]
compile_error!(
    "build with exactly one of the features plain and sqlcipher (separate target folders)"
);
#[cfg(not(any(feature = "plain", feature = "sqlcipher")))]
compile_error!("build with --features plain or --features sqlcipher");

const USAGE: &str = "storage-workload --db FILE [--migrations DIR] [--memory-security on|off]
    [--cases N] [--notes N] [--batch N] [--inserts N] [--updates N] [--search-runs N]";

struct Options {
    db: PathBuf,
    migrations: PathBuf,
    memory_security: bool,
    cases: usize,
    notes: usize,
    batch: usize,
    inserts: usize,
    updates: usize,
    search_runs: usize,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("storage-workload: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let o = options()?;
    if o.db.exists() {
        return Err(format!("{} exists: give a new file", o.db.display()));
    }
    let mut conn = open(&o).map_err(|e| format!("opening {}: {e}", o.db.display()))?;
    schema::apply(&mut conn, &o.migrations)?;
    let sqlite: String = conn
        .query_row("SELECT sqlite_version()", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    println!(
        "{{\"kind\":\"build\",\"build\":\"{}\",\"memory_security\":{},\"sqlite\":\"{sqlite}\",\"cipher\":\"{}\"}}",
        if cfg!(feature = "plain") { "plain" } else { "sqlcipher" },
        cfg!(feature = "sqlcipher") && o.memory_security,
        cipher_version(&conn),
    );
    workload(&mut conn, &o).map_err(|e| e.to_string())?;
    drop(conn);
    let bytes: u64 = ["", "-wal"]
        .iter()
        .filter_map(|s| std::fs::metadata(format!("{}{s}", o.db.display())).ok())
        .map(|m| m.len())
        .sum();
    println!("{{\"kind\":\"size\",\"bytes\":{bytes}}}");
    Ok(())
}

fn workload(conn: &mut Connection, o: &Options) -> rusqlite::Result<()> {
    let mut rng = text::Rng::new(15);
    let mut writer = apply::Writer::new(rng.id());
    // (case id, Latin name, Cyrillic name), and the notes not yet corrected.
    let mut cases: Vec<(String, String, String)> = Vec::new();
    let mut notes: Vec<(String, usize)> = Vec::new();

    // Fill: cases and their notes, as a coordinator's import applies them, `batch` a transaction.
    let per_case = o.notes / o.cases.max(1);
    let mut pending: Vec<(usize, Option<String>)> = Vec::new();
    for c in 0..o.cases {
        pending.push((c, None));
        let extra = usize::from(c < o.notes % o.cases.max(1));
        for _ in 0..per_case + extra {
            pending.push((c, Some(rng.id())));
        }
    }
    let mut timer = Timer::new("fill");
    for chunk in pending.chunks(o.batch.max(1)) {
        let started = Instant::now();
        let tx = conn.transaction()?;
        for (c, note) in chunk {
            match note {
                None => {
                    let id = rng.id();
                    let (latin, cyrillic) = text::person(&mut rng);
                    let a_number = format!("{:09}", 200_000_000 + *c);
                    apply::add_case(
                        &tx,
                        &mut writer,
                        &id,
                        &[
                            ("name", &latin),
                            ("native_name", &cyrillic),
                            ("a_number", &a_number),
                            ("nationality", "Russia"),
                        ],
                    )?;
                    cases.push((id, latin, cyrillic));
                }
                Some(id) => {
                    let (case_id, latin, cyrillic) = &cases[*c];
                    let text = text::note(&mut rng, (first(latin), first(cyrillic)));
                    apply::save_note(&tx, &mut writer, id, case_id, &text, None)?;
                    notes.push((id.clone(), *c));
                }
            }
        }
        tx.commit()?;
        timer.add(started.elapsed(), chunk.len());
    }
    timer.print();

    // Saving one note, its own transaction (a volunteer finishing a write-up).
    let mut timer = Timer::new("insert");
    for _ in 0..o.inserts {
        let c = rng.below(cases.len());
        let (case_id, latin, cyrillic) = &cases[c];
        let text = text::note(&mut rng, (first(latin), first(cyrillic)));
        let id = rng.id();
        let started = Instant::now();
        let tx = conn.transaction()?;
        apply::save_note(&tx, &mut writer, &id, case_id, &text, None)?;
        tx.commit()?;
        timer.add(started.elapsed(), 1);
    }
    timer.print();

    // Correcting a note: a new revision replaces it (its search entry moves), own transaction.
    let mut timer = Timer::new("update");
    for _ in 0..o.updates.min(notes.len()) {
        let (old, c) = notes.swap_remove(rng.below(notes.len()));
        let (case_id, latin, cyrillic) = &cases[c];
        let text = text::note(&mut rng, (first(latin), first(cyrillic)));
        let id = rng.id();
        let started = Instant::now();
        let tx = conn.transaction()?;
        apply::save_note(&tx, &mut writer, &id, case_id, &text, Some(&old))?;
        tx.commit()?;
        timer.add(started.elapsed(), 1);
    }
    timer.print();

    // Searches, round robin so that every kind sees the same machine.
    let mut all = Timer::new("search");
    let mut each: Vec<Timer> = text::SEARCHES
        .iter()
        .map(|q| Timer::without_cpu(&format!("search:{q}")))
        .collect();
    for _ in 0..o.search_runs {
        for (typed, timer) in text::SEARCHES.iter().zip(each.iter_mut()) {
            let started = Instant::now();
            let found = search::search(conn, typed)?;
            let took = started.elapsed();
            timer.add(took, 1);
            timer.found = found.len();
            all.add(took, 1);
        }
    }
    all.print();
    for timer in &each {
        timer.print();
    }
    Ok(())
}

fn first(name: &str) -> &str {
    name.split(' ').next().unwrap_or(name)
}

/// Wall time of each operation (or batch) of one kind, and the process's CPU time meanwhile.
struct Timer {
    kind: String,
    times: Vec<Duration>,
    ops: usize,
    found: usize,
    cpu_start: Option<u64>,
}

impl Timer {
    fn new(kind: &str) -> Timer {
        Timer {
            kind: kind.to_owned(),
            times: Vec::new(),
            ops: 0,
            found: 0,
            cpu_start: cpu_ns(),
        }
    }

    /// A timer of one search among several run in turn: its CPU time is not told apart.
    fn without_cpu(kind: &str) -> Timer {
        Timer {
            cpu_start: None,
            ..Timer::new(kind)
        }
    }

    fn add(&mut self, took: Duration, ops: usize) {
        self.times.push(took);
        self.ops += ops;
    }

    fn print(&self) {
        let mut sorted = self.times.clone();
        sorted.sort();
        let pick = |p: usize| -> f64 {
            if sorted.is_empty() {
                return 0.0;
            }
            let i = ((sorted.len() * p).div_ceil(100)).clamp(1, sorted.len()) - 1;
            sorted[i].as_secs_f64() * 1000.0
        };
        let total: f64 = self.times.iter().map(Duration::as_secs_f64).sum();
        let cpu = match (self.cpu_start, cpu_ns()) {
            (Some(a), Some(b)) => format!("{:.3}", (b - a) as f64 / 1e9),
            _ => "null".to_owned(),
        };
        println!(
            "{{\"kind\":\"{}\",\"count\":{},\"ops\":{},\"p50_ms\":{:.3},\"p95_ms\":{:.3},\"p99_ms\":{:.3},\"total_s\":{total:.3},\"ops_per_s\":{:.1},\"cpu_s\":{cpu},\"found\":{}}}",
            self.kind.replace('"', ""),
            self.times.len(),
            self.ops,
            pick(50),
            pick(95),
            pick(99),
            if total > 0.0 { self.ops as f64 / total } else { 0.0 },
            self.found,
        );
    }
}

/// The CPU time this (single-threaded) process has used, user and system, in nanoseconds.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// Opens the workload's own scratch database (never a vault) with the pragmas
/// `vault/database.rs` sets, in its order.
#[allow(unused_variables, clippy::disallowed_methods)]
fn open(o: &Options) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(&o.db, flags)?;
    #[cfg(feature = "sqlcipher")]
    {
        // As the vault: a raw 32-byte key (no SQLCipher KDF), then its cipher pragmas.
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\";", random_hex(32)))?;
        conn.execute_batch(&format!(
            "PRAGMA cipher_compatibility = 4;
             PRAGMA cipher_memory_security = {};",
            if o.memory_security { "ON" } else { "OFF" }
        ))?;
    }
    conn.execute_batch("PRAGMA temp_store = MEMORY;")?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;",
    )?;
    conn.set_prepared_statement_cache_capacity(96);
    Ok(conn)
}

fn cipher_version(conn: &Connection) -> String {
    conn.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0))
        .unwrap_or_default()
}

#[cfg(feature = "sqlcipher")]
fn random_hex(bytes: usize) -> String {
    use std::io::Read;
    let mut key = vec![0u8; bytes];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut key))
        .expect("/dev/urandom is readable");
    key.iter().map(|b| format!("{b:02x}")).collect()
}

fn options() -> Result<Options, String> {
    let mut o = Options {
        db: PathBuf::new(),
        migrations: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../crates/pristan-core/src/vault/migrations"
        )),
        memory_security: true,
        cases: 1000,
        notes: 50_000,
        batch: 500,
        inserts: 300,
        updates: 300,
        search_runs: 20,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        let number = |v: String| {
            v.parse::<usize>()
                .map_err(|_| format!("{flag}: {v} is not a number"))
        };
        match flag.as_str() {
            "--db" => o.db = PathBuf::from(value()?),
            "--migrations" => o.migrations = PathBuf::from(value()?),
            "--memory-security" => {
                o.memory_security = match value()?.as_str() {
                    "on" => true,
                    "off" => false,
                    other => return Err(format!("--memory-security on or off, not {other}")),
                }
            }
            "--cases" => o.cases = number(value()?)?.max(1),
            "--notes" => o.notes = number(value()?)?,
            "--batch" => o.batch = number(value()?)?,
            "--inserts" => o.inserts = number(value()?)?,
            "--updates" => o.updates = number(value()?)?,
            "--search-runs" => o.search_runs = number(value()?)?,
            _ => return Err(USAGE.to_owned()),
        }
    }
    if o.db.as_os_str().is_empty() {
        return Err(USAGE.to_owned());
    }
    Ok(o)
}
