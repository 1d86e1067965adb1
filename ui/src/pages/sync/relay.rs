//! Syncing online through the organisation's relay: Sync now (with the shared progress bar and
//! the same summary as a folder import), when this device last synced, what waits to go, whether
//! the relay answers, the per-device automatic sync, and for coordinators the relay's address.
//! The relay's problems arrive as ids (`RelayProblem`) and are worded here.

use pristan_ipc::{CheckRelay, GetRelayStatus, SetRelayAddress, SetRelayAutoSync, SyncNow};
use pristan_model::relay::{RelayError, RelayProblem, RelaySyncReport};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{LastResult, SyncProps};
use crate::components::case::{on_submit, use_form_status};
use crate::components::sync::ImportResults;
use crate::errors::describe;
use crate::format::moment;
use crate::hooks::{scroll_after_render, use_query, vault_call};
use crate::i18n::use_i18n;

#[function_component]
pub fn RelayPanel(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let status = use_query(&props.dispatch, (), |_| GetRelayStatus);
    // Whether the relay answers is asked once when the screen opens, then after each sync.
    {
        let (dispatch, reload) = (props.dispatch.clone(), status.reload.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let _ = vault_call(&dispatch, &CheckRelay).await;
                reload.emit(());
            });
        });
    }
    let Some(Ok(relay)) = &*status.answer else {
        return html! {};
    };
    let local = &relay.local;
    let coordinator = props.is_coordinator();
    let sync_now = {
        let props = props.clone();
        let reload = status.reload.clone();
        Callback::from(move |_: MouseEvent| {
            props.last.set(None);
            let (last, reload_page, reload) =
                (props.last.clone(), props.reload.clone(), reload.clone());
            props.job.run(&props.dispatch, SyncNow, move |answer| {
                last.set(Some(match answer {
                    Ok(report) => LastResult::Relay(report),
                    Err(error) => LastResult::Failed(describe(&i18n, &error)),
                }));
                reload_page.emit(());
                reload.emit(());
                scroll_after_render("sync-last-result".to_owned());
            });
        })
    };
    let auto = {
        let (dispatch, reload) = (props.dispatch.clone(), status.reload.clone());
        Callback::from(move |event: Event| {
            let on = event
                .target_dyn_into::<HtmlInputElement>()
                .is_some_and(|input| input.checked());
            let (dispatch, reload) = (dispatch.clone(), reload.clone());
            spawn_local(async move {
                let _ = vault_call(&dispatch, &SetRelayAutoSync { on }).await;
                reload.emit(());
            });
        })
    };
    let reachable = match relay.reachable {
        Some(true) => {
            html! { <span id="relay-reachable" class="badge badge-ok">{ i18n.t("relay-reachable") }</span> }
        }
        Some(false) => {
            html! { <span id="relay-reachable" class="badge badge-waiting">{ i18n.t("relay-unreachable") }</span> }
        }
        None => {
            html! { <span id="relay-reachable" class="muted">{ i18n.t("relay-reachable-unknown") }</span> }
        }
    };
    let running = *props.job.running;
    html! {
        <section id="sync-relay" class="panel" aria-labelledby="sync-relay-title">
            <h2 id="sync-relay-title">{ i18n.t("relay-title") }</h2>
            if let Some(url) = &local.relay_url {
                <p class="muted">{ i18n.t("relay-explain") }</p>
                <dl class="facts sync-facts">
                    <div>
                        <dt>{ i18n.t_args("relay-address", &[("url", url.clone().into())]) }</dt>
                        <dd>{ reachable }</dd>
                    </div>
                    <div>
                        <dt id="relay-last-synced">{ match local.last_synced_at {
                            Some(when) => i18n.t_args("relay-last-synced", &[("when", moment(&i18n, when).into())]),
                            None => i18n.t("relay-never-synced"),
                        } }</dt>
                        <dd id="relay-waiting">{ if local.waiting == 0 && props.status.unsent_ops > 0 {
                            // Not made into a bundle yet: Sync now makes and sends it.
                            i18n.t_args("sync-unsent", &[("count", props.status.unsent_ops.into())])
                        } else {
                            i18n.t_args("relay-waiting", &[("count", local.waiting.into())])
                        } }</dd>
                    </div>
                </dl>
                if local.held_back > 0 {
                    <p id="relay-held-back" class="note note-warning">
                        { i18n.t_args("relay-held-back", &[("count", local.held_back.into())]) }
                    </p>
                }
                if local.waiting_for_approval {
                    <p id="relay-awaiting-approval" class="note">{ i18n.t("relay-awaiting-approval") }</p>
                }
                <div class="actions">
                    <button id="relay-sync-now" type="button" class="button button-primary"
                        onclick={sync_now} disabled={running}>
                        { i18n.t("relay-sync-now") }
                    </button>
                </div>
                <label class="check">
                    <input id="relay-auto-sync" type="checkbox" checked={local.auto_sync} onchange={auto} />
                    { " " }{ i18n.t("relay-auto-sync") }
                </label>
                <p class="muted">{ i18n.t("relay-auto-sync-hint") }</p>
            } else {
                <p id="relay-none" class="muted">{ i18n.t(if coordinator {
                    "relay-none-coordinator"
                } else {
                    "relay-none-volunteer"
                }) }</p>
            }
            if coordinator {
                <RelayAddress ..props.clone() />
            }
        </section>
    }
}

/// The coordinator's setting of the organisation's relay address.
#[function_component]
fn RelayAddress(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let current = props
        .status
        .org
        .as_ref()
        .and_then(|org| org.relay_url.clone())
        .unwrap_or_default();
    let value = use_state(|| current.clone());
    let saved = use_state(|| false);
    let status = use_form_status();
    let send = {
        let (status, saved, reload, dispatch) = (
            status.clone(),
            saved.clone(),
            props.reload.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |url: Option<String>| {
            let (saved, reload) = (saved.clone(), reload.clone());
            status.send(i18n, &dispatch, SetRelayAddress { url }, move |_| {
                saved.set(true);
                reload.emit(());
            });
        })
    };
    let onsubmit = {
        let (value, status, send) = (value.clone(), status.clone(), send.clone());
        on_submit(move || {
            let url = value.trim().to_owned();
            if !looks_like_url(&url) {
                status.refuse(i18n.t("relay-address-invalid"));
                return;
            }
            send.emit(Some(url));
        })
    };
    let clear = send.reform(|_: MouseEvent| None);
    let oninput = {
        let (value, saved) = (value.clone(), saved.clone());
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                value.set(input.value());
                saved.set(false);
            }
        })
    };
    html! {
        <form id="relay-settings" class="form subform" {onsubmit}>
            <h3>{ i18n.t("relay-settings-title") }</h3>
            <p class="muted">{ i18n.t("relay-settings-explain") }</p>
            <div class="field">
                <label for="relay-address-input" class="field-label">{ i18n.t("relay-address-label") }</label>
                <input id="relay-address-input" class="input" type="url" autocomplete="off"
                    spellcheck="false" value={(*value).clone()} {oninput} />
            </div>
            <div class="actions">
                <button id="relay-address-save" type="submit" class="button button-quiet"
                    disabled={*status.busy}>{ i18n.t("relay-address-save") }</button>
                if !current.is_empty() {
                    <button id="relay-address-clear" type="button" class="button button-quiet"
                        onclick={clear} disabled={*status.busy}>{ i18n.t("relay-address-clear") }</button>
                }
                if *saved {
                    <span id="relay-address-saved" role="status" class="muted">{ i18n.t("relay-address-saved") }</span>
                }
            </div>
            if !current.is_empty() {
                <p id="relay-invitation-carries" class="note">
                    { i18n.t_args("relay-invitation-carries", &[("url", current.clone().into())]) }
                </p>
            }
            { status.view() }
        </form>
    }
}

/// The shell checks the address properly; this only catches what is plainly not one.
fn looks_like_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")) && text.len() > 8
}

#[derive(Properties, PartialEq)]
pub struct RelayResultProps {
    pub report: RelaySyncReport,
    #[prop_or_default]
    pub on_show_conflicts: Option<Callback<()>>,
}

/// What one Sync now did: sent and received, then the import as a folder import shows it, the
/// problems met, and what still waits.
#[function_component]
pub fn RelayResult(props: &RelayResultProps) -> Html {
    let i18n = use_i18n();
    let report = &props.report;
    let unreachable = !report.reachable
        || report
            .errors
            .iter()
            .any(|e| e.problem == RelayProblem::Unreachable);
    html! {
        <section id="relay-result" class="panel" aria-labelledby="relay-result-title" role="status">
            <h2 id="relay-result-title">{ i18n.t("relay-result-title") }</h2>
            if report.reachable {
                <p id="relay-result-counts">{ i18n.t_args("relay-result-counts", &[
                    ("sent", report.uploaded.into()),
                    ("received", report.downloaded.into()),
                ]) }</p>
            }
            if unreachable {
                <p id="relay-result-unreachable" class="note note-warning">{ i18n.t("relay-result-unreachable") }</p>
            }
            <ul id="relay-result-problems" class="plain-list">
                { for distinct(&report.errors).into_iter().filter(|p| *p != RelayProblem::Unreachable).map(|p| html! {
                    <li class="note note-warning">{ i18n.t(&p.message_id()) }</li>
                }) }
            </ul>
            <p id="relay-result-queued">{ i18n.t_args("relay-result-still-queued", &[("count", report.still_queued.into())]) }</p>
            if report.reachable && report.downloaded > 0 {
                <ImportResults summary={report.import.clone()} on_show_conflicts={props.on_show_conflicts.clone()} />
            } else if report.reachable {
                <p id="relay-result-nothing-new" class="muted">{ i18n.t("relay-result-nothing-new") }</p>
            }
        </section>
    }
}

/// Each problem once, in the order met.
fn distinct(errors: &[RelayError]) -> Vec<RelayProblem> {
    let mut seen = Vec::new();
    for error in errors {
        if !seen.contains(&error.problem) {
            seen.push(error.problem);
        }
    }
    seen
}
