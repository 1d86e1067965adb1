//! Rosters that two coordinators changed at the same time merge instead of one replacing the
//! other (docs/organisation.md, "Roster"). The merge is a join: commutative, associative and
//! idempotent, so every device that has seen the same rosters holds the same one, whatever the
//! order they arrived in.
//!
//! - approvals are a union: a device listed by either roster stays listed;
//! - a revocation is never undone: a device revoked in either stays revoked, and the earliest
//!   last good sequence number wins, with the operations that revocation keeps;
//! - a device's identity (name, keys, approval time) is the one from its earliest approval; a role
//!   only ever rises to coordinator; the device it `replaces` is kept once either names one.

use std::collections::BTreeMap;

use super::types::{Role, RosterEntry};
use crate::ops::DeviceId;

/// The entries of both rosters merged, ordered by approval time, then device id.
pub(crate) fn merge_entries(a: &[RosterEntry], b: &[RosterEntry]) -> Vec<RosterEntry> {
    let mut by_device: BTreeMap<DeviceId, RosterEntry> = BTreeMap::new();
    for entry in a.iter().chain(b) {
        let merged = match by_device.remove(&entry.device) {
            Some(kept) => merge_entry(&kept, entry),
            None => entry.clone(),
        };
        by_device.insert(entry.device, merged);
    }
    let mut entries: Vec<RosterEntry> = by_device.into_values().collect();
    entries.sort_by_key(|e| (e.approved_at, e.device));
    entries
}

fn merge_entry(x: &RosterEntry, y: &RosterEntry) -> RosterEntry {
    let earlier = if (y.approved_at, &y.signing_key) < (x.approved_at, &x.signing_key) {
        y
    } else {
        x
    };
    let role = if x.role == Role::Coordinator || y.role == Role::Coordinator {
        Role::Coordinator
    } else {
        Role::Volunteer
    };
    let revoked_after_seq = match (x.revoked_after_seq, y.revoked_after_seq) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    };
    let replaces = match (x.replaces, y.replaces) {
        (Some(p), Some(q)) => Some(p.min(q)),
        (p, q) => p.or(q),
    };
    // What a revocation keeps goes with the earliest revocation (ties: the fewer ranges kept).
    let revoker = match (x.revoked_after_seq, y.revoked_after_seq) {
        (Some(p), Some(q)) if (q, y.kept_seqs.len()) < (p, x.kept_seqs.len()) => y,
        (None, Some(_)) => y,
        _ => x,
    };
    RosterEntry {
        role,
        revoked_after_seq,
        replaces,
        kept_seqs: revoker.kept_seqs.clone(),
        ..earlier.clone()
    }
}

/// Whether `inner` adds nothing to `outer`: merging it in changes no entry.
pub(crate) fn includes(outer: &[RosterEntry], inner: &[RosterEntry]) -> bool {
    same_entries(&merge_entries(outer, inner), outer)
}

/// The same entries, in whatever order.
pub(crate) fn same_entries(a: &[RosterEntry], b: &[RosterEntry]) -> bool {
    let sorted = |v: &[RosterEntry]| {
        let mut v = v.to_vec();
        v.sort_by_key(|e| e.device);
        v
    };
    a.len() == b.len() && sorted(a) == sorted(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn entry(n: u8, at: i64) -> RosterEntry {
        RosterEntry {
            device: DeviceId::from_bytes([n; 16]),
            name: format!("Device {n}"),
            role: Role::Volunteer,
            signing_key: format!("{n:064x}"),
            recipient: format!("age1{n}"),
            approved_at: Utc.timestamp_opt(at, 0).unwrap(),
            revoked_after_seq: None,
            replaces: None,
            kept_seqs: Vec::new(),
        }
    }

    #[test]
    fn approvals_unite_and_the_earliest_revocation_wins_in_any_order() {
        let mut revoked_late = entry(1, 10);
        revoked_late.revoked_after_seq = Some(9);
        let mut revoked_early = entry(1, 10);
        revoked_early.revoked_after_seq = Some(4);
        let a = vec![revoked_late, entry(2, 20)];
        let b = vec![entry(1, 10), entry(3, 30)];
        let c = vec![revoked_early];
        let abc = merge_entries(&merge_entries(&a, &b), &c);
        let cba = merge_entries(&merge_entries(&c, &b), &a);
        assert_eq!(abc, cba);
        assert_eq!(abc.len(), 3);
        assert_eq!(abc[0].revoked_after_seq, Some(4));
        // A roster that never heard of the revocation cannot undo it.
        assert!(includes(&abc, &b));
        assert!(!includes(&b, &abc));
        assert_eq!(merge_entries(&abc, &abc), abc);
    }
}
