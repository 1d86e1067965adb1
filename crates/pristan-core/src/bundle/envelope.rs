//! The signed envelope inside the age layer (sign, then encrypt). Its bytes:
//!
//! ```text
//! b"PRISTAN\0" · version: u16 BE · header length: u32 BE · header JSON
//!   · Ed25519 signature (64 bytes) over b"pristan-bundle-v1\n" || version || header JSON
//!   · compressed payload (exactly header.payload_len bytes, nothing after)
//! ```
//!
//! The signature covers the header, and the header holds the payload's SHA-256, so one signature
//! binds everything. The header is kept as the exact bytes that were signed: it is verified and
//! hashed as received, never re-serialised.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::bytes::{take, take_array};
use super::limits::json_depth_within;
use super::{BundleError, BundleHeader, Limits, FORMAT_VERSION};

const MAGIC: &[u8; 8] = b"PRISTAN\0";
/// Separates bundle signatures from every other thing an Ed25519 device key signs.
const SIGNING_CONTEXT: &[u8] = b"pristan-bundle-v1\n";
/// Magic, version and header length.
const PREFIX_LEN: usize = MAGIC.len() + 2 + 4;
const SIGNATURE_LEN: usize = 64;

/// The SHA-256 (lowercase hex) and length of a compressed payload, as the header records them.
pub(crate) fn payload_digest(payload: &[u8]) -> (String, u64) {
    (hex::encode(Sha256::digest(payload)), payload.len() as u64)
}

/// Signs `header` with the device `key` and lays out the envelope around `payload`.
///
/// The caller fills `header.payload_sha256` and `payload_len` from [`payload_digest`] first:
/// they are part of what is signed, and a header that disagreed with its payload would only be
/// refused by every receiver, so it is refused here. A header larger than other devices accept
/// is refused too. The envelope is case data until it is encrypted, so it is wiped when dropped.
pub(crate) fn seal(
    header: &BundleHeader,
    key: &SigningKey,
    payload: &[u8],
) -> Result<Zeroizing<Vec<u8>>, BundleError> {
    let (sha256, len) = payload_digest(payload);
    if header.payload_sha256 != sha256 || header.payload_len != len {
        return Err(BundleError::PayloadMismatch);
    }
    // Serialising a struct of strings and numbers cannot fail; should it, the bundle is not made.
    let header_bytes = serde_json::to_vec(header).map_err(|_| BundleError::MalformedHeader {
        reason: "it could not be written".to_owned(),
    })?;
    let header_len = header_bytes.len() as u64;
    let max = Limits::DEFAULT.max_header_bytes;
    let Ok(header_len_u32) = u32::try_from(header_len) else {
        return Err(export_too_large(header_len, max));
    };
    if header_len > max {
        return Err(export_too_large(header_len, max));
    }
    Ok(lay_out(
        header.format,
        header_len_u32,
        &header_bytes,
        key,
        payload,
    ))
}

/// Signs `header_bytes` as they are and lays out the envelope. [`seal`] checks them first; the
/// test vectors (`bundle::testing`) use this directly to sign headers no exporter would write.
pub(crate) fn lay_out(
    version: u16,
    header_len: u32,
    header_bytes: &[u8],
    key: &SigningKey,
    payload: &[u8],
) -> Zeroizing<Vec<u8>> {
    let version = version.to_be_bytes();
    let signature = key.sign(&signed_message(version, header_bytes));
    let mut out = Zeroizing::new(Vec::with_capacity(
        PREFIX_LEN + header_bytes.len() + SIGNATURE_LEN + payload.len(),
    ));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&version);
    out.extend_from_slice(&header_len.to_be_bytes());
    out.extend_from_slice(header_bytes);
    out.extend_from_slice(&signature.to_bytes());
    out.extend_from_slice(payload);
    out
}

fn export_too_large(size: u64, max: u64) -> BundleError {
    BundleError::ExportTooLarge {
        part: "its header",
        size,
        max,
    }
}

fn signed_message(version: [u8; 2], header_bytes: &[u8]) -> Vec<u8> {
    let mut message = Vec::with_capacity(SIGNING_CONTEXT.len() + 2 + header_bytes.len());
    message.extend_from_slice(SIGNING_CONTEXT);
    message.extend_from_slice(&version);
    message.extend_from_slice(header_bytes);
    message
}

/// An envelope whose layout and header parsed, but whose signature is not checked yet: nothing
/// in it may be trusted before [`Envelope::verify`] succeeds with the signer's key from the
/// roster. It borrows the decrypted plaintext rather than copying it.
pub(crate) struct Envelope<'a> {
    pub header: BundleHeader,
    header_bytes: &'a [u8],
    signature: Signature,
    payload: &'a [u8],
}

/// Splits and parses `plaintext` within `limits`. The version is checked before the header is
/// parsed, so a newer Pristan's bundle is named as such instead of as malformed.
pub(crate) fn open<'a>(plaintext: &'a [u8], limits: &Limits) -> Result<Envelope<'a>, BundleError> {
    let mut rest = plaintext;
    if take_array::<8>(&mut rest, cut_short)? != *MAGIC {
        return Err(malformed("it is not a Pristan bundle"));
    }
    let version = u16::from_be_bytes(take_array(&mut rest, cut_short)?);
    if version > FORMAT_VERSION {
        return Err(BundleError::UnknownVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version != FORMAT_VERSION {
        return Err(malformed("its format number is not one Pristan ever wrote"));
    }
    let header_len = u32::from_be_bytes(take_array(&mut rest, cut_short)?);
    if u64::from(header_len) > limits.max_header_bytes {
        return Err(BundleError::HeaderTooLarge {
            size: header_len.into(),
            max: limits.max_header_bytes,
        });
    }
    let header_len = usize::try_from(header_len).map_err(|_| malformed("it is too large"))?;
    let header_bytes = take(&mut rest, header_len, cut_short)?;
    let header = parse_header(header_bytes, limits)?;
    if header.format != version {
        return Err(malformed("its format number does not match the envelope's"));
    }
    let signature = Signature::from_bytes(&take_array(&mut rest, cut_short)?);

    if header.payload_len > limits.max_payload_bytes {
        return Err(malformed(
            "it announces contents larger than a bundle may have",
        ));
    }
    let payload = rest;
    let actual = payload.len() as u64;
    if actual < header.payload_len {
        return Err(BundleError::Damaged {
            reason: "its contents are cut short".to_owned(),
        });
    }
    if actual > header.payload_len {
        return Err(malformed("there are extra bytes after its contents"));
    }
    Ok(Envelope {
        header,
        header_bytes,
        signature,
        payload,
    })
}

impl Envelope<'_> {
    /// Checks the signature with the sender's key (64 hex digits, from the roster), then the
    /// payload against the hash the signature covers. Strict verification refuses the
    /// malleable and small-order forms that plain Ed25519 verification lets through.
    pub(crate) fn verify(&self, signing_key_hex: &str) -> Result<(), BundleError> {
        let key = verifying_key(signing_key_hex)?;
        let version = self.header.format.to_be_bytes();
        key.verify_strict(&signed_message(version, self.header_bytes), &self.signature)
            .map_err(|_| BundleError::BadSignature)?;
        let (sha256, _) = payload_digest(self.payload);
        if sha256 != self.header.payload_sha256 {
            return Err(BundleError::PayloadMismatch);
        }
        Ok(())
    }

    /// SHA-256 (hex) of the header exactly as signed: identifies the bundle for replay
    /// detection, and is what the sender's next bundle names as `previous`.
    pub(crate) fn header_hash(&self) -> String {
        hex::encode(Sha256::digest(self.header_bytes))
    }

    /// The compressed payload; trust it only after [`Envelope::verify`].
    pub(crate) fn payload(&self) -> &[u8] {
        self.payload
    }
}

// The payload is decrypted case data, merely compressed: print only its length.
impl fmt::Debug for Envelope<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Envelope")
            .field("header", &self.header)
            .field("header_len", &self.header_bytes.len())
            .field("payload_len", &self.payload.len())
            .finish_non_exhaustive()
    }
}

/// Parses a device's Ed25519 public key from its 64 lowercase hex digits.
pub(crate) fn verifying_key(hex_key: &str) -> Result<VerifyingKey, BundleError> {
    let invalid = || malformed("the sender's signing key is not valid");
    let mut bytes = [0u8; 32];
    if hex_key.len() != 64 || hex_key.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(invalid());
    }
    hex::decode_to_slice(hex_key, &mut bytes).map_err(|_| invalid())?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| invalid())
}

/// Parses the header JSON. The nesting depth is checked by a scan first; serde_json's own
/// recursion limit (128) is a second guard. Errors name the kind of fault and where, never the
/// text: serde_json's messages quote the offending value.
fn parse_header(bytes: &[u8], limits: &Limits) -> Result<BundleHeader, BundleError> {
    if std::str::from_utf8(bytes).is_err() {
        return Err(malformed("it is not UTF-8 text"));
    }
    if !json_depth_within(bytes, limits.max_json_depth) {
        return Err(malformed("it is nested too deeply"));
    }
    serde_json::from_slice(bytes).map_err(|e| BundleError::MalformedHeader {
        reason: json_reason(&e),
    })
}

/// Describes a serde_json error by its category and position only.
pub(crate) fn json_reason(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let what = match error.classify() {
        Category::Syntax => "its JSON is not valid",
        Category::Data => "a field is missing, unknown or of the wrong kind",
        Category::Eof => "its JSON is cut short",
        Category::Io => "it could not be read",
    };
    format!("{what}, at line {} column {}", error.line(), error.column())
}

fn malformed(reason: &str) -> BundleError {
    BundleError::MalformedHeader {
        reason: reason.to_owned(),
    }
}

fn cut_short() -> BundleError {
    malformed("it is cut short")
}
