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
use pristan_relay_proto::{ListEntry, MailboxId, SignedDocument};
use sha2::{Digest, Sha256};

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
    let mut report = RelaySyncReport::default();
    let url = match options.relay_url {
        Some(url) => Some(check_relay_url(url)?),
        None => vault.relay_url()?,
    };
    // Without a relay nothing is queued: the changes stay for a folder export.
    let Some(url) = url else {
        report.errors.push(problem(RelayProblem::NoRelay, None));
        return finish(vault, report);
    };
    // What must go is queued first, whether or not the relay answers: it waits in the vault
    // (and a folder export carries it too).
    vault.queue_for_relay(progress)?;
    let relay = match Relay::new(&url, vault) {
        Ok(relay) => relay,
        Err(error) => return failed(vault, report, error),
    };
    if let Err(error) = relay.health() {
        return failed(vault, report, error);
    }
    report.reachable = true;
    let coordinator = vault.own_role()? == Some(Role::Coordinator);
    if coordinator {
        let document = vault.relay_roster()?;
        let document = SignedDocument {
            json: document.json,
            signature: document.signature,
        };
        match relay.put_roster(document.to_json()) {
            Ok(_) => report.roster_sent = true,
            Err(error) => note(&mut report, error, None)?,
        }
    }
    let uploaded = upload_all(vault, &relay, &mut report, progress)?;
    let mut results = Vec::new();
    let mut boxes = vec![Mailbox::Device(own_mailbox(vault)?)];
    if coordinator {
        boxes.push(Mailbox::Org);
    }
    for mailbox in boxes {
        download_all(
            vault,
            &relay,
            mailbox,
            &uploaded,
            options,
            &mut report,
            &mut results,
            progress,
        )?;
    }
    report.import = vault.summarise_imports(results)?;
    progress(Progress::new(Stage::Done, 1, 1));
    let unreachable = report
        .errors
        .iter()
        .any(|e| e.problem == RelayProblem::Unreachable);
    if !unreachable {
        vault.relay_synced(Utc::now())?;
    }
    finish(vault, report)
}

/// Sends every queued bundle, oldest first. One refused as too large or over quota stays and is
/// reported while the rest go on; a problem of the relay as a whole stops the uploads (they wait
/// for the next sync). Returns the ids the relay now holds from this device.
fn upload_all(
    vault: &mut Vault,
    relay: &Relay,
    report: &mut RelaySyncReport,
    progress: &mut dyn FnMut(Progress),
) -> Result<HashSet<String>, pristan_core::Error> {
    let queue = vault.relay_outbox()?;
    let ticket = vault.join_ticket()?;
    let total = queue.len() as u64;
    let mut sent = HashSet::new();
    for (done, entry) in queue.into_iter().enumerate() {
        progress(Progress::new(Stage::Uploading, done as u64, total));
        let Some(bytes) = vault.relay_outbox_bytes(&entry.sha256)? else {
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
                    vault.relay_send_failed(&entry.sha256, "not_found", true)?;
                    continue;
                }
            },
        };
        let ticket = match to {
            Mailbox::Org => ticket.as_deref(),
            Mailbox::Device(_) => None,
        };
        match relay.upload(vault, to, &entry.sha256, bytes, ticket) {
            Ok(_) => {
                vault.relay_delivered(&entry.sha256)?;
                report.uploaded += 1;
                sent.insert(entry.sha256);
            }
            Err(CallError::Vault(error)) => return Err(error),
            Err(CallError::Relay { problem: p }) => {
                let code = serde_json::to_value(p)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                vault.relay_send_failed(&entry.sha256, &code, p.is_per_bundle())?;
                report.errors.push(problem(p, Some(&entry.sha256)));
                if !p.is_per_bundle() {
                    break;
                }
            }
        }
    }
    Ok(sent)
}

/// Downloads, imports and acknowledges everything waiting in `mailbox`, oldest first.
#[allow(clippy::too_many_arguments)]
fn download_all(
    vault: &mut Vault,
    relay: &Relay,
    mailbox: Mailbox,
    uploaded: &HashSet<String>,
    options: &SyncOptions<'_>,
    report: &mut RelaySyncReport,
    results: &mut Vec<FileResult>,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), pristan_core::Error> {
    let mut waiting: Vec<ListEntry> = match relay.list(vault, mailbox) {
        Ok(list) => list,
        // A device not approved yet has no mailbox the relay knows: nothing waits for it.
        Err(CallError::Relay {
            problem: RelayProblem::UnknownDevice,
        }) if vault.join_ticket()?.is_some() => return Ok(()),
        Err(error) => return note(report, error, None),
    };
    waiting.sort_by(|a, b| (a.stored_at, &a.id).cmp(&(b.stored_at, &b.id)));
    let total = waiting.len() as u64;
    let max = Limits::DEFAULT.max_file_bytes;
    for (done, entry) in waiting.into_iter().enumerate() {
        progress(Progress::new(Stage::Downloading, done as u64, total));
        if !pristan_relay_proto::is_sha256_hex(&entry.id) {
            report
                .errors
                .push(problem(RelayProblem::UnexpectedAnswer, None));
            continue;
        }
        // This coordinator's own bundle, just delivered to the inbox: nothing to import.
        if uploaded.contains(&entry.id) {
            if let Err(error) = relay.acknowledge(vault, mailbox, &entry.id) {
                note(report, error, Some(&entry.id))?;
            }
            continue;
        }
        let bytes = match relay.fetch(vault, mailbox, &entry.id, max) {
            Ok(bytes) => bytes,
            Err(error) => {
                note(report, error, Some(&entry.id))?;
                continue;
            }
        };
        // The relay names objects by the hash of their bytes: anything else was damaged or
        // swapped on the way. It is not imported, and not acknowledged.
        if hex::encode(Sha256::digest(&bytes)) != entry.id {
            report
                .errors
                .push(problem(RelayProblem::HashMismatch, Some(&entry.id)));
            continue;
        }
        report.downloaded += 1;
        progress(Progress::new(Stage::Importing, done as u64, total));
        let label = format!("relay-{}", &entry.id[..12]);
        results.push(vault.import_bundle_bytes(&label, &bytes)?);
        if let Some(hook) = options.before_acknowledge {
            hook();
        }
        match relay.acknowledge(vault, mailbox, &entry.id) {
            Ok(()) => report.acknowledged += 1,
            Err(error) => note(report, error, Some(&entry.id))?,
        }
    }
    Ok(())
}

fn own_mailbox(vault: &mut Vault) -> Result<MailboxId, pristan_core::Error> {
    let me = vault.device_identity()?;
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
fn failed(
    vault: &mut Vault,
    mut report: RelaySyncReport,
    error: CallError,
) -> Result<RelaySyncReport, pristan_core::Error> {
    note(&mut report, error, None)?;
    finish(vault, report)
}

fn finish(
    vault: &mut Vault,
    mut report: RelaySyncReport,
) -> Result<RelaySyncReport, pristan_core::Error> {
    let state = vault.relay_state()?;
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
