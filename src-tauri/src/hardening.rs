//! Process hardening: a crash must not leave the vault's key in a core file on disk.

/// Release builds turn core dumps off and make the process non-dumpable (which also stops other
/// processes of the same user from reading its memory through ptrace). Debug builds keep both, so
/// that developers can debug.
pub fn disable_core_dumps() {
    #[cfg(all(unix, not(debug_assertions)))]
    {
        use nix::sys::resource::{setrlimit, Resource};
        if let Err(e) = setrlimit(Resource::RLIMIT_CORE, 0, 0) {
            eprintln!("pristan: could not disable core dumps: {e}");
        }
        #[cfg(target_os = "linux")]
        if let Err(e) = nix::sys::prctl::set_dumpable(false) {
            eprintln!("pristan: could not mark the process non-dumpable: {e}");
        }
    }
}
