//! Test support shared by Pristan's test suites. Not used by any shipped binary.

pub mod canary;
