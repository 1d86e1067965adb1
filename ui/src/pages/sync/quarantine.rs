//! Bundles that did not arrive (gaps in a sender's numbering) and bundles kept aside, still
//! encrypted, with the reason: retried all at once, or discarded one by one.

use chrono::{DateTime, Utc};
use pristan_ipc::{DiscardQuarantined, RetryQuarantine};
use pristan_model::sync::{Gap, QuarantinedBundle};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{LastResult, SyncProps};
use crate::components::sync::size_text;
use crate::components::ConfirmButton;
use crate::errors::describe;
use crate::format::moment;
use crate::hooks::vault_call;
use crate::i18n::{use_i18n, I18n};

#[derive(Properties, PartialEq)]
pub struct GapsPanelProps {
    pub gaps: Vec<Gap>,
}

/// "Bundle 7 from Anna's laptop is missing — ask them to export again."
#[function_component]
pub fn GapsPanel(props: &GapsPanelProps) -> Html {
    let i18n = use_i18n();
    if props.gaps.iter().all(|gap| gap.missing.is_empty()) {
        return html! {};
    }
    html! {
        <section id="sync-gaps" class="panel" aria-labelledby="sync-gaps-title">
            <h2 id="sync-gaps-title">{ i18n.t("sync-gaps-title") }</h2>
            <ul class="plain-list">
                { for props.gaps.iter().filter(|gap| !gap.missing.is_empty()).map(|gap| {
                    let numbers: Vec<String> = gap.missing.iter().map(u64::to_string).collect();
                    html! {
                        <li class="note note-warning">
                            { i18n.t_args("sync-gap", &[
                                ("count", gap.missing.len().into()),
                                ("numbers", numbers.join(", ").into()),
                                ("sender", gap.sender_name.clone().into()),
                            ]) }
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[function_component]
pub fn QuarantinePanel(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let bundles = &props.status.quarantine;
    if bundles.is_empty() {
        return html! {};
    }
    let retry = {
        let props = props.clone();
        Callback::from(move |_: MouseEvent| {
            props.last.set(None);
            let (last, reload) = (props.last.clone(), props.reload.clone());
            props
                .job
                .run(&props.dispatch, RetryQuarantine, move |answer| {
                    last.set(Some(match answer {
                        Ok(summary) => LastResult::Imported(summary),
                        Err(error) => LastResult::Failed(describe(&i18n, &error)),
                    }));
                    reload.emit(());
                });
        })
    };
    html! {
        <section id="sync-quarantine" class="panel" aria-labelledby="sync-quarantine-title">
            <div class="section-heading">
                <h2 id="sync-quarantine-title">{ i18n.t("sync-quarantine-title") }</h2>
                <button id="sync-retry-all" type="button" class="button button-small button-quiet"
                    onclick={retry} disabled={*props.job.running}>
                    { i18n.t("sync-retry-all") }
                </button>
            </div>
            <p class="muted">{ i18n.t("sync-quarantine-explain") }</p>
            <ul class="plain-list">
                { for bundles.iter().map(|bundle| item(&i18n, props, bundle)) }
            </ul>
        </section>
    }
}

fn item(i18n: &I18n, props: &SyncProps, bundle: &QuarantinedBundle) -> Html {
    let discard = {
        let (dispatch, last, reload) = (
            props.dispatch.clone(),
            props.last.clone(),
            props.reload.clone(),
        );
        let (file_hash, i18n) = (bundle.file_hash.clone(), *i18n);
        Callback::from(move |()| {
            let command = DiscardQuarantined {
                file_hash: file_hash.clone(),
            };
            let (dispatch, last, reload) = (dispatch.clone(), last.clone(), reload.clone());
            spawn_local(async move {
                if let Err(error) = vault_call(&dispatch, &command).await {
                    last.set(Some(LastResult::Failed(describe(&i18n, &error))));
                }
                reload.emit(());
            });
        })
    };
    let received = DateTime::parse_from_rfc3339(&bundle.received_at)
        .map(|when| moment(i18n, when.with_timezone(&Utc)))
        .unwrap_or_else(|_| bundle.received_at.clone());
    html! {
        <li class="record-item quarantine-item">
            <div class="record-main">
                <p class="record-title">
                    <span class="sync-path">{ &bundle.file_name }</span>
                    if bundle.waiting {
                        { " " }
                        <span class="badge badge-waiting">{ i18n.t("sync-waiting-approval") }</span>
                    }
                    if !bundle.kept {
                        { " " }
                        <span class="badge">{ i18n.t("sync-quarantine-listed-only") }</span>
                    }
                </p>
                <p>{ &bundle.reason }</p>
                <p class="muted">
                    { i18n.t_args("sync-quarantine-received", &[
                        ("when", received.into()),
                        ("size", size_text(i18n, bundle.size).into()),
                    ]) }
                </p>
            </div>
            <div class="record-actions">
                <ConfirmButton on_confirm={discard} what={bundle.file_name.clone()}
                    label={i18n.t("sync-discard")} question={i18n.t("sync-discard-confirm")}
                    yes={i18n.t("sync-discard-yes")} />
            </div>
        </li>
    }
}
