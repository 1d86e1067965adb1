//! The settings section for "my passphrase may be known": re-encrypts the vault under a new key,
//! so that a copy of the key file someone may have taken no longer opens it, and shows the new
//! recovery code.

use pristan_ipc::{ErrorKind, IpcError, RotateKey};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, SecretField, SubmitRow};
use crate::errors::{describe, ErrorText};
use crate::hooks::vault_was_locked;
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};
use crate::state::Action;

#[function_component]
pub fn RotateKeyForm(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let passphrase = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<IpcError>);

    let can_submit = !passphrase.is_empty() && !*busy;
    let onsubmit = {
        let (passphrase, busy, error) = (passphrase.clone(), busy.clone(), error.clone());
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = RotateKey {
                passphrase: (*passphrase).clone(),
            };
            let (passphrase, busy, error) = (passphrase.clone(), busy.clone(), error.clone());
            let dispatch = dispatch.clone();
            spawn_local(async move {
                let answer = call(&command).await;
                busy.set(false);
                passphrase.set(String::new());
                match answer {
                    Ok(code) => dispatch.dispatch(Action::KeyRotated(code)),
                    Err(failure) => {
                        if !vault_was_locked(&dispatch, &failure) {
                            error.set(Some(failure));
                        }
                    }
                }
            });
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
        <section class="panel" aria-labelledby="settings-rotate-title">
            <h2 id="settings-rotate-title">{ i18n.t("settings-rotate-title") }</h2>
            <p>{ i18n.t("settings-rotate-intro") }</p>
            <p class="note note-warning">{ i18n.t("settings-rotate-code-warning") }</p>
            <form class="form" {onsubmit}>
                <SecretField
                    id="rotate-passphrase"
                    label={i18n.t("settings-current-label")}
                    value={(*passphrase).clone()}
                    on_input={setter(&passphrase)}
                />
                if let Some(text) = shown_error {
                    <ErrorNote id="rotate-error" {text} />
                }
                <SubmitRow id="rotate-submit" label={i18n.t("rotate-submit")}
                    working={i18n.t("rotate-working")} enabled={can_submit} busy={*busy} />
            </form>
        </section>
    }
}
