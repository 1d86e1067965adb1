//! What an export wrote and what an import brought: totals first, then each file's outcome with
//! its reason, in the words a volunteer would use.

use pristan_model::sync::{
    ExportOutcome, ExportReport, FileOutcome, FileResult, ImportCounts, ImportSummary,
};
use yew::prelude::*;

use crate::core_words;
use crate::format::megabytes;
use crate::i18n::{use_i18n, I18n};

#[derive(Properties, PartialEq)]
pub struct ExportResultProps {
    pub outcome: ExportOutcome,
}

#[function_component]
pub fn ExportResult(props: &ExportResultProps) -> Html {
    let i18n = use_i18n();
    match &props.outcome {
        ExportOutcome::Written(report) => html! {
            <div id="sync-export-result" class="note note-success" role="status">
                <p>{ written(&i18n, report) }</p>
                if report.paths.len() > 1 {
                    <p>{ i18n.t_args("sync-export-split", &[("count", (report.paths.len() as i64).into())]) }</p>
                    { for report.paths.iter().map(|path| html! { <p class="sync-path">{ path }</p> }) }
                } else {
                    <p class="sync-path">{ &report.path }</p>
                }
                <p>{ i18n.t("sync-export-next") }</p>
            </div>
        },
        ExportOutcome::NothingNew => html! {
            <div id="sync-export-result" class="note" role="status">
                <p>{ i18n.t("sync-export-nothing-new") }</p>
            </div>
        },
    }
}

/// "Bundle 7 saved: 12 changes, 3 attachments, 45 KB."
pub fn written(i18n: &I18n, report: &ExportReport) -> String {
    i18n.t_args(
        "sync-export-written",
        &[
            ("number", report.number.into()),
            ("ops", report.ops.into()),
            ("attachments", report.attachments.into()),
            ("size", size(i18n, report.bytes).into()),
        ],
    )
}

/// A file size in KB, or in MB from one megabyte up.
pub fn size(i18n: &I18n, bytes: u64) -> String {
    if bytes >= 1_048_576 {
        i18n.t_args(
            "sync-size-mb",
            &[("mb", megabytes(i18n, bytes as f64).into())],
        )
    } else {
        i18n.t_args("sync-size-kb", &[("kb", bytes.div_ceil(1024).into())])
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportResultsProps {
    pub summary: ImportSummary,
    /// Shown beside the conflicts line to coordinators, who resolve them.
    #[prop_or_default]
    pub on_show_conflicts: Option<Callback<()>>,
}

#[function_component]
pub fn ImportResults(props: &ImportResultsProps) -> Html {
    let i18n = use_i18n();
    let summary = &props.summary;
    let files = [
        ("sync-result-imported", summary.imported),
        ("sync-result-already", summary.already_imported),
        ("sync-result-quarantined", summary.quarantined),
        ("sync-result-rejected", summary.rejected),
    ];
    html! {
        <section id="sync-import-results" class="panel sync-results" role="status"
            aria-labelledby="sync-import-results-title">
            <h2 id="sync-import-results-title">{ i18n.t("sync-results-title") }</h2>
            if summary.files.is_empty() {
                <p class="muted">{ i18n.t("sync-results-no-files") }</p>
            } else {
                <ul class="sync-counts">
                    { for files.iter().filter(|(_, n)| *n > 0).map(|(key, n)| html! {
                        <li>{ i18n.t_args(key, &[("count", (*n).into())]) }</li>
                    }) }
                </ul>
                <p>{ brought(&i18n, &summary.totals) }</p>
            }
            if let Some(ms) = summary.totals.clock_ahead_ms {
                <p class="note note-warning">
                    { i18n.t_args("sync-results-clock-ahead", &[("hours", ((ms / 3_600_000) as i64).into())]) }
                </p>
            }
            if summary.conflicts > 0 {
                <p class="note note-warning">
                    { i18n.t_args("sync-results-conflicts", &[("count", summary.conflicts.into())]) }
                    if let Some(show) = &props.on_show_conflicts {
                        { " " }
                        <button type="button" class="link-button"
                            onclick={show.reform(|_: MouseEvent| ())}>
                            { i18n.t("sync-open-conflicts") }
                        </button>
                    }
                </p>
            }
            if !summary.files.is_empty() {
                <table class="table sync-file-table">
                    <caption class="visually-hidden">{ i18n.t("sync-results-files") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t("sync-file-name") }</th>
                            <th scope="col">{ i18n.t("sync-file-outcome") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for summary.files.iter().map(|file| file_row(&i18n, file)) }
                    </tbody>
                </table>
            }
        </section>
    }
}

/// "2 new cases, 14 notes, 3 other records, 5 updated fields" — only the counts that are not zero.
fn brought(i18n: &I18n, counts: &ImportCounts) -> String {
    let parts: Vec<String> = [
        ("sync-count-cases", counts.new_cases),
        ("sync-count-notes", counts.new_notes),
        ("sync-count-records", counts.new_records),
        ("sync-count-fields", counts.updated_fields),
        ("sync-count-attachments", counts.attachments),
        ("sync-count-forgotten", counts.forgotten),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(key, n)| i18n.t_args(key, &[("count", (*n).into())]))
    .collect();
    if parts.is_empty() {
        i18n.t("sync-count-nothing")
    } else {
        parts.join(", ")
    }
}

fn file_row(i18n: &I18n, file: &FileResult) -> Html {
    let (class, outcome) = match &file.outcome {
        FileOutcome::Imported(counts) => (
            "sync-outcome-ok",
            i18n.t_args(
                "sync-outcome-imported",
                &[
                    ("sender", counts.sender_name.clone().into()),
                    ("what", brought(i18n, counts).into()),
                ],
            ),
        ),
        FileOutcome::AlreadyImported { sender_name } => (
            "sync-outcome-same",
            i18n.t_args(
                "sync-outcome-already",
                &[("sender", sender_name.clone().into())],
            ),
        ),
        FileOutcome::Quarantined { reason, waiting } => (
            "sync-outcome-held",
            i18n.t_args(
                if *waiting {
                    "sync-outcome-waiting"
                } else {
                    "sync-outcome-quarantined"
                },
                &[("reason", core_words::refusal(i18n, reason).into())],
            ),
        ),
        FileOutcome::Rejected { reason } => (
            "sync-outcome-bad",
            i18n.t_args(
                "sync-outcome-rejected",
                &[("reason", core_words::refusal(i18n, reason).into())],
            ),
        ),
    };
    html! {
        <tr class={class}>
            <td class="sync-path">{ &file.file_name }</td>
            <td>{ outcome }</td>
        </tr>
    }
}
