//! Crash consistency at scale (issue 16): a child process performs random mixed writes — new
//! cases, notes, edits, bundle imports, passphrase changes, forgets — and is killed with SIGKILL
//! at random moments. After each kill the vault must unlock (with the passphrase acknowledged
//! last, or the one being set when it was killed), pass `integrity_check` and
//! `cipher_integrity_check`, and hold every write the child acknowledged (printed on its standard
//! output after the write returned, so after its commit).
//!
//! `PRISTAN_CRASH_KILLS=1000 cargo test -p pristan-core --release --test crash_consistency`
//! runs the dedicated mode; the normal suite kills it a few times. The child is this test binary
//! run again with `CHILD_ENV` set (see `crash_child_process`).

mod crash;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

use crash::model::{Acked, Model};
use crash::world::{self, World};
use rand::Rng;

const CHILD_ENV: &str = "PRISTAN_CRASH_CHILD";
const CHILD_TEST: &str = "crash_child_process";

/// The child's side: a no-op when run as an ordinary test.
#[test]
fn crash_child_process() {
    let Ok(setup) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    crash::child::run(&setup, line.trim_end());
}

fn spawn_child(world: &World, model: &Model, seed: u64) -> (Child, BufReader<ChildStdout>) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([CHILD_TEST, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, world.child_setup(seed))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", model.passphrase_index).unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdout)
}

/// Reads protocol lines (`DO …`, `ACK …`) into the model until `acks` acknowledgements have
/// arrived or the output ends. The harness prints its own text too, so a line may carry it first.
fn read_until(stdout: &mut BufReader<ChildStdout>, model: &mut Model, acks: usize) -> usize {
    let mut seen = 0;
    let mut line = String::new();
    while seen < acks {
        line.clear();
        if stdout.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(start) = line.find("DO ").or_else(|| line.find("ACK ")) {
            let record = &line[start..];
            if model.read_line(record.trim_end()) == Some(Acked::Yes) {
                seen += 1;
            }
        }
    }
    seen
}

fn kills() -> usize {
    std::env::var("PRISTAN_CRASH_KILLS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
}

/// Every acknowledged write survives SIGKILL at any moment, across every kind of write, and the
/// database is sound after each kill.
#[test]
fn random_writes_killed_at_random_moments_lose_nothing_acknowledged() {
    let world = World::new(24);
    let mut model = Model::default();
    let mut rng = rand::rng();
    let kills = kills();
    let mut total_acks = 0;
    for run in 0..kills {
        let (mut child, mut stdout) = spawn_child(&world, &model, rng.random());
        if run % 7 == 6 {
            // Now and then while it unlocks or makes its first write.
            std::thread::sleep(Duration::from_millis(rng.random_range(0..800)));
        } else {
            let wanted = rng.random_range(1..25);
            let got = read_until(&mut stdout, &mut model, wanted);
            assert_eq!(
                got, wanted,
                "run {run}: the child stopped before it was killed"
            );
            std::thread::sleep(Duration::from_micros(rng.random_range(0..20_000)));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // What it printed before dying counts: those writes had returned.
        read_until(&mut stdout, &mut model, usize::MAX);
        total_acks += world::check(&world, &mut model, run);
        if (run + 1) % 50 == 0 {
            eprintln!(
                "crash consistency: {} kills so far, {total_acks} writes checked",
                run + 1
            );
        }
    }
    eprintln!(
        "crash consistency: {kills} kills, {total_acks} acknowledged writes checked, {} passphrase changes, {} imports, {} forgets",
        model.passphrase_index, model.imports_acked, model.forgets_acked
    );
}
