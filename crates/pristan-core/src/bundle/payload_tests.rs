//! Tests of the payload layer alone: round trips, the decompression caps, and the checks on
//! counts, lengths and addresses. The helpers here build operations for the other bundle tests.

use std::collections::BTreeMap;
use std::io::Write;

use proptest::prelude::*;

use super::*;
use crate::ops::{Change, DeviceId, EntityId, EntityType, Hlc, Seq};

/// A note operation whose text is `text`.
pub(crate) fn note(text: &str) -> Op {
    let mut fields = BTreeMap::new();
    fields.insert("text".to_owned(), serde_json::Value::from(text));
    Op {
        device: DeviceId::from_bytes([1; 16]),
        seq: Seq::FIRST,
        hlc: Hlc::new(1_700_000_000_000, 0),
        entity_type: EntityType::Note,
        entity: EntityId::from_bytes([2; 16]),
        change: Change::Record { fields },
    }
}

pub(crate) fn blob(bytes: &[u8]) -> Blob {
    Blob {
        sha256: hex::encode(Sha256::digest(bytes)),
        bytes: bytes.to_vec(),
    }
}

/// A decompressed payload laid out by hand, for inputs `compress` would never write.
fn layout(ops_json: &[u8], blobs: &[([u8; 32], u64, &[u8])]) -> Vec<u8> {
    let mut raw = MAGIC.to_vec();
    raw.extend_from_slice(&(ops_json.len() as u32).to_be_bytes());
    raw.extend_from_slice(ops_json);
    raw.extend_from_slice(&(blobs.len() as u32).to_be_bytes());
    for (address, len, bytes) in blobs {
        raw.extend_from_slice(address);
        raw.extend_from_slice(&len.to_be_bytes());
        raw.extend_from_slice(bytes);
    }
    raw
}

fn refused(raw: &[u8], limits: &Limits) -> String {
    let compressed = zstd::bulk::compress(raw, LEVEL).unwrap();
    match decompress(&compressed, limits) {
        Err(BundleError::MalformedPayload { reason }) => reason,
        other => panic!("expected MalformedPayload, got {other:?}"),
    }
}

#[test]
fn round_trip_dedupes_attachments() {
    let payload = Payload {
        ops: vec![note("visited on Tuesday"), note("second")],
        blobs: vec![blob(b"scan"), blob(b"photo"), blob(b"scan")],
    };
    let back = decompress(&compress(&payload).unwrap(), &Limits::DEFAULT).unwrap();
    assert_eq!(back.ops, payload.ops);
    assert_eq!(back.blobs, payload.blobs[..2]);
    let empty = decompress(&compress(&Payload::default()).unwrap(), &Limits::DEFAULT);
    assert_eq!(empty.unwrap(), Payload::default());
}

#[test]
fn compress_refuses_an_attachment_under_the_wrong_address() {
    let mut wrong = blob(b"scan");
    wrong.sha256 = hex::encode([0u8; 32]);
    let payload = Payload {
        ops: vec![],
        blobs: vec![wrong],
    };
    assert!(matches!(
        compress(&payload),
        Err(BundleError::MalformedPayload { .. })
    ));
}

/// A zstd frame of `blocks` RLE blocks of 128 KiB of zeros, built by hand in 4 bytes a
/// block: 2 GiB of output in 64 KiB of input, made in microseconds.
fn rle_bomb(blocks: usize) -> Vec<u8> {
    // Magic, a descriptor with no content size, a 128 KiB window (log 17: exponent 7).
    let mut frame = vec![0x28, 0xB5, 0x2F, 0xFD, 0x00, 7 << 3];
    for i in 0..blocks {
        let last = u32::from(i + 1 == blocks);
        let header = (128 * 1024) << 3 | 1 << 1 | last; // size, type RLE, last block
        frame.extend_from_slice(&header.to_le_bytes()[..3]);
        frame.push(0);
    }
    frame
}

fn assert_stops_fast(bomb: &[u8]) {
    let started = std::time::Instant::now();
    let err = decompress(bomb, &Limits::DEFAULT).unwrap_err();
    let cap = Limits::DEFAULT.decompressed_cap(bomb.len() as u64);
    assert!(matches!(err, BundleError::DecompressedTooLarge { max } if max == cap));
    assert!(cap < 64 * 1024 * 1024, "{cap}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

// A payload that expands to 2 GiB must stop at the ratio cap, after a few megabytes.
#[test]
fn zstd_bomb_stops_at_the_ratio_cap() {
    let bomb = rle_bomb(2 * 1024 * 8);
    assert_eq!(bomb.len(), 6 + 4 * 16384);
    assert_stops_fast(&bomb);

    // The same from a real encoder, streamed 1 MiB at a time (256 MiB: the encoder is
    // slow in debug builds, and the cap is hit within the first few megabytes anyway).
    let mut encoder = zstd::stream::write::Encoder::new(Vec::new(), LEVEL).unwrap();
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..256 {
        encoder.write_all(&zeros).unwrap();
    }
    assert_stops_fast(&encoder.finish().unwrap());
}

#[test]
fn absolute_cap_applies_whatever_the_ratio() {
    let limits = Limits {
        max_decompressed_bytes: 1000,
        ..Limits::DEFAULT
    };
    let compressed = zstd::bulk::compress(&[7u8; 5000], LEVEL).unwrap();
    let err = decompress(&compressed, &limits).unwrap_err();
    assert!(matches!(
        err,
        BundleError::DecompressedTooLarge { max: 1000 }
    ));
}

// A frame may declare a window of up to gigabytes that the decoder would allocate.
#[test]
fn frame_asking_for_a_huge_window_is_refused() {
    // Magic, a descriptor with no content size, a 1 GiB window (log 30: exponent 20), one
    // last raw block of one byte.
    let frame = [
        0x28,
        0xB5,
        0x2F,
        0xFD,
        0x00,
        20 << 3,
        0x09,
        0x00,
        0x00,
        0x41,
    ];
    let err = decompress(&frame, &Limits::DEFAULT).unwrap_err();
    assert!(
        matches!(err, BundleError::MalformedPayload { .. }),
        "{err:?}"
    );
}

#[test]
fn counts_and_lengths_are_checked_before_allocating() {
    let limits = Limits {
        max_ops: 1,
        max_blobs: 1,
        max_ops_json_bytes: 10_000,
        ..Limits::DEFAULT
    };
    let two_ops = serde_json::to_vec(&[note("a"), note("b")]).unwrap();
    assert!(refused(&layout(&two_ops, &[]), &limits).contains("more operations"));
    let big = vec![b' '; 10_001];
    assert!(refused(&layout(&big, &[]), &limits).contains("larger than allowed"));
    let two = [([0; 32], 0, &b""[..]), ([0; 32], 0, &b""[..])];
    assert!(refused(&layout(b"[]", &two), &limits).contains("more attachments"));
    // An attachment claiming 2^64 - 1 bytes is refused, not allocated.
    let huge = [([0; 32], u64::MAX, &b""[..])];
    assert!(refused(&layout(b"[]", &huge), &limits).contains("cut short"));
    let wrong = [([0; 32], 4, &b"scan"[..])];
    assert!(refused(&layout(b"[]", &wrong), &limits).contains("address"));
    let mut trailing = layout(b"[]", &[]);
    trailing.push(0);
    assert!(refused(&trailing, &limits).contains("extra bytes"));
    assert!(refused(b"PRPX", &limits).contains("format"));
}

#[test]
fn deeply_nested_operations_are_refused_without_recursion() {
    let mut deep = vec![b'['; 100_000];
    deep.extend(vec![b']'; 100_000]);
    assert!(refused(&layout(&deep, &[]), &Limits::DEFAULT).contains("nested"));
    // serde_json's own recursion limit is the second guard.
    let unchecked = Limits {
        max_json_depth: usize::MAX,
        ..Limits::DEFAULT
    };
    refused(&layout(&deep, &[]), &unchecked);
}

// serde_json's messages quote the offending value; ours must not, as it may be case data.
#[test]
fn reasons_never_quote_the_operations() {
    let ops = br#"[{"device":"Mr Example's A-number 123","seq":1}]"#;
    let reason = refused(&layout(ops, &[]), &Limits::DEFAULT);
    assert!(!reason.contains("Example"), "{reason}");
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = decompress(&bytes, &Limits::DEFAULT);
        let mut raw = MAGIC.to_vec();
        raw.extend_from_slice(&bytes);
        let _ = parse(&raw, &Limits::DEFAULT);
    }

    #[test]
    fn round_trip(texts in proptest::collection::vec(".{0,40}", 0..8),
                  blobs in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..64), 0..4)) {
        let payload = Payload {
            ops: texts.iter().map(|t| note(t)).collect(),
            blobs: blobs.iter().map(|b| blob(b)).collect(),
        };
        let back = decompress(&compress(&payload).unwrap(), &Limits::DEFAULT).unwrap();
        prop_assert_eq!(back.ops, payload.ops);
        let mut seen = HashSet::new();
        let unique: Vec<Blob> = payload.blobs.into_iter().filter(|b| seen.insert(b.sha256.clone())).collect();
        prop_assert_eq!(back.blobs, unique);
    }
}
