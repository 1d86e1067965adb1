//! Regression tests for the attacks of issue 10's adversarial review, each reproduced the way a
//! stolen, approved laptop would: a genuine export with edited operations, re-signed with that
//! device's own key (`bundle_vectors::craft`). Each failed before its fix.

mod adversarial;
mod bundle_vectors;
