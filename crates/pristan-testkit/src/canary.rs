//! Plaintext canary scans: proof that a secret the tests put into Pristan never reaches the disk
//! in a form someone with the laptop could read.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use memchr::memmem;
use rand::RngCore;

/// A unique canary with an ASCII part, a Cyrillic part and a mixed part, so that a leak through any
/// of them (or through a program that splits on spaces) is found. Random, so that old files on the
/// machine cannot match.
pub fn new_canary() -> String {
    let mut tag = [0u8; 6];
    rand::rng().fill_bytes(&mut tag);
    let tag = hex::encode(tag);
    format!("CANARY{tag} Канарейка{tag} sixty{tag}harbor")
}

/// The byte patterns that betray `secret`: each space-separated part and the whole, in UTF-8 and
/// in UTF-16LE (as a webview's storage or a Windows-minded library would write it).
pub fn patterns(secret: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut add = |label: String, text: &str| {
        if text.chars().count() < 8 {
            return; // too short to be telling; it would only find noise
        }
        out.push((format!("{label} utf-8"), text.as_bytes().to_vec()));
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        out.push((format!("{label} utf-16le"), utf16));
    };
    add("whole".into(), secret);
    for (i, part) in secret.split([' ', '-']).enumerate() {
        add(format!("part {i}"), part);
    }
    out
}

/// Every file under `roots` modified at or after `since` (all files, if `since` is `None`) that
/// contains one of `patterns`, with which.
pub fn scan(
    roots: &[&Path],
    patterns: &[(String, Vec<u8>)],
    since: Option<SystemTime>,
) -> Vec<String> {
    let finders: Vec<(&str, memmem::Finder<'_>)> = patterns
        .iter()
        .map(|(label, p)| (label.as_str(), memmem::Finder::new(p)))
        .collect();
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = roots.iter().map(|r| r.to_path_buf()).collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            if let (Some(since), Ok(modified)) = (since, meta.modified()) {
                if modified < since {
                    continue;
                }
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            for (label, finder) in &finders {
                if finder.find(&bytes).is_some() {
                    found.push(format!("{} ({label})", path.display()));
                }
            }
        }
    }
    found
}

/// The labels of `patterns` found in `bytes` (a chunk of a process's memory, say).
pub fn find_in(bytes: &[u8], patterns: &[(String, Vec<u8>)]) -> Vec<String> {
    patterns
        .iter()
        .filter(|(_, p)| memmem::find(bytes, p).is_some())
        .map(|(label, _)| label.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::disallowed_methods)] // a scratch folder for the scan's own test
    fn tempfile_root() -> std::path::PathBuf {
        std::env::temp_dir()
    }

    #[test]
    fn the_scan_finds_a_planted_canary_in_each_encoding() {
        let dir = tempfile_root().join(format!("pristan-testkit-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        let canary = new_canary();
        let cyrillic = canary.split(' ').nth(1).unwrap();
        let utf16: Vec<u8> = canary.encode_utf16().flat_map(u16::to_le_bytes).collect();
        std::fs::write(dir.join("a.txt"), format!("xx{cyrillic}yy")).unwrap();
        std::fs::write(dir.join("nested").join("b.bin"), &utf16).unwrap();
        std::fs::write(dir.join("clean"), b"nothing here").unwrap();
        let found = scan(&[&dir], &patterns(&canary), None);
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            found
                .iter()
                .any(|f| f.contains("a.txt") && f.contains("utf-8")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|f| f.contains("b.bin") && f.contains("utf-16le")),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.contains("clean")));
    }
}
