//! A real relay for tests: [`TestRelay`] starts the `pristan relay serve` binary (or
//! `pristan-relay`) on 127.0.0.1 with a store of its own, reads the address it prints, and
//! kills it on drop; [`MotoServer`] starts moto's S3 server (installed in `.venv` by
//! `scripts/setup.sh`) for the S3 store.
//!
//! ```ignore
//! let relay = TestRelay::start(env!("CARGO_BIN_EXE_pristan"), &org_public_key_hex);
//! // … sync against relay.url() …
//! relay.kill9();      // as a crash would
//! relay.restart();    // same store, same port
//! ```

mod moto;
mod process;

pub use moto::{MotoServer, S3Target};
pub use process::{RelayOptions, RelayStore, TestRelay};
