//! The first screen: a welcome, and a passphrase chosen (twice) to create the vault.

use pristan_ipc::{CreateVault, IpcError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, SecretField, StrengthMeter, SubmitRow};
use crate::errors::describe;
use crate::hooks::{use_focus_on_mount, use_passphrase_strength};
use crate::i18n::use_i18n;
use crate::pages::{setter, PageProps};
use crate::state::Action;

#[function_component]
pub fn CreateVaultPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let passphrase = use_state(String::new);
    let confirmation = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<IpcError>);
    let strength = use_passphrase_strength(&passphrase);
    let first_field = use_node_ref();
    use_focus_on_mount(first_field.clone());

    let both_match = !passphrase.is_empty() && *passphrase == *confirmation;
    let can_submit = both_match && strength.acceptable() && !*busy;
    let onsubmit = {
        let (passphrase, confirmation) = (passphrase.clone(), confirmation.clone());
        let (busy, error, dispatch) = (busy.clone(), error.clone(), props.dispatch.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = CreateVault {
                passphrase: (*passphrase).clone(),
                confirmation: (*confirmation).clone(),
            };
            let (busy, error, dispatch) = (busy.clone(), error.clone(), dispatch.clone());
            spawn_local(async move {
                match call(&command).await {
                    Ok(code) => dispatch.dispatch(Action::VaultCreated(code)),
                    Err(failure) => {
                        busy.set(false);
                        error.set(Some(failure));
                    }
                }
            });
        })
    };

    let restore = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowRestore))
    };

    html! {
        <>
        // On a shared computer where no one has a casebook yet, a family member sees this first.
        <crate::family::FamilyModeChoice />
        <section class="card card-wide">
            <h1>{ i18n.t("create-title") }</h1>
            <p>{ i18n.t("create-intro") }</p>
            <p>{ i18n.t("create-passphrase-advice") }</p>
            <p class="note note-warning">{ i18n.t("create-recovery-warning") }</p>
            <form class="form" {onsubmit}>
                <SecretField
                    id="create-passphrase"
                    label={i18n.t("create-passphrase-label")}
                    value={(*passphrase).clone()}
                    on_input={setter(&passphrase)}
                    autofocus=true
                    input_ref={first_field}
                    described_by="strength-meter"
                />
                <StrengthMeter check={strength} typed={!passphrase.is_empty()} />
                <SecretField
                    id="create-confirm"
                    label={i18n.t("create-confirm-label")}
                    value={(*confirmation).clone()}
                    on_input={setter(&confirmation)}
                />
                if !confirmation.is_empty() && !both_match {
                    <p class="field-hint" aria-live="polite">{ i18n.t("passphrase-mismatch-hint") }</p>
                }
                if let Some(failure) = &*error {
                    <ErrorNote text={describe(&i18n, failure)} />
                }
                <SubmitRow id="create-submit" label={i18n.t("create-submit")}
                    working={i18n.t("create-working")} enabled={can_submit} busy={*busy} />
            </form>
            <p class="aside">
                <button id="create-restore" type="button" class="link-button" onclick={restore}>
                    { i18n.t("restore-link") }
                </button>
            </p>
        </section>
        </>
    }
}
