//! Settings → Security: the wrong-passphrase policy (growing waits always; optionally destroying
//! the keys after N wrong passphrases in a row) and duress, making this laptop's vault unreadable
//! now (docs/SECURITY.md §6–7).

use serde::{Deserialize, Serialize};

use crate::Command;

macro_rules! command {
    ($ty:ty, $name:literal, $resp:ty) => {
        impl Command for $ty {
            const NAME: &'static str = $name;
            type Response = $resp;
        }
    };
}

/// The security commands' names, appended to [`crate::ALL_COMMAND_NAMES`]'s checks.
pub const SECURITY_COMMAND_NAMES: &[&str] = &[
    GetUnlockPolicy::NAME,
    SetUnlockPolicy::NAME,
    DestroyVaultKeys::NAME,
];

/// The words a person may type to confirm [`DestroyVaultKeys`], one a language (the interface
/// shows its own language's word, `security-duress-word`). The shell refuses anything else.
pub const DESTROY_WORDS: &[&str] = &["DESTROY", "УНИЧТОЖИТЬ"];

/// Whether to destroy the keys after wrong passphrases, and the range allowed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetUnlockPolicy;
command!(GetUnlockPolicy, "get_unlock_policy", UnlockPolicy);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockPolicy {
    /// Destroy the keys after this many wrong passphrases in a row; `None` (the default): never.
    pub wipe_after: Option<u32>,
    /// The fewest and the most wrong passphrases the policy may allow.
    pub min: u32,
    pub max: u32,
}

/// Turns the destruction after wrong passphrases on (`Some(n)`) or off (`None`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetUnlockPolicy {
    pub wipe_after: Option<u32>,
}
command!(SetUnlockPolicy, "set_unlock_policy", UnlockPolicy);

/// Duress: locks, then destroys this laptop's vault keys (and its database files) at once.
/// `confirmation` must be one of [`DESTROY_WORDS`], as the person typed it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DestroyVaultKeys {
    pub confirmation: String,
}
command!(DestroyVaultKeys, "destroy_vault_keys", ());
