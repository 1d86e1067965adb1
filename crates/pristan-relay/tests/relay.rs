//! The relay's integration tests, each against a real relay process on 127.0.0.1
//! (`pristan-relay`, the same code as `pristan relay serve`), with real Ed25519 keys, relay
//! rosters and join tickets signed by a test organisation, and real age files.
//!
//! - `support`: the organisation, devices, a signed HTTP client, a team on a running relay.
//! - `refusals` (with `refusals_limits`, `refusals_access`): every refusal of the protocol, on
//!   the local store and on S3 (moto).
//! - `delivery`: what goes through (inbox, mailboxes, several coordinators, restarts), on both.
//! - `faults`: the relay SIGKILLed during an upload and during a download, on both.
//! - `canary`: nothing of a bundle's plaintext, no mailbox id, key or address in the store or
//!   the most verbose log.
//! - `cards`: family status cards published, refreshed, fetched by code and revoked; refusals,
//!   the per-address fetch limit, and no code, lookup or plaintext in the store, on both stores.
//! - `tls`: the relay serving HTTPS itself.
//! - `load`: 50 devices × 20 bundles (`#[ignore]`d; a measurement, see docs/benchmarks.md).

mod relay {
    pub mod canary;
    pub mod cards;
    pub mod delivery;
    pub mod faults;
    pub mod load;
    pub mod refusals;
    pub mod refusals_access;
    pub mod refusals_limits;
    pub mod support;
    pub mod tls;
}
