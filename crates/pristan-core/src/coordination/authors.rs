//! Who made an operation, and which devices are one coordinator (the two-reviewer rule).
//!
//! "Different coordinators" (docs/coordinator.md): two device identities that are both of
//! coordinator role in the roster, and not linked by succession. A successor identity (a
//! restored or copied vault, `RosterEntry::replaces`) is the same person as the device it
//! replaces, and as that device's own predecessors. A device not in the roster, or a
//! volunteer's, is no coordinator. The roster has no other notion of a person: an organisation
//! that approves two separate coordinator devices for one person makes two reviewers, so
//! docs/coordinator.md asks for one device identity per coordinator.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use crate::domain::{ActivityVerdict, Author};
use crate::error::{Error, Result};
use crate::ops::{DeviceId, EntityId, Hlc};
use crate::org::{Role, RosterEntry};
use crate::vault::Vault;

/// The device at the start of `device`'s succession chain in `roster`: the identity every later
/// identity of the same vault counts as. A device the roster does not list is its own.
pub fn same_person(device: DeviceId, roster: &[RosterEntry]) -> DeviceId {
    let by_device: BTreeMap<DeviceId, &RosterEntry> =
        roster.iter().map(|e| (e.device, e)).collect();
    let mut current = device;
    let mut seen = BTreeSet::from([device]);
    while let Some(previous) = by_device.get(&current).and_then(|e| e.replaces) {
        // A cycle cannot come from honest approvals; every device on it is one person, named
        // by the least of their ids whichever device the walk started from.
        if !seen.insert(previous) {
            return cycle_of(previous, &by_device);
        }
        current = previous;
    }
    current
}

/// The least device on the succession cycle through `start`.
fn cycle_of(start: DeviceId, by_device: &BTreeMap<DeviceId, &RosterEntry>) -> DeviceId {
    let mut least = start;
    let mut current = start;
    while let Some(previous) = by_device.get(&current).and_then(|e| e.replaces) {
        if previous == start {
            break;
        }
        least = least.min(previous);
        current = previous;
    }
    least
}

/// The two-reviewer rule: the verdict on a case's activity from the devices that confirmed it
/// (each confirmation's author; repeats allowed, in any order). Verified when at least two
/// different coordinators (see the module's definition) are among them.
pub fn two_reviewer_verdict(
    confirmers: impl IntoIterator<Item = DeviceId>,
    roster: &[RosterEntry],
) -> ActivityVerdict {
    let people: BTreeSet<DeviceId> = confirmers
        .into_iter()
        .filter(|device| is_coordinator(*device, roster))
        .map(|device| same_person(device, roster))
        .collect();
    match people.len() {
        0 => ActivityVerdict::Unconfirmed,
        1 => ActivityVerdict::OneCoordinator,
        _ => ActivityVerdict::Verified,
    }
}

pub(crate) fn is_coordinator(device: DeviceId, roster: &[RosterEntry]) -> bool {
    roster
        .iter()
        .any(|e| e.device == device && e.role == Role::Coordinator)
}

/// Names the authors of operations as this vault knows them.
pub(crate) struct Authors {
    me: DeviceId,
    held: DeviceId,
    own_name: String,
    roster: Vec<RosterEntry>,
}

impl Authors {
    pub(crate) fn load(vault: &Vault) -> Result<Authors> {
        Ok(Authors {
            me: vault.device_id(),
            held: crate::sharing::held_stream(vault.connection())?,
            own_name: vault.device_name()?.unwrap_or_default(),
            roster: vault.roster()?.map(|r| r.entries).unwrap_or_default(),
        })
    }

    /// Authors as a vault with this roster would name them (tests build rosters by hand).
    #[cfg(test)]
    pub(crate) fn with_roster(me: DeviceId, held: DeviceId, roster: Vec<RosterEntry>) -> Authors {
        Authors {
            me,
            held,
            own_name: String::new(),
            roster,
        }
    }

    pub(crate) fn roster(&self) -> &[RosterEntry] {
        &self.roster
    }

    /// The device that made an operation logged under `device`: this vault's held stream (its
    /// changes not shared yet) is this device.
    pub(crate) fn device(&self, device: DeviceId) -> DeviceId {
        if device == self.held {
            self.me
        } else {
            device
        }
    }

    /// Whether an operation logged under `device` came from another device.
    pub(crate) fn received(&self, device: DeviceId) -> bool {
        self.device(device) != self.me
    }

    pub(crate) fn author(&self, device: DeviceId) -> Author {
        let device = self.device(device);
        let entry = self.roster.iter().find(|e| e.device == device);
        let name = match entry {
            Some(entry) => entry.name.clone(),
            None if device == self.me => self.own_name.clone(),
            None => String::new(),
        };
        Author {
            device,
            name,
            role: entry.map(|e| e.role),
        }
    }
}

/// The clock reading as a time.
pub(crate) fn time_of(hlc: Hlc) -> DateTime<Utc> {
    i64::try_from(hlc.wall_ms())
        .ok()
        .and_then(DateTime::from_timestamp_millis)
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// The operation that created `entity` (its first, by the operations' order): its device and
/// clock reading.
pub(crate) fn creation(conn: &Connection, entity: EntityId) -> Result<Option<(DeviceId, Hlc)>> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT device_id, hlc FROM ops WHERE entity_id = ?1 ORDER BY hlc, device_id LIMIT 1",
            [entity.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(device, hlc)| {
        Ok((
            device
                .parse()
                .map_err(|e: crate::ops::IdParseError| damaged(e.to_string()))?,
            hlc.parse()
                .map_err(|e: crate::ops::HlcParseError| damaged(e.to_string()))?,
        ))
    })
    .transpose()
}

fn damaged(reason: String) -> Error {
    Error::Invalid {
        field: "operation log",
        reason,
    }
}
