//! shell
pub fn run() {}
