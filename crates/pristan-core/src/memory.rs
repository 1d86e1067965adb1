//! Memory that holds case data or secrets is wiped when it is freed, not only where a type says
//! so (`Zeroizing`, `SecretString`): a note's text passes through many `String`s (the database
//! row, JSON, search results, IPC answers), and each would otherwise stay in freed heap until it
//! happens to be reused. Each Pristan binary (the desktop shell, the CLI) installs this allocator:
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOCATOR: pristan_core::memory::WipingAllocator = pristan_core::memory::WIPING_ALLOCATOR;
//! ```
//!
//! SQLCipher's own allocations are wiped by SQLCipher (`PRAGMA cipher_memory_security = ON`,
//! set when a vault opens). What the allocator cannot reach: the stack, copies inside the
//! webview's JavaScript heap, and memory the process still uses while the vault is unlocked.
//! `tests/memory_after_lock.rs` dumps a process after lock and checks.

/// The system allocator, with every block overwritten with zeros before it is freed (and the old
/// block when one is grown or shrunk).
pub type WipingAllocator = zeroizing_alloc::ZeroAlloc<std::alloc::System>;

/// The value to install as `#[global_allocator]`.
pub const WIPING_ALLOCATOR: WipingAllocator = zeroizing_alloc::ZeroAlloc(std::alloc::System);
