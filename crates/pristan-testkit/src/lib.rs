//! Test support shared by Pristan's test suites. Not used by any shipped binary.
//!
//! `canary`: plaintext canary scans. `fuzz_corpus`: the checked-in fuzzing inputs, replayed. `relay`: a real relay process (`TestRelay`) and an
//! S3-compatible server (`MotoServer`) on 127.0.0.1, each stopped on drop.

pub mod canary;
pub mod fuzz_corpus;
pub mod relay;
