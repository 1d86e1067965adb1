//! Pristan's interface (placeholder until the UI lands in this commit series).
fn main() {}
