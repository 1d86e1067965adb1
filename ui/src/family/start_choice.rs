//! The start screen's choice for a family member: opens the family window instead of the
//! casebook.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::backend;
use crate::components::ErrorNote;
use crate::errors::ErrorText;
use crate::i18n::use_i18n;

#[function_component]
pub fn FamilyModeChoice() -> Html {
    let i18n = use_i18n();
    let error = use_state(|| None::<String>);
    let onclick = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let error = error.clone();
            spawn_local(async move {
                if let Err(id) = backend::open_family_window().await {
                    error.set(Some(id));
                }
            });
        })
    };
    html! {
        <section class="card family-choice">
            <button id="go-family" type="button" class="button" {onclick}>
                { i18n.t("family-start-choice") }
            </button>
            <p class="aside">{ i18n.t("family-start-choice-hint") }</p>
            if let Some(id) = &*error {
                <ErrorNote text={ErrorText { message: i18n.t(id), detail: None }} />
            }
        </section>
    }
}
