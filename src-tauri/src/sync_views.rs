//! What the sync screens show, read from the open vault: the Sync screen's status, the roster
//! with the devices waiting, and the conflicts with the names people recognise.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use pristan_core::org::{fingerprint, DeviceIdentity};
use pristan_core::Vault;
use pristan_ipc::{self as ipc, IpcError};
use pristan_model::sync::{ConflictValueView, ConflictView, Role, RosterEntry};
use pristan_model::DeviceId;

use crate::errors::to_ipc;

/// Shown for this device before it has a name of its own (the core uses the same default).
const UNNAMED_DEVICE: &str = "Unnamed device";

pub fn status(vault: &mut Vault) -> Result<ipc::SyncStatus, IpcError> {
    let org = vault.org().map_err(to_ipc)?;
    let coordinator = org.as_ref().is_some_and(|o| o.role == Role::Coordinator);
    // Keys exist once the vault has created or joined an organisation; before that, asking for
    // the identity would make them for nothing.
    let (device_name, device_fingerprint) = if org.is_some() {
        let identity = vault.device_identity().map_err(to_ipc)?;
        (identity.name.clone(), Some(fingerprint(&identity)))
    } else {
        let name = vault.device_name().map_err(to_ipc)?;
        (name.unwrap_or_else(|| UNNAMED_DEVICE.to_owned()), None)
    };
    let (pending_devices, conflicts) = if coordinator {
        (
            vault.pending_devices().map_err(to_ipc)?.len(),
            vault.conflicts().map_err(to_ipc)?.len(),
        )
    } else {
        (0, 0)
    };
    Ok(ipc::SyncStatus {
        org,
        device_name,
        device_fingerprint,
        unsent_ops: vault.unsent_ops().map_err(to_ipc)?,
        held_back_cases: vault.held_back().map_err(to_ipc)?.cases,
        quarantine: vault.quarantine().map_err(to_ipc)?,
        gaps: vault.gaps().map_err(to_ipc)?,
        pending_devices,
        conflicts,
        suggested_folders: suggested_folders(),
        forks: vault.forks().map_err(to_ipc)?,
        identity_notice: vault.identity_notice().map_err(to_ipc)?,
    })
}

/// The roster as this vault last accepted it (empty before any), and the devices waiting for a
/// coordinator (none on a volunteer's vault).
pub fn devices(vault: &mut Vault) -> Result<ipc::DeviceList, IpcError> {
    let me = vault.device_id();
    let entries = vault
        .roster()
        .map_err(to_ipc)?
        .map(|roster| roster.entries)
        .unwrap_or_default();
    let mut roster = Vec::with_capacity(entries.len());
    for entry in entries {
        let this_device = entry.device == me;
        // What a revocation would keep, and the gaps it would leave, shown before revoking.
        let held = if this_device {
            None
        } else {
            Some(vault.held_ops(entry.device).map_err(to_ipc)?)
        };
        roster.push(ipc::DeviceRow {
            fingerprint: entry_fingerprint(&entry),
            this_device,
            held,
            entry,
        });
    }
    let pending = vault
        .pending_devices()
        .map_err(to_ipc)?
        .into_iter()
        .map(|p| ipc::PendingDeviceRow {
            device: p.identity.device,
            name: p.identity.name,
            fingerprint: p.fingerprint,
            first_seen: p.first_seen.to_rfc3339_opts(SecondsFormat::Secs, true),
            replaces: p.replaces_name.or(p.replaces.map(|d| d.to_string())),
        })
        .collect();
    Ok(ipc::DeviceList { roster, pending })
}

fn entry_fingerprint(entry: &RosterEntry) -> String {
    fingerprint(&DeviceIdentity {
        device: entry.device,
        name: entry.name.clone(),
        signing_key: entry.signing_key.clone(),
        recipient: entry.recipient.clone(),
    })
}

/// Every conflict, with its case's name and the writers' names from the roster (or, for a device
/// not approved yet, the name it announced).
pub fn conflicts(vault: &mut Vault) -> Result<Vec<ipc::ConflictRow>, IpcError> {
    let names = device_names(vault)?;
    let mut case_names: BTreeMap<_, Option<String>> = BTreeMap::new();
    let mut rows = Vec::new();
    for conflict in vault.conflicts().map_err(to_ipc)? {
        let case_name = match conflict.case_id {
            Some(case_id) => match case_names.get(&case_id) {
                Some(name) => name.clone(),
                None => {
                    let name = vault.case(case_id).map_err(to_ipc)?.map(|c| c.name);
                    case_names.insert(case_id, name.clone());
                    name
                }
            },
            None => None,
        };
        let values: Vec<ConflictValueView> = conflict
            .values
            .into_iter()
            .map(|v| ConflictValueView {
                value: v.value,
                device: v.stamp.device,
                written_at: written_at(v.stamp.hlc.wall_ms()),
                shown: v.shown,
            })
            .collect();
        let device_names = values
            .iter()
            .filter_map(|v| names.get(&v.device).map(|name| (v.device, name.clone())))
            .collect();
        rows.push(ipc::ConflictRow {
            conflict: ConflictView {
                entity_type: conflict.entity_type,
                entity: conflict.entity,
                case_id: conflict.case_id,
                field: conflict.field,
                values,
            },
            case_name,
            device_names,
        });
    }
    Ok(rows)
}

fn device_names(vault: &mut Vault) -> Result<BTreeMap<DeviceId, String>, IpcError> {
    let mut names: BTreeMap<DeviceId, String> = vault
        .pending_devices()
        .map_err(to_ipc)?
        .into_iter()
        .map(|p| (p.identity.device, p.identity.name))
        .collect();
    if let Some(roster) = vault.roster().map_err(to_ipc)? {
        names.extend(roster.entries.into_iter().map(|e| (e.device, e.name)));
    }
    Ok(names)
}

/// A hybrid clock's wall time; a value out of chrono's range (a broken clock) shows as the epoch.
fn written_at(wall_ms: u64) -> DateTime<Utc> {
    i64::try_from(wall_ms)
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

/// Mounted removable drives first (`/media/$USER/*`, `/run/media/$USER/*`), then Downloads:
/// only folders that exist now.
pub fn suggested_folders() -> Vec<String> {
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            dirs::home_dir().and_then(|h| h.file_name().map(|n| n.to_string_lossy().into_owned()))
        });
    let mut folders = Vec::new();
    if let Some(user) = user {
        for base in [Path::new("/media"), Path::new("/run/media")] {
            folders.extend(subfolders(&base.join(&user)));
        }
    }
    if let Some(downloads) = dirs::download_dir().filter(|d| d.is_dir()) {
        folders.push(downloads);
    }
    folders
        .into_iter()
        .map(|f| f.display().to_string())
        .collect()
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_become_instants() {
        assert_eq!(written_at(0), DateTime::<Utc>::UNIX_EPOCH);
        assert_eq!(written_at(1_000).timestamp(), 1);
        assert_eq!(written_at(u64::MAX), DateTime::<Utc>::UNIX_EPOCH);
    }

    #[test]
    fn subfolders_lists_only_folders_in_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("b")).unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("file"), b"x").unwrap();
        let found = subfolders(dir.path());
        assert_eq!(found, vec![dir.path().join("a"), dir.path().join("b")]);
        assert!(subfolders(&dir.path().join("missing")).is_empty());
    }
}
