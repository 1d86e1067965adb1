//! The payload: operations and the attachments they name, zstd-compressed. Decompressed, it is
//!
//! ```text
//! b"PRPL" · ops length: u32 BE · ops as a JSON array
//!   · blob count: u32 BE · per blob: SHA-256 (32 bytes) · length: u64 BE · bytes
//! ```
//!
//! and nothing after. Attachments are addressed only by their hash, never by a name or path.
//! Decoding runs within [`Limits`]: the output of decompression is capped as it is produced, and
//! every count and length is checked against what remains before anything is allocated for it.

use std::collections::HashSet;
use std::fmt;
use std::io::Read;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::bytes::{take, take_array};
use super::envelope::json_reason;
use super::limits::json_depth_within;
use super::{Blob, BundleError, Limits, Payload};
use crate::ops::Op;

const MAGIC: &[u8; 4] = b"PRPL";
/// zstd's level 3: its default, fast and within a few percent of the slower levels on JSON.
const LEVEL: i32 = 3;
/// The largest zstd window the decoder accepts (8 MiB). A frame declares its own window and the
/// decoder allocates it, so without this a tiny file could ask for 128 MiB; level 3 never uses
/// more than 2 MiB.
const WINDOW_LOG_MAX: u32 = 23;
/// Decompression output is read this much at a time.
const CHUNK: usize = 64 * 1024;

/// Lays out and compresses `payload`, refusing what a receiver with [`Limits::DEFAULT`] would
/// refuse, so a bundle that can never be imported is not made. Duplicate attachments are written
/// once; an attachment whose `sha256` does not match its bytes is refused. The result is still
/// case data, only compressed, so it is wiped when dropped.
pub(crate) fn compress(payload: &Payload) -> Result<Zeroizing<Vec<u8>>, BundleError> {
    let limits = Limits::DEFAULT;
    let too_large = |part, size: usize, max: u64| BundleError::ExportTooLarge {
        part,
        size: size as u64,
        max,
    };
    if payload.ops.len() > limits.max_ops {
        return Err(too_large(
            "its operations",
            payload.ops.len(),
            limits.max_ops as u64,
        ));
    }
    let ops_json = Zeroizing::new(serde_json::to_vec(&payload.ops).map_err(|_| {
        BundleError::InvalidOperation {
            reason: "an operation could not be written".to_owned(),
        }
    })?);
    if ops_json.len() as u64 > limits.max_ops_json_bytes {
        return Err(too_large(
            "its operations",
            ops_json.len(),
            limits.max_ops_json_bytes,
        ));
    }
    if !json_depth_within(&ops_json, limits.max_json_depth) {
        return Err(BundleError::InvalidOperation {
            reason: "an operation's fields are nested too deeply".to_owned(),
        });
    }

    let mut seen = HashSet::new();
    let mut blobs = Vec::new();
    for blob in &payload.blobs {
        let digest: [u8; 32] = Sha256::digest(&blob.bytes).into();
        if hex::encode(digest) != blob.sha256 {
            return Err(BundleError::MalformedPayload {
                reason: "an attachment does not match its address".to_owned(),
            });
        }
        if seen.insert(digest) {
            blobs.push((digest, &blob.bytes));
        }
    }
    if blobs.len() > limits.max_blobs {
        return Err(too_large(
            "its attachments",
            blobs.len(),
            limits.max_blobs as u64,
        ));
    }

    let raw_len =
        4 + 4 + ops_json.len() + 4 + blobs.iter().map(|(_, b)| 40 + b.len()).sum::<usize>();
    if raw_len as u64 > limits.max_decompressed_bytes {
        return Err(too_large(
            "its contents",
            raw_len,
            limits.max_decompressed_bytes,
        ));
    }
    // The buffer holds case data: it is wiped on drop, and sized up front so it never moves.
    let mut raw = Zeroizing::new(Vec::with_capacity(raw_len));
    raw.extend_from_slice(MAGIC);
    raw.extend_from_slice(&(ops_json.len() as u32).to_be_bytes());
    raw.extend_from_slice(&ops_json);
    raw.extend_from_slice(&(blobs.len() as u32).to_be_bytes());
    for (digest, bytes) in blobs {
        raw.extend_from_slice(&digest);
        raw.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        raw.extend_from_slice(bytes);
    }

    let compressed = Zeroizing::new(zstd::bulk::compress(&raw, LEVEL).map_err(|_| {
        BundleError::MalformedPayload {
            reason: "they could not be compressed".to_owned(),
        }
    })?);
    if compressed.len() as u64 > limits.max_payload_bytes {
        return Err(too_large(
            "its compressed contents",
            compressed.len(),
            limits.max_payload_bytes,
        ));
    }
    // Very repetitive attachments (a blank page as an uncompressed image) can compress beyond
    // the ratio a receiver accepts.
    let cap = limits.decompressed_cap(compressed.len() as u64);
    if raw.len() as u64 > cap {
        return Err(too_large("its contents, decompressed", raw.len(), cap));
    }
    Ok(compressed)
}

/// Decompresses and parses a payload. Decompression stops as soon as the output passes
/// `max_ratio × input + slack` (or `max_decompressed_bytes`), so a "zstd bomb" costs a few
/// megabytes and milliseconds, not the gigabytes it expands to.
pub(crate) fn decompress(bytes: &[u8], limits: &Limits) -> Result<Payload, BundleError> {
    let raw = inflate(bytes, limits)?;
    parse(&raw, limits)
}

fn inflate(bytes: &[u8], limits: &Limits) -> Result<Zeroizing<Vec<u8>>, BundleError> {
    let invalid = |_| malformed("they could not be decompressed");
    let cap = limits.decompressed_cap(bytes.len() as u64);
    let mut decoder = zstd::stream::read::Decoder::with_buffer(bytes).map_err(invalid)?;
    decoder.window_log_max(WINDOW_LOG_MAX).map_err(invalid)?;

    let mut out = Zeroizing::new(Vec::new());
    let mut chunk = Zeroizing::new(vec![0u8; CHUNK]);
    loop {
        let n = decoder.read(&mut chunk).map_err(invalid)?;
        if n == 0 {
            return Ok(out);
        }
        if (out.len() + n) as u64 > cap {
            return Err(BundleError::DecompressedTooLarge { max: cap });
        }
        let data = chunk.get(..n).unwrap_or_default();
        if out.capacity() - out.len() < n {
            // Grow by hand so that the old buffer, holding case data, is wiped rather than
            // freed as it is: `Vec`'s own growth would leave copies behind.
            let wanted = (out.len() + n)
                .max(out.capacity() * 2)
                .min(usize::try_from(cap).unwrap_or(usize::MAX));
            let mut bigger = Zeroizing::new(Vec::with_capacity(wanted));
            bigger.extend_from_slice(&out);
            out = bigger;
        }
        out.extend_from_slice(data);
    }
}

fn parse(raw: &[u8], limits: &Limits) -> Result<Payload, BundleError> {
    let mut rest = raw;
    if take_array::<4>(&mut rest, cut_short)? != *MAGIC {
        return Err(malformed("they are not in Pristan's format"));
    }
    let ops_len = u32::from_be_bytes(take_array(&mut rest, cut_short)?);
    if u64::from(ops_len) > limits.max_ops_json_bytes {
        return Err(malformed("the operations are larger than allowed"));
    }
    let ops_json = take(&mut rest, ops_len as usize, cut_short)?;
    if !json_depth_within(ops_json, limits.max_json_depth) {
        return Err(malformed("the operations are nested too deeply"));
    }
    let ops = parse_ops(ops_json, limits.max_ops)?;

    let blob_count = u32::from_be_bytes(take_array(&mut rest, cut_short)?) as usize;
    if blob_count > limits.max_blobs {
        return Err(malformed("there are more attachments than allowed"));
    }
    let mut seen = HashSet::new();
    let mut blobs = Vec::new();
    for _ in 0..blob_count {
        let address: [u8; 32] = take_array(&mut rest, cut_short)?;
        let len = u64::from_be_bytes(take_array(&mut rest, cut_short)?);
        let len = usize::try_from(len).map_err(|_| malformed("they are cut short"))?;
        let bytes = take(&mut rest, len, cut_short)?;
        let digest: [u8; 32] = Sha256::digest(bytes).into();
        if digest != address {
            return Err(malformed("an attachment does not match its address"));
        }
        if seen.insert(digest) {
            blobs.push(Blob {
                sha256: hex::encode(digest),
                bytes: bytes.to_vec(),
            });
        }
    }
    if !rest.is_empty() {
        return Err(malformed("there are extra bytes after them"));
    }
    Ok(Payload { ops, blobs })
}

/// Parses the operations array, stopping at the first element past `max_ops` instead of
/// building the whole list first.
pub(crate) fn parse_ops(json: &[u8], max_ops: usize) -> Result<Vec<Op>, BundleError> {
    let mut deserializer = serde_json::Deserializer::from_slice(json);
    let too_many = std::cell::Cell::new(false);
    let ops = BoundedOps {
        max: max_ops,
        too_many: &too_many,
    }
    .deserialize(&mut deserializer)
    .and_then(|ops| deserializer.end().map(|()| ops));
    ops.map_err(|e| {
        if too_many.get() {
            malformed("there are more operations than allowed")
        } else {
            malformed(&format!("the operations: {}", json_reason(&e)))
        }
    })
}

struct BoundedOps<'a> {
    max: usize,
    too_many: &'a std::cell::Cell<bool>,
}

impl<'de> DeserializeSeed<'de> for BoundedOps<'_> {
    type Value = Vec<Op>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Vec<Op>, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for BoundedOps<'_> {
    type Value = Vec<Op>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of operations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Op>, A::Error> {
        let mut ops = Vec::new();
        while let Some(op) = seq.next_element::<Op>()? {
            if ops.len() == self.max {
                self.too_many.set(true);
                return Err(serde::de::Error::custom("too many operations"));
            }
            ops.push(op);
        }
        Ok(ops)
    }
}

fn malformed(reason: &str) -> BundleError {
    BundleError::MalformedPayload {
        reason: reason.to_owned(),
    }
}

fn cut_short() -> BundleError {
    malformed("they are cut short")
}

#[cfg(test)]
#[path = "payload_tests.rs"]
pub(super) mod tests;
