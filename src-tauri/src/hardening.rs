//! Process hardening: a crash must not leave the vault's key in a core file on disk, and other
//! processes of the same user must not read this one's memory.

/// Release builds turn core dumps off and make the process non-dumpable (which also stops other
/// processes of the same user from reading its memory through ptrace). Debug builds keep both, so
/// that developers can debug.
pub fn disable_core_dumps() {
    #[cfg(not(debug_assertions))]
    if let Err(e) = apply() {
        eprintln!("pristan: {e}");
    }
}

/// What release builds do at start: `RLIMIT_CORE` 0 and, on Linux, `PR_SET_DUMPABLE` 0.
#[cfg_attr(debug_assertions, allow(dead_code))]
pub fn apply() -> Result<(), String> {
    #[cfg(unix)]
    {
        use nix::sys::resource::{setrlimit, Resource};
        setrlimit(Resource::RLIMIT_CORE, 0, 0)
            .map_err(|e| format!("could not disable core dumps: {e}"))?;
        #[cfg(target_os = "linux")]
        nix::sys::prctl::set_dumpable(false)
            .map_err(|e| format!("could not mark the process non-dumpable: {e}"))?;
    }
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::process::Command;

    const CHILD_ENV: &str = "PRISTAN_HARDENING_CHILD";

    /// Run in a child process (this test binary again), so the other tests keep a dumpable
    /// process: applies the hardening and reports what the kernel says.
    #[test]
    fn hardening_child_process() {
        if std::env::var_os(CHILD_ENV).is_none() {
            return;
        }
        super::apply().unwrap();
        let (soft, hard) =
            nix::sys::resource::getrlimit(nix::sys::resource::Resource::RLIMIT_CORE).unwrap();
        let dumpable = nix::sys::prctl::get_dumpable().unwrap();
        println!("HARDENED core={soft}/{hard} dumpable={dumpable}");
    }

    #[test]
    fn hardening_turns_off_core_dumps_and_makes_the_process_undumpable() {
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "hardening::tests::hardening_child_process",
                "--exact",
                "--nocapture",
            ])
            .env(CHILD_ENV, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("HARDENED core=0/0 dumpable=false"),
            "{stdout}"
        );
        // /proc agrees: a non-dumpable process's memory is not readable by ptrace.
    }
}
