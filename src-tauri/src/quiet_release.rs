//! Gives the memory the shell freed back to the system once it goes quiet after work: unlocking
//! and the dashboard's first answers, an import, a sync, a lock. glibc keeps freed memory for
//! reuse, so without this the shell stays near its peak (docs/benchmarks.md, "The shell's memory:
//! what the allocator keeps"). The call itself is `pristan_memory_release`'s; this module only
//! decides when.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Set when work finished since the last check.
static WORKED: AtomicBool = AtomicBool::new(false);

/// A command was answered, a sync ran, or the vault locked.
pub fn note_work() {
    WORKED.store(true, Ordering::Relaxed);
}

/// Starts the thread that checks once a second and gives the memory back in the first second
/// without work after some.
pub fn watch() {
    std::thread::Builder::new()
        .name("memory-release".into())
        .spawn(|| {
            let mut quiet = Quiet::default();
            loop {
                std::thread::sleep(CHECK_EVERY);
                if quiet.tick(WORKED.swap(false, Ordering::Relaxed)) {
                    pristan_memory_release::release_free_memory();
                }
            }
        })
        .expect("the memory-release thread could not start");
}

/// Whether work has finished since memory was last given back.
#[derive(Debug, Default)]
struct Quiet {
    pending: bool,
}

impl Quiet {
    /// One check: `worked` says whether work finished since the last one. True when the memory
    /// should be given back now — once after each stretch of work, when a check finds none.
    fn tick(&mut self, worked: bool) -> bool {
        if worked {
            self.pending = true;
            return false;
        }
        std::mem::take(&mut self.pending)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_given_back_once_after_each_stretch_of_work() {
        let mut quiet = Quiet::default();
        let answers: Vec<bool> = [false, true, true, true, false, false, true, false, false]
            .into_iter()
            .map(|worked| quiet.tick(worked))
            .collect();
        assert_eq!(
            answers,
            [false, false, false, false, true, false, false, true, false]
        );
    }
}
