//! Writing bundles: this device's own operations for the coordinators (DESIGN.md §5–6), and the
//! splitting and writing every bundle shares (a coordinator's case packets are chosen in
//! [`super::case_packet`]).
//!
//! The file is written atomically (temporary file, fsync, rename) under a name with no personal
//! data, and only then recorded as sent. A crash in between leaves a complete file that is not
//! recorded: the next export sends the same operations again under the same number, which the
//! receiver applies as duplicates, so nothing is lost.

use std::path::Path;

use chrono::{SecondsFormat, Utc};
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension};

use super::case_packet::packet_ops;
use super::format::{Blob, BundleHeader, Payload, FORMAT_VERSION};
use super::{
    age_layer, envelope, payload, BundleError, BundleKind, ExportOutcome, ExportReport, Progress,
    SeqRange, Stage,
};
use crate::error::{Error, Result};
use crate::ops::{DeviceId, Op};
use crate::org;
use crate::vault::Vault;

/// Files this Pristan writes end in this; a folder import reads only these.
pub const BUNDLE_EXTENSION: &str = "pristan";

impl Vault {
    /// Writes a bundle of this device's operations not exported before (or, with `resend_from`,
    /// all from that sequence number, for a bundle that was lost) into `dir`, encrypted to the
    /// organisation's coordinators.
    pub fn export_bundle(
        &mut self,
        dir: &Path,
        resend_from: Option<u64>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportOutcome> {
        self.export_bundle_in_batches(dir, resend_from, &BatchLimits::DEFAULT, progress)
    }

    /// [`Vault::export_bundle`] with other batch limits (tests use small ones to see splitting).
    pub fn export_bundle_in_batches(
        &mut self,
        dir: &Path,
        resend_from: Option<u64>,
        limits: &BatchLimits,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportOutcome> {
        let outcome = self.export_own(Sink::Folder(dir), resend_from, limits, progress)?;
        // Bundles that wait for the relay go on the stick too (the same bytes: the coordinator
        // imports whichever arrives first, once), so a folder still carries everything.
        let waiting = crate::relay_outbox::copy_waiting_to_folder(&self.conn, dir)?;
        Ok(match (outcome, waiting) {
            (outcome, None) => outcome,
            (ExportOutcome::Written(mut report), Some(waiting)) => {
                report.paths.extend(waiting.paths);
                report.bytes += waiting.bytes;
                ExportOutcome::Written(report)
            }
            (ExportOutcome::NothingNew, Some(waiting)) => ExportOutcome::Written(ExportReport {
                path: waiting.paths[0].clone(),
                paths: waiting.paths,
                kind: BundleKind::Ops,
                number: last_number(&self.conn)?,
                ops: 0,
                attachments: 0,
                bytes: waiting.bytes,
                seq_range: None,
            }),
        })
    }

    /// This device's operations not exported before, written into `sink`.
    pub(crate) fn export_own(
        &mut self,
        sink: Sink<'_>,
        resend_from: Option<u64>,
        limits: &BatchLimits,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportOutcome> {
        let org = self.org()?.ok_or(BundleError::NoOrganisation)?;
        // A case whose consent came into force since its changes were held goes out now.
        self.release_shared_cases()?;
        let conn = &self.conn;
        let start = match resend_from {
            Some(seq) => seq.max(1),
            None => last_sent_seq(conn)? + 1,
        };
        progress(Progress::new(Stage::Collecting, 0, 1));
        // A vault that moved to a new identity first carries what its old one wrote and never
        // sent (org/succession/).
        let mut ops = org::succession::ops_to_carry(conn, resend_from.is_some())?;
        // A new identity announces itself even with nothing to carry, so a coordinator can
        // approve it.
        let carries = org::succession::announcement_due(conn, self.device_id())?;
        ops.extend(own_ops_from(conn, self.device_id(), start)?);
        if ops.is_empty() && !carries {
            return Ok(ExportOutcome::NothingNew);
        }
        // This device can open its own bundle too, so one left in a shared folder is recognised
        // on the next import rather than quarantined as unreadable.
        let own: age::x25519::Recipient = org::decryption_identities(conn)?
            .first()
            .map(|identity| identity.to_public())
            .ok_or(BundleError::NoOrganisation)?;
        let recipients = vec![org::org_recipient(conn)?, own];
        let stream = Stream {
            kind: BundleKind::Ops,
            to_device: None,
        };
        let report = write_split(
            self, &sink, &stream, ops, recipients, org.org, limits, progress,
        )?;
        if carries {
            org::succession::mark_carried(&self.conn)?;
        }
        Ok(ExportOutcome::Written(report))
    }

    /// How many of this device's operations no bundle has carried yet ("N changes not yet sent").
    pub fn unsent_ops(&self) -> Result<u64> {
        let after = last_sent_seq(&self.conn)?;
        let count: i64 = self.conn.query_row(
            "SELECT count(*) FROM ops WHERE device_id = ?1 AND seq > ?2",
            params![self.device_id().to_string(), after as i64],
            |row| row.get(0),
        )?;
        Ok(count.max(0) as u64)
    }

    /// Writes a case packet for the volunteer device `to`: every operation, from every device,
    /// of the cases assigned to it (their review steps, confirmations, referrals and flight links
    /// included), with the facilities, the pathways, the flights those cases are linked to and
    /// every forget instruction,
    /// encrypted to that device (and the organisation, so other coordinators can read it).
    pub fn export_case_packet(
        &mut self,
        to: DeviceId,
        dir: &Path,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportReport> {
        self.export_packet(to, Sink::Folder(dir), progress)
    }

    /// A case packet for `to`, written into `sink`.
    pub(crate) fn export_packet(
        &mut self,
        to: DeviceId,
        sink: Sink<'_>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<ExportReport> {
        let org = self.org()?.ok_or(BundleError::NoOrganisation)?;
        if !org::is_coordinator(&self.conn)? {
            return Err(not_allowed(
                "only a coordinator sends case packets: this vault is a volunteer's",
            ));
        }
        let entry = org::roster_entry(&self.conn, to)?.ok_or_else(|| {
            not_allowed("that device is not in the roster: approve it first, then send its cases")
        })?;
        // A revoked device gets no cases, only the roster that revokes it: if it was revoked
        // because two copies of its vault were in use, this tells both to move to new
        // identities and issue their writes again (docs/sync-plan.md, "Forks").
        let revoked = entry.revoked_after_seq.is_some();
        let recipient = entry.recipient.parse().map_err(|_| {
            not_allowed("the roster holds an unreadable key for that device: approve it again")
        })?;
        progress(Progress::new(Stage::Collecting, 0, 1));
        crate::ops::holders::note_packet(&self.conn, to)?;
        // A revoked device gets only the roster; a successor (a restored or copied vault) also
        // gets the cases of the device it replaces (org/succession/).
        let ops = if revoked {
            Vec::new()
        } else {
            let mut ops = Vec::new();
            for device in org::succession::with_predecessors(&self.conn, to)? {
                ops.extend(packet_ops(&self.conn, device)?);
            }
            ops.sort_by_key(|op| (op.device, op.seq.get()));
            ops.dedup_by_key(|op| (op.device, op.seq.get()));
            ops
        };
        let recipients = vec![recipient, org::org_recipient(&self.conn)?];
        let stream = Stream {
            kind: BundleKind::CasePacket,
            to_device: Some(to),
        };
        write_split(
            self,
            &sink,
            &stream,
            ops,
            recipients,
            org.org,
            &BatchLimits::DEFAULT,
            progress,
        )
    }
}

/// How much one bundle may carry before an export starts the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    pub ops: usize,
    pub ops_json_bytes: u64,
    pub blob_bytes: u64,
}

impl BatchLimits {
    /// Half of what a receiver accepts (`Limits::DEFAULT`: 100,000 operations, 32 MiB of their
    /// JSON, 1 GiB decompressed), leaving room for estimates and a newer Pristan's larger ops.
    pub const DEFAULT: BatchLimits = BatchLimits {
        ops: 50_000,
        ops_json_bytes: 16 * 1024 * 1024,
        blob_bytes: 256 * 1024 * 1024,
    };
}

/// Writes `ops` as one bundle, or as several numbered ones in order when they would exceed what a
/// receiver accepts, and reports them together.
#[allow(clippy::too_many_arguments)]
pub(super) fn write_split(
    vault: &mut Vault,
    sink: &Sink<'_>,
    stream: &Stream,
    ops: Vec<Op>,
    recipients: Vec<age::x25519::Recipient>,
    org: org::OrgId,
    limits: &BatchLimits,
    progress: &mut dyn FnMut(Progress),
) -> Result<ExportReport> {
    let batches = batches(&vault.conn, ops, limits)?;
    let mut total: Option<ExportReport> = None;
    let me = vault.device_id();
    for batch in batches {
        // The signed range covers the sender's own operations, not those it carries for the
        // identity it replaces.
        let own = || {
            batch
                .iter()
                .filter(|op| op.device == me)
                .map(|op| op.seq.get())
        };
        let seq_range = (stream.kind == BundleKind::Ops)
            .then(|| own().min().zip(own().max()))
            .flatten()
            .map(|(first, last)| SeqRange { first, last });
        let report = write_bundle(
            vault,
            sink,
            stream,
            batch,
            seq_range,
            recipients.clone(),
            org,
            progress,
        )?;
        total = Some(match total {
            None => ExportReport {
                paths: vec![report.path.clone()],
                ..report
            },
            Some(mut sum) => {
                sum.paths.push(report.path);
                sum.number = report.number;
                sum.ops += report.ops;
                sum.attachments += report.attachments;
                sum.bytes += report.bytes;
                sum.seq_range = match (sum.seq_range, report.seq_range) {
                    (Some(a), Some(b)) => Some(SeqRange {
                        first: a.first.min(b.first),
                        last: a.last.max(b.last),
                    }),
                    (a, b) => a.or(b),
                };
                sum
            }
        });
    }
    total.ok_or_else(|| damaged_log("an export with no operations".into()))
}

/// Splits `ops` (kept in order) into bundles within the batch limits above.
fn batches(conn: &Connection, ops: Vec<Op>, limits: &BatchLimits) -> Result<Vec<Vec<Op>>> {
    let mut batches = vec![Vec::new()];
    let (mut json, mut blob_bytes) = (0u64, 0u64);
    for op in ops {
        let op_json = serde_json::to_vec(&op).map_or(0, |v| v.len() as u64 + 1);
        let op_blob = blob_len(conn, &op)?;
        let current = batches.last().map_or(0, Vec::len);
        let full = current >= limits.ops
            || json + op_json > limits.ops_json_bytes
            || blob_bytes + op_blob > limits.blob_bytes;
        if current > 0 && full {
            batches.push(Vec::new());
            (json, blob_bytes) = (0, 0);
        }
        json += op_json;
        blob_bytes += op_blob;
        if let Some(batch) = batches.last_mut() {
            batch.push(op);
        }
    }
    Ok(batches)
}

/// The size of the attachment content `op` names, if it is an attachment record.
fn blob_len(conn: &Connection, op: &Op) -> Result<u64> {
    let sha = match (&op.entity_type, &op.change) {
        (crate::ops::EntityType::Attachment, crate::ops::Change::Record { fields }) => fields
            .get("sha256")
            .and_then(|v| v.as_str())
            .map(str::to_owned),
        _ => None,
    };
    let Some(sha) = sha else {
        return Ok(0);
    };
    let len: Option<i64> = conn
        .query_row(
            "SELECT length(data) FROM blobs WHERE sha256 = ?1",
            [sha],
            |row| row.get(0),
        )
        .optional()?;
    Ok(len.map_or(0, |n| n.max(0) as u64))
}

/// Where an export goes: a folder (a file per bundle), or the relay outbox (`relay_outbox`).
pub(crate) enum Sink<'a> {
    Folder(&'a Path),
    Outbox(&'a crate::relay_outbox::Destination),
}

pub(super) struct Stream {
    pub(super) kind: BundleKind,
    pub(super) to_device: Option<DeviceId>,
}

impl Stream {
    fn key(&self) -> String {
        self.to_device.map(|d| d.to_string()).unwrap_or_default()
    }
}

#[allow(clippy::too_many_arguments)]
fn write_bundle(
    vault: &mut Vault,
    sink: &Sink<'_>,
    stream: &Stream,
    ops: Vec<Op>,
    seq_range: Option<SeqRange>,
    recipients: Vec<age::x25519::Recipient>,
    org: org::OrgId,
    progress: &mut dyn FnMut(Progress),
) -> Result<ExportReport> {
    let me = vault.device_identity()?;
    let conn = &vault.conn;
    let blobs = blobs_named_by(conn, &ops)?;
    let (op_count, blob_count) = (ops.len(), blobs.len());
    progress(Progress::new(Stage::Compressing, 0, 1));
    let body = payload::compress(&Payload { ops, blobs })?;
    let (payload_sha256, payload_len) = envelope::payload_digest(&body);
    let (number, previous) = next_number(conn, stream)?;
    let header = BundleHeader {
        format: FORMAT_VERSION,
        kind: stream.kind,
        org,
        sender: me.device,
        sender_signing_key: me.signing_key.clone(),
        sender_recipient: me.recipient.clone(),
        sender_name: me.name.clone(),
        recipients: recipients
            .iter()
            .map(age_layer::recipient_fingerprint)
            .collect(),
        number,
        seq_range,
        previous,
        created_at: Utc::now(),
        payload_sha256,
        payload_len,
        roster: vault.signed_roster()?,
        replaces: org::succession::predecessor(conn, me.device)?,
    };
    progress(Progress::new(Stage::Encrypting, 0, 1));
    let key = org::device_signing_key(conn)?;
    let sealed = envelope::seal(&header, &key, &body)?;
    let file = age_layer::encrypt(&sealed, &recipients)?;
    let header_hash = envelope::open(&sealed, &super::Limits::DEFAULT)?.header_hash();

    progress(Progress::new(Stage::Writing, 0, file.len() as u64));
    // A folder gets the file first (a crash before it is recorded sends the same operations
    // again: duplicates, nothing lost); the outbox gets the bytes in the same transaction that
    // records the bundle as sent.
    let tx = conn.unchecked_transaction()?;
    let path = match sink {
        Sink::Folder(dir) => {
            let path = dir.join(file_name());
            crate::atomic_file::write_atomically(&path, &file)
                .map_err(Error::io("write the bundle to", &path))?;
            path.display().to_string()
        }
        Sink::Outbox(to) => crate::relay_outbox::enqueue(&tx, to, &file)?,
    };
    let file_name = match sink {
        Sink::Folder(_) => std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned()),
        Sink::Outbox(_) => Some(format!("relay-{path}")),
    };
    tx.execute(
        "INSERT INTO bundles_sent (kind, to_device, number, first_seq, last_seq, header_hash,
                                   file_name, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (to_device, number) DO UPDATE SET header_hash = excluded.header_hash,
             file_name = excluded.file_name, created_at = excluded.created_at",
        params![
            kind_text(stream.kind),
            stream.key(),
            number as i64,
            seq_range.map(|r| r.first as i64),
            seq_range.map(|r| r.last as i64),
            header_hash,
            file_name,
            header.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        ],
    )?;
    tx.commit()?;
    progress(Progress::new(Stage::Done, 1, 1));
    Ok(ExportReport {
        paths: Vec::new(),
        path,
        kind: stream.kind,
        number,
        ops: op_count,
        attachments: blob_count,
        bytes: file.len() as u64,
        seq_range,
    })
}

/// `pristan-YYYYMMDD-<random>.pristan`: the date helps people sort a USB stick; nothing in it
/// names a person, a case or a device.
fn file_name() -> String {
    let mut random = [0u8; 6];
    rand::rng().fill_bytes(&mut random);
    format!(
        "pristan-{}-{}.{BUNDLE_EXTENSION}",
        Utc::now().format("%Y%m%d"),
        hex::encode(random)
    )
}

pub(crate) fn kind_text(kind: BundleKind) -> &'static str {
    match kind {
        BundleKind::Ops => "ops",
        BundleKind::CasePacket => "case_packet",
    }
}

fn last_sent_seq(conn: &Connection) -> Result<u64> {
    let last: Option<i64> = conn.query_row(
        "SELECT max(last_seq) FROM bundles_sent WHERE to_device = ''",
        [],
        |row| row.get(0),
    )?;
    Ok(last.map_or(0, |n| n.max(0) as u64))
}

/// The number of this device's last bundle of its own operations (0 before any).
fn last_number(conn: &Connection) -> Result<u64> {
    let last: Option<i64> = conn.query_row(
        "SELECT max(number) FROM bundles_sent WHERE to_device = ''",
        [],
        |row| row.get(0),
    )?;
    Ok(last.map_or(0, |n| n.max(0) as u64))
}

/// The stream's next number and the header hash of its previous bundle.
fn next_number(conn: &Connection, stream: &Stream) -> Result<(u64, Option<String>)> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT number, header_hash FROM bundles_sent WHERE to_device = ?1
             ORDER BY number DESC LIMIT 1",
            [stream.key()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok(match last {
        Some((number, hash)) => (number.max(0) as u64 + 1, Some(hash)),
        None => (1, None),
    })
}

fn own_ops_from(conn: &Connection, device: DeviceId, start: u64) -> Result<Vec<Op>> {
    let mut stmt = conn.prepare(
        "SELECT device_id, seq, hlc, entity_type, entity_id, change FROM ops
         WHERE device_id = ?1 AND seq >= ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![device.to_string(), start as i64], op_row)?;
    collect_ops(rows)
}

type OpRow = (String, i64, String, String, String, String);

pub(super) fn op_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<OpRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

pub(super) fn collect_ops(rows: impl Iterator<Item = rusqlite::Result<OpRow>>) -> Result<Vec<Op>> {
    let mut ops = Vec::new();
    for row in rows {
        let (device, seq, hlc, entity_type, entity, change) = row?;
        // The log's own rows are rebuilt into an Op through serde, with the same checks a
        // received op gets: a damaged row stops the export rather than travelling.
        let value = serde_json::json!({
            "device": device,
            "seq": seq,
            "hlc": hlc,
            "entity_type": entity_type,
            "entity": entity,
            "change": serde_json::from_str::<serde_json::Value>(&change)
                .map_err(|e| damaged_log(e.to_string()))?,
        });
        ops.push(serde_json::from_value(value).map_err(|e| damaged_log(e.to_string()))?);
    }
    Ok(ops)
}

/// The attachment contents named by attachment records among `ops`.
fn blobs_named_by(conn: &Connection, ops: &[Op]) -> Result<Vec<Blob>> {
    let mut shas: Vec<String> = ops
        .iter()
        .filter(|op| op.entity_type == crate::ops::EntityType::Attachment)
        .filter_map(|op| match &op.change {
            crate::ops::Change::Record { fields } => fields
                .get("sha256")
                .and_then(|v| v.as_str())
                .map(str::to_owned),
            _ => None,
        })
        .collect();
    shas.sort();
    shas.dedup();
    let mut blobs = Vec::with_capacity(shas.len());
    for sha256 in shas {
        let bytes: Option<Vec<u8>> = conn
            .query_row(
                "SELECT data FROM blobs WHERE sha256 = ?1",
                [&sha256],
                |row| row.get(0),
            )
            .optional()?;
        // A blob may be missing where the attachment record arrived from elsewhere without its
        // content; the receiver then shows the attachment as not yet received.
        if let Some(bytes) = bytes {
            blobs.push(Blob { sha256, bytes });
        }
    }
    Ok(blobs)
}

pub(super) fn not_allowed(reason: &str) -> Error {
    Error::Invalid {
        field: "case packet",
        reason: reason.to_owned(),
    }
}

pub(super) fn damaged_log(reason: String) -> Error {
    Error::Invalid {
        field: "operation log",
        reason,
    }
}
