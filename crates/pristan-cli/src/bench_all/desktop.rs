//! The desktop rows of `pristan bench --all` (issue 15): Pristan's cold start to an interactive
//! unlock screen and its memory with the standard vault unlocked, against an empty Tauri + Yew app
//! built the same way. They need Xvfb, tauri-driver and two release GUI builds, so they are
//! measured by scripts/bench-desktop.sh (tests/e2e/desktop_baseline.rs), both apps in one run,
//! into `target/bench-desktop.json`; this reads that file and says when it was measured.

use std::path::Path;

use anyhow::{Context, Result};
use serde_json::Value;

use super::Row;

/// The result file in the target folder `target` (where scripts/bench-desktop.sh writes it).
pub fn result_file(target: &Path) -> std::path::PathBuf {
    target.join("bench-desktop.json")
}

/// The rows from the result file's text.
pub fn rows(text: &str) -> Result<Vec<Row>> {
    let v: Value = serde_json::from_str(text).context("bench-desktop.json is not JSON")?;
    let when = v["when"].as_str().unwrap_or("?");
    let runs = v["runs"].as_u64().unwrap_or(0);
    let load = format!(
        "load {} before, {} after",
        v["load_before"].as_str().unwrap_or("?"),
        v["load_after"].as_str().unwrap_or("?")
    );
    let figures = [
        (
            "cold_start_ms",
            "desktop cold start to an interactive unlock screen",
            "ms",
            "target ≤ 1.3×",
        ),
        (
            "shell_rss_mib",
            "shell process resident memory (VmRSS), standard vault unlocked vs the empty app's page loaded",
            "MiB",
            "target ≤ 1.25×",
        ),
        (
            "web_rss_mib",
            "WebKit web process resident memory (VmRSS), the same moments",
            "MiB",
            "for comparison",
        ),
    ];
    let mut rows = Vec::new();
    for (key, what, unit, target) in figures {
        let pristan = &v["pristan"][key];
        let empty = &v["empty"][key];
        let (Some(p), Some(e)) = (pristan["median"].as_f64(), empty["median"].as_f64()) else {
            anyhow::bail!("bench-desktop.json has no {key}");
        };
        let spread = |s: &Value| {
            format!(
                "{:.0} {unit} ({:.0}–{:.0})",
                s["median"].as_f64().unwrap_or(f64::NAN),
                s["min"].as_f64().unwrap_or(f64::NAN),
                s["max"].as_f64().unwrap_or(f64::NAN)
            )
        };
        rows.push(Row::new(
            format!(
                "{what}, median (min–max) of {runs} [scripts/bench-desktop.sh, {when}, {load}]"
            ),
            spread(pristan),
            format!(
                "empty Tauri + Yew app, same run: {}; {target}",
                spread(empty)
            ),
            (e > 0.0).then(|| p / e),
        ));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_file_gives_three_rows_with_ratios_of_medians() {
        let text = r#"{
            "when": "2026-12-02 16:40 UTC", "runs": 3, "load_before": "1.0 1.0 1.0",
            "load_after": "2.0 2.0 2.0",
            "pristan": {
                "cold_start_ms": {"median": 1300.0, "min": 1200.0, "max": 1500.0, "values": []},
                "shell_rss_mib": {"median": 150.0, "min": 140.0, "max": 160.0, "values": []},
                "web_rss_mib": {"median": 200.0, "min": 190.0, "max": 210.0, "values": []}
            },
            "empty": {
                "cold_start_ms": {"median": 1000.0, "min": 900.0, "max": 1100.0, "values": []},
                "shell_rss_mib": {"median": 100.0, "min": 90.0, "max": 110.0, "values": []},
                "web_rss_mib": {"median": 100.0, "min": 90.0, "max": 110.0, "values": []}
            }
        }"#;
        let rows = rows(text).unwrap();
        assert_eq!(rows.len(), 3);
        let ratios: Vec<f64> = rows.iter().map(|r| r.ratio.unwrap()).collect();
        assert_eq!(ratios, [1.3, 1.5, 2.0]);
        assert_eq!(rows[0].value, "1300 ms (1200–1500)");
        assert!(rows[0].what.contains("2026-12-02 16:40 UTC"));
        assert!(rows[1]
            .baseline
            .starts_with("empty Tauri + Yew app, same run: 100 MiB"));
        assert!(super::rows("{}").is_err());
        assert!(super::rows("not json").is_err());
    }
}
