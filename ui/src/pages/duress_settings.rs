//! Settings → "Make this laptop's vault unreadable" (duress): what it does and does not achieve
//! on an SSD, that the coordinator's synced copy is the backup, and a typed confirmation word.

use pristan_ipc::{DestroyVaultKeys, IpcError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::{ErrorNote, TextField};
use crate::errors::describe;
use crate::hooks::vault_call;
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};
use crate::state::Action;

#[function_component]
pub fn DuressSettings(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let typed = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<IpcError>);
    let word = i18n.t("security-duress-word");
    let confirmed = typed.trim() == word;

    let onsubmit = {
        let (typed, busy, error) = (typed.clone(), busy.clone(), error.clone());
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy || !confirmed {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = DestroyVaultKeys {
                confirmation: typed.trim().to_owned(),
            };
            let (busy, error, dispatch) = (busy.clone(), error.clone(), dispatch.clone());
            spawn_local(async move {
                match vault_call(&dispatch, &command).await {
                    Ok(()) => dispatch.dispatch(Action::VaultDestroyed),
                    Err(failure) => {
                        busy.set(false);
                        error.set(Some(failure));
                    }
                }
            });
        })
    };

    html! {
        <section id="settings-duress" class="panel" aria-labelledby="settings-duress-title">
            <h2 id="settings-duress-title">{ i18n.t("security-duress-title") }</h2>
            <p>{ i18n.t("security-duress-explain") }</p>
            <p class="note note-warning">{ i18n.t("security-duress-ssd") }</p>
            <form class="form" {onsubmit}>
                <TextField id="duress-confirm"
                    label={i18n.t_args("security-duress-type", &[("word", word.clone().into())])}
                    value={(*typed).clone()} on_input={setter(&typed)} />
                if let Some(failure) = &*error {
                    <ErrorNote text={describe(&i18n, failure)} />
                }
                <div class="actions">
                    <button id="duress-destroy" type="submit" class="button button-danger"
                        disabled={*busy || !confirmed}>
                        { i18n.t("security-duress-button") }
                    </button>
                </div>
            </form>
        </section>
    }
}

/// What the app shows once the keys are destroyed: the vault cannot be opened, and why.
#[function_component]
pub fn VaultDestroyedPage() -> Html {
    let i18n = use_i18n();
    html! {
        <section id="vault-destroyed" class="page narrow" role="alert">
            <h1>{ i18n.t("security-duress-done") }</h1>
            <p>{ i18n.t("security-duress-done-why") }</p>
        </section>
    }
}
