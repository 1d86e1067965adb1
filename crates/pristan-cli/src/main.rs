//! The `pristan` command line.
fn main() {}
