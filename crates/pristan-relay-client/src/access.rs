//! How a sync reaches the vault. In the desktop shell the vault sits behind the session's lock,
//! which every window command takes; a sync that kept it while waiting for the relay would freeze
//! the window (and hold up locking) for as long as the network takes. So a sync takes the vault
//! only for each short step — queue the outbox, sign one request, record one delivery, import
//! one bundle — and never while a request is on the wire.
//!
//! Each step is a transaction of its own, so a vault locked between two steps loses nothing: the
//! sync stops with [`pristan_core::Error::VaultClosed`], what was imported stays imported, and
//! what was not acknowledged is downloaded again at the next sync (and found already imported).

use std::cell::RefCell;

use pristan_core::Vault;

/// Short, exclusive use of an open vault, one step at a time.
pub trait VaultAccess {
    /// Runs `step` on the vault, or answers [`pristan_core::Error::VaultClosed`] if it has been
    /// locked since the sync began.
    fn with_vault<R>(
        &self,
        step: impl FnOnce(&mut Vault) -> Result<R, pristan_core::Error>,
    ) -> Result<R, pristan_core::Error>;
}

/// A vault the caller holds for the whole sync (the CLI, tests).
pub struct Held<'a>(RefCell<&'a mut Vault>);

impl<'a> Held<'a> {
    pub fn new(vault: &'a mut Vault) -> Held<'a> {
        Held(RefCell::new(vault))
    }
}

impl VaultAccess for Held<'_> {
    fn with_vault<R>(
        &self,
        step: impl FnOnce(&mut Vault) -> Result<R, pristan_core::Error>,
    ) -> Result<R, pristan_core::Error> {
        // Steps never nest (each is a plain vault call), so the cell is always free here.
        let mut vault = self.0.borrow_mut();
        step(&mut vault)
    }
}

/// Signs relay requests with the device key inside the vault (the key never leaves it).
pub trait RequestSigner {
    fn sign_relay_request(&self, canonical: &str) -> Result<String, pristan_core::Error>;
}

impl RequestSigner for Vault {
    fn sign_relay_request(&self, canonical: &str) -> Result<String, pristan_core::Error> {
        Vault::sign_relay_request(self, canonical)
    }
}

/// Signing through a [`VaultAccess`]: the vault is taken for the signature only.
pub(crate) struct SignThrough<'a, A: VaultAccess>(pub &'a A);

impl<A: VaultAccess> RequestSigner for SignThrough<'_, A> {
    fn sign_relay_request(&self, canonical: &str) -> Result<String, pristan_core::Error> {
        self.0
            .with_vault(|vault| vault.sign_relay_request(canonical))
    }
}
