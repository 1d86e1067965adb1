//! The shapes inside a bundle (docs/bundle-format.md): the signed header and the payload. The
//! byte layout and its checks live in `envelope` and `payload`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ops::{DeviceId, Op};
use crate::org::{OrgId, SignedRoster};
pub use pristan_model::sync::{BundleKind, SeqRange};

/// The envelope format this Pristan writes and the only one it reads.
pub const FORMAT_VERSION: u16 = 1;

/// The signed header. Everything a receiver must check before trusting the payload is here, and
/// the signature covers all of it (DESIGN.md §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleHeader {
    pub format: u16,
    pub kind: BundleKind,
    pub org: OrgId,
    pub sender: DeviceId,
    /// The sender's Ed25519 public key (64 hex digits) and age recipient, so a coordinator can
    /// show a device waiting for approval with its fingerprint.
    pub sender_signing_key: String,
    pub sender_recipient: String,
    pub sender_name: String,
    /// Fingerprints of the age recipients the bundle was encrypted to (see
    /// `envelope::recipient_fingerprint`). A receiver checks that the identity that opened the
    /// bundle is among them.
    pub recipients: Vec<String>,
    /// 1 for the sender's first bundle, then one more each time: a missing number is a lost
    /// bundle ("bundle 7 from Anna's laptop is missing").
    pub number: u64,
    /// The range of the sender's own sequence numbers inside, if any.
    pub seq_range: Option<SeqRange>,
    /// SHA-256 (hex) of the sender's previous bundle header, if any.
    pub previous: Option<String>,
    pub created_at: DateTime<Utc>,
    /// SHA-256 (hex) and length of the compressed payload that follows the signature.
    pub payload_sha256: String,
    pub payload_len: u64,
    /// The newest roster the sender holds, signed by the organisation (self-authenticating).
    pub roster: Option<SignedRoster>,
    /// The device this sender continues (a restored or copied vault under a new identity), shown
    /// to the coordinator who approves it. Absent otherwise, so older bundles read the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<DeviceId>,
}

/// The decompressed payload: operations, the attachment contents they name, and for a case packet
/// the cases it assigns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Payload {
    pub ops: Vec<Op>,
    /// Attachment contents, addressed by SHA-256. Never named by a path.
    pub blobs: Vec<Blob>,
}

#[derive(Clone, PartialEq)]
pub struct Blob {
    /// Lowercase hex SHA-256 of `bytes`; checked on decode.
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Contents may be a scanned document: never print them.
        f.debug_struct("Blob")
            .field("sha256", &self.sha256)
            .field("len", &self.bytes.len())
            .finish()
    }
}
