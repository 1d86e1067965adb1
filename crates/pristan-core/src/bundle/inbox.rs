//! Importing bundles from files and folders, the quarantine of refused ones, and the gaps a
//! coordinator should chase ("bundle 7 from Anna's laptop is missing").

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{SecondsFormat, Utc};
use rusqlite::params;
use sha2::{Digest, Sha256};

use super::export::BUNDLE_EXTENSION;
use super::{
    BundleError, FileOutcome, FileResult, Gap, ImportSummary, Limits, Progress, QuarantinedBundle,
    Stage,
};
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
                    reason: format!(
                        "the file could not be read ({e}): check the folder and try again"
                    ),
                })
            }
        };
        if size > limits.max_file_bytes {
            let error = BundleError::TooLarge {
                size,
                max: limits.max_file_bytes,
            };
            return Ok(FileOutcome::Rejected {
                reason: error.to_string(),
            });
        }
        let bytes = match read_capped(path, limits.max_file_bytes) {
            Ok(bytes) => bytes,
            Err(e) => {
                return Ok(FileOutcome::Rejected {
                    reason: format!(
                        "the file could not be read ({e}): check the folder and try again"
                    ),
                })
            }
        };
        let outcome = self.import_bytes(&bytes, limits)?;
        match &outcome {
            FileOutcome::Quarantined { reason, waiting } => {
                self.keep_in_quarantine(file_name, &bytes, reason, *waiting)?;
            }
            FileOutcome::Imported(_) | FileOutcome::AlreadyImported { .. } => {
                self.release_from_quarantine(&file_hash(&bytes))?;
            }
            FileOutcome::Rejected { .. } => {}
        }
        Ok(outcome)
    }

    /// Bundles kept in quarantine, newest first.
    pub fn quarantine(&self) -> Result<Vec<QuarantinedBundle>> {
        let mut stmt = self.conn.prepare(
            "SELECT file_hash, file_name, reason, waiting, received_at, length(bytes)
             FROM quarantine ORDER BY received_at DESC, file_hash",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(QuarantinedBundle {
                file_hash: row.get(0)?,
                file_name: row.get(1)?,
                reason: row.get(2)?,
                waiting: row.get(3)?,
                received_at: row.get(4)?,
                size: row.get::<_, i64>(5)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tries every quarantined bundle again (after a device was approved, say). Those that now
    /// import leave the quarantine; the others keep their (possibly new) reason.
    pub fn retry_quarantine(
        &mut self,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportSummary> {
        let held: Vec<(String, String, Vec<u8>)> = {
            let mut stmt = self.conn.prepare(
                "SELECT file_hash, file_name, bytes FROM quarantine ORDER BY received_at",
            )?;
            let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let total = held.len() as u64;
        let mut summary = ImportSummary::default();
        for (done, (hash, file_name, bytes)) in held.into_iter().enumerate() {
            progress(Progress::new(Stage::Importing, done as u64, total));
            let outcome = self.import_bytes(&bytes, &Limits::DEFAULT)?;
            match &outcome {
                FileOutcome::Quarantined { reason, waiting } => {
                    self.conn.execute(
                        "UPDATE quarantine SET reason = ?1, waiting = ?2 WHERE file_hash = ?3",
                        params![reason, waiting, hash],
                    )?;
                }
                _ => self.release_from_quarantine(&hash)?,
            }
            add(&mut summary, FileResult { file_name, outcome });
        }
        progress(Progress::new(Stage::Done, total, total));
        self.finish_summary(&mut summary)?;
        Ok(summary)
    }

    /// Removes a bundle from quarantine without importing it.
    pub fn discard_quarantined(&mut self, file_hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM quarantine WHERE file_hash = ?1", [file_hash])?
            > 0)
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

    fn keep_in_quarantine(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        reason: &str,
        waiting: bool,
    ) -> Result<()> {
        // The name is shown, never used as a path; controls and direction overrides are removed.
        let shown_name = crate::casebook::clean_file_name(file_name);
        self.conn.execute(
            "INSERT INTO quarantine (file_hash, file_name, bytes, reason, waiting, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (file_hash) DO UPDATE SET reason = excluded.reason,
                                                   waiting = excluded.waiting",
            params![
                file_hash(bytes),
                shown_name,
                bytes,
                reason,
                waiting,
                Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            ],
        )?;
        Ok(())
    }

    fn release_from_quarantine(&mut self, hash: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM quarantine WHERE file_hash = ?1", [hash])?;
        Ok(())
    }

    fn finish_summary(&self, summary: &mut ImportSummary) -> Result<()> {
        summary.conflicts = self.conflicts()?.len();
        summary.gaps = self.gaps()?;
        summary.forks = self.forks()?;
        Ok(())
    }
}

fn add(summary: &mut ImportSummary, result: FileResult) {
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

fn file_hash(bytes: &[u8]) -> String {
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
