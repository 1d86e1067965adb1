//! Consent governs what leaves the laptop (issue 9, docs/sync-plan.md "Consent and what travels").
//!
//! A case travels to the coordinator only while the person's consent to share with the
//! coordinator (`Consent` with purpose `share_with_coordinator`) is in force. A change to a case
//! without it is still an operation, applied like any other, but it is recorded under this
//! vault's *held stream*: a second, random device id (`vault_meta.held_stream_id`) that is never
//! exported, never in the roster and never in a case packet. So held changes consume none of the
//! device's exported sequence numbers, and the coordinator sees no gap.
//!
//! When consent comes into force (recorded in the same step as the case, recorded later, or its
//! date arrives), the case is *released*: its held operations are taken out of the log, the case
//! is materialised again from the operations that remain, and the held changes are recorded anew,
//! in their order, under the device's own id: they leave with the next bundle, in full. After a
//! withdrawal, further changes are held again; what was sent stays sent.

mod gate;
mod release;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use rusqlite::params;

pub(crate) use gate::{held_stream, record_changes};

use crate::domain::{Consent, ConsentMethod, ConsentPurpose};
use crate::error::Result;
use crate::ops::{Change, EntityId, EntityType};
use crate::vault::Vault;

/// What the Sync screen says is kept on this laptop: changes to cases whose person has not agreed
/// to share with the coordinator (or has withdrawn that consent).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HeldBack {
    /// Cases with changes held back.
    pub cases: u64,
    /// Held changes (operations), over all those cases.
    pub changes: u64,
}

impl Vault {
    /// Whether the person of `case` agreed to share with the coordinator, in force today.
    pub fn shares_with_coordinator(&self, case: EntityId) -> Result<bool> {
        gate::shared_on(self.connection(), case, gate::today())
    }

    /// Records that the person agreed (today, by word of mouth unless a form is recorded later)
    /// to share their case with the coordinator: the whole case leaves with the next bundle.
    pub fn record_share_consent(&mut self, case: EntityId) -> Result<EntityId> {
        self.require_case(case)?;
        let id = EntityId::random();
        self.record(EntityType::Consent, id, share_consent(case, gate::today()))?;
        Ok(id)
    }

    /// What is held back from bundles, for the Sync screen.
    pub fn held_back(&self) -> Result<HeldBack> {
        let held = gate::held_stream(self.connection())?;
        let (cases, changes): (i64, i64) = self.connection().query_row(
            "SELECT count(DISTINCT coalesce(r.case_id, o.entity_id)), count(*)
             FROM ops o LEFT JOIN records r ON r.id = o.entity_id
             WHERE o.device_id = ?1",
            params![held.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(HeldBack {
            cases: cases.max(0) as u64,
            changes: changes.max(0) as u64,
        })
    }

    /// Releases every held case whose consent is now in force (its date may have come since the
    /// change): called before an export collects operations.
    pub(crate) fn release_shared_cases(&mut self) -> Result<()> {
        let device = self.device_id();
        let tx = self.conn.transaction()?;
        let mut clock = self.clock.clone();
        release::release_due(&tx, device, &mut clock)?;
        tx.commit()?;
        self.clock = clock;
        Ok(())
    }
}

/// The change that creates a consent to share `case` with the coordinator, given on `day`.
pub(crate) fn share_consent(case: EntityId, day: NaiveDate) -> Change {
    let consent = Consent {
        case_id: Some(case),
        purpose: ConsentPurpose::ShareWithCoordinator,
        given_on: Some(day),
        method: ConsentMethod::Verbal,
        ..Consent::default()
    };
    match serde_json::to_value(consent).expect("a consent serialises") {
        serde_json::Value::Object(map) => Change::assign(map.into_iter().collect()),
        _ => unreachable!("records serialise as objects"),
    }
}
