//! Handlers for the relay commands (docs/relay-protocol.md): Sync now as a job whose progress
//! `GetSyncProgress` reports (like a folder import), the relay's status, the relay check, this
//! device's automatic sync and the coordinator's relay address. The automatic sync itself runs
//! in [`crate::auto_sync`].
//!
//! What this window last learnt of the relay (reachable or not, failures in a row) is kept in
//! [`RelayMemory`], shared with the automatic sync.
//!
//! A sync does not hold the session while it waits for the relay: [`SessionVault`] hands the
//! vault to it one short step at a time (`pristan_relay_client::VaultAccess`), so the window's
//! other commands, and locking, never wait for the network. `ipc` therefore runs `SyncNow`
//! itself, before taking the session; one sync runs at a time ([`one_at_a_time`]).

use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};

use pristan_core::Vault;
use pristan_ipc::{self as ipc, Command, IpcError};
use pristan_model::relay::{RelayProblem, RelaySyncReport};
use pristan_relay_client::{SyncOptions, VaultAccess};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;
use crate::sync_dispatch::{with_progress, ProgressSlot};
use crate::SharedSession;

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

/// The session's vault, taken for one step of a sync at a time. A vault locked meanwhile (by
/// the person, or the idle deadline) stops the sync with `VaultClosed`, which the window hears
/// as `Locked`.
pub struct SessionVault(pub SharedSession);

impl VaultAccess for SessionVault {
    fn with_vault<R>(
        &self,
        step: impl FnOnce(&mut Vault) -> Result<R, pristan_core::Error>,
    ) -> Result<R, pristan_core::Error> {
        let mut session = self
            .0
            .lock()
            .map_err(|_| pristan_core::Error::VaultClosed)?;
        let vault = session
            .vault_mut()
            .map_err(|_| pristan_core::Error::VaultClosed)?;
        step(vault)
    }
}

/// Whether a sync runs now: `Wait` blocks until the running one ends (Sync now), `Skip` gives
/// up (the automatic sync tries again later).
pub enum IfRunning {
    Wait,
    Skip,
}

/// One sync at a time: two at once would upload and download the same bundles twice.
pub fn one_at_a_time(if_running: IfRunning) -> Option<MutexGuard<'static, ()>> {
    static RUNNING: Mutex<()> = Mutex::new(());
    match if_running {
        IfRunning::Wait => Some(RUNNING.lock().unwrap_or_else(|p| p.into_inner())),
        IfRunning::Skip => match RUNNING.try_lock() {
            Ok(guard) => Some(guard),
            Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        },
    }
}

/// `Locked` unless the vault is open (a poisoned session counts as locked).
pub fn require_open(session: &SharedSession) -> Result<(), IpcError> {
    let mut session = session.lock().map_err(|_| crate::errors::locked())?;
    session.vault_mut().map(|_| ())
}

/// `SyncNow` from the window: waits for a running automatic sync, then syncs.
pub fn sync_now(
    session: SharedSession,
    progress: &ProgressSlot,
) -> Result<RelaySyncReport, IpcError> {
    let _running = one_at_a_time(IfRunning::Wait);
    sync(&SessionVault(session), progress)
}

/// Runs one sync with progress in `progress`, and remembers whether the relay answered. The
/// caller holds [`one_at_a_time`].
pub fn sync(vault: &SessionVault, progress: &ProgressSlot) -> Result<RelaySyncReport, IpcError> {
    remember(|m| m.syncing = true);
    let result = with_progress(progress, |report| {
        pristan_relay_client::sync_through(vault, &SyncOptions::default(), report)
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

/// Runs the relay command `name`, or returns `None` if `name` is not one. `SyncNow` is not
/// here: it must not hold the session, so `ipc` runs it ([`sync_now`]).
pub fn dispatch_relay(
    session: &mut Session,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
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
