//! The organisation's rows in the vault: the `org` row (with the organisation's secret keys on a
//! coordinator's vault), the newest accepted roster, and devices waiting for approval.

use chrono::{DateTime, SecondsFormat, Utc};
use ed25519_dalek::SigningKey;
use rusqlite::{Connection, OptionalExtension};
use zeroize::Zeroizing;

use super::error::OrgError;
use super::keys;
use super::roster::{verify_roster, MAX_ROSTER_JSON};
use super::types::{DeviceIdentity, OrgId, OrgInfo, PendingDevice, Role, Roster, SignedRoster};
use crate::error::{Error, Result};

/// The organisation as stored. The public keys are kept as text because fingerprints and
/// invitations use exactly that text.
pub(crate) struct OrgRow {
    pub(crate) org: OrgId,
    pub(crate) name: String,
    pub(crate) signing_key: String,
    pub(crate) recipient: String,
    /// Present only on a coordinator's vault.
    pub(crate) secrets: Option<OrgSecrets>,
}

/// The organisation's secret keys: whoever holds them can sign rosters and read every bundle.
pub(crate) struct OrgSecrets {
    pub(crate) signing: SigningKey,
    pub(crate) age: age::x25519::Identity,
}

impl std::fmt::Debug for OrgSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OrgSecrets(..)")
    }
}

impl std::fmt::Debug for OrgRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrgRow")
            .field("org", &self.org)
            .field("coordinator", &self.secrets.is_some())
            .finish_non_exhaustive()
    }
}

impl OrgRow {
    pub(crate) fn info(&self, roster_version: u64) -> OrgInfo {
        OrgInfo {
            org: self.org,
            name: self.name.clone(),
            role: if self.secrets.is_some() {
                Role::Coordinator
            } else {
                Role::Volunteer
            },
            org_signing_key: self.signing_key.clone(),
            org_recipient: self.recipient.clone(),
            roster_version,
            relay_url: None,
        }
    }
}

pub(crate) fn load_org(conn: &Connection) -> Result<Option<OrgRow>> {
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT org_id, name, signing_key, recipient, signing_secret, age_identity
             FROM org WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((org, name, signing_key, recipient, signing_secret, age_identity)) = row else {
        return Ok(None);
    };
    let damaged = || OrgError::DamagedKeys {
        what: "organisation record",
    };
    let secrets = match (
        signing_secret.map(Zeroizing::new),
        age_identity.map(Zeroizing::new),
    ) {
        (Some(signing), Some(age)) => Some(OrgSecrets {
            signing: keys::signing_key_from_text(&signing, "organisation key")
                .map_err(|_| damaged())?,
            age: keys::age_identity_from_text(&age, "organisation key").map_err(|_| damaged())?,
        }),
        (None, None) => None,
        _ => return Err(damaged().into()),
    };
    Ok(Some(OrgRow {
        org: org.parse().map_err(|_| damaged())?,
        name,
        signing_key,
        recipient,
        secrets,
    }))
}

pub(crate) fn require_org(conn: &Connection) -> Result<OrgRow> {
    load_org(conn)?.ok_or_else(|| OrgError::NoOrganisation.into())
}

/// The organisation and its secret keys, or why this vault cannot act as a coordinator.
pub(crate) fn require_coordinator(conn: &Connection) -> Result<(OrgRow, OrgSecrets)> {
    let mut org = require_org(conn)?;
    match org.secrets.take() {
        Some(secrets) => Ok((org, secrets)),
        None => Err(OrgError::NotCoordinator.into()),
    }
}

/// Whether this vault holds the organisation's keys.
pub(crate) fn is_coordinator(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT signing_secret IS NOT NULL FROM org WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(false))
}

pub(crate) fn insert_org(conn: &Connection, row: &OrgRow) -> Result<()> {
    let secrets = row.secrets.as_ref().map(|s| {
        (
            keys::signing_key_to_text(&s.signing),
            keys::age_identity_to_text(&s.age),
        )
    });
    conn.execute(
        "INSERT INTO org (id, org_id, name, signing_key, recipient, signing_secret, age_identity)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        (
            row.org.to_string(),
            &row.name,
            &row.signing_key,
            &row.recipient,
            secrets.as_ref().map(|(s, _)| s.as_str()),
            secrets.as_ref().map(|(_, a)| a.as_str()),
        ),
    )?;
    Ok(())
}

/// Gives a volunteer's vault the organisation's secret keys (a second coordinator).
pub(crate) fn set_org_secrets(conn: &Connection, secrets: &OrgSecrets) -> Result<()> {
    conn.execute(
        "UPDATE org SET signing_secret = ?1, age_identity = ?2 WHERE id = 1",
        (
            keys::signing_key_to_text(&secrets.signing).as_str(),
            keys::age_identity_to_text(&secrets.age).as_str(),
        ),
    )?;
    Ok(())
}

pub(crate) fn org_info(conn: &Connection) -> Result<Option<OrgInfo>> {
    let Some(org) = load_org(conn)? else {
        return Ok(None);
    };
    Ok(Some(org.info(roster_version(conn)?)))
}

pub(crate) fn roster_version(conn: &Connection) -> Result<u64> {
    let version: Option<i64> = conn
        .query_row("SELECT version FROM roster WHERE id = 1", [], |r| r.get(0))
        .optional()?;
    Ok(version.map_or(0, |v| u64::try_from(v).unwrap_or(0)))
}

pub(crate) fn signed_roster(conn: &Connection) -> Result<Option<SignedRoster>> {
    Ok(conn
        .query_row(
            "SELECT roster_json, signature FROM roster WHERE id = 1",
            [],
            |r| {
                Ok(SignedRoster {
                    roster_json: r.get(0)?,
                    signature: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The roster in force: every kept roster checked again against the organisation's key (a vault
/// edited outside Pristan must not be able to approve a device), merged. Usually one roster is
/// kept; two coordinators' concurrent versions are both kept until one signs their merge.
pub(crate) fn roster(conn: &Connection) -> Result<Option<Roster>> {
    let kept = frontier(conn)?;
    if kept.is_empty() {
        return Ok(None);
    }
    let org = require_org(conn)?;
    let mut merged: Option<Roster> = None;
    for signed in kept {
        let roster = verify_roster(&org.signing_key, &signed)?;
        merged = Some(match merged {
            None => roster,
            Some(held) => Roster {
                org: held.org,
                version: held.version.max(roster.version),
                issued_at: held.issued_at.max(roster.issued_at),
                entries: super::roster_merge::merge_entries(&held.entries, &roster.entries),
                relay: held.relay.max(roster.relay),
            },
        });
    }
    Ok(merged)
}

/// How many rosters are kept side by side (see [`roster`]).
pub(crate) fn kept_rosters(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row("SELECT count(*) FROM roster_frontier", [], |r| r.get(0))?;
    Ok(n.max(0) as usize)
}

fn frontier(conn: &Connection) -> Result<Vec<SignedRoster>> {
    let mut stmt = conn.prepare(
        "SELECT roster_json, signature FROM roster_frontier ORDER BY version, signature",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SignedRoster {
            roster_json: r.get(0)?,
            signature: r.get(1)?,
        })
    })?;
    let mut kept: Vec<SignedRoster> = rows.collect::<rusqlite::Result<_>>()?;
    if kept.is_empty() {
        kept.extend(signed_roster(conn)?);
    }
    Ok(kept)
}

/// Keeps a verified roster: beside the others unless it includes them (then it replaces them),
/// and as the one bundle headers carry if its version is the highest. Pending entries for the
/// devices it lists are forgotten: they are decided.
pub(crate) fn store_roster(
    conn: &Connection,
    roster: &Roster,
    signed: &SignedRoster,
) -> Result<()> {
    debug_assert!(signed.roster_json.len() <= MAX_ROSTER_JSON);
    let version = i64::try_from(roster.version).map_err(|_| OrgError::RosterMalformed {
        reason: "its version number is too large".into(),
    })?;
    let org = require_org(conn)?;
    for kept in frontier(conn)? {
        let held = verify_roster(&org.signing_key, &kept)?;
        if held.version <= roster.version
            && super::roster_merge::includes(&roster.entries, &held.entries)
            && roster.relay >= held.relay
        {
            conn.execute(
                "DELETE FROM roster_frontier WHERE signature = ?1",
                [&kept.signature],
            )?;
        }
    }
    conn.execute(
        "INSERT OR IGNORE INTO roster_frontier (signature, version, roster_json)
         VALUES (?1, ?2, ?3)",
        (&signed.signature, version, &signed.roster_json),
    )?;
    conn.execute(
        "INSERT INTO roster (id, version, roster_json, signature) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version,
             roster_json = excluded.roster_json, signature = excluded.signature
         WHERE excluded.version >= roster.version",
        (version, &signed.roster_json, &signed.signature),
    )?;
    let mut forget = conn.prepare("DELETE FROM pending_devices WHERE device_id = ?1")?;
    for entry in &roster.entries {
        forget.execute([entry.device.to_string()])?;
    }
    Ok(())
}

pub(crate) fn pending_identity(
    conn: &Connection,
    device: crate::ops::DeviceId,
) -> Result<Option<(DeviceIdentity, DateTime<Utc>)>> {
    let row: Option<(String, String, String, String)> = conn
        .query_row(
            "SELECT name, signing_key, recipient, first_seen FROM pending_devices
             WHERE device_id = ?1",
            [device.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    row.map(|(name, signing_key, recipient, first_seen)| {
        let identity = DeviceIdentity {
            device,
            name,
            signing_key,
            recipient,
        };
        Ok((identity, parse_time(&first_seen)?))
    })
    .transpose()
}

pub(crate) fn pending_devices(conn: &Connection) -> Result<Vec<PendingDevice>> {
    let mut statement =
        conn.prepare("SELECT device_id FROM pending_devices ORDER BY first_seen, device_id")?;
    let ids: Vec<String> = statement
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut pending = Vec::with_capacity(ids.len());
    for id in ids {
        let device = id.parse().map_err(|_| OrgError::DamagedKeys {
            what: "list of devices waiting for approval",
        })?;
        if let Some((identity, first_seen)) = pending_identity(conn, device)? {
            let replaces = pending_replaces(conn, device)?;
            let replaces_name = match replaces {
                Some(old) => super::roster::roster_entry(conn, old)?.map(|e| e.name),
                None => None,
            };
            pending.push(PendingDevice {
                fingerprint: keys::fingerprint(&identity),
                identity,
                first_seen,
                replaces,
                replaces_name,
            });
        }
    }
    Ok(pending)
}

/// The device a waiting device says it continues, if any.
pub(crate) fn pending_replaces(
    conn: &Connection,
    device: crate::ops::DeviceId,
) -> Result<Option<crate::ops::DeviceId>> {
    let old: Option<Option<String>> = conn
        .query_row(
            "SELECT replaces FROM pending_devices WHERE device_id = ?1",
            [device.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    Ok(old.flatten().and_then(|o| o.parse().ok()))
}

/// Records which device a waiting device says it continues (from its bundle's header).
pub(crate) fn note_replaces(
    conn: &Connection,
    device: crate::ops::DeviceId,
    replaces: crate::ops::DeviceId,
) -> Result<()> {
    conn.execute(
        "UPDATE pending_devices SET replaces = ?2 WHERE device_id = ?1",
        [device.to_string(), replaces.to_string()],
    )?;
    Ok(())
}

pub(crate) fn insert_pending(conn: &Connection, identity: &DeviceIdentity) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO pending_devices (device_id, name, signing_key, recipient, first_seen)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            identity.device.to_string(),
            &identity.name,
            &identity.signing_key,
            &identity.recipient,
            now_text(),
        ),
    )?;
    Ok(())
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Error::from(OrgError::DamagedKeys {
                what: "list of devices waiting for approval",
            })
        })
}
