#![no_main]
//! See pristan_family_card::fuzzing::family_card: the body lives in the crate that opens cards,
//! so that the corpus is replayed on stable by crates/pristan-family-card/tests/card_fuzz_replay.rs.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pristan_family_card::fuzzing::family_card(data));
