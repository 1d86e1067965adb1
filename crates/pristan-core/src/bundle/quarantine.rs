//! The quarantine: refused files, listed with their reason, and kept (encrypted, as they arrived)
//! only when they may import later ([`BundleError::keeps_file`]); any other file is listed by
//! name, size, hash and reason only. It is capped ([`Limits::max_quarantine_bytes`],
//! [`Limits::max_quarantine_files`]): when full, a further refused file is not kept and the
//! import says so. Retrying reads one kept file at a time.

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension};

use super::import::{Accepted, Verdict};
use super::inbox::{add, file_hash};
use super::{
    BundleError, FileOutcome, FileResult, ImportSummary, Limits, Progress, QuarantinedBundle, Stage,
};
use crate::error::{Error, Result};
use crate::vault::Vault;

impl Vault {
    /// Imports a quarantined bundle that waits because its operations are dated more than
    /// `ops::hlc::MAX_CLOCK_AHEAD_MS` after this computer's clock, once a person has checked the
    /// dates with the sender. This computer's clock does not follow those dates (see
    /// docs/security.md, "A clock from the far future"); every other check still applies.
    pub fn accept_clock_ahead(&mut self, file_hash: &str) -> Result<FileOutcome> {
        let row: Option<(String, Vec<u8>, bool)> = self
            .conn
            .query_row(
                "SELECT file_name, bytes, kept FROM quarantine WHERE file_hash = ?1",
                [file_hash],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let Some((file_name, bytes, true)) = row else {
            return Err(Error::Invalid {
                field: "quarantine",
                reason: "no bundle with that hash is kept in the quarantine: list it again".into(),
            });
        };
        let verdict =
            self.import_bytes(&bytes, &Limits::DEFAULT, Accepted { clock_ahead: true })?;
        self.settle(&file_name, &bytes, verdict, &Limits::DEFAULT)
    }

    /// Records what became of a file: imported (it leaves the quarantine) or refused (it enters
    /// or stays in the quarantine, bytes and all only if it may import later, while there is
    /// room).
    pub(super) fn settle(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        verdict: Verdict,
        limits: &Limits,
    ) -> Result<FileOutcome> {
        let hash = file_hash(bytes);
        let error = match verdict {
            Verdict::Done(outcome) => {
                self.release_from_quarantine(&hash)?;
                return Ok(outcome);
            }
            Verdict::Refused(error) => error,
        };
        if matches!(error, BundleError::TooManyPendingDevices { .. }) {
            return Ok(FileOutcome::Rejected {
                reason: error.to_string(),
            });
        }
        let keep = error.keeps_file();
        let kept: &[u8] = if keep { bytes } else { &[] };
        if let Some(full) = self.quarantine_full(&hash, kept.len() as u64, limits)? {
            return Ok(FileOutcome::Rejected {
                reason: full.to_string(),
            });
        }
        let entry = Entry {
            hash: &hash,
            file_name,
            keep,
            kept,
            size: bytes.len() as u64,
            reason: error.to_string(),
            waiting: error.may_succeed_later(),
        };
        self.keep_in_quarantine(&entry)?;
        Ok(FileOutcome::Quarantined {
            reason: entry.reason,
            waiting: entry.waiting,
        })
    }

    /// Whether adding (or replacing) the entry `hash` with `kept` bytes would pass the caps.
    fn quarantine_full(
        &self,
        hash: &str,
        kept: u64,
        limits: &Limits,
    ) -> Result<Option<BundleError>> {
        let (files, bytes): (i64, i64) = self.conn.query_row(
            "SELECT count(*), coalesce(sum(length(bytes)), 0) FROM quarantine WHERE file_hash != ?1",
            [hash],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let (files, bytes) = (files.max(0) as u64, bytes.max(0) as u64);
        let over = files + 1 > limits.max_quarantine_files
            || bytes.saturating_add(kept) > limits.max_quarantine_bytes;
        Ok(over.then_some(BundleError::QuarantineFull { files, bytes }))
    }

    /// Bundles kept in quarantine, newest first.
    pub fn quarantine(&self) -> Result<Vec<QuarantinedBundle>> {
        let mut stmt = self.conn.prepare(
            "SELECT file_hash, file_name, reason, waiting, received_at, size, kept
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
                kept: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Tries every quarantined bundle again (after a device was approved, say). Those that now
    /// import leave the quarantine; the others keep their (possibly new) reason. Kept files are
    /// read one at a time, so memory holds one bundle however many wait; files listed by name
    /// only are reported again as they are.
    pub fn retry_quarantine(
        &mut self,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ImportSummary> {
        let held: Vec<(String, String, bool, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT file_hash, file_name, kept, reason FROM quarantine
                 ORDER BY received_at, file_hash",
            )?;
            let rows = stmt.query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let total = held.len() as u64;
        let mut summary = ImportSummary::default();
        for (done, (hash, file_name, kept, reason)) in held.into_iter().enumerate() {
            progress(Progress::new(Stage::Importing, done as u64, total));
            let outcome = if kept {
                let bytes: Vec<u8> = self.conn.query_row(
                    "SELECT bytes FROM quarantine WHERE file_hash = ?1",
                    [&hash],
                    |row| row.get(0),
                )?;
                let verdict = self.import_bytes(&bytes, &Limits::DEFAULT, Accepted::default())?;
                self.settle(&file_name, &bytes, verdict, &Limits::DEFAULT)?
            } else {
                FileOutcome::Quarantined {
                    reason,
                    waiting: false,
                }
            };
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

    fn keep_in_quarantine(&mut self, entry: &Entry<'_>) -> Result<()> {
        // The name is shown, never used as a path; controls and direction overrides are removed.
        let shown_name = crate::casebook::clean_file_name(entry.file_name);
        self.conn.execute(
            "INSERT INTO quarantine
                 (file_hash, file_name, bytes, size, kept, reason, waiting, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (file_hash) DO UPDATE SET bytes = excluded.bytes,
                                                   kept = excluded.kept,
                                                   reason = excluded.reason,
                                                   waiting = excluded.waiting",
            params![
                entry.hash,
                shown_name,
                entry.kept,
                entry.size as i64,
                entry.keep,
                entry.reason,
                entry.waiting,
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
}

/// A refused file as the quarantine lists it.
struct Entry<'a> {
    hash: &'a str,
    file_name: &'a str,
    /// Whether the file's bytes are kept, to be tried again.
    keep: bool,
    /// The file's bytes if they are kept, else empty.
    kept: &'a [u8],
    size: u64,
    reason: String,
    waiting: bool,
}
