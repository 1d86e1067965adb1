//! "Sync now" (docs/relay-protocol.md, "What the client does"): queue what must go, push the
//! relay roster (coordinators), upload the outbox byte for byte, then download, import and
//! acknowledge what waits for this device. A bundle leaves the outbox only when the relay has it;
//! a downloaded one is acknowledged only after the import committed (or refused it into the
//! quarantine), so a crash in between means it is downloaded again and found already imported.

use std::collections::HashSet;

use chrono::Utc;
use pristan_core::bundle::{FileResult, Limits, Progress, Stage};
use pristan_core::org::{check_relay_url, Role};
use pristan_core::relay_outbox::Destination;
use pristan_core::Vault;
use pristan_model::relay::{RelayError, RelayProblem, RelaySyncReport};
use pristan_model::sync::DeviceIdentity;
use pristan_relay_proto::{ListEntry, MailboxId, SignedDocument};
use sha2::{Digest, Sha256};

use crate::access::{Held, SignThrough, VaultAccess};
use crate::http::{CallError, Mailbox, Relay};

/// What a caller may change about one sync.
#[derive(Default)]
pub struct SyncOptions<'a> {
    /// A relay address for this sync only, instead of the organisation's.
    pub relay_url: Option<&'a str>,
    /// Called after a downloaded bundle is imported and before it is acknowledged (the fault
    /// tests stop the process here).
    pub before_acknowledge: Option<&'a dyn Fn()>,
}

/// Syncs with the organisation's relay (or `relay_url`, a one-off override). Problems with the
/// relay or the network are in the report (nothing is lost: what could not go stays queued);
/// only a failure of this vault is an error.
pub fn sync_now(
    vault: &mut Vault,
    relay_url: Option<&str>,
    progress: &mut dyn FnMut(Progress),
) -> Result<RelaySyncReport, pristan_core::Error> {
    let options = SyncOptions {
        relay_url,
        ..SyncOptions::default()
    };
    sync_with(vault, &options, progress)
}

/// [`sync_now`] with every option.
pub fn sync_with(
    vault: &mut Vault,
    options: &SyncOptions<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<RelaySyncReport, pristan_core::Error> {
    sync_through(&Held::new(vault), options, progress)
}

/// [`sync_with`] for a vault that others use meanwhile (the desktop shell): `access` hands out
/// the vault one short step at a time, never while a request is on the wire.
pub fn sync_through<A: VaultAccess>(
    access: &A,
    options: &SyncOptions<'_>,
    progress: &mut dyn FnMut(Progress),
) -> Result<RelaySyncReport, pristan_core::Error> {
    let mut report = RelaySyncReport::default();
    let url = match options.relay_url {
        Some(url) => Some(check_relay_url(url)?),
        None => access.with_vault(|v| v.relay_url())?,
    };
    // Without a relay nothing is queued: the changes stay for a folder export.
    let Some(url) = url else {
        report.errors.push(problem(RelayProblem::NoRelay, None));
        return finish(access, report);
    };
    // What must go is queued first, whether or not the relay answers: it waits in the vault
    // (and a folder export carries it too).
    access.with_vault(|v| v.queue_for_relay(progress))?;
    let me = access.with_vault(|v| v.device_identity())?;
    let relay = match Relay::for_device(&url, &me) {
        Ok(relay) => relay,
        Err(error) => return failed(access, report, error),
    };
    if let Err(error) = relay.health() {
        return failed(access, report, error);
    }
    report.reachable = true;
    let coordinator = access.with_vault(|v| v.own_role())? == Some(Role::Coordinator);
    if coordinator {
        let document = access.with_vault(|v| v.relay_roster())?;
        let document = SignedDocument {
            json: document.json,
            signature: document.signature,
        };
        match relay.put_roster(document.to_json()) {
            Ok(_) => report.roster_sent = true,
            Err(error) => note(&mut report, error, None)?,
        }
    }
    let uploaded = upload_all(access, &relay, &mut report, progress)?;
    let mut results = Vec::new();
    let mut boxes = vec![Mailbox::Device(own_mailbox(&me)?)];
    if coordinator {
        boxes.push(Mailbox::Org);
    }
    let mut downloads = Downloads {
        access,
        relay: &relay,
        uploaded: &uploaded,
        options,
        report: &mut report,
        results: &mut results,
    };
    for mailbox in boxes {
        downloads.drain(mailbox, progress)?;
    }
    report.import = access.with_vault(|v| v.summarise_imports(results))?;
    progress(Progress::new(Stage::Done, 1, 1));
    let unreachable = report
        .errors
        .iter()
        .any(|e| e.problem == RelayProblem::Unreachable);
    if !unreachable {
        access.with_vault(|v| v.relay_synced(Utc::now()))?;
    }
    finish(access, report)
}

/// Sends every queued bundle, oldest first. One refused as too large or over quota stays and is
/// reported while the rest go on; a problem of the relay as a whole stops the uploads (they wait
/// for the next sync). Returns the ids the relay now holds from this device.
fn upload_all<A: VaultAccess>(
    access: &A,
    relay: &Relay,
    report: &mut RelaySyncReport,
    progress: &mut dyn FnMut(Progress),
) -> Result<HashSet<String>, pristan_core::Error> {
    let (queue, ticket) = access.with_vault(|v| Ok((v.relay_outbox()?, v.join_ticket()?)))?;
    let total = queue.len() as u64;
    let mut sent = HashSet::new();
    for (done, entry) in queue.into_iter().enumerate() {
        progress(Progress::new(Stage::Uploading, done as u64, total));
        let Some(bytes) = access.with_vault(|v| v.relay_outbox_bytes(&entry.sha256))? else {
            continue;
        };
        let to = match &entry.destination {
            Destination::Org => Mailbox::Org,
            Destination::Device {
                signing_key,
                recipient,
                ..
            } => match MailboxId::of_hex_key(signing_key, recipient) {
                Ok(id) => Mailbox::Device(id),
                Err(_) => {
                    access.with_vault(|v| v.relay_send_failed(&entry.sha256, "not_found", true))?;
                    continue;
                }
            },
        };
        let ticket = match to {
            Mailbox::Org => ticket.as_deref(),
            Mailbox::Device(_) => None,
        };
        match relay.upload(&SignThrough(access), to, &entry.sha256, bytes, ticket) {
            Ok(_) => {
                access.with_vault(|v| v.relay_delivered(&entry.sha256))?;
                report.uploaded += 1;
                sent.insert(entry.sha256);
            }
            Err(CallError::Vault(error)) => return Err(error),
            Err(CallError::Relay { problem: p }) => {
                let code = serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                access
                    .with_vault(|v| v.relay_send_failed(&entry.sha256, &code, p.is_per_bundle()))?;
                report.errors.push(problem(p, Some(&entry.sha256)));
                if !p.is_per_bundle() {
                    break;
                }
            }
        }
    }
    Ok(sent)
}

/// What the downloads of one sync share.
struct Downloads<'s, A: VaultAccess> {
    access: &'s A,
    relay: &'s Relay,
    /// What this device has just uploaded (a coordinator finds its own bundles in the inbox).
    uploaded: &'s HashSet<String>,
    options: &'s SyncOptions<'s>,
    report: &'s mut RelaySyncReport,
    results: &'s mut Vec<FileResult>,
}

impl<A: VaultAccess> Downloads<'_, A> {
    /// Downloads, imports and acknowledges everything waiting in `mailbox`, oldest first.
    fn drain(
        &mut self,
        mailbox: Mailbox,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), pristan_core::Error> {
        let signer = SignThrough(self.access);
        let mut waiting: Vec<ListEntry> = match self.relay.list(&signer, mailbox) {
            Ok(list) => list,
            // A device not approved yet has no mailbox the relay knows: nothing waits for it.
            Err(CallError::Relay {
                problem: RelayProblem::UnknownDevice,
            }) if self.access.with_vault(|v| v.join_ticket())?.is_some() => return Ok(()),
            Err(error) => return note(self.report, error, None),
        };
        waiting.sort_by(|a, b| (a.stored_at, &a.id).cmp(&(b.stored_at, &b.id)));
        let total = waiting.len() as u64;
        let max = Limits::DEFAULT.max_file_bytes;
        for (done, entry) in waiting.into_iter().enumerate() {
            progress(Progress::new(Stage::Downloading, done as u64, total));
            if !pristan_relay_proto::is_sha256_hex(&entry.id) {
                self.report
                    .errors
                    .push(problem(RelayProblem::UnexpectedAnswer, None));
                continue;
            }
            // This coordinator's own bundle, just delivered to the inbox: nothing to import.
            if self.uploaded.contains(&entry.id) {
                if let Err(error) = self.relay.acknowledge(&signer, mailbox, &entry.id) {
                    note(self.report, error, Some(&entry.id))?;
                }
                continue;
            }
            let bytes = match self.relay.fetch(&signer, mailbox, &entry.id, max) {
                Ok(bytes) => bytes,
                Err(error) => {
                    note(self.report, error, Some(&entry.id))?;
                    continue;
                }
            };
            // The relay names objects by the hash of their bytes: anything else was damaged or
            // swapped on the way. It is not imported, and not acknowledged.
            if hex::encode(Sha256::digest(&bytes)) != entry.id {
                self.report
                    .errors
                    .push(problem(RelayProblem::HashMismatch, Some(&entry.id)));
                continue;
            }
            self.report.downloaded += 1;
            progress(Progress::new(Stage::Importing, done as u64, total));
            let label = format!("relay-{}", &entry.id[..12]);
            let imported = self
                .access
                .with_vault(|v| v.import_bundle_bytes(&label, &bytes))?;
            self.results.push(imported);
            if let Some(hook) = self.options.before_acknowledge {
                hook();
            }
            match self.relay.acknowledge(&signer, mailbox, &entry.id) {
                Ok(()) => self.report.acknowledged += 1,
                Err(error) => note(self.report, error, Some(&entry.id))?,
            }
        }
        Ok(())
    }
}

fn own_mailbox(me: &DeviceIdentity) -> Result<MailboxId, pristan_core::Error> {
    MailboxId::of_hex_key(&me.signing_key, &me.recipient).map_err(|_| {
        pristan_core::Error::Invalid {
            field: "device keys",
            reason: "this device's signing key is not readable".into(),
        }
    })
}

/// Records a relay problem in the report; a vault error stops the sync.
fn note(
    report: &mut RelaySyncReport,
    error: CallError,
    bundle: Option<&str>,
) -> Result<(), pristan_core::Error> {
    match error {
        CallError::Vault(error) => Err(error),
        CallError::Relay { problem: p } => {
            report.errors.push(problem(p, bundle));
            Ok(())
        }
    }
}

/// The relay could not be reached (or set up): everything stays queued.
fn failed<A: VaultAccess>(
    access: &A,
    mut report: RelaySyncReport,
    error: CallError,
) -> Result<RelaySyncReport, pristan_core::Error> {
    note(&mut report, error, None)?;
    finish(access, report)
}

fn finish<A: VaultAccess>(
    access: &A,
    mut report: RelaySyncReport,
) -> Result<RelaySyncReport, pristan_core::Error> {
    let state = access.with_vault(|v| v.relay_state())?;
    report.still_queued = state.waiting;
    report.held_back = state.held_back;
    Ok(report)
}

fn problem(problem: RelayProblem, bundle: Option<&str>) -> RelayError {
    RelayError {
        problem,
        bundle: bundle.map(|id| id.chars().take(12).collect()),
    }
}
