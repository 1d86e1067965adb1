//! Replays every fuzzing input checked in for the `family_card` target (`fuzz/corpus/family_card/`
//! and the crash vectors in `fuzz/regressions/family_card/`) through the same entry point the
//! fuzz target calls (`pristan_family_card::fuzzing`), on stable, in the normal test suite.

use std::fs;
use std::path::{Path, PathBuf};

use pristan_family_card::fuzzing::{opens, seeds, TARGETS};

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
        assert!(text.contains(&format!("pristan_family_card::fuzzing::{name}(")));
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
