//! The checks of the import pipeline added after issue 10's review: a revoked device sends only
//! operations held when it was revoked, no operation is dated too far ahead of this computer's
//! clock, and attachments are capped and each named by an operation of the bundle.

use super::format::{BundleHeader, Payload};
use super::{BundleError, BundleKind, Limits};
use crate::error::Result;
use crate::ops::hlc::{self, MAX_CLOCK_AHEAD_MS};
use crate::ops::{Change, EntityType};
use crate::org::RosterEntry;

/// A revoked device's bundle passes only if it holds nothing but operations this organisation
/// held when the device was revoked (`RosterEntry::kept_seqs`): a seized laptop cannot fill a
/// gap with new text. A revoked device sends no case packets.
pub(super) fn check_not_revoked(header: &BundleHeader, signer: &RosterEntry) -> Result<()> {
    let Some(last_good) = signer.revoked_after_seq else {
        return Ok(());
    };
    let range = header.seq_range.filter(|_| header.kind == BundleKind::Ops);
    let bundle_last = range.map_or(u64::MAX, |r| r.last);
    let Some(range) = range.filter(|r| r.last <= last_good) else {
        return Err(BundleError::RevokedSigner {
            device: signer.device,
            name: signer.name.clone(),
            last_good,
            bundle_last,
        }
        .into());
    };
    match signer.first_not_kept(range.first, range.last) {
        Some(seq) => Err(BundleError::RevokedSignerNotHeld {
            device: signer.device,
            name: signer.name.clone(),
            seq,
        }
        .into()),
        None => Ok(()),
    }
}

/// No operation may be dated more than `hlc::MAX_CLOCK_AHEAD_MS` after this computer's clock,
/// unless a person accepted this bundle (see `Vault::accept_clock_ahead`).
pub(super) fn check_clocks(payload: &Payload, now_ms: u64) -> Result<()> {
    let Some(latest) = payload.ops.iter().map(|op| op.hlc.wall_ms()).max() else {
        return Ok(());
    };
    if latest <= hlc::ceiling(now_ms).wall_ms() {
        return Ok(());
    }
    const DAY_MS: u64 = 24 * 60 * 60 * 1000;
    Err(BundleError::ClockTooFarAhead {
        days_ahead: (latest - now_ms) / DAY_MS,
        max_days: MAX_CLOCK_AHEAD_MS / DAY_MS,
    }
    .into())
}

/// Each attachment's contents are at most the largest attachment Pristan keeps, and named by an
/// attachment record among the bundle's operations: nothing else may be stored.
pub(super) fn check_blobs(payload: &Payload, limits: &Limits) -> Result<()> {
    let named: std::collections::HashSet<&str> = payload
        .ops
        .iter()
        .filter(|op| op.entity_type == EntityType::Attachment)
        .filter_map(|op| match &op.change {
            Change::Record { fields } => fields.get("sha256").and_then(|v| v.as_str()),
            _ => None,
        })
        .collect();
    for blob in &payload.blobs {
        let size = blob.bytes.len() as u64;
        if size > limits.max_blob_bytes {
            return Err(BundleError::AttachmentTooLarge {
                size,
                max: limits.max_blob_bytes,
            }
            .into());
        }
        if !named.contains(blob.sha256.as_str()) {
            return Err(BundleError::UnreferencedAttachment.into());
        }
    }
    Ok(())
}
