//! "Export the working group's list" on the deadlines board: the CSV of referred cases whose
//! person agreed to a referral naming its recipient (one row per referral, no narrative), with
//! the delimiter the recipient's spreadsheet needs and the folder to save in. It says where the
//! file went, and who was left out for lack of consent and why, with a way to their case.

use pristan_ipc::{ExportWorkingGroupCsv, ExportedFile, GetSyncStatus, Language, LeftOut};
use pristan_model::CsvDelimiter;
use yew::prelude::*;

use crate::components::case::{set, toggle, use_form_status, CaseName};
use crate::components::sync::{size_text, FolderField};
use crate::components::SelectField;
use crate::errors::referral_refusal_sentence;
use crate::hooks::{focus_after_render, use_query};
use crate::i18n::{use_i18n, I18n};
use crate::labels::options;
use crate::state::{Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct WorkingGroupExportProps {
    pub dispatch: Dispatch,
}

#[function_component]
pub fn WorkingGroupExport(props: &WorkingGroupExportProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| false);
    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| {
                open.set(true);
                focus_after_render("wg-export-title".into());
            })
        };
        return html! {
            <button id="wg-export-open" type="button" class="button button-small" {onclick}>
                { i18n.t("wg-export-open") }
            </button>
        };
    }
    html! { <Dialog dispatch={props.dispatch.clone()} on_close={toggle(&open, false)} /> }
}

#[derive(Properties, PartialEq)]
struct DialogProps {
    dispatch: Dispatch,
    on_close: Callback<()>,
}

#[function_component]
fn Dialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    // Excel in a Russian locale splits on semicolons; a Russian interface suggests them.
    let delimiter = use_state(|| match i18n.language {
        Language::Ru => CsvDelimiter::Semicolon.as_str().to_owned(),
        _ => CsvDelimiter::Comma.as_str().to_owned(),
    });
    let folder = use_state(String::new);
    let form = use_form_status();
    let saved = use_state(|| None::<ExportedFile>);
    let suggestions = match &*status.answer {
        Some(Ok(status)) => status.suggested_folders.clone(),
        _ => Vec::new(),
    };
    let onclick = {
        let (form, saved, dispatch) = (form.clone(), saved.clone(), props.dispatch.clone());
        let command = ExportWorkingGroupCsv {
            delimiter: CsvDelimiter::parse(&delimiter).unwrap_or_default(),
            folder: Some(folder.trim().to_owned()).filter(|f| !f.is_empty()),
        };
        Callback::from(move |_: MouseEvent| {
            let saved = saved.clone();
            saved.set(None);
            form.send(i18n, &dispatch, command.clone(), move |file| {
                saved.set(Some(file))
            });
        })
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    html! {
        <div id="wg-export" class="subpanel export-dialog" role="dialog"
            aria-labelledby="wg-export-title" {onkeydown}>
            <h2 id="wg-export-title" tabindex="-1">{ i18n.t("wg-export-title") }</h2>
            <p class="muted">{ i18n.t("wg-export-intro") }</p>
            <SelectField id="wg-delimiter" label={i18n.t("wg-delimiter")}
                value={(*delimiter).clone()}
                options={options(&i18n, "wg-delimiter", CsvDelimiter::ALL, CsvDelimiter::as_str)}
                on_change={set(&delimiter)} />
            <FolderField id="wg-folder" label={i18n.t("export-folder")}
                value={(*folder).clone()} on_input={set(&folder)} {suggestions}
                hint={Some(i18n.t("export-folder-hint"))} />
            { form.view() }
            if let Some(file) = &*saved {
                { saved_view(&i18n, &props.dispatch, file) }
            }
            <div class="actions">
                <button id="wg-export-save" type="button" class="button button-primary"
                    disabled={*form.busy} {onclick}>
                    { i18n.t("wg-export-save") }
                </button>
                <button id="wg-export-close" type="button" class="button button-quiet"
                    onclick={props.on_close.reform(|_: MouseEvent| ())}>
                    { i18n.t("export-close") }
                </button>
            </div>
        </div>
    }
}

/// Where the list went, how many cases it holds, and whom it left out and why.
fn saved_view(i18n: &I18n, dispatch: &Dispatch, file: &ExportedFile) -> Html {
    html! {
        <>
            <div id="wg-saved" class="note note-success" role="status">
                <p>{ i18n.t_args("wg-saved", &[
                    ("count", file.cases.into()),
                    ("path", file.path.clone().into()),
                    ("size", size_text(i18n, file.bytes).into()),
                ]) }</p>
                if file.left_out.is_empty() {
                    <p>{ i18n.t("wg-none-left-out") }</p>
                }
                <p>{ i18n.t("export-keep-safe") }</p>
            </div>
            if !file.left_out.is_empty() {
                <div id="wg-left-out-note" class="note note-warning">
                    <p id="wg-left-out-count"><strong>
                        { i18n.t_args("wg-left-out", &[("count", file.left_out.len().into())]) }
                    </strong></p>
                    <ul id="wg-left-out" class="plain-list">
                        { for file.left_out.iter().map(|row| left_out_item(i18n, dispatch, row)) }
                    </ul>
                </div>
            }
        </>
    }
}

fn left_out_item(i18n: &I18n, dispatch: &Dispatch, row: &LeftOut) -> Html {
    let open = {
        let (dispatch, id) = (dispatch.clone(), row.case.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
    };
    html! {
        <li class="wg-left-out-item">
            <button type="button" class="link-button" onclick={open}>
                <CaseName name={row.case.name.clone()} native_name={row.case.native_name.clone()} />
            </button>
            { ": " }{ referral_refusal_sentence(i18n, &row.refusal) }
        </li>
    }
}
