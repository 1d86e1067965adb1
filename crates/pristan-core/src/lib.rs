//! Pristan core.
