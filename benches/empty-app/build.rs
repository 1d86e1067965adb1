//! Build script of the empty app: checks its page was built, then lets tauri-build read
//! tauri.conf.json.

fn main() {
    let embeds_ui = std::env::var_os("CARGO_FEATURE_CUSTOM_PROTOCOL").is_some();
    if embeds_ui && !std::path::Path::new("ui/dist/index.html").exists() {
        panic!("ui/dist/index.html is missing: run scripts/bench-desktop.sh (or `cd ui && trunk build --release`)");
    }
    println!("cargo:rerun-if-changed=ui/dist");
    tauri_build::build();
}
