#![no_main]
//! See pristan_core::fuzzing::roster: the body lives in the core so that the corpus is replayed on
//! stable by crates/pristan-core/tests/fuzz_replay.rs.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pristan_core::fuzzing::roster(data));
