//! Gives the system back the memory the C allocator holds free.
//!
//! glibc's allocator keeps what a program frees for its next allocations, in the arena of the
//! thread that freed it, and returns it to the system only from the top of each heap. After the
//! shell unlocks a vault and answers the dashboard, several megabytes it no longer uses stay
//! resident that way (docs/benchmarks.md, "The shell's memory: what the allocator keeps"). (What
//! the blocks held was already wiped when they were freed: `pristan_core::memory`.)
//!
//! A narrow room: one function, no knowledge of Pristan. The shell decides when to call it.

/// Asks the allocator to return every free page of every arena to the system (`malloc_trim(0)`).
/// Returns whether it returned any. It locks each arena in turn while it walks it, so call it when
/// the program is quiet, not in the middle of work. Where the C library is not glibc it does
/// nothing and returns false: other allocators return large free blocks themselves.
pub fn release_free_memory() -> bool {
    trim()
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn trim() -> bool {
    // SAFETY: `malloc_trim` takes no pointer and touches only the allocator's own free lists,
    // under the allocator's locks; any thread may call it at any time.
    unsafe { libc::malloc_trim(0) == 1 }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() -> bool {
    false
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    use super::*;

    /// The process's resident anonymous memory, in KiB (`RssAnon` in /proc/self/status).
    fn resident_anon_kib() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let line = status
            .lines()
            .find(|line| line.starts_with("RssAnon:"))
            .expect("RssAnon in /proc/self/status");
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    #[test]
    fn memory_freed_below_a_live_block_is_given_back() {
        const BLOCKS: usize = 64 * 1024;
        const BLOCK: usize = 1024;
        // A thread of its own, so that its arena holds only this test's blocks. Small blocks
        // come from the arena's heap (not their own mappings), written so that they are resident;
        // one block allocated last stays alive, so the freed ones sit below it and the allocator
        // cannot return them from the top of the heap by itself.
        let (before, after_free, after_release) = std::thread::spawn(|| {
            let before = resident_anon_kib();
            let blocks: Vec<Vec<u8>> = (0..BLOCKS).map(|i| vec![i as u8 | 1; BLOCK]).collect();
            let pin = vec![1u8; BLOCK];
            drop(blocks);
            let after_free = resident_anon_kib();
            let released = release_free_memory();
            let after_release = resident_anon_kib();
            assert!(released, "the allocator returned nothing");
            drop(pin);
            (before, after_free, after_release)
        })
        .join()
        .unwrap();
        let allocated_kib = (BLOCKS * BLOCK / 1024) as u64;
        assert!(
            after_free >= before + allocated_kib / 2,
            "freeing alone kept the memory resident: before {before}, after free {after_free} KiB"
        );
        assert!(
            after_free - after_release >= allocated_kib / 2,
            "before {before}, after free {after_free}, after release {after_release} KiB"
        );
    }
}
