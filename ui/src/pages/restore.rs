//! Restoring a backup, chosen on the first screen when this computer has no vault yet: the backup
//! folder, and its passphrase or recovery code. The restored vault is then unlocked as usual.

use pristan_ipc::{ErrorKind, IpcError, RestoreBackup};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{CheckField, ErrorNote, SecretField, SubmitRow, TextField};
use crate::errors::{describe, ErrorText};
use crate::hooks::use_focus_on_mount;
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};
use crate::state::Action;

#[function_component]
pub fn RestorePage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let folder = use_state(String::new);
    let secret = use_state(String::new);
    let use_code = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<IpcError>);
    let first_field = use_node_ref();
    use_focus_on_mount(first_field.clone());

    let can_submit = !folder.trim().is_empty() && !secret.trim().is_empty() && !*busy;
    let onsubmit = {
        let (folder, secret, use_code) = (folder.clone(), secret.clone(), use_code.clone());
        let (busy, error, dispatch) = (busy.clone(), error.clone(), props.dispatch.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = RestoreBackup {
                from: folder.trim().to_owned(),
                secret: if *use_code {
                    secret.trim().to_owned()
                } else {
                    (*secret).clone()
                },
                recovery_code: *use_code,
            };
            let (busy, error, dispatch) = (busy.clone(), error.clone(), dispatch.clone());
            spawn_local(async move {
                match call(&command).await {
                    Ok(()) => dispatch.dispatch(Action::Restored),
                    Err(failure) => {
                        busy.set(false);
                        error.set(Some(failure));
                    }
                }
            });
        })
    };
    let on_use_code = {
        let (use_code, secret) = (use_code.clone(), secret.clone());
        Callback::from(move |on: bool| {
            use_code.set(on);
            secret.set(String::new());
        })
    };
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowCreate))
    };
    let shown_error = error.as_ref().map(|failure| match failure.kind {
        ErrorKind::WrongPassphrase { .. } => ErrorText {
            message: i18n.t("error-wrong-passphrase"),
            detail: None,
        },
        _ => describe(&i18n, failure),
    });

    html! {
        <section id="restore" class="card card-wide">
            <h1>{ i18n.t("restore-title") }</h1>
            <p>{ i18n.t("restore-intro") }</p>
            <p class="note">{ i18n.t("restore-identity") }</p>
            <form class="form" {onsubmit}>
                <TextField id="restore-folder" label={i18n.t("restore-folder")}
                    value={(*folder).clone()} on_input={setter(&folder)}
                    hint={i18n.t("restore-folder-hint")} input_ref={first_field} />
                <CheckField id="restore-use-code" label={i18n.t("restore-use-code")}
                    checked={*use_code} on_change={on_use_code} />
                <SecretField
                    id="restore-secret"
                    label={if *use_code { i18n.t("restore-code") } else { i18n.t("restore-passphrase") }}
                    value={(*secret).clone()}
                    on_input={setter(&secret)}
                    masked={!*use_code}
                />
                if let Some(text) = shown_error {
                    <ErrorNote id="restore-error" {text} />
                }
                <SubmitRow id="restore-submit" label={i18n.t("restore-submit")}
                    working={i18n.t("restore-working")} enabled={can_submit} busy={*busy} />
            </form>
            <p class="aside">
                <button id="restore-back" type="button" class="link-button" onclick={back}>
                    { i18n.t("restore-back") }
                </button>
            </p>
        </section>
    }
}
