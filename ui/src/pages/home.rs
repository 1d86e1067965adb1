//! The home screen of an open vault; empty until cases arrive.

use pristan_ipc::{GetVaultSummary, IpcError, VaultSummary};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::ErrorNote;
use crate::errors::describe;
use crate::hooks::vault_was_locked;
use crate::i18n::{use_i18n, I18n};
use crate::pages::PageProps;

#[function_component]
pub fn HomePage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let summary = use_state(|| None::<Result<VaultSummary, IpcError>>);
    {
        let (summary, dispatch) = (summary.clone(), props.dispatch.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let answer = call(&GetVaultSummary).await;
                if let Err(error) = &answer {
                    if vault_was_locked(&dispatch, error) {
                        return;
                    }
                }
                summary.set(Some(answer));
            });
        });
    }

    html! {
        <section id="home" class="page">
            <h1>{ i18n.t("home-title") }</h1>
            <div class="empty-state">
                <p class="empty-state-lead">{ i18n.t("home-empty") }</p>
                {
                    match &*summary {
                        None => html! { <p class="muted" role="status">{ i18n.t("home-loading") }</p> },
                        Some(Ok(summary)) => html! {
                            <p id="vault-created" class="muted">
                                { i18n.t_args("home-created", &[("date", local_date(&i18n, &summary.created_at).into())]) }
                            </p>
                        },
                        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
                    }
                }
            </div>
        </section>
    }
}

/// An RFC 3339 time as the user's language writes dates; the raw text if it does not parse.
fn local_date(i18n: &I18n, rfc3339: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    let options = js_sys::Object::new();
    for (name, value) in [("dateStyle", "long"), ("timeStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    String::from(date.to_locale_string(i18n.language.tag(), &options))
}
