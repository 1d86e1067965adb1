//! Opens the vault with the recovery code and sets a new passphrase.

use pristan_ipc::{ErrorKind, IpcError, Recover};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, SecretField, StrengthMeter, SubmitRow};
use crate::errors::{describe, wait_message, ErrorText};
use crate::hooks::{use_countdown, use_focus_on_mount, use_passphrase_strength, use_still_working};
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};
use crate::state::Action;

#[function_component]
pub fn RecoverPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let code = use_state(String::new);
    let passphrase = use_state(String::new);
    let confirmation = use_state(String::new);
    let busy = use_state(|| false);
    let still_working = use_still_working(*busy);
    let error = use_state(|| None::<IpcError>);
    let strength = use_passphrase_strength(&passphrase);
    let countdown = use_countdown(0);
    let first_field = use_node_ref();
    use_focus_on_mount(first_field.clone());

    let both_match = !passphrase.is_empty() && *passphrase == *confirmation;
    let waiting = countdown.remaining_secs > 0;
    let can_submit =
        !code.trim().is_empty() && both_match && strength.acceptable() && !*busy && !waiting;
    let onsubmit = {
        let (code, passphrase, confirmation) =
            (code.clone(), passphrase.clone(), confirmation.clone());
        let (busy, error, dispatch) = (busy.clone(), error.clone(), props.dispatch.clone());
        let start_wait = countdown.start.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = Recover {
                recovery_code: code.trim().to_owned(),
                new_passphrase: (*passphrase).clone(),
                confirmation: (*confirmation).clone(),
            };
            let (busy, error, dispatch) = (busy.clone(), error.clone(), dispatch.clone());
            let start_wait = start_wait.clone();
            spawn_local(async move {
                match call(&command).await {
                    Ok(new_code) => dispatch.dispatch(Action::Recovered(new_code)),
                    Err(failure) => {
                        if let ErrorKind::TooManyAttempts { retry_after_secs } = failure.kind {
                            start_wait.emit(retry_after_secs);
                        }
                        busy.set(false);
                        error.set(Some(failure));
                    }
                }
            });
        })
    };
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowUnlock))
    };
    let shown_error = if waiting {
        Some(ErrorText {
            message: wait_message(&i18n, countdown.remaining_secs),
            detail: None,
        })
    } else {
        error.as_ref().and_then(|failure| match failure.kind {
            ErrorKind::TooManyAttempts { .. } => None,
            ErrorKind::WrongPassphrase { .. } => Some(ErrorText {
                message: i18n.t("recover-wrong-code"),
                detail: None,
            }),
            // The new passphrase has kinds of its own, so an invalid input here is the code.
            ErrorKind::Invalid => Some(ErrorText {
                message: i18n.t("recover-code-invalid"),
                detail: None,
            }),
            _ => Some(describe(&i18n, failure)),
        })
    };

    html! {
        <section class="card card-wide">
            <h1>{ i18n.t("recover-title") }</h1>
            <p>{ i18n.t("recover-intro") }</p>
            <form class="form" {onsubmit}>
                <SecretField
                    id="recover-code"
                    label={i18n.t("recover-code-label")}
                    value={(*code).clone()}
                    on_input={setter(&code)}
                    masked=false
                    autofocus=true
                    input_ref={first_field}
                />
                <SecretField
                    id="recover-passphrase"
                    label={i18n.t("recover-new-label")}
                    value={(*passphrase).clone()}
                    on_input={setter(&passphrase)}
                    described_by="strength-meter"
                />
                <StrengthMeter check={strength} typed={!passphrase.is_empty()} />
                <SecretField
                    id="recover-confirm"
                    label={i18n.t("recover-confirm-label")}
                    value={(*confirmation).clone()}
                    on_input={setter(&confirmation)}
                />
                if !confirmation.is_empty() && !both_match {
                    <p class="field-hint" aria-live="polite">{ i18n.t("passphrase-mismatch-hint") }</p>
                }
                if let Some(text) = shown_error {
                    <ErrorNote id="recover-error" {text} />
                }
                <SubmitRow id="recover-submit" label={i18n.t("recover-submit")}
                    working={i18n.t(if still_working { "unlock-working-long" } else { "recover-working" })} enabled={can_submit} busy={*busy} />
            </form>
            <p class="aside">
                <button id="recover-back" type="button" class="link-button" onclick={back}>
                    { i18n.t("recover-back") }
                </button>
            </p>
        </section>
    }
}
