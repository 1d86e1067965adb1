//! The relay outbox (docs/sync-plan.md, "The relay path"): bundles exported for the relay are
//! kept here, as their exact encrypted bytes, inside the encrypted vault, until the relay
//! acknowledges them. A retry sends the same bytes (age encryption is randomised: exporting again
//! would make another object, and the receiver a second copy to deduplicate). A bundle the relay
//! refuses as too large or over quota stays, marked, and never blocks the others.
//!
//! What goes where: this device's own operations (a volunteer's or a coordinator's) to the
//! organisation inbox; a coordinator's case packets (and with them the roster that approves a
//! waiting device) to each volunteer device's mailbox, only when the packet would bring something
//! new. The relay client (`crates/pristan-relay-client`) does the network part.

mod state;

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::bundle::case_packet::packet_digest;
use crate::bundle::export::{BatchLimits, Sink};
use crate::bundle::{ExportOutcome, Progress};
use crate::error::Result;
use crate::ops::DeviceId;
use crate::org::{self, Role};
use crate::vault::Vault;

/// Where a queued bundle goes on the relay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// The organisation inbox, read by every coordinator.
    Org,
    /// One device's mailbox, named by its keys (docs/relay-protocol.md, "A mailbox").
    Device {
        device: DeviceId,
        signing_key: String,
        recipient: String,
    },
}

/// One bundle waiting in the outbox (its bytes are read one at a time with
/// [`Vault::relay_outbox_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// SHA-256 of the bytes, hex: the object's name on the relay.
    pub sha256: String,
    pub destination: Destination,
    pub size: u64,
    pub created_at: String,
    pub attempts: u32,
    /// The relay's error code from the last attempt, if it failed.
    pub last_error: Option<String>,
    /// Refused by the relay as too large or over quota.
    pub held_back: bool,
}

/// What [`Vault::queue_for_relay`] added to the outbox.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queued {
    /// Bundles of this device's own operations.
    pub own: usize,
    /// Case packets, one or more per device that had something new.
    pub packets: usize,
}

impl Vault {
    /// Exports into the outbox what a sync must send: this device's operations not exported
    /// before, and on a coordinator's vault a case packet for each volunteer device whose packet
    /// would bring something new (new operations of its cases, or a new roster, such as the
    /// one approving it). Revoked devices get nothing through the relay (it refuses them).
    pub fn queue_for_relay(&mut self, progress: &mut dyn FnMut(Progress)) -> Result<Queued> {
        let mut queued = Queued::default();
        if let ExportOutcome::Written(report) = self.export_own(
            Sink::Outbox(&Destination::Org),
            None,
            &BatchLimits::DEFAULT,
            progress,
        )? {
            queued.own = report.paths.len().max(1);
        }
        if self.own_role()? != Some(Role::Coordinator) {
            return Ok(queued);
        }
        let me = self.device_id();
        let devices: Vec<_> = org::roster_entries(&self.conn)?
            .into_iter()
            .filter(|e| e.device != me && e.role == Role::Volunteer)
            .filter(|e| e.revoked_after_seq.is_none())
            .collect();
        for entry in devices {
            let digest = packet_digest(&self.conn, entry.device)?;
            if last_packet_digest(&self.conn, entry.device)?.as_deref() == Some(&digest) {
                continue;
            }
            let to = Destination::Device {
                device: entry.device,
                signing_key: entry.signing_key.clone(),
                recipient: entry.recipient.clone(),
            };
            let report = self.export_packet(entry.device, Sink::Outbox(&to), progress)?;
            queued.packets += report.paths.len().max(1);
            self.conn.execute(
                "INSERT INTO relay_packets (device_id, digest) VALUES (?1, ?2)
                 ON CONFLICT (device_id) DO UPDATE SET digest = excluded.digest",
                params![entry.device.to_string(), digest],
            )?;
        }
        Ok(queued)
    }

    /// Every bundle waiting in the outbox, in the order they were queued.
    pub fn relay_outbox(&self) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT sha256, destination, to_device, to_signing_key, to_recipient, length(bytes),
                    created_at, attempts, last_error, held_back
             FROM relay_outbox ORDER BY queued",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, bool>(9)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (
                sha256,
                dest,
                device,
                signing_key,
                recipient,
                size,
                created_at,
                attempts,
                last_error,
                held_back,
            ) = row?;
            let destination = match (dest.as_str(), device, signing_key, recipient) {
                ("device", Some(device), Some(signing_key), Some(recipient)) => {
                    let Ok(device) = device.parse() else { continue };
                    Destination::Device {
                        device,
                        signing_key,
                        recipient,
                    }
                }
                _ => Destination::Org,
            };
            entries.push(OutboxEntry {
                sha256,
                destination,
                size: size.max(0) as u64,
                created_at,
                attempts: attempts.clamp(0, i64::from(u32::MAX)) as u32,
                last_error,
                held_back,
            });
        }
        Ok(entries)
    }

    /// The exact bytes of a queued bundle, to send (again).
    pub fn relay_outbox_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM relay_outbox WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The relay acknowledged a queued bundle (stored it, or already had it): it leaves the
    /// outbox. Acknowledging one that is gone already is not an error.
    pub fn relay_delivered(&self, sha256: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM relay_outbox WHERE sha256 = ?1", [sha256])?;
        Ok(())
    }

    /// Sending a queued bundle failed: it stays, with the relay's error code (or the client's,
    /// such as `unreachable`); `held_back` marks one refused as too large or over quota.
    pub fn relay_send_failed(&self, sha256: &str, error_code: &str, held_back: bool) -> Result<()> {
        let code: String = error_code
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .take(40)
            .collect();
        self.conn.execute(
            "UPDATE relay_outbox SET attempts = attempts + 1, last_error = ?2, held_back = ?3
             WHERE sha256 = ?1",
            params![sha256, code, held_back],
        )?;
        Ok(())
    }
}

/// Puts a bundle's bytes in the outbox for `to`, inside the export's transaction, and returns
/// their SHA-256 (hex). The same bytes twice are one entry.
pub(crate) fn enqueue(conn: &Connection, to: &Destination, bytes: &[u8]) -> Result<String> {
    let sha256 = hex::encode(Sha256::digest(bytes));
    let (destination, device, signing_key, recipient) = match to {
        Destination::Org => ("org", None, None, None),
        Destination::Device {
            device,
            signing_key,
            recipient,
        } => (
            "device",
            Some(device.to_string()),
            Some(signing_key.as_str()),
            Some(recipient.as_str()),
        ),
    };
    let queued: i64 = conn.query_row(
        "SELECT coalesce(max(queued), 0) + 1 FROM relay_outbox",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO relay_outbox (sha256, queued, destination, to_device,
             to_signing_key, to_recipient, bytes, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            sha256,
            queued,
            destination,
            device,
            signing_key,
            recipient,
            bytes,
            now_text(Utc::now())
        ],
    )?;
    Ok(sha256)
}

/// What [`copy_waiting_to_folder`] wrote.
pub(crate) struct Copied {
    /// Never empty.
    pub paths: Vec<String>,
    pub bytes: u64,
}

/// Writes every bundle waiting for the organisation inbox into `dir` as well, as the same bytes
/// (a folder export must carry everything, whichever way arrives first). A file of that name
/// already there is left alone. `None` when nothing waits.
pub(crate) fn copy_waiting_to_folder(conn: &Connection, dir: &Path) -> Result<Option<Copied>> {
    let mut stmt = conn.prepare(
        "SELECT sha256, bytes, created_at FROM relay_outbox WHERE destination = 'org'
         ORDER BY queued",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut copied = Copied {
        paths: Vec::new(),
        bytes: 0,
    };
    for row in rows {
        let (sha256, bytes, created_at) = row?;
        let date: String = created_at
            .chars()
            .filter(char::is_ascii_digit)
            .take(8)
            .collect();
        let name = format!(
            "pristan-{date}-{}.{}",
            &sha256[..12.min(sha256.len())],
            crate::bundle::BUNDLE_EXTENSION
        );
        let path = dir.join(name);
        if !path.exists() {
            crate::atomic_file::write_atomically(&path, &bytes)
                .map_err(crate::Error::io("write the bundle to", &path))?;
        }
        copied.bytes += bytes.len() as u64;
        copied.paths.push(path.display().to_string());
    }
    Ok((!copied.paths.is_empty()).then_some(copied))
}

fn last_packet_digest(conn: &Connection, device: DeviceId) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT digest FROM relay_packets WHERE device_id = ?1",
            [device.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

fn now_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
