//! Shows a recovery code once, and waits until the user says it is written down.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_focus_on_mount;
use crate::i18n::use_i18n;
use crate::state::{Action, CodeOrigin, Dispatch};

#[derive(Properties, PartialEq)]
pub struct RecoveryCodeProps {
    pub dispatch: Dispatch,
    pub code: String,
    pub origin: CodeOrigin,
}

#[function_component]
pub fn RecoveryCodePage(props: &RecoveryCodeProps) -> Html {
    let i18n = use_i18n();
    let written_down = use_state(|| false);
    let checkbox = use_node_ref();
    use_focus_on_mount(checkbox.clone());

    let on_ack = {
        let written_down = written_down.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            written_down.set(input.checked());
        })
    };
    let onsubmit = {
        let (written_down, dispatch) = (written_down.clone(), props.dispatch.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *written_down {
                dispatch.dispatch(Action::RecoveryCodeWrittenDown);
            }
        })
    };

    html! {
        <section class="card card-wide">
            <h1>{ i18n.t("recovery-title") }</h1>
            if props.origin == CodeOrigin::Recovered {
                <p class="note note-success">{ i18n.t("recovery-new-passphrase-set") }</p>
            }
            if props.origin == CodeOrigin::KeyRotated {
                <p id="rotate-done" class="note note-success">{ i18n.t("rotate-done") }</p>
            }
            <p>{ i18n.t("recovery-intro") }</p>
            <p id="recovery-code" class="recovery-code" aria-label={i18n.t("recovery-code-label")}>
                { &props.code }
            </p>
            <p class="note note-warning">{ i18n.t("recovery-write-down") }</p>
            if props.origin != CodeOrigin::NewVault {
                <p>{ i18n.t("recovery-old-code-void") }</p>
            }
            <form class="form" {onsubmit}>
                <div class="check">
                    <input id="recovery-ack" type="checkbox" ref={checkbox}
                        checked={*written_down} onchange={on_ack} autofocus=true />
                    <label for="recovery-ack">{ i18n.t("recovery-ack") }</label>
                </div>
                <div class="actions">
                    <button id="recovery-continue" type="submit" class="button button-primary"
                        disabled={!*written_down}>
                        { i18n.t("recovery-continue") }
                    </button>
                </div>
            </form>
        </section>
    }
}
