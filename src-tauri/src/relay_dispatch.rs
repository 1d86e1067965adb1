//! Handlers for the relay commands (docs/relay-protocol.md): Sync now as a job whose progress
//! `GetSyncProgress` reports (like a folder import), the relay's status, the relay check, this
//! device's automatic sync and the coordinator's relay address. The automatic sync itself runs
//! in [`crate::auto_sync`].
//!
//! What this window last learnt of the relay (reachable or not, failures in a row) is kept in
//! [`RelayMemory`], shared with the automatic sync.

use std::sync::{Mutex, OnceLock};

use pristan_core::Vault;
use pristan_ipc::{self as ipc, Command, IpcError};
use pristan_model::relay::{RelayProblem, RelaySyncReport};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;
use crate::sync_dispatch::{with_progress, ProgressSlot};

/// What this window knows of the relay between syncs.
#[derive(Debug, Default, Clone, Copy)]
pub struct RelayMemory {
    pub reachable: Option<bool>,
    /// Syncs in a row that could not reach the relay (for the automatic sync's backoff).
    pub failures: u32,
    pub syncing: bool,
}

fn memory() -> &'static Mutex<RelayMemory> {
    static MEMORY: OnceLock<Mutex<RelayMemory>> = OnceLock::new();
    MEMORY.get_or_init(Mutex::default)
}

/// A copy of what this window knows of the relay.
pub fn remembered() -> RelayMemory {
    memory().lock().map(|m| *m).unwrap_or_default()
}

fn remember(change: impl FnOnce(&mut RelayMemory)) {
    if let Ok(mut memory) = memory().lock() {
        change(&mut memory);
    }
}

/// Runs one sync with progress in `progress`, and remembers whether the relay answered.
pub fn sync(vault: &mut Vault, progress: &ProgressSlot) -> Result<RelaySyncReport, IpcError> {
    remember(|m| m.syncing = true);
    let result = with_progress(progress, |report| {
        pristan_relay_client::sync_now(vault, None, report)
    });
    remember(|m| m.syncing = false);
    let report = result.map_err(to_ipc)?;
    let cut_off = report
        .errors
        .iter()
        .any(|e| e.problem == RelayProblem::Unreachable);
    let has_relay = !report
        .errors
        .iter()
        .any(|e| e.problem == RelayProblem::NoRelay);
    remember(|m| {
        if has_relay {
            m.reachable = Some(report.reachable && !cut_off);
        }
        m.failures = if report.reachable && !cut_off {
            0
        } else {
            m.failures.saturating_add(1)
        };
    });
    Ok(report)
}

/// Runs the relay command `name`, or returns `None` if `name` is not one.
pub fn dispatch_relay(
    session: &mut Session,
    progress: &ProgressSlot,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::SyncNow::NAME => handle(args, |_: ipc::SyncNow| sync(session.vault_mut()?, progress)),
        ipc::GetRelayStatus::NAME => handle(args, |_: ipc::GetRelayStatus| {
            let local = session.vault_mut()?.relay_state().map_err(to_ipc)?;
            let memory = remembered();
            Ok(ipc::RelayStatus {
                reachable: local.relay_url.as_ref().and(memory.reachable),
                syncing: memory.syncing,
                local,
            })
        }),
        ipc::CheckRelay::NAME => handle(args, |_: ipc::CheckRelay| {
            let url = session.vault_mut()?.relay_url().map_err(to_ipc)?;
            let reachable = url.is_some_and(|url| pristan_relay_client::is_reachable(&url));
            remember(|m| m.reachable = Some(reachable));
            Ok(reachable)
        }),
        ipc::SetRelayAutoSync::NAME => handle(args, |c: ipc::SetRelayAutoSync| {
            session
                .vault_mut()?
                .set_relay_auto_sync(c.on)
                .map_err(to_ipc)
        }),
        ipc::SetRelayAddress::NAME => handle(args, |c: ipc::SetRelayAddress| {
            let vault = session.vault_mut()?;
            let url = c.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
            vault.set_relay(url).map_err(to_ipc)?;
            remember(|m| m.reachable = None);
            vault
                .org()
                .map_err(to_ipc)?
                .ok_or_else(|| to_ipc(pristan_core::org::OrgError::NoOrganisation.into()))
        }),
        _ => return None,
    };
    Some(result)
}
