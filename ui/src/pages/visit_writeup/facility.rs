//! The facility of a visit: chosen from the facilities saved in the vault, or added on the spot
//! by name, so that a first write-up in a fresh vault does not need a trip to another screen.

use pristan_ipc::{AddRecord, AnyRecord, IpcError, ListFacilities};
use pristan_model::{EntityId, Facility, ShortText, Stored};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::backend::call;
use crate::components::ErrorNote;
use crate::errors::{describe, ErrorText};
use crate::hooks::vault_was_locked;
use crate::i18n::use_i18n;
use crate::state::Dispatch;

/// The option that opens the "new facility" field instead of choosing one.
const ADD_OPTION: &str = "add";

#[derive(Properties, PartialEq)]
pub struct FacilityFieldProps {
    pub dispatch: Dispatch,
    pub selected: Option<EntityId>,
    pub on_select: Callback<Option<EntityId>>,
}

#[function_component]
pub fn FacilityField(props: &FacilityFieldProps) -> Html {
    let i18n = use_i18n();
    // None until the list arrives, so that "no facilities yet" is not said while loading.
    let facilities = use_state(|| None::<Vec<Stored<Facility>>>);
    let adding = use_state(|| false);
    let new_name = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ErrorText>);
    let select_ref = use_node_ref();
    // Bumped after a facility is added: the list is read again and the select focused.
    let rebuilt = use_state(|| 0_u32);

    {
        let (facilities, dispatch, error) =
            (facilities.clone(), props.dispatch.clone(), error.clone());
        use_effect_with(*rebuilt, move |_| {
            spawn_local(async move {
                match call(&ListFacilities).await {
                    Ok(list) => facilities.set(Some(list)),
                    Err(failure) => {
                        if !vault_was_locked(&dispatch, &failure) {
                            error.set(Some(describe(&i18n, &failure)));
                        }
                    }
                }
            });
        });
    }
    {
        // Options carry `selected` too, but a select the user has touched ignores it; setting the
        // value keeps the select showing the form's facility after a load or an addition.
        let select_ref = select_ref.clone();
        let deps = (props.selected, facilities.as_ref().map(Vec::len), *adding);
        use_effect_with(deps, move |&(selected, _, adding)| {
            if let (false, Some(select)) = (adding, select_ref.cast::<HtmlSelectElement>()) {
                select.set_value(&selected.map(|id| id.to_string()).unwrap_or_default());
            }
        });
    }
    {
        let select_ref = select_ref.clone();
        use_effect_with(*rebuilt, move |&rebuilt| {
            if rebuilt > 0 {
                if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                    let _ = select.focus();
                }
            }
        });
    }

    let on_change = {
        let (adding, on_select) = (adding.clone(), props.on_select.clone());
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if value == ADD_OPTION {
                adding.set(true);
                return;
            }
            adding.set(false);
            on_select.emit(value.parse().ok());
        })
    };
    let on_name = {
        let new_name = new_name.clone();
        Callback::from(move |event: InputEvent| {
            new_name.set(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let add = {
        let (new_name, busy, error, adding) = (
            new_name.clone(),
            busy.clone(),
            error.clone(),
            adding.clone(),
        );
        let (rebuilt, on_select, dispatch) = (
            rebuilt.clone(),
            props.on_select.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |()| {
            let name = match ShortText::new(&new_name) {
                Ok(name) if !name.is_empty() => name,
                _ => {
                    error.set(Some(ErrorText {
                        message: i18n.t("visit-error-facility-name"),
                        detail: None,
                    }));
                    return;
                }
            };
            busy.set(true);
            error.set(None);
            let (new_name, busy, error, adding) = (
                new_name.clone(),
                busy.clone(),
                error.clone(),
                adding.clone(),
            );
            let (rebuilt, on_select, dispatch) =
                (rebuilt.clone(), on_select.clone(), dispatch.clone());
            spawn_local(async move {
                let facility = Facility {
                    name,
                    ..Facility::default()
                };
                let answer = call(&AddRecord {
                    record: AnyRecord::Facility(facility),
                })
                .await;
                busy.set(false);
                match answer {
                    Ok(id) => {
                        on_select.emit(Some(id));
                        new_name.set(String::new());
                        adding.set(false);
                        rebuilt.set(*rebuilt + 1);
                    }
                    Err(failure) => show_failure(&dispatch, &error, &i18n, &failure),
                }
            });
        })
    };
    let on_add_click = add.reform(|_: MouseEvent| ());
    let on_name_key = {
        let add = add.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Enter adds, as in any one-field form; Ctrl+Enter is left to finish the write-up.
            if event.key() == "Enter" && !event.ctrl_key() {
                event.prevent_default();
                add.emit(());
            }
        })
    };

    let list = facilities.as_deref().unwrap_or_default();
    let chosen_known = props
        .selected
        .is_some_and(|id| list.iter().any(|f| f.id == id));
    html! {
        <div class="field writeup-facility">
            <label for="visit-facility" class="field-label">{ i18n.t("visit-facility") }</label>
            <select id="visit-facility" ref={select_ref} onchange={on_change}>
                <option value="" selected={!*adding && !chosen_known}>
                    { i18n.t("visit-facility-none") }
                </option>
                { for list.iter().map(|facility| html! {
                    <option value={facility.id.to_string()}
                        selected={!*adding && props.selected == Some(facility.id)}>
                        { facility.record.name.as_str() }
                    </option>
                }) }
                <option value={ADD_OPTION} selected={*adding}>
                    { i18n.t("visit-facility-add-option") }
                </option>
            </select>
            if facilities.as_ref().is_some_and(Vec::is_empty) && !*adding {
                <p class="field-hint-below muted">{ i18n.t("visit-facility-empty") }</p>
            }
            if *adding {
                <div class="writeup-facility-new">
                    <label for="visit-new-facility" class="field-label">
                        { i18n.t("visit-facility-new-label") }
                    </label>
                    <div class="inline-row">
                        <input id="visit-new-facility" class="input" type="text" maxlength="200"
                            value={(*new_name).clone()} oninput={on_name} onkeydown={on_name_key}
                            disabled={*busy} />
                        <button id="visit-new-facility-add" type="button"
                            class="button button-quiet" onclick={on_add_click} disabled={*busy}>
                            { if *busy { i18n.t("visit-facility-new-adding") } else { i18n.t("visit-facility-new-add") } }
                        </button>
                    </div>
                </div>
            }
            if let Some(text) = &*error {
                <ErrorNote text={text.clone()} />
            }
        </div>
    }
}

fn show_failure(
    dispatch: &Dispatch,
    error: &UseStateHandle<Option<ErrorText>>,
    i18n: &crate::i18n::I18n,
    failure: &IpcError,
) {
    if !vault_was_locked(dispatch, failure) {
        error.set(Some(describe(i18n, failure)));
    }
}
