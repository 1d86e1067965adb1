//! Pristan's relay (docs/relay.md, docs/relay-protocol.md): a store-and-forward mailbox for
//! encrypted bundles. It keeps opaque age files under names that are their SHA-256, in a local
//! folder or an S3-compatible bucket, and hands each to the device it is for. It never opens a
//! vault and holds no secret key; it learns which device keys belong to the organisation from a
//! relay roster the organisation signed.
//!
//! Map: `config` (what `serve` is given) and `cli` (the flags), `store` (object_store, create-only
//! puts, no paths in errors), `layout` (where objects live), `roster` (the relay roster kept),
//! `auth` (signatures, challenges, nonces, who the caller is), `limits` (rate, quota, tickets),
//! `routes/` (one file per group of routes), `retention` (the sweeper), `logging` (route
//! templates only), `server` (binding, TLS, shutdown).

#![forbid(unsafe_code)]

pub mod auth;
pub mod cli;
pub mod config;
pub mod error;
pub mod layout;
pub mod limits;
pub mod logging;
pub mod retention;
pub mod roster;
pub mod routes;
pub mod server;
pub mod state;
pub mod store;
pub mod tickets;

pub use cli::ServeArgs;
pub use config::RelayConfig;
pub use server::serve;
