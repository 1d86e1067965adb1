//! Build script of the desktop shell: checks the interface was built, then lets tauri-build read
//! tauri.conf.json and the capabilities, with our commands declared (the vault's `ipc`, and family mode's
//! own, see src-tauri/src/family_window.rs) so that only windows whose capability allows a
//! command can call it.

fn main() {
    let embeds_ui = std::env::var_os("CARGO_FEATURE_CUSTOM_PROTOCOL").is_some();
    if embeds_ui && !std::path::Path::new("ui/dist/index.html").exists() {
        panic!(
            "ui/dist/index.html is missing: build the interface first \
             (scripts/build.sh; by hand, `cd ui && trunk build --release` needs the wasm-opt \
             that scripts/setup.sh installs on the PATH, as scripts/lib.sh sets it)"
        );
    }
    println!("cargo:rerun-if-changed=ui/dist");
    // tauri-build does not ask to run again when a capability file changes (with a custom
    // path pattern): without this, a narrowed capability kept its old permissions in the binary
    // until something else changed.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(&[
            "ipc",
            "family_open_card",
            "family_fetch_card",
            "family_close",
            "open_family_window",
        ]));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
