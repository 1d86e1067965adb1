//! Replays every fuzzing input checked in for the `family_card` target (`fuzz/corpus/family_card/`
//! and the crash vectors in `fuzz/regressions/family_card/`) through the same entry point the
//! fuzz target calls (`pristan_family_card::fuzzing`), on stable, in the normal test suite.

use std::fs;

use pristan_family_card::fuzzing::{opens, seeds, TARGETS};
use pristan_testkit::fuzz_corpus::{self, fuzz_dir};

/// The seeds made by the real writers are checked in (`PRISTAN_WRITE_FUZZ_SEEDS=1` writes the
/// missing ones), and each target has a cargo-fuzz file that calls this crate's body.
#[test]
fn corpus_holds_the_seeds_and_each_target_has_its_fuzz_file() {
    fuzz_corpus::assert_seeds_and_target_files(&seeds(), TARGETS, "pristan_family_card::fuzzing");
}

#[test]
fn every_corpus_and_regression_file_runs_through_its_target_without_a_panic() {
    let count = fuzz_corpus::replay(TARGETS);
    assert!(count >= 4, "only {count} inputs replayed");
}

/// The checked-in card seed opens with the fuzzing passphrase (so the fuzzer starts behind the
/// decryption, in the JSON), and the heavy seed is refused by the work-factor guard; the fresh
/// seeds run through the target too.
#[test]
fn seeds_reach_the_card_inside() {
    for (_, _, bytes) in seeds() {
        pristan_family_card::fuzzing::family_card(&bytes);
    }
    let corpus = fuzz_dir().join("corpus/family_card");
    let sealed = fs::read(corpus.join("seed-sealed")).expect("the sealed seed is checked in");
    assert!(opens(&sealed));
    let heavy = fs::read(corpus.join("seed-too_much_work")).expect("the heavy seed is checked in");
    assert!(!opens(&heavy));
}
