//! Replays every fuzzing input checked in (`fuzz/corpus/<target>/` and the crash vectors in
//! `fuzz/regressions/<target>/`) through the same entry points the fuzz targets call
//! (`pristan_core::fuzzing`), on stable, in the normal test suite. A crash the fuzzer once found
//! stays fixed because its input is replayed here.

use std::fs;
use std::path::{Path, PathBuf};

use pristan_core::fuzzing::{seeds, TARGETS};

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

/// The seeds made by the real writers are in the checked-in corpus (so the corpus cannot drift
/// from the formats). `PRISTAN_WRITE_FUZZ_SEEDS=1` writes them.
#[test]
fn corpus_holds_the_seeds_made_by_the_real_writers() {
    let write = std::env::var_os("PRISTAN_WRITE_FUZZ_SEEDS").is_some();
    for (target, name, bytes) in seeds() {
        let dir = fuzz_dir().join("corpus").join(target);
        let path = dir.join(format!("seed-{name}"));
        if write {
            fs::create_dir_all(&dir).expect("corpus folder");
            // The age seed is encrypted afresh each time; keep the one checked in.
            if !path.exists() {
                fs::write(&path, &bytes).expect("seed written");
            }
        }
        assert!(path.is_file(), "missing seed {}", path.display());
    }
}

/// Every entry point here has a cargo-fuzz target of the same name, and every target file has an
/// entry point: here, or in the crate that parses its input (`pristan_<crate>::fuzzing`, whose
/// own replay test runs its corpus). So the replays cover exactly what is fuzzed.
#[test]
fn every_fuzz_target_has_an_entry_point_and_a_corpus() {
    let mut core_targets = Vec::new();
    for file in files_in(&fuzz_dir().join("fuzz_targets")) {
        let stem = file.file_stem().and_then(|s| s.to_str()).expect("a name");
        let text = fs::read_to_string(&file).expect("a readable target");
        if text.contains(&format!("pristan_core::fuzzing::{stem}(")) {
            core_targets.push(stem.to_owned());
            continue;
        }
        let owner = ["pristan_relay_proto", "pristan_family_card"]
            .into_iter()
            .find(|krate| text.contains(&format!("{krate}::fuzzing::{stem}(")))
            .unwrap_or_else(|| panic!("{stem} calls no crate's fuzzing entry point"));
        let body = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("..")
            .join(owner.replace('_', "-"))
            .join("src/fuzzing.rs");
        let body = fs::read_to_string(body).expect("the owning crate's fuzzing module");
        assert!(
            body.contains(&format!("(\"{stem}\", {stem})")),
            "{stem} is not in {owner}'s TARGETS, so its corpus is not replayed"
        );
        assert!(!files_in(&fuzz_dir().join("corpus").join(stem)).is_empty());
    }
    core_targets.sort();
    let mut here: Vec<String> = TARGETS.iter().map(|(n, _)| (*n).to_owned()).collect();
    here.sort();
    assert_eq!(core_targets, here);
    for (name, _) in TARGETS {
        let corpus = files_in(&fuzz_dir().join("corpus").join(name));
        assert!(!corpus.is_empty(), "no corpus for {name}");
    }
}

#[test]
fn every_corpus_and_regression_file_runs_through_its_target_without_a_panic() {
    let mut count = 0;
    for (name, body) in TARGETS {
        for folder in ["corpus", "regressions"] {
            for file in files_in(&fuzz_dir().join(folder).join(name)) {
                let bytes = fs::read(&file).expect("a readable input");
                body(&bytes);
                count += 1;
            }
        }
    }
    assert!(count >= TARGETS.len(), "only {count} inputs replayed");
}

/// The hostile-bundle vectors (tests/data/bundles) through the age layer's entry point too: they
/// are not encrypted to the fuzzing key, so this proves the caps before decryption hold on them.
#[test]
fn hostile_bundle_vectors_run_through_the_age_layer_target() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bundles");
    let vectors = files_in(&dir);
    assert!(vectors.len() > 10);
    for file in vectors {
        pristan_core::fuzzing::age_layer(&fs::read(file).expect("readable"));
    }
}

/// The seeds get past the first layers: the age seed decrypts and its envelope verifies, so the
/// fuzzer starts deep (a seed that silently stopped at the first check would fuzz nothing).
#[test]
fn seeds_reach_the_payload() {
    let seeds = seeds();
    for (target, _, bytes) in &seeds {
        let body = TARGETS
            .iter()
            .find(|(n, _)| n == target)
            .map(|(_, b)| *b)
            .expect("a target for each seed");
        body(bytes);
    }
    let checked_in = fs::read(fuzz_dir().join("corpus/age_layer/seed-ops_bundle"))
        .expect("the age seed is checked in");
    assert!(pristan_core::fuzzing::reaches_payload(&checked_in));
}
