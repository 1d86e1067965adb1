//! The paper visit guide: a blank sheet to print and fill in by hand where laptops are not
//! allowed in the visiting room, then type into Pristan after the visit.
//!
//! The sheet holds nothing from the vault, so printing it (or saving it as a PDF from the print
//! dialog) cannot leak anything. Its look on paper is in the "Paper visit guide" section of
//! `ui/styles.css`, under `@media print`.

use yew::prelude::*;

use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::pages::PageProps;
use crate::state::Action;

/// The note kinds of a visit write-up (DESIGN.md §4), in the write-up's order, each with the
/// number of lines left to write on. The names match the core's note kinds, so that the paper and
/// the screen read the same.
const NOTE_KINDS: [(&str, usize); 6] = [
    ("welfare", 5),
    ("medical", 4),
    ("legal", 5),
    ("family", 4),
    ("needs", 4),
    ("observation", 6),
];

/// The "before you go in" reminders, from what visiting programmes ask of visitors (DOMAIN.md),
/// in two lists of about the same length: on paper they stand side by side, which keeps the first
/// page short enough for US Letter.
const BEFORE_YOU_GO_IN: [&[&str]; 2] = [
    &[
        "guide-before-independent",
        "guide-before-consent",
        "guide-before-no-promises",
        "guide-before-own-words",
    ],
    &[
        "guide-before-sensitive",
        "guide-before-initials",
        "guide-before-share",
        "guide-before-embassy",
        "guide-before-not-anonymous",
    ],
];

/// The purposes a person consents to one by one (DESIGN.md §1); relatives come last, with room
/// for their names.
const CONSENTS: [&str; 4] = [
    "guide-consent-keep",
    "guide-consent-coordinator",
    "guide-consent-attorney",
    "guide-consent-referral",
];

/// What a visitor must pass on to the coordinator at once (DOMAIN.md, visiting programmes).
const URGENT: [&str; 4] = [
    "guide-urgent-child",
    "guide-urgent-self-harm",
    "guide-urgent-torture",
    "guide-urgent-solitary",
];

/// Blank rows in the follow-ups table.
const TASK_ROWS: usize = 6;

#[function_component]
pub fn VisitGuidePage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let back_button = use_node_ref();
    use_focus_on_mount(back_button.clone());
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowHome))
    };

    html! {
        <section id="visit-guide-page" class="page page-guide">
            <div class="guide-toolbar">
                <div class="page-heading">
                    <button id="guide-back" type="button" class="button button-quiet back-button"
                        ref={back_button} onclick={back}>
                        { i18n.t("guide-back") }
                    </button>
                    <h1>{ i18n.t("guide-title") }</h1>
                </div>
                <p>{ i18n.t("guide-intro") }</p>
                <div class="guide-print-row">
                    <button id="guide-print" type="button" class="button button-primary"
                        onclick={Callback::from(|_: MouseEvent| print_sheet())}>
                        { i18n.t("guide-print") }
                    </button>
                    <p class="muted">{ i18n.t("guide-print-hint") }</p>
                </div>
            </div>

            <article id="visit-guide" class="guide-sheet" aria-labelledby="guide-sheet-title">
                <header class="guide-sheet-head">
                    <h2 id="guide-sheet-title">{ i18n.t("guide-sheet-title") }</h2>
                    <p class="guide-not-verbatim">{ i18n.t("guide-not-verbatim") }</p>
                </header>
                { visit_details(&i18n) }
                { before_you_go_in(&i18n) }
                { consent(&i18n) }
                { notes(&i18n) }
                { follow_ups(&i18n) }
                <footer class="guide-footer">
                    <p>{ i18n.t("guide-footer") }</p>
                </footer>
            </article>
        </section>
    }
}

/// Opens the webview's print dialog for the whole window; the print styles leave only the sheet.
///
/// In the Tauri window on Linux, WebKitGTK answers `window.print()` with the GTK print dialog,
/// whose "Print to File" writes a PDF; the call returns when the dialog closes.
fn print_sheet() {
    if let Some(window) = web_sys::window() {
        // There is nothing useful to tell the user if the webview refuses: the dialog simply
        // does not open, and the button can be pressed again.
        let _ = window.print();
    }
}

/// A square to tick by hand. Drawn with a border, which prints even when the print dialog's
/// "print backgrounds" is off.
fn tick_box() -> Html {
    html! { <span class="guide-box" aria-hidden="true"></span> }
}

/// A tick box with its label, e.g. "☐ video".
fn option(i18n: &I18n, key: &str) -> Html {
    html! {
        <span class="guide-option">{ tick_box() }{ i18n.t(key) }</span>
    }
}

/// A label followed by a line to write on.
fn field(i18n: &I18n, key: &str, span: &'static str) -> Html {
    html! {
        <div class={classes!("guide-field", span)}>
            <span class="guide-label">{ i18n.t(key) }</span>
            <span class="guide-fill"></span>
        </div>
    }
}

fn visit_details(i18n: &I18n) -> Html {
    // Nine boxes in threes, as A-numbers are written (A-123-456-789).
    let digits = |count: usize| {
        html! {
            <span class="guide-digit-group">
                { for (0..count).map(|_| html! { <span class="guide-digit"></span> }) }
            </span>
        }
    };
    html! {
        <div class="guide-details">
            { field(i18n, "guide-person", "guide-span-6") }
            <div class="guide-field guide-span-3">
                <span class="guide-label">{ i18n.t("guide-a-number") }</span>
                <span class="guide-a-number" aria-hidden="true">
                    { "A" }{ digits(3) }{ "–" }{ digits(3) }{ "–" }{ digits(3) }
                </span>
            </div>
            { field(i18n, "guide-facility", "guide-span-3") }
            { field(i18n, "guide-date", "guide-span-2") }
            { field(i18n, "guide-start", "guide-span-2") }
            { field(i18n, "guide-end", "guide-span-2") }
            <div class="guide-field guide-span-4">
                <span class="guide-label">{ i18n.t("guide-mode") }</span>
                <span class="guide-options">
                    { option(i18n, "guide-mode-in-person") }
                    { option(i18n, "guide-mode-video") }
                    { option(i18n, "guide-mode-phone") }
                </span>
            </div>
            { field(i18n, "guide-language", "guide-span-2") }
            <div class="guide-field guide-span-3">
                <span class="guide-label">{ i18n.t("guide-interpreter") }</span>
                <span class="guide-fill"></span>
                { option(i18n, "guide-interpreter-none") }
            </div>
            { field(i18n, "guide-visitors", "guide-span-3") }
        </div>
    }
}

fn before_you_go_in(i18n: &I18n) -> Html {
    html! {
        <section class="guide-section guide-before" aria-labelledby="guide-before-title">
            <h3 id="guide-before-title">{ i18n.t("guide-before-title") }</h3>
            <div class="guide-checklist">
                { for BEFORE_YOU_GO_IN.iter().map(|keys| html! {
                    <ul>
                        { for keys.iter().map(|key| html! {
                            <li>{ tick_box() }<span>{ i18n.t(key) }</span></li>
                        }) }
                    </ul>
                }) }
            </div>
        </section>
    }
}

fn consent(i18n: &I18n) -> Html {
    let answers = html! {
        <>
            <td class="guide-answer">{ tick_box() }</td>
            <td class="guide-answer">{ tick_box() }</td>
        </>
    };
    html! {
        <section class="guide-section guide-consent" aria-labelledby="guide-consent-title">
            <h3 id="guide-consent-title">{ i18n.t("guide-consent-title") }</h3>
            <p class="guide-prompt">{ i18n.t("guide-consent-intro") }</p>
            <table class="guide-table">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.t("guide-consent-purpose") }</th>
                        <th scope="col" class="guide-answer">{ i18n.t("guide-yes") }</th>
                        <th scope="col" class="guide-answer">{ i18n.t("guide-no") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for CONSENTS.iter().map(|key| html! {
                        <tr>
                            <td>{ i18n.t(key) }</td>
                            { answers.clone() }
                        </tr>
                    }) }
                    <tr>
                        <td>
                            <p class="guide-cell-text">{ i18n.t("guide-consent-family") }</p>
                            <div class="guide-field">
                                <span class="guide-label">{ i18n.t("guide-consent-family-names") }</span>
                                <span class="guide-fill"></span>
                            </div>
                        </td>
                        { answers.clone() }
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

fn notes(i18n: &I18n) -> Html {
    html! {
        <section class="guide-notes" aria-labelledby="guide-notes-title">
            <h3 id="guide-notes-title" class="guide-notes-title">{ i18n.t("guide-notes-title") }</h3>
            { for NOTE_KINDS.iter().map(|&(kind, lines)| html! {
                <section id={format!("guide-note-{kind}")} class="guide-section guide-note"
                    aria-labelledby={format!("guide-kind-{kind}")}>
                    <div class="guide-note-head">
                        <h4 id={format!("guide-kind-{kind}")} class="guide-kind">
                            { i18n.t(&format!("guide-kind-{kind}")) }
                        </h4>
                        { option(i18n, "guide-restricted") }
                    </div>
                    <p class="guide-prompt">{ i18n.t(&format!("guide-prompt-{kind}")) }</p>
                    { for (0..lines).map(|_| html! { <div class="guide-line"></div> }) }
                </section>
            }) }
        </section>
    }
}

fn follow_ups(i18n: &I18n) -> Html {
    html! {
        <section class="guide-section guide-followups" aria-labelledby="guide-followups-title">
            <h3 id="guide-followups-title">{ i18n.t("guide-followups-title") }</h3>
            <p class="guide-urgent-lead">{ i18n.t("guide-urgent") }</p>
            <div class="guide-urgent">
                { for URGENT.iter().map(|key| option(i18n, key)) }
            </div>
            <table class="guide-table guide-tasks">
                <thead>
                    <tr>
                        <th scope="col" class="guide-task-what">{ i18n.t("guide-task") }</th>
                        <th scope="col" class="guide-task-who">{ i18n.t("guide-task-who") }</th>
                        <th scope="col" class="guide-task-due">{ i18n.t("guide-task-due") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for (0..TASK_ROWS).map(|_| html! { <tr><td></td><td></td><td></td></tr> }) }
                </tbody>
            </table>
            { field(i18n, "guide-next-visit", "guide-next-visit") }
        </section>
    }
}
