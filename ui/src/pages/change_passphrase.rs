//! The settings section that changes the passphrase: current one, then the new one twice.

use pristan_ipc::{ChangePassphrase, ErrorKind, IpcError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, SecretField, StrengthMeter, SubmitRow};
use crate::errors::{describe, ErrorText};
use crate::hooks::{use_passphrase_strength, vault_was_locked};
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};

#[function_component]
pub fn ChangePassphraseForm(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let current = use_state(String::new);
    let passphrase = use_state(String::new);
    let confirmation = use_state(String::new);
    let busy = use_state(|| false);
    let done = use_state(|| false);
    let error = use_state(|| None::<IpcError>);
    let strength = use_passphrase_strength(&passphrase);

    let both_match = !passphrase.is_empty() && *passphrase == *confirmation;
    let can_submit = !current.is_empty() && both_match && strength.acceptable() && !*busy;
    let onsubmit = {
        let (current, passphrase, confirmation) =
            (current.clone(), passphrase.clone(), confirmation.clone());
        let (busy, done, error) = (busy.clone(), done.clone(), error.clone());
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            done.set(false);
            error.set(None);
            let command = ChangePassphrase {
                current: (*current).clone(),
                new: (*passphrase).clone(),
                confirmation: (*confirmation).clone(),
            };
            let (current, passphrase, confirmation) =
                (current.clone(), passphrase.clone(), confirmation.clone());
            let (busy, done, error) = (busy.clone(), done.clone(), error.clone());
            let dispatch = dispatch.clone();
            spawn_local(async move {
                let answer = call(&command).await;
                busy.set(false);
                match answer {
                    Ok(()) => {
                        // Nothing typed stays on screen once it has done its job.
                        current.set(String::new());
                        passphrase.set(String::new());
                        confirmation.set(String::new());
                        done.set(true);
                    }
                    Err(failure) => {
                        if !vault_was_locked(&dispatch, &failure) {
                            error.set(Some(failure));
                        }
                    }
                }
            });
        })
    };
    let on_current = {
        let (current, done) = (current.clone(), done.clone());
        Callback::from(move |value: String| {
            done.set(false);
            current.set(value);
        })
    };
    let shown_error = error.as_ref().map(|failure| match failure.kind {
        ErrorKind::WrongPassphrase { .. } => ErrorText {
            message: i18n.t("change-wrong-current"),
            detail: None,
        },
        _ => describe(&i18n, failure),
    });

    html! {
        <section class="panel" aria-labelledby="settings-passphrase-title">
            <h2 id="settings-passphrase-title">{ i18n.t("settings-passphrase-title") }</h2>
            <p>{ i18n.t("settings-passphrase-intro") }</p>
            <form class="form" {onsubmit}>
                <SecretField
                    id="current-passphrase"
                    label={i18n.t("settings-current-label")}
                    value={(*current).clone()}
                    on_input={on_current}
                />
                <SecretField
                    id="new-passphrase"
                    label={i18n.t("settings-new-label")}
                    value={(*passphrase).clone()}
                    on_input={setter(&passphrase)}
                    described_by="strength-meter"
                />
                <StrengthMeter check={strength} typed={!passphrase.is_empty()} />
                <SecretField
                    id="new-confirm"
                    label={i18n.t("settings-confirm-label")}
                    value={(*confirmation).clone()}
                    on_input={setter(&confirmation)}
                />
                if !confirmation.is_empty() && !both_match {
                    <p class="field-hint" aria-live="polite">{ i18n.t("passphrase-mismatch-hint") }</p>
                }
                if let Some(text) = shown_error {
                    <ErrorNote id="change-error" {text} />
                }
                <SubmitRow id="change-submit" label={i18n.t("change-submit")}
                    working={i18n.t("change-working")} enabled={can_submit} busy={*busy} />
                if *done {
                    <p id="change-done" class="note note-success" role="status">
                        { i18n.t("change-done") }
                    </p>
                }
            </form>
        </section>
    }
}
