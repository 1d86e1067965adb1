//! Files a coordinator hands to others (docs/dossier.md): the working group's CSV (`csv`, a
//! pure writer) and the one way any export reaches the disk (`new_file`: never over an existing
//! file, never through a temporary file outside the target folder). The referral dossier's PDF is
//! typeset by the `pristan-dossier` crate, outside the core, from what
//! [`crate::coordination::referral_for_export`] allows.
//!
//! Both exports start from the referral consent gate (`coordination::referrals`): rows and
//! dossiers exist only for referrals whose person's consent names the recipient and is in force.

pub mod csv;
pub mod new_file;

use std::io;
use std::path::Path;

use chrono::NaiveDate;

use crate::coordination::referrals_for_export;
use crate::domain::{CsvDelimiter, ReferralDecision, ReferralRow};
use crate::error::{Error, Result};
use crate::vault::Vault;

/// Saves an export at `path` as a new file ([`new_file::write_new_file`]):
/// [`Error::FileExists`] if something is there already, and nothing is written.
pub fn save_new_file(path: &Path, bytes: &[u8]) -> Result<()> {
    new_file::write_new_file(path, bytes).map_err(|source| match source.kind() {
        io::ErrorKind::AlreadyExists => Error::FileExists {
            path: path.to_owned(),
        },
        _ => Error::Io {
            action: "write",
            path: path.to_owned(),
            source,
        },
    })
}

/// The working group's list as written, and the referrals left out of it.
#[derive(Debug, Clone)]
pub struct WorkingGroupList {
    pub bytes: Vec<u8>,
    /// The referrals in the file, in its order.
    pub rows: Vec<ReferralRow>,
    /// Referrals whose consent does not allow them to leave today, each with its refusal.
    pub left_out: Vec<ReferralRow>,
}

/// The working group's CSV of referred cases on `today`: one row per referral whose consent
/// gate passes, none for a referral the person or the organisation withdrew. With nothing to
/// send, no list: [`Error::ReferralRefused`] naming what the first referral lacks, or
/// [`Error::Invalid`] when no case is referred at all.
pub fn working_group_list(
    vault: &Vault,
    today: NaiveDate,
    delimiter: CsvDelimiter,
) -> Result<WorkingGroupList> {
    let (allowed, left_out) = referrals_for_export(vault, today)?;
    let rows: Vec<ReferralRow> = allowed
        .into_iter()
        .filter(|row| row.referral.decision != Some(ReferralDecision::Withdrawn))
        .collect();
    if rows.is_empty() {
        return Err(
            match left_out.iter().find_map(|r| r.consent_refusal.clone()) {
                Some(refusal) => Error::ReferralRefused(refusal),
                None => Error::Invalid {
                    field: "referrals",
                    reason: "no case is referred yet: mark one first (pristan referral mark)"
                        .into(),
                },
            },
        );
    }
    let bytes = csv::working_group_csv(&rows, delimiter);
    Ok(WorkingGroupList {
        bytes,
        rows,
        left_out,
    })
}
