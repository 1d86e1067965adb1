//! The fuzzing inputs checked in under `fuzz/` (`corpus/TARGET/` and the crash vectors in
//! `regressions/TARGET/`), for the stable replay tests of each crate that holds fuzz target
//! bodies (`pristan_<crate>::fuzzing`): the seeds made by the real writers are there, every target
//! has its cargo-fuzz file, and every input runs through its target without a panic.

use std::fs;
use std::path::{Path, PathBuf};

/// A fuzz target's name and body, as each crate's `fuzzing::TARGETS` lists them.
pub type Target = (&'static str, fn(&[u8]));
/// A seed: the target, the seed's name (`seed-NAME`), its bytes.
pub type Seed = (&'static str, &'static str, Vec<u8>);

/// The repository's `fuzz/` folder.
pub fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The files in `dir`, sorted; none if it does not exist.
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
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

/// Every seed is checked in (`PRISTAN_WRITE_FUZZ_SEEDS=1` writes the missing ones), and each
/// target's cargo-fuzz file calls `{module}::{name}(`.
pub fn assert_seeds_and_target_files(seeds: &[Seed], targets: &[Target], module: &str) {
    let write = std::env::var_os("PRISTAN_WRITE_FUZZ_SEEDS").is_some();
    for (target, name, bytes) in seeds {
        let dir = fuzz_dir().join("corpus").join(target);
        let path = dir.join(format!("seed-{name}"));
        if write && !path.exists() {
            fs::create_dir_all(&dir).expect("corpus folder");
            fs::write(&path, bytes).expect("seed written");
        }
        assert!(path.is_file(), "missing seed {}", path.display());
    }
    for (name, _) in targets {
        let file = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
        let text = fs::read_to_string(&file).expect("the fuzz target's file");
        assert!(
            text.contains(&format!("{module}::{name}(")),
            "{}",
            file.display()
        );
    }
}

/// Runs every checked-in input of `targets` through its body; returns how many ran.
pub fn replay(targets: &[Target]) -> usize {
    let mut count = 0;
    for (name, body) in targets {
        for folder in ["corpus", "regressions"] {
            for file in files_in(&fuzz_dir().join(folder).join(name)) {
                body(&fs::read(&file).expect("a readable input"));
                count += 1;
            }
        }
    }
    count
}
