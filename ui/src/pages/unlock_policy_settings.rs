//! Settings → what wrong passphrases do: growing waits always, and optionally (off by default,
//! with a plain warning) destroying the keys after N wrong passphrases in a row.

use pristan_ipc::{GetUnlockPolicy, IpcError, SetUnlockPolicy};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{ErrorNote, SelectField};
use crate::errors::describe;
use crate::hooks::{use_query, vault_call};
use crate::i18n::use_i18n;
use crate::pages::PageProps;

/// The counts offered; the core allows 5 to 100.
const WIPE_CHOICES: [u32; 4] = [5, 10, 20, 50];

#[function_component]
pub fn UnlockPolicySettings(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let policy = use_query(&props.dispatch, (), |_| GetUnlockPolicy);
    // What the select shows: "" for off, else the count; `None` until the person changes it.
    let chosen = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let error = use_state(|| None::<IpcError>);

    let in_force = match &*policy.answer {
        Some(Ok(answer)) => Some(answer.wipe_after),
        _ => None,
    };
    let shown = (*chosen)
        .clone()
        .or_else(|| in_force.map(|n| n.map(|n| n.to_string()).unwrap_or_default()))
        .unwrap_or_default();
    let wipe_after = shown.parse::<u32>().ok();

    let on_change = {
        let (chosen, saved) = (chosen.clone(), saved.clone());
        Callback::from(move |value: String| {
            chosen.set(Some(value));
            saved.set(false);
        })
    };
    let onsubmit = {
        let (busy, saved, error, chosen) =
            (busy.clone(), saved.clone(), error.clone(), chosen.clone());
        let (dispatch, reload) = (props.dispatch.clone(), policy.reload.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (busy, saved, error, chosen) =
                (busy.clone(), saved.clone(), error.clone(), chosen.clone());
            let (dispatch, reload) = (dispatch.clone(), reload.clone());
            spawn_local(async move {
                let answer = vault_call(&dispatch, &SetUnlockPolicy { wipe_after }).await;
                busy.set(false);
                match answer {
                    Ok(_) => {
                        chosen.set(None);
                        saved.set(true);
                        reload.emit(());
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        })
    };
    let options: Vec<(String, String)> = WIPE_CHOICES
        .iter()
        .map(|&n| {
            let label = i18n.t_args("security-wipe-after", &[("count", n.into())]);
            (n.to_string(), label)
        })
        .collect();
    let changed = in_force.is_some_and(|n| n != wipe_after);

    html! {
        <section id="settings-unlock-policy" class="panel" aria-labelledby="settings-unlock-policy-title">
            <h2 id="settings-unlock-policy-title">{ i18n.t("security-wipe-title") }</h2>
            <p id="unlock-policy-waits">{ i18n.t("security-wipe-waits") }</p>
            <form class="form" {onsubmit}>
                <SelectField id="unlock-policy-select" label={i18n.t("security-wipe-label")}
                    value={shown} {options} {on_change}
                    empty={Some(i18n.t("security-wipe-off"))} />
                if wipe_after.is_some() {
                    <p id="unlock-policy-warning" class="note note-warning" role="alert">
                        { i18n.t("security-wipe-warning") }
                    </p>
                }
                if *saved {
                    <p id="unlock-policy-saved" class="note note-success" role="status">
                        { i18n.t("settings-saved") }
                    </p>
                }
                if let Some(failure) = &*error {
                    <ErrorNote text={describe(&i18n, failure)} />
                }
                <div class="actions">
                    <button id="unlock-policy-save" type="submit" class="button button-primary"
                        disabled={*busy || !changed}>
                        { i18n.t("security-wipe-save") }
                    </button>
                </div>
            </form>
        </section>
    }
}
