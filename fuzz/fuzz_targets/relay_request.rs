#![no_main]
//! See pristan_relay_proto::fuzzing::relay_request: the body lives in the crate that parses the relay's
//! requests and documents, so that the corpus is replayed on stable by
//! crates/pristan-relay-proto/tests/relay_fuzz_replay.rs.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pristan_relay_proto::fuzzing::relay_request(data));
