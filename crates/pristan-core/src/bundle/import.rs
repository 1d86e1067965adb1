//! The import pipeline (DESIGN.md §6). Each step is bounded and checked before the next:
//!
//! size cap → decrypt into bounded memory → parse the header with caps → organisation → signer in
//! the roster and not revoked past its last good sequence number → signature → recipient binding
//! → replay → decompress with output and ratio caps → parse with caps → operations allowed for
//! the signer (a revoked one: only those held when it was revoked) → clocks within
//! `hlc::MAX_CLOCK_AHEAD_MS` of this computer's → attachments capped and each named by an
//! operation → apply everything in **one transaction** and record the bundle as seen.
//!
//! A refused bundle changes nothing in the casebook: the transaction is rolled back, and the
//! inbox (`bundle::inbox`) decides what of the file the quarantine keeps. Whatever is wrong with
//! a bundle, clock errors included, is a refusal of that bundle; only a failure of this vault
//! (its database) is an error.

use std::collections::{HashMap, HashSet};

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use super::envelope::{self, Envelope};
use super::export::kind_text;
use super::format::{BundleHeader, Payload};
use super::import_checks::{check_blobs, check_clocks, check_not_revoked};
use super::refusal::OperationRule;
use super::{age_layer, payload, BundleError, Limits};
use super::{BundleKind, FileOutcome, ImportCounts};
use crate::error::{Error, Result};
use crate::ops::fork::{self, Aside};
use crate::ops::store::{self, Applied};
use crate::ops::{Change, ClockWarning, DeviceId, EntityType, Op};
use crate::org::{self, permissions, DeviceIdentity, Role, RosterEntry};
use crate::vault::Vault;

/// A bundle that passed every check, ready to apply.
struct Checked {
    header: BundleHeader,
    header_hash: String,
    payload: Payload,
    signer: RosterEntry,
    /// Operations past their author's revocation that a successor carries for its predecessor
    /// or that a coordinator's older packet holds: kept aside, not applied (their author issues
    /// them again under its new identity; org/succession/).
    aside: HashSet<(DeviceId, u64)>,
}

/// What became of one file's bytes: done (imported, or seen before), or refused for a reason.
pub(crate) enum Verdict {
    Done(FileOutcome),
    Refused(BundleError),
}

/// What a person accepted for one bundle after reading why it waits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Accepted {
    /// Operations dated more than `hlc::MAX_CLOCK_AHEAD_MS` after this computer's clock.
    pub clock_ahead: bool,
}

impl Vault {
    /// Runs the pipeline over one file's bytes. Errors are returned only for failures of this
    /// vault (a database error); anything wrong with the bundle is a [`Verdict::Refused`].
    pub(crate) fn import_bytes(
        &mut self,
        bytes: &[u8],
        limits: &Limits,
        accepted: Accepted,
    ) -> Result<Verdict> {
        let checked = match self.check(bytes, limits, accepted) {
            Ok(Checks::Ready(checked)) => checked,
            Ok(Checks::Seen(sender_name)) => {
                return Ok(Verdict::Done(FileOutcome::AlreadyImported { sender_name }))
            }
            Err(error) => return refusal(error),
        };
        let applied = crate::vault::bulk_cache::with_bulk_cache(
            self,
            |vault| &vault.conn,
            |vault| vault.apply_bundle(&checked),
        );
        match applied {
            Ok(counts) => Ok(Verdict::Done(FileOutcome::Imported(counts))),
            Err(error) => refusal(error),
        }
    }

    fn check(&mut self, bytes: &[u8], limits: &Limits, accepted: Accepted) -> Result<Checks> {
        let org = self.org()?.ok_or(BundleError::NoOrganisation)?;
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err(BundleError::TooLarge {
                size: bytes.len() as u64,
                max: limits.max_file_bytes,
            }
            .into());
        }
        let identities = org::decryption_identities(&self.conn)?;
        let (plaintext, opened_by) = age_layer::decrypt(bytes, &identities, limits)?;
        let envelope = envelope::open(&plaintext, limits)?;
        let header = &envelope.header;
        if header.org != org.org {
            return Err(BundleError::WrongOrganisation.into());
        }
        if header.sender == self.device_id() {
            // This device's own bundle, seen again in a shared folder: nothing to apply, once it
            // is certainly ours.
            let own_key = org::device_signing_key(&self.conn)?.verifying_key();
            envelope.verify(&hex::encode(own_key.as_bytes()))?;
            return Ok(Checks::Seen(header.sender_name.clone()));
        }

        // The roster this bundle is judged by, read once: the sender's, if newer and genuinely
        // the organisation's (stored only if the whole bundle is applied), or this vault's.
        let sent = match &header.roster {
            Some(signed) => Some(org::verify_roster(&org.org_signing_key, signed)?),
            None => None,
        };
        // Merged, so a roster another coordinator made concurrently counts too (org/roster_merge.rs).
        let own = self.roster()?.map(|r| r.entries).unwrap_or_default();
        let sent = sent
            .filter(|r| r.org == org.org)
            .map(|r| r.entries)
            .unwrap_or_default();
        let roster: HashMap<DeviceId, RosterEntry> = org::merge_entries(&own, &sent)
            .into_iter()
            .map(|entry| (entry.device, entry))
            .collect();
        let signer = roster.get(&header.sender).cloned();
        let Some(signer) = signer else {
            return Err(self.waiting_for_approval(&envelope, limits)?.into());
        };
        if signer.signing_key != header.sender_signing_key {
            return Err(BundleError::BadSignature.into());
        }
        check_not_revoked(header, &signer)?;
        envelope.verify(&signer.signing_key)?;

        let opened_with = age_layer::recipient_fingerprint(&identities[opened_by].to_public());
        if !header.recipients.contains(&opened_with) {
            return Err(BundleError::RecipientMismatch.into());
        }
        if let Some(sender_name) = self.seen_before(&envelope)? {
            return Ok(Checks::Seen(sender_name));
        }
        let payload = payload::decompress(envelope.payload(), limits)?;
        check_ops_allowed(&envelope.header, &signer, &roster, &payload)?;
        if !accepted.clock_ahead {
            check_clocks(&payload, now_ms())?;
        }
        check_blobs(&payload, limits)?;
        let aside = past_revocation(&envelope.header, &signer, &roster, &payload);
        Ok(Checks::Ready(Box::new(Checked {
            aside,
            header_hash: envelope.header_hash(),
            header: envelope.header,
            payload,
            signer,
        })))
    }

    /// A signer not in the roster: if the bundle is genuinely signed by the key its header
    /// announces, the device is listed for approval and the bundle waits; otherwise it is forged.
    /// The list holds at most `limits.max_pending_devices`: anyone with the invitation can make
    /// new devices, and a list of thousands would hide the one to approve.
    fn waiting_for_approval(
        &mut self,
        envelope: &Envelope<'_>,
        limits: &Limits,
    ) -> Result<BundleError> {
        let header = &envelope.header;
        envelope.verify(&header.sender_signing_key)?;
        let identity = DeviceIdentity {
            device: header.sender,
            name: header.sender_name.clone(),
            signing_key: header.sender_signing_key.clone(),
            recipient: header.sender_recipient.clone(),
        };
        let pending = self.pending_devices()?;
        let listed = pending.iter().any(|p| p.identity.device == identity.device);
        if !listed && pending.len() >= limits.max_pending_devices {
            return Ok(BundleError::TooManyPendingDevices {
                max: limits.max_pending_devices,
            });
        }
        let tx = self.conn.transaction()?;
        org::note_pending(&tx, &identity)?;
        if let Some(replaces) = header.replaces {
            org::note_replaces(&tx, identity.device, replaces)?;
        }
        tx.commit()?;
        Ok(BundleError::UnknownSigner {
            device: identity.device,
            fingerprint: org::fingerprint(&identity),
            name: identity.name,
        })
    }

    fn seen_before(&self, envelope: &Envelope<'_>) -> Result<Option<String>> {
        let seen: Option<String> = self
            .conn
            .query_row(
                "SELECT sender FROM bundles_seen WHERE header_hash = ?1",
                [envelope.header_hash()],
                |row| row.get(0),
            )
            .optional()?;
        Ok(seen.map(|_| envelope.header.sender_name.clone()))
    }

    /// Applies a checked bundle in one transaction: roster, operations, attachment contents and
    /// the record that it was seen. The clock moves past every received operation, within
    /// `hlc::MAX_CLOCK_AHEAD_MS` of this computer's clock.
    fn apply_bundle(&mut self, checked: &Checked) -> Result<ImportCounts> {
        let header = &checked.header;
        let mut clock = self.clock.clone();
        let me = self.device_id();
        let tx = self.conn.transaction()?;
        // Search entries reach FTS5 together, in rowid order, after every operation
        // (`cases::search_deferral`).
        crate::cases::search_deferral::begin(&tx)?;
        let roster_changed = match &header.roster {
            Some(signed) => org::accept_roster(&tx, signed)?,
            None => false,
        };
        let arrival = fork::Arrival {
            sender: header.sender,
            number: header.number,
        };
        let mut fork_seen = false;
        let mut counts = ImportCounts {
            sender_name: checked.signer.name.clone(),
            kind: Some(header.kind),
            ..ImportCounts::default()
        };
        for op in &checked.payload.ops {
            let is_new_case = op.entity_type == EntityType::Case && !case_exists(&tx, op)?;
            crate::ops::holders::note_author(&tx, op)?;
            if let Some(ClockWarning::PeerClockAhead { by_ms }) = clock.observe(op.hlc, now_ms())? {
                counts.clock_ahead_ms = Some(counts.clock_ahead_ms.unwrap_or(0).max(by_ms));
            }
            // Forks (ops/fork.rs): nothing is dropped, and nothing different passes as a
            // duplicate.
            if org::succession::is_foreign_own(&tx, me, op)? {
                org::succession::keep_foreign_own(&tx, op, arrival)?;
                fork_seen = true;
                continue;
            }
            if checked.aside.contains(&(op.device, op.seq.get())) {
                fork::keep(&tx, op, Aside::Revoked, Some(arrival))?;
                continue;
            }
            match store::apply(&tx, op)? {
                Applied::New => count(&mut counts, op, is_new_case),
                Applied::Forked => {
                    fork::keep(&tx, op, Aside::Fork, Some(arrival))?;
                }
                _ => counts.duplicate_ops += 1,
            }
        }
        // Contents only for attachments now in the casebook: an attachment of a forgotten case
        // (its record dropped) leaves no trace of its contents.
        for blob in &checked.payload.blobs {
            counts.attachments += tx.execute(
                "INSERT OR IGNORE INTO blobs (sha256, data)
                 SELECT ?1, ?2 WHERE EXISTS (
                     SELECT 1 FROM records WHERE entity_type = 'attachment'
                                             AND json_extract(body, '$.sha256') = ?1)",
                params![blob.sha256, blob.bytes],
            )?;
        }
        let moved = org::succession::after_import(&tx, &mut clock, roster_changed, fork_seen)?;
        counts.forks = fork::forks(&tx, Some(arrival))?;
        crate::cases::search_deferral::end(&tx)?;
        tx.execute(
            "INSERT INTO bundles_seen (header_hash, sender, number, kind, ops, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                checked.header_hash,
                header.sender.to_string(),
                header.number as i64,
                kind_text(header.kind),
                checked.payload.ops.len() as i64,
                Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true),
            ],
        )?;
        tx.commit()?;
        self.clock = clock;
        if moved.is_some() {
            self.refresh_identity()?;
        }
        if counts.forgotten > 0 {
            crate::ops::forget::compact_after_forget(&self.conn)?;
        }
        Ok(counts)
    }
}

/// What a signer may send: a device's own bundle holds only its own operations within the
/// signed range; a case packet comes from a coordinator. Forget instructions come only from
/// coordinators, and no operation may reach past a revoked device's last good one.
fn check_ops_allowed(
    header: &BundleHeader,
    signer: &RosterEntry,
    roster: &HashMap<DeviceId, RosterEntry>,
    payload: &Payload,
) -> Result<()> {
    let refuse = |rule: OperationRule| -> Result<()> {
        Err(BundleError::ForbiddenOperation { rule }.into())
    };
    if header.kind == BundleKind::CasePacket && signer.role != Role::Coordinator {
        return refuse(OperationRule::CasePacketNotFromCoordinator);
    }
    for op in &payload.ops {
        // A successor may carry, unchanged, what the device it replaces wrote and never sent
        // (org/succession/).
        let carried = header.kind == BundleKind::Ops
            && op.device != header.sender
            && org::succession::carries_for(roster, signer, op.device);
        if header.kind == BundleKind::Ops && !carried {
            let within = header
                .seq_range
                .is_some_and(|r| (r.first..=r.last).contains(&op.seq.get()));
            if op.device != header.sender || !within {
                return refuse(OperationRule::UnsignedOperations);
            }
        }
        let author = if op.device == signer.device {
            Some(signer)
        } else {
            roster.get(&op.device)
        };
        // An author missing from the roster is held to the least a member may do, unless the
        // signer carries its operations: that earlier identity (a vault copied or restored before
        // it joined or founded the organisation) was the signer's own vault, and the roster's
        // `replaces` link vouches for it, so it writes with the signer's role, never more.
        let role = match author {
            Some(author) => author.role,
            None if carried => signer.role,
            None => Role::Volunteer,
        };
        permissions::may_write(role, op.entity_type, &op.change)
            .map_err(|refusal| BundleError::NotPermitted { refusal })?;
        // Operations past a revocation that a successor carries, or that a coordinator's packet
        // made before it heard of the revocation holds, are kept aside, not refused
        // (`past_revocation`).
        if author.is_some_and(|a| !a.keeps(op.seq.get()))
            && header.kind == BundleKind::Ops
            && !carried
        {
            return refuse(OperationRule::FromRevokedDevice);
        }
    }
    Ok(())
}

/// The operations past their author's last good sequence number that a bundle may still hold:
/// those a successor carries for the device it replaces, and any in a coordinator's case packet.
fn past_revocation(
    header: &BundleHeader,
    signer: &RosterEntry,
    roster: &HashMap<DeviceId, RosterEntry>,
    payload: &Payload,
) -> HashSet<(DeviceId, u64)> {
    payload
        .ops
        .iter()
        .filter(|op| header.kind == BundleKind::CasePacket || op.device != header.sender)
        .filter(|op| {
            roster
                .get(&op.device)
                .is_some_and(|author| !author.keeps(op.seq.get()))
        })
        .filter(|op| {
            header.kind == BundleKind::CasePacket
                || org::succession::carries_for(roster, signer, op.device)
        })
        .map(|op| (op.device, op.seq.get()))
        .collect()
}

enum Checks {
    Ready(Box<Checked>),
    Seen(String),
}

/// Anything wrong with the bundle becomes its refusal; a failure of this vault stays an error.
fn refusal(error: Error) -> Result<Verdict> {
    let refused = match error {
        Error::Bundle(error) => error,
        // The vault's own keys, damaged, are a failure of this vault, not of the bundle.
        Error::Org(error) if !matches!(error, org::OrgError::DamagedKeys { .. }) => {
            BundleError::Organisation(error)
        }
        Error::Clock(_) => BundleError::ClockUnusable,
        Error::Sequence(error) => BundleError::InvalidOperation {
            reason: error.to_string(),
        },
        Error::Invalid { field, reason } => BundleError::InvalidOperation {
            reason: format!("{field}: {reason}"),
        },
        other => return Err(other),
    };
    Ok(Verdict::Refused(refused))
}

fn count(counts: &mut ImportCounts, op: &Op, is_new_case: bool) {
    counts.new_ops += 1;
    match &op.change {
        Change::Assign { fields, .. } => {
            if is_new_case {
                counts.new_cases += 1;
            } else {
                counts.updated_fields += fields.len();
            }
        }
        Change::Record { .. } if op.entity_type == EntityType::Note => counts.new_notes += 1,
        Change::Record { .. } => counts.new_records += 1,
        Change::Forget { .. } => counts.forgotten += 1,
        Change::Delete => counts.updated_fields += 1,
    }
}

fn case_exists(conn: &Connection, op: &Op) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)")?
        .query_row([op.entity.to_string()], |row| row.get(0))?)
}

fn now_ms() -> u64 {
    u64::try_from(Utc::now().timestamp_millis()).unwrap_or(0)
}
