//! The webview's configuration, checked as written (docs/SECURITY.md §2): a strict CSP, only the
//! app's own page in a window, and only the main window allowed to call only Pristan's IPC.

use std::path::Path;

fn read_json(path: &str) -> serde_json::Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

#[test]
fn the_csp_allows_only_the_apps_own_page_and_its_ipc() {
    let config = read_json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["base-uri"], "'none'");
    assert_eq!(csp["form-action"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
    for (directive, value) in csp.as_object().unwrap() {
        let value = value.as_str().unwrap();
        // No inline script or style, no eval of text, no remote origin of any kind.
        assert!(!value.contains("unsafe-inline"), "{directive}: {value}");
        assert!(!value.contains("'unsafe-eval'"), "{directive}: {value}");
        assert!(!value.contains('*'), "{directive}: {value}");
        for source in value.split_whitespace() {
            let allowed = source.starts_with('\'')
                || source == "data:"
                || source == "ipc:"
                || source == "http://ipc.localhost";
            assert!(allowed, "{directive} allows {source}");
        }
    }
    assert_eq!(config["app"]["security"]["freezePrototype"], true);
    assert!(config["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
}

#[test]
fn only_the_main_window_has_a_capability_and_it_allows_only_pristans_ipc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1, "one capability file");
    let capability = read_json("src-tauri/capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(capability["permissions"], serde_json::json!(["allow-ipc"]));
    assert!(capability["remote"].is_null(), "no remote origin may call");
}

#[test]
fn windows_load_only_the_apps_own_page() {
    let source = include_str!("window.rs");
    assert!(source.contains("WebviewUrl::default()"));
    assert!(!source.contains("WebviewUrl::External"));
    assert!(source.contains(".incognito("));
    let lib = include_str!("lib.rs");
    assert!(!lib.contains("WebviewUrl::External"));
}
