//! The crash-consistency harness's parts: the parent's model of acknowledged writes, the
//! child's random writer, and the world (vault, volunteer bundles) both act on.

pub mod child;
pub mod model;
pub mod world;

use secrecy::SecretString;

/// The passphrase after `index` changes. The child and the parent derive it the same way.
pub fn passphrase(index: u64) -> SecretString {
    SecretString::from(format!("maple orbit candle sixty harbor {index}"))
}
