//! Which of a device's operations this vault holds: what a revocation keeps, and the gaps a
//! coordinator sees before revoking (issue 10, finding 3).

use rusqlite::Connection;

use super::types::RosterEntry;
use crate::bundle::{HeldOps, SeqRange};
use crate::error::Result;
use crate::ops::DeviceId;
use crate::vault::Vault;

impl Vault {
    /// Which of `device`'s operations this vault holds, and which below the highest are
    /// missing. Revoking the device keeps exactly the held ones.
    pub fn held_ops(&self, device: DeviceId) -> Result<HeldOps> {
        held_ops(&self.conn, device)
    }
}

/// The device's operations in the log, as ranges. Operations of a forgotten case are not in the
/// log, so they count as missing: none of them would be applied anyway.
pub(crate) fn held_ops(conn: &Connection, device: DeviceId) -> Result<HeldOps> {
    let mut stmt = conn.prepare("SELECT seq FROM ops WHERE device_id = ?1 ORDER BY seq")?;
    let seqs = stmt.query_map([device.to_string()], |row| row.get::<_, i64>(0))?;
    let mut held: Vec<SeqRange> = Vec::new();
    for seq in seqs {
        let seq = u64::try_from(seq?).unwrap_or(0);
        match held.last_mut() {
            Some(range) if range.last.checked_add(1) == Some(seq) => range.last = seq,
            _ => held.push(SeqRange {
                first: seq,
                last: seq,
            }),
        }
    }
    let mut missing = Vec::new();
    let mut next = 1;
    for range in &held {
        if range.first > next {
            missing.push(SeqRange {
                first: next,
                last: range.first - 1,
            });
        }
        next = range.last.saturating_add(1);
    }
    Ok(HeldOps { held, missing })
}

/// What a revocation keeps: the held ranges, cut at `last_good` when given, and within what an
/// earlier revocation of the same device kept.
pub(crate) fn kept_at_revocation(
    held: &[SeqRange],
    entry: &RosterEntry,
    last_good: Option<u64>,
) -> Vec<SeqRange> {
    let cut = last_good.unwrap_or(u64::MAX);
    let mut allowed: Vec<SeqRange> = match entry.revoked_after_seq {
        None => vec![SeqRange {
            first: 1,
            last: u64::MAX,
        }],
        Some(last) if entry.kept_seqs.is_empty() => vec![SeqRange { first: 1, last }],
        Some(_) => entry.kept_seqs.clone(),
    };
    allowed.sort_by_key(|r| r.first);
    let mut kept = Vec::new();
    for range in held {
        for other in &allowed {
            let first = range.first.max(other.first);
            let last = range.last.min(other.last).min(cut);
            if first <= last {
                kept.push(SeqRange { first, last });
            }
        }
    }
    kept.sort_by_key(|r| r.first);
    kept
}
