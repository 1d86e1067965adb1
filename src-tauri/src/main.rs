//! The Pristan desktop app's entry point.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// Every freed heap block is wiped, so case data and secrets do not outlive their use
/// (`pristan_core::memory`, checked by `memory_after_lock.rs`).
#[global_allocator]
static ALLOCATOR: pristan_core::memory::WipingAllocator = pristan_core::memory::WIPING_ALLOCATOR;

fn main() {
    pristan_app::run();
}
