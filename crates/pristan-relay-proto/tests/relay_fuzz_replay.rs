//! Replays every fuzzing input checked in for the relay targets (`fuzz/corpus/relay_*/` and the
//! crash vectors in `fuzz/regressions/relay_*/`) through the same entry points the fuzz targets
//! call (`pristan_relay_proto::fuzzing`), on stable, in the normal test suite.

use std::fs;
use std::path::{Path, PathBuf};

use pristan_relay_proto::fuzzing::{seeds, TARGETS};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a readable folder entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// The seeds made by the real writers are checked in (`PRISTAN_WRITE_FUZZ_SEEDS=1` writes the
/// missing ones), and each target has a cargo-fuzz file that calls this crate's body.
#[test]
fn corpus_holds_the_seeds_and_each_target_has_its_fuzz_file() {
    let write = std::env::var_os("PRISTAN_WRITE_FUZZ_SEEDS").is_some();
    for (target, name, bytes) in seeds() {
        let dir = fuzz_dir().join("corpus").join(target);
        let path = dir.join(format!("seed-{name}"));
        if write && !path.exists() {
            fs::create_dir_all(&dir).expect("corpus folder");
            fs::write(&path, &bytes).expect("seed written");
        }
        assert!(path.is_file(), "missing seed {}", path.display());
    }
    for (name, _) in TARGETS {
        let file = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        let text = fs::read_to_string(&file).expect("the fuzz target's file");
        assert!(text.contains(&format!("pristan_relay_proto::fuzzing::{name}(")));
    }
}

#[test]
fn every_corpus_and_regression_file_runs_through_its_target_without_a_panic() {
    let mut count = 0;
    for (name, body) in TARGETS {
        for folder in ["corpus", "regressions"] {
            for file in files_in(&fuzz_dir().join(folder).join(name)) {
                body(&fs::read(&file).expect("a readable input"));
                count += 1;
            }
        }
    }
    assert!(count >= 13, "only {count} inputs replayed");
}

/// The seeds are deterministic (Ed25519 signs deterministically), so the files checked in are
/// exactly what the real writers make today: a change of the signed string or of a document's
/// form shows up here, and the fuzzer always starts from inputs that get past the signatures.
#[test]
fn checked_in_seeds_are_what_the_writers_make_today() {
    for (target, name, bytes) in seeds() {
        let path = fuzz_dir()
            .join("corpus")
            .join(target)
            .join(format!("seed-{name}"));
        let on_disk = fs::read(&path).expect("the seed is checked in");
        assert!(
            on_disk == bytes,
            "{} differs from what the writers make: delete it and rerun with \
             PRISTAN_WRITE_FUZZ_SEEDS=1",
            path.display()
        );
        if target == "relay_request" && name != "signed_by_the_fuzzer" {
            assert!(
                pristan_relay_proto::fuzzing::request_verifies(&on_disk),
                "{name} does not get past the signature"
            );
        }
    }
}
