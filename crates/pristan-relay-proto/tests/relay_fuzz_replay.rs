//! Replays every fuzzing input checked in for the relay targets (`fuzz/corpus/relay_*/` and the
//! crash vectors in `fuzz/regressions/relay_*/`) through the same entry points the fuzz targets
//! call (`pristan_relay_proto::fuzzing`), on stable, in the normal test suite.

use std::fs;

use pristan_relay_proto::fuzzing::{seeds, TARGETS};
use pristan_testkit::fuzz_corpus::{self, fuzz_dir};

/// The seeds made by the real writers are checked in (`PRISTAN_WRITE_FUZZ_SEEDS=1` writes the
/// missing ones), and each target has a cargo-fuzz file that calls this crate's body.
#[test]
fn corpus_holds_the_seeds_and_each_target_has_its_fuzz_file() {
    fuzz_corpus::assert_seeds_and_target_files(&seeds(), TARGETS, "pristan_relay_proto::fuzzing");
}

#[test]
fn every_corpus_and_regression_file_runs_through_its_target_without_a_panic() {
    let count = fuzz_corpus::replay(TARGETS);
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
