//! Importing bundles from files and folders, and the gaps a coordinator should chase ("bundle 7
//! from Anna's laptop is missing"). What becomes of a refused file is `bundle::quarantine`'s.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::export::BUNDLE_EXTENSION;
use super::import::Accepted;
use super::refusal;
use super::{BundleError, FileOutcome, FileResult, Gap, ImportSummary, Limits, Progress, Stage};
use crate::error::{Error, Result};
use crate::ops::DeviceId;
use crate::vault::Vault;

impl Vault {
    /// Imports every bundle among `paths`: a file is read whatever its name; a folder contributes
    /// its regular files ending in `.pristan` (not its subfolders, not symbolic links). Each file
    /// is applied whole or not at all; one bad file does not stop the others.
    pub fn import_bundles(
        &mut self,
        paths: &[PathBuf],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportSummary> {
        self.import_bundles_with(paths, &Limits::DEFAULT, progress)
    }

    pub fn import_bundles_with(
        &mut self,
        paths: &[PathBuf],
        limits: &Limits,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportSummary> {
        let files = bundle_files(paths)?;
        let total = files.len() as u64;
        let mut summary = ImportSummary::default();
        for (done, path) in files.iter().enumerate() {
            progress(Progress::new(Stage::Importing, done as u64, total));
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let outcome = self.import_file(path, &file_name, limits)?;
            add(&mut summary, FileResult { file_name, outcome });
        }
        progress(Progress::new(Stage::Done, total, total));
        self.finish_summary(&mut summary)?;
        Ok(summary)
    }

    fn import_file(
        &mut self,
        path: &Path,
        file_name: &str,
        limits: &Limits,
    ) -> Result<FileOutcome> {
        let size = match fs::metadata(path) {
            Ok(meta) => meta.len(),
            Err(e) => {
                return Ok(FileOutcome::Rejected {
                    reason: refusal::unreadable(&e),
                })
            }
        };
        if size > limits.max_file_bytes {
            let error = BundleError::TooLarge {
                size,
                max: limits.max_file_bytes,
            };
            return Ok(FileOutcome::Rejected {
                reason: refusal::refusal(&error),
            });
        }
        let bytes = match read_capped(path, limits.max_file_bytes) {
            Ok(bytes) => bytes,
            Err(e) => {
                return Ok(FileOutcome::Rejected {
                    reason: refusal::unreadable(&e),
                })
            }
        };
        let verdict = self.import_bytes(&bytes, limits, Accepted::default())?;
        self.settle(file_name, &bytes, verdict, limits)
    }

    /// Imports one bundle received as bytes (from the relay), exactly as a file of a folder
    /// import: the same checks, the same quarantine, and a bundle already imported by any way is
    /// "already imported". `file_name` only labels it in the summary and the quarantine.
    pub fn import_bundle_bytes(&mut self, file_name: &str, bytes: &[u8]) -> Result<FileResult> {
        let limits = Limits::DEFAULT;
        let outcome = if bytes.len() as u64 > limits.max_file_bytes {
            let error = BundleError::TooLarge {
                size: bytes.len() as u64,
                max: limits.max_file_bytes,
            };
            FileOutcome::Rejected {
                reason: refusal::refusal(&error),
            }
        } else {
            let verdict = self.import_bytes(bytes, &limits, Accepted::default())?;
            self.settle(file_name, bytes, verdict, &limits)?
        };
        Ok(FileResult {
            file_name: file_name.to_owned(),
            outcome,
        })
    }

    /// The summary of files imported one by one with [`Vault::import_bundle_bytes`], with the
    /// conflicts, gaps and forks the vault holds afterwards, as a folder import reports them.
    pub fn summarise_imports(&self, results: Vec<FileResult>) -> Result<ImportSummary> {
        let mut summary = ImportSummary::default();
        for result in results {
            add(&mut summary, result);
        }
        self.finish_summary(&mut summary)?;
        Ok(summary)
    }

    /// For each sender of operation bundles, the numbers missing below the highest received.
    pub fn gaps(&self) -> Result<Vec<Gap>> {
        let mut stmt = self.conn.prepare(
            "SELECT sender, group_concat(number) FROM
               (SELECT DISTINCT sender, number FROM bundles_seen WHERE kind = 'ops' ORDER BY number)
             GROUP BY sender ORDER BY sender",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut gaps = Vec::new();
        for row in rows {
            let (sender, numbers) = row?;
            let numbers: Vec<u64> = numbers.split(',').filter_map(|n| n.parse().ok()).collect();
            let missing = missing_numbers(&numbers, 20);
            if missing.is_empty() {
                continue;
            }
            let Ok(sender) = sender.parse::<DeviceId>() else {
                continue;
            };
            let sender_name = crate::org::roster_entry(&self.conn, sender)?
                .map_or_else(|| sender.to_string(), |e| e.name);
            gaps.push(Gap {
                sender,
                sender_name,
                missing,
            });
        }
        Ok(gaps)
    }

    pub(super) fn finish_summary(&self, summary: &mut ImportSummary) -> Result<()> {
        summary.conflicts = self.conflicts()?.len();
        summary.gaps = self.gaps()?;
        summary.forks = self.forks()?;
        Ok(())
    }
}

pub(super) fn add(summary: &mut ImportSummary, result: FileResult) {
    match &result.outcome {
        FileOutcome::Imported(counts) => {
            summary.imported += 1;
            let t = &mut summary.totals;
            t.new_ops += counts.new_ops;
            t.duplicate_ops += counts.duplicate_ops;
            t.new_cases += counts.new_cases;
            t.new_notes += counts.new_notes;
            t.new_records += counts.new_records;
            t.updated_fields += counts.updated_fields;
            t.forgotten += counts.forgotten;
            t.attachments += counts.attachments;
            t.clock_ahead_ms = t.clock_ahead_ms.max(counts.clock_ahead_ms);
        }
        FileOutcome::AlreadyImported { .. } => summary.already_imported += 1,
        FileOutcome::Quarantined { .. } => summary.quarantined += 1,
        FileOutcome::Rejected { .. } => summary.rejected += 1,
    }
    summary.files.push(result);
}

/// The files to import, in name order so a run is repeatable.
fn bundle_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(Error::io("read", path))?;
        if !meta.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in fs::read_dir(path).map_err(Error::io("list the folder", path))? {
            let entry = entry.map_err(Error::io("list the folder", path))?;
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            let is_bundle = entry
                .path()
                .extension()
                .is_some_and(|e| e == BUNDLE_EXTENSION);
            if is_file && is_bundle {
                found.push(entry.path());
            }
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn read_capped(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub(super) fn file_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The numbers missing from 1 up to the highest of `numbers`, at most `limit` of them.
fn missing_numbers(numbers: &[u64], limit: usize) -> Vec<u64> {
    let Some(&highest) = numbers.iter().max() else {
        return Vec::new();
    };
    (1..highest)
        .filter(|n| !numbers.contains(n))
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::missing_numbers;

    #[test]
    fn missing_numbers_are_those_below_the_highest() {
        assert_eq!(missing_numbers(&[1, 2, 3], 20), Vec::<u64>::new());
        assert_eq!(missing_numbers(&[3, 1, 6], 20), vec![2, 4, 5]);
        assert_eq!(missing_numbers(&[], 20), Vec::<u64>::new());
        assert_eq!(missing_numbers(&[100], 3), vec![1, 2, 3]);
    }
}
