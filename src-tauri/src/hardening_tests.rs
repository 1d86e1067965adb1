//! The webview's configuration, checked as written (docs/SECURITY.md §2): a strict CSP, only the
//! app's own page in a window, the main window allowed only Pristan's IPC and the family window
//! only its card commands.

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
fn each_window_has_one_capability_and_it_allows_only_its_own_commands() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["family.json", "main.json"],
        "one capability a window"
    );
    // The main window: Pristan's IPC and opening the family window, nothing else.
    let main = read_json("src-tauri/capabilities/main.json");
    assert_eq!(main["windows"], serde_json::json!(["main"]));
    assert_eq!(
        main["permissions"],
        serde_json::json!(["allow-ipc", "allow-open-family-window"])
    );
    // The family window (issue 14): a card's commands only, never the vault's `ipc`.
    let family = read_json("src-tauri/capabilities/family.json");
    assert_eq!(family["windows"], serde_json::json!(["family"]));
    assert_eq!(
        family["permissions"],
        serde_json::json!([
            "allow-family-open-card",
            "allow-family-fetch-card",
            "allow-family-close"
        ])
    );
    for capability in [&main, &family] {
        assert!(capability["remote"].is_null(), "no remote origin may call");
        let windows = capability["windows"].to_string();
        assert!(!windows.contains('*'), "windows are named, never matched");
    }
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
