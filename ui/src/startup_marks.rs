//! Marks on the page's own clock where the interface's start goes (issue 15, docs/benchmarks.md):
//! the wasm's `main` starting (everything before it is fetching, compiling and instantiating the
//! module), the shown language's catalogue parsed, the first screen drawn, the shell's answer
//! about the vault, and the unlock screen drawn. `tests/e2e/desktop_baseline.rs` reads them. A
//! mark holds a fixed name and a time, nothing else.

/// The marks, in the order a start passes them; each name is written once, here.
pub const WASM_MAIN: &str = "pristan:wasm-main";
/// The shown language's catalogue parsed (during the first screen's drawing).
pub const CATALOGUE_PARSED: &str = "pristan:catalogue-parsed";
pub const FIRST_SCREEN: &str = "pristan:first-screen";
pub const STATE_ANSWERED: &str = "pristan:state-answered";
pub const UNLOCK_SHOWN: &str = "pristan:unlock-shown";

/// Records `name` at the page's present time; does nothing where the page has no clock.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}
