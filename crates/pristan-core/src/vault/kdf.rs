//! Argon2id key derivation with parameters that are checked before any work is done.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Argon2id cost parameters, stored in each keyslot and bound into its authentication tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl KdfParams {
    /// The floor DESIGN.md sets: 64 MiB, 3 passes, 4 lanes.
    pub const MINIMUM: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 4,
    };
    /// Ceilings, so that a tampered keyslot cannot make unlocking exhaust memory or run for hours.
    pub const MAX_M_KIB: u32 = 2 * 1024 * 1024;
    pub const MAX_T: u32 = 64;
    pub const MAX_P: u32 = 16;

    /// Refuses parameters below the floor or above the ceilings. Runs before the KDF does.
    pub fn check(&self) -> Result<()> {
        let out_of_range = |reason: String| Err(Error::KdfParamsOutOfRange { reason });
        let min = KdfParams::MINIMUM;
        if !(min.m_kib..=Self::MAX_M_KIB).contains(&self.m_kib) {
            return out_of_range(format!(
                "memory {} KiB, allowed {}..={}",
                self.m_kib,
                min.m_kib,
                Self::MAX_M_KIB
            ));
        }
        if !(min.t..=Self::MAX_T).contains(&self.t) {
            return out_of_range(format!(
                "passes {}, allowed {}..={}",
                self.t,
                min.t,
                Self::MAX_T
            ));
        }
        if !(min.p..=Self::MAX_P).contains(&self.p) {
            return out_of_range(format!(
                "lanes {}, allowed {}..={}",
                self.p,
                min.p,
                Self::MAX_P
            ));
        }
        Ok(())
    }

    /// Chooses the number of passes so that one derivation takes about `target` on this machine,
    /// never going below [`KdfParams::MINIMUM`]. Costs one derivation at the minimum.
    pub fn calibrate(target: Duration) -> KdfParams {
        let base = KdfParams::MINIMUM;
        let started = Instant::now();
        // The result is discarded; only the time matters.
        let _ = base.derive(b"calibration", &[0u8; SALT_LEN]);
        let per_pass = started.elapsed().as_secs_f64() / f64::from(base.t);
        let wanted = if per_pass > 0.0 {
            (target.as_secs_f64() / per_pass).round() as u32
        } else {
            base.t
        };
        KdfParams {
            t: wanted.clamp(base.t, Self::MAX_T),
            ..base
        }
    }

    /// Derives a 32-byte key from `secret` and `salt`.
    pub(crate) fn derive(
        &self,
        secret: &[u8],
        salt: &[u8; SALT_LEN],
    ) -> Result<Zeroizing<[u8; 32]>> {
        self.check()?;
        let params = Params::new(self.m_kib, self.t, self.p, Some(32)).map_err(|e| {
            Error::KdfParamsOutOfRange {
                reason: e.to_string(),
            }
        })?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut key = Zeroizing::new([0u8; 32]);
        argon
            .hash_password_into(secret, salt, key.as_mut())
            .map_err(|e| Error::KdfParamsOutOfRange {
                reason: e.to_string(),
            })?;
        Ok(key)
    }
}

pub(crate) const SALT_LEN: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_design_minimum_is_accepted() {
        KdfParams::MINIMUM.check().unwrap();
    }

    #[test]
    fn parameters_out_of_range_are_refused() {
        let min = KdfParams::MINIMUM;
        let cases = [
            KdfParams {
                m_kib: 8 * 1024,
                ..min
            },
            KdfParams {
                m_kib: u32::MAX,
                ..min
            },
            KdfParams { t: 1, ..min },
            KdfParams { t: 10_000, ..min },
            KdfParams { p: 1, ..min },
            KdfParams { p: 255, ..min },
        ];
        for params in cases {
            assert!(
                matches!(params.check(), Err(Error::KdfParamsOutOfRange { .. })),
                "{params:?} must be refused"
            );
            // derive() refuses too, before allocating: a 4 TiB request would otherwise abort.
            assert!(params.derive(b"x", &[0; SALT_LEN]).is_err());
        }
    }

    #[test]
    fn derivation_depends_on_secret_salt_and_params() {
        let min = KdfParams::MINIMUM;
        let a = min.derive(b"secret", &[1; SALT_LEN]).unwrap();
        assert_eq!(*a, *min.derive(b"secret", &[1; SALT_LEN]).unwrap());
        assert_ne!(*a, *min.derive(b"secreT", &[1; SALT_LEN]).unwrap());
        assert_ne!(*a, *min.derive(b"secret", &[2; SALT_LEN]).unwrap());
        let more = KdfParams { t: 4, ..min };
        assert_ne!(*a, *more.derive(b"secret", &[1; SALT_LEN]).unwrap());
    }
}
