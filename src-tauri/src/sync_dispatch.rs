//! Handlers for the sync commands: the organisation, bundles in and out, quarantine, the roster,
//! conflicts, case packets, assignments and forgetting. Each turns a typed request into core
//! calls on the open vault; the views they answer with are built in [`crate::sync_views`].
//!
//! Exports and imports report progress into the shared [`ProgressSlot`], which `dispatch::ipc`
//! reads for `GetSyncProgress` without waiting for the session (the running command holds it).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use pristan_core::cases::CaseField;
use pristan_core::ops::ForgetReason;
use pristan_core::org::Invitation;
use pristan_core::Vault;
use pristan_ipc::{self as ipc, Command, ErrorKind, ForgetReasonChoice, IpcError};
use pristan_model::sync::{Progress, Role};
use serde_json::Value;

use crate::dispatch::handle;
use crate::errors::to_ipc;
use crate::session::Session;
use crate::sync_views;

/// Where the running export or import is; `None` when none runs.
pub type ProgressSlot = Arc<Mutex<Option<Progress>>>;

/// The slot's current value. A poisoned slot only means no progress to show.
pub fn current_progress(slot: &ProgressSlot) -> Option<Progress> {
    slot.lock().map(|progress| *progress).unwrap_or(None)
}

/// Runs `job` with a progress callback that fills the slot, and empties the slot when the job
/// ends, however it ends.
pub(crate) fn with_progress<T>(
    slot: &ProgressSlot,
    job: impl FnOnce(&mut dyn FnMut(Progress)) -> T,
) -> T {
    struct Clear<'a>(&'a ProgressSlot);
    impl Drop for Clear<'_> {
        fn drop(&mut self) {
            if let Ok(mut slot) = self.0.lock() {
                *slot = None;
            }
        }
    }
    let _clear = Clear(slot);
    let mut report = |progress: Progress| {
        if let Ok(mut slot) = slot.lock() {
            *slot = Some(progress);
        }
    };
    job(&mut report)
}

/// Runs the sync command `name`, or returns `None` if `name` is not one.
pub fn dispatch_sync(
    session: &mut Session,
    progress: &ProgressSlot,
    name: &str,
    args: Value,
) -> Option<Result<Value, IpcError>> {
    let result = match name {
        ipc::GetSyncStatus::NAME => handle(args, |_: ipc::GetSyncStatus| {
            sync_views::status(session.vault_mut()?)
        }),
        ipc::CreateOrganisation::NAME => handle(args, |c: ipc::CreateOrganisation| {
            let vault = session.vault_mut()?;
            name_device(vault, c.device_name.as_deref())?;
            vault.create_org(&c.name).map_err(to_ipc)
        }),
        ipc::MakeInvitation::NAME => handle(args, |_: ipc::MakeInvitation| {
            let invitation = session.vault_mut()?.invitation().map_err(to_ipc)?;
            Ok(ipc::InvitationText {
                text: invitation.to_text(),
                org_fingerprint: invitation.fingerprint(),
            })
        }),
        ipc::ReadInvitation::NAME => handle(args, |c: ipc::ReadInvitation| {
            session.vault_mut()?;
            let invitation = Invitation::from_text(c.invitation.trim()).map_err(to_ipc)?;
            Ok(ipc::InvitationPreview {
                org_name: invitation.org_name.trim().to_owned(),
                org_fingerprint: invitation.fingerprint(),
            })
        }),
        ipc::JoinOrganisation::NAME => handle(args, |c: ipc::JoinOrganisation| {
            let vault = session.vault_mut()?;
            let invitation = Invitation::from_text(c.invitation.trim()).map_err(to_ipc)?;
            // Checked before anything changes, the device's name included.
            invitation
                .check_fingerprint(&c.org_fingerprint)
                .map_err(to_ipc)?;
            name_device(vault, c.device_name.as_deref())?;
            vault
                .join_org_compared(&invitation, &c.org_fingerprint)
                .map_err(to_ipc)
        }),
        ipc::ExportBundle::NAME => handle(args, |c: ipc::ExportBundle| {
            // Locked first: a locked window must not tell anyone which folders exist.
            let vault = session.vault_mut()?;
            let folder = existing_folder(&c.folder)?;
            with_progress(progress, |report| {
                vault.export_bundle(&folder, None, report)
            })
            .map_err(to_ipc)
        }),
        ipc::ImportBundles::NAME => handle(args, |c: ipc::ImportBundles| {
            let vault = session.vault_mut()?;
            let paths = import_paths(&c.paths)?;
            with_progress(progress, |report| vault.import_bundles(&paths, report)).map_err(to_ipc)
        }),
        ipc::GetSyncProgress::NAME => handle(args, |_: ipc::GetSyncProgress| {
            Ok(current_progress(progress))
        }),
        ipc::RetryQuarantine::NAME => handle(args, |_: ipc::RetryQuarantine| {
            let vault = session.vault_mut()?;
            with_progress(progress, |report| vault.retry_quarantine(report)).map_err(to_ipc)
        }),
        ipc::DiscardQuarantined::NAME => handle(args, |c: ipc::DiscardQuarantined| {
            // Already gone (discarded from another screen) is what was asked for.
            session
                .vault_mut()?
                .discard_quarantined(&c.file_hash)
                .map_err(to_ipc)?;
            Ok(())
        }),
        ipc::AcceptClockAhead::NAME => handle(args, |c: ipc::AcceptClockAhead| {
            session
                .vault_mut()?
                .accept_clock_ahead(&c.file_hash)
                .map_err(to_ipc)
        }),
        ipc::ListDevices::NAME => handle(args, |_: ipc::ListDevices| {
            sync_views::devices(session.vault_mut()?)
        }),
        ipc::ApproveDevice::NAME => handle(args, |c: ipc::ApproveDevice| {
            let vault = session.vault_mut()?;
            vault.approve_device(c.device, c.role).map_err(to_ipc)?;
            // Its bundles were waiting in quarantine for this approval.
            with_progress(progress, |report| vault.retry_quarantine(report)).map_err(to_ipc)?;
            sync_views::devices(vault)
        }),
        ipc::RevokeDevice::NAME => handle(args, |c: ipc::RevokeDevice| {
            let vault = session.vault_mut()?;
            vault
                .revoke_device(c.device, c.last_good_seq)
                .map_err(to_ipc)?;
            sync_views::devices(vault)
        }),
        ipc::DismissIdentityNotice::NAME => handle(args, |_: ipc::DismissIdentityNotice| {
            session
                .vault_mut()?
                .dismiss_identity_notice()
                .map_err(to_ipc)
        }),
        ipc::ListConflicts::NAME => handle(args, |_: ipc::ListConflicts| {
            sync_views::conflicts(session.vault_mut()?)
        }),
        ipc::ResolveConflict::NAME => handle(args, |c: ipc::ResolveConflict| {
            session
                .vault_mut()?
                .resolve_conflict(c.entity, &c.field, c.value)
                .map_err(to_ipc)
        }),
        ipc::SendCasePacket::NAME => handle(args, |c: ipc::SendCasePacket| {
            let vault = session.vault_mut()?;
            let folder = existing_folder(&c.folder)?;
            with_progress(progress, |report| {
                vault.export_case_packet(c.device, &folder, report)
            })
            .map_err(to_ipc)
        }),
        ipc::AssignCase::NAME => handle(args, |c: ipc::AssignCase| {
            // Whether this device may assign is the core's rule (org::permissions).
            let vault = session.vault_mut()?;
            let devices = c.devices.iter().map(|d| Value::String(d.to_string()));
            let fields = [(CaseField::AssignedTo, Value::Array(devices.collect()))];
            vault
                .update_case(c.case_id, fields.into_iter().collect())
                .map_err(to_ipc)
        }),
        ipc::ForgetCase::NAME => handle(args, |c: ipc::ForgetCase| forget(session.vault_mut()?, c)),
        _ => return None,
    };
    Some(result)
}

fn forget(vault: &mut Vault, c: ipc::ForgetCase) -> Result<(), IpcError> {
    require_coordinator(
        vault,
        "only a coordinator can forget a person, so that every device forgets them: \
         ask your coordinator to do it",
    )?;
    let case = vault
        .case(c.case_id)
        .map_err(to_ipc)?
        .ok_or_else(|| invalid("this case is no longer in the vault: nothing to forget"))?;
    let expected = case.name.trim();
    if expected.is_empty() || c.typed_name.trim() != expected {
        return Err(invalid(
            "the name you typed does not match the case's name exactly: nothing was forgotten. \
             Type the name as it is shown, then try again",
        ));
    }
    let reason = match c.reason {
        ForgetReasonChoice::ConsentWithdrawn => ForgetReason::ConsentWithdrawn,
        ForgetReasonChoice::RequestedByPerson => ForgetReason::RequestedByPerson,
        ForgetReasonChoice::EnteredByMistake => ForgetReason::EnteredByMistake,
    };
    vault.forget_case(c.case_id, reason).map_err(to_ipc)
}

fn require_coordinator(vault: &Vault, refusal: &str) -> Result<(), IpcError> {
    match vault.org().map_err(to_ipc)? {
        Some(org) if org.role == Role::Coordinator => Ok(()),
        _ => Err(invalid(refusal)),
    }
}

/// Names this device for the roster before it creates or joins an organisation, when a name was
/// typed; an untyped name keeps the one already set (or the core's default).
fn name_device(vault: &Vault, typed: Option<&str>) -> Result<(), IpcError> {
    match typed.map(str::trim) {
        Some(name) if !name.is_empty() => vault.set_device_name(name).map_err(to_ipc),
        _ => Ok(()),
    }
}

/// The folder an export writes into: it must exist already (a drive may not be plugged in).
pub(crate) fn existing_folder(typed: &str) -> Result<PathBuf, IpcError> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(invalid("choose a folder to write the file into"));
    }
    let folder = expand_home(typed);
    if !folder.is_dir() {
        return Err(IpcError::new(
            ErrorKind::Io,
            format!(
                "there is no folder {typed}: check the spelling, or plug in the drive and try again"
            ),
        ));
    }
    Ok(folder)
}

/// Files or folders to import; each must exist.
fn import_paths(typed: &[String]) -> Result<Vec<PathBuf>, IpcError> {
    let paths: Vec<PathBuf> = typed
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(expand_home)
        .collect();
    if paths.is_empty() {
        return Err(invalid("choose a folder or a bundle file to import"));
    }
    if let Some(missing) = paths.iter().find(|path| !path.exists()) {
        return Err(IpcError::new(
            ErrorKind::Io,
            format!(
                "there is no file or folder {}: check the spelling, or plug in the drive and try again",
                missing.display()
            ),
        ));
    }
    Ok(paths)
}

/// `~/x` as the home folder's `x`, as people type it.
fn expand_home(typed: &str) -> PathBuf {
    match (typed.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if typed == "~" => dirs::home_dir().unwrap_or_else(|| Path::new(typed).to_path_buf()),
        _ => PathBuf::from(typed),
    }
}

fn invalid(message: &str) -> IpcError {
    IpcError::new(ErrorKind::Invalid, message)
}
