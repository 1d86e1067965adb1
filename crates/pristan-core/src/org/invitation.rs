//! The invitation's text form, which a coordinator sends by any means (e-mail, chat, a QR code)
//! and a volunteer pastes: `PRISTAN-INVITE-1:<base64url of the JSON>:<checksum>`.
//!
//! The checksum only catches a mistyped or truncated copy. It cannot tell a forged invitation from
//! a genuine one, which is why the volunteer compares [`Invitation::fingerprint`] with the
//! coordinator by phone before relying on it.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::error::OrgError;
use super::keys;
use super::types::Invitation;
use crate::error::Result;

const PREFIX: &str = "PRISTAN-INVITE-";
const VERSION: &str = "1";
const CHECKSUM_DOMAIN: &[u8] = b"pristan-invite-v1\n";
/// Hex digits of checksum: 32 bits, so a random typo slips through about once in four billion.
const CHECKSUM_LEN: usize = 8;
/// The most that may be pasted, line breaks and spaces included; checked before anything else.
const MAX_PASTED: usize = 16 * 1024;
/// The most an invitation may have once whitespace is removed. A genuine one is well under 1 KiB
/// (about 1.5 KiB with a relay address and a join ticket).
const MAX_COMPACT: usize = 4096;

impl Invitation {
    /// The invitation as one line of text, for a message or a QR code.
    pub fn to_text(&self) -> String {
        // Serialising plain strings, ids and a timestamp cannot fail.
        let json = serde_json::to_vec(self).unwrap_or_default();
        let payload = URL_SAFE_NO_PAD.encode(json);
        let checksum = checksum(&payload);
        format!("{PREFIX}{VERSION}:{payload}:{checksum}")
    }

    /// Reads an invitation as pasted. Spaces and line breaks anywhere are ignored, since mail
    /// programs wrap long lines; everything else must be exactly as the coordinator sent it.
    pub fn from_text(text: &str) -> Result<Invitation> {
        if text.len() > MAX_PASTED {
            return Err(too_long(text.chars().count()));
        }
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() > MAX_COMPACT {
            return Err(too_long(compact.chars().count()));
        }
        let malformed = |reason| OrgError::InvitationMalformed { reason };
        let rest = compact
            .strip_prefix(PREFIX)
            .ok_or(malformed("it does not start with PRISTAN-INVITE-1"))?;
        let (version, rest) = rest
            .split_once(':')
            .ok_or(malformed("the version number is missing"))?;
        if version != VERSION {
            return Err(match version.parse::<u32>() {
                Ok(n) if n > 1 => OrgError::InvitationTooNew.into(),
                _ => malformed("the version number is not valid").into(),
            });
        }
        let (payload, sum) = rest
            .rsplit_once(':')
            .ok_or(malformed("the checksum at the end is missing"))?;
        if sum.len() != CHECKSUM_LEN || !sum.eq_ignore_ascii_case(&checksum(payload)) {
            return Err(OrgError::InvitationChecksum.into());
        }
        let json = URL_SAFE_NO_PAD
            .decode(payload)
            .map_err(|_| malformed("its letters are not in the expected alphabet"))?;
        let invitation: Invitation = serde_json::from_slice(&json)
            .map_err(|_| malformed("its contents are not readable"))?;
        invitation.check()?;
        Ok(invitation)
    }

    /// The organisation's fingerprint, to compare aloud with the coordinator's before joining.
    pub fn fingerprint(&self) -> String {
        keys::org_fingerprint(&self.org_signing_key, &self.org_recipient)
    }

    /// Refuses the invitation unless its organisation's fingerprint is `compared`, the one the
    /// volunteer compared aloud with the coordinator. Spaces, dashes and other separators are
    /// ignored; every digit must match.
    pub fn check_fingerprint(&self, compared: &str) -> Result<()> {
        let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
        let actual = self.fingerprint();
        if digits(compared) == digits(&actual) && !digits(&actual).is_empty() {
            return Ok(());
        }
        Err(OrgError::FingerprintMismatch {
            org_name: self.org_name.trim().to_owned(),
            expected: compared
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == ' ')
                .take(64)
                .collect::<String>()
                .trim()
                .to_owned(),
            actual,
        }
        .into())
    }

    /// Checks what a hand-made or damaged invitation could get wrong.
    pub(crate) fn check(&self) -> Result<()> {
        keys::check_name(&self.org_name).map_err(|reason| OrgError::InvalidName { reason })?;
        keys::parse_verifying_key(&self.org_signing_key, "organisation's signing key")?;
        keys::parse_recipient(&self.org_recipient, "organisation's encryption key")?;
        super::relay::check_invitation(self)
    }
}

fn checksum(payload: &str) -> String {
    let digest = Sha256::new()
        .chain_update(CHECKSUM_DOMAIN)
        .chain_update(payload.as_bytes())
        .finalize();
    hex::encode(&digest[..CHECKSUM_LEN / 2])
}

fn too_long(length: usize) -> crate::Error {
    OrgError::InvitationTooLong {
        length,
        max: MAX_COMPACT,
    }
    .into()
}
