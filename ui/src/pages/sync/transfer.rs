//! The outbox (export this device's changes into a folder) and the inbox (import bundles from a
//! folder or a file). Only one runs at a time; its progress bar and its outcome show below both.

use pristan_ipc::{ExportBundle, ImportBundles};
use yew::prelude::*;

use super::{LastResult, SyncProps};
use crate::components::case::{on_submit, set};
use crate::components::sync::FolderField;
use crate::errors::describe;
use crate::hooks::scroll_after_render;
use crate::i18n::use_i18n;

#[function_component]
pub fn OutboxPanel(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let folder = use_state(|| first_suggestion(props));
    let onsubmit = {
        let (props, folder) = (props.clone(), folder.clone());
        on_submit(move || {
            let chosen = folder.trim().to_owned();
            if chosen.is_empty() {
                props.last.set(Some(LastResult::Failed(plain(
                    i18n.t("sync-folder-missing"),
                ))));
                return;
            }
            props.last.set(None);
            let (last, reload) = (props.last.clone(), props.reload.clone());
            props.job.run(
                &props.dispatch,
                ExportBundle { folder: chosen },
                move |answer| {
                    last.set(Some(match answer {
                        Ok(outcome) => LastResult::Exported(outcome),
                        Err(error) => LastResult::Failed(describe(&i18n, &error)),
                    }));
                    reload.emit(());
                    scroll_after_render("sync-last-result".to_owned());
                },
            );
        })
    };
    let unsent = props.status.unsent_ops;
    let running = *props.job.running;
    html! {
        <section id="sync-outbox" class="panel" aria-labelledby="sync-outbox-title">
            <h2 id="sync-outbox-title">{ i18n.t("sync-outbox-title") }</h2>
            <p id="sync-unsent" class={classes!((unsent == 0).then_some("muted"))}>
                { i18n.t_args("sync-unsent", &[("count", unsent.into())]) }
            </p>
            if props.status.held_back_cases > 0 {
                <p id="sync-held-back" class="note">
                    { i18n.t_args("sync-held-back",
                        &[("count", props.status.held_back_cases.into())]) }
                </p>
            }
            <form class="form" {onsubmit}>
                <FolderField id="sync-export-folder" label={i18n.t("sync-export-folder")}
                    value={(*folder).clone()} on_input={set(&folder)}
                    suggestions={props.status.suggested_folders.clone()}
                    hint={Some(i18n.t("sync-export-folder-hint"))} />
                <div class="actions">
                    <button id="sync-export" type="submit" class="button button-primary"
                        disabled={running}>
                        { i18n.t("sync-export") }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[function_component]
pub fn InboxPanel(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let path = use_state(|| first_suggestion(props));
    let onsubmit = {
        let (props, path) = (props.clone(), path.clone());
        on_submit(move || {
            let chosen = path.trim().to_owned();
            if chosen.is_empty() {
                props.last.set(Some(LastResult::Failed(plain(
                    i18n.t("sync-import-path-missing"),
                ))));
                return;
            }
            props.last.set(None);
            let (last, reload) = (props.last.clone(), props.reload.clone());
            props.job.run(
                &props.dispatch,
                ImportBundles {
                    paths: vec![chosen],
                },
                move |answer| {
                    last.set(Some(match answer {
                        Ok(summary) => LastResult::Imported(summary),
                        Err(error) => LastResult::Failed(describe(&i18n, &error)),
                    }));
                    reload.emit(());
                    scroll_after_render("sync-last-result".to_owned());
                },
            );
        })
    };
    let running = *props.job.running;
    html! {
        <section id="sync-inbox" class="panel" aria-labelledby="sync-inbox-title">
            <h2 id="sync-inbox-title">{ i18n.t("sync-inbox-title") }</h2>
            <p class="muted">{ i18n.t("sync-inbox-explain") }</p>
            <form class="form" {onsubmit}>
                <FolderField id="sync-import-path" label={i18n.t("sync-import-path")}
                    value={(*path).clone()} on_input={set(&path)}
                    suggestions={props.status.suggested_folders.clone()}
                    hint={Some(i18n.t("sync-import-path-hint"))} />
                <div class="actions">
                    <button id="sync-import" type="submit" class="button button-primary"
                        disabled={running}>
                        { i18n.t("sync-import") }
                    </button>
                </div>
            </form>
        </section>
    }
}

fn first_suggestion(props: &SyncProps) -> String {
    props
        .status
        .suggested_folders
        .first()
        .cloned()
        .unwrap_or_default()
}

fn plain(message: String) -> crate::errors::ErrorText {
    crate::errors::ErrorText {
        message,
        detail: None,
    }
}
