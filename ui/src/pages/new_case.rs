//! The new case form: the person's names in Latin letters and in their own script, A-number, date
//! of birth, nationality, languages and facility. Only the Latin name is needed; on success the
//! new case's page opens.

use std::rc::Rc;

use pristan_ipc::{CreateCase, ListFacilities};
use pristan_model::{ANumber, EntityId};
use yew::prelude::*;

use crate::components::case::{set, use_form_status, FacilityField};
use crate::components::{CheckField, DateField, SubmitRow, TextField};
use crate::format::{a_number_error, parse_date};
use crate::hooks::{use_focus_on_mount, use_query};
use crate::i18n::use_i18n;
use crate::pages::PageProps;
use crate::state::Action;

/// Stores what was typed and clears the field's error: the user is fixing it.
fn clearing(
    value: &UseStateHandle<String>,
    problem: &UseStateHandle<Option<String>>,
) -> Callback<String> {
    let (value, problem) = (value.clone(), problem.clone());
    Callback::from(move |typed: String| {
        value.set(typed);
        if problem.is_some() {
            problem.set(None);
        }
    })
}

fn set_flag(flag: &UseStateHandle<bool>) -> Callback<bool> {
    let flag = flag.clone();
    Callback::from(move |on: bool| flag.set(on))
}

#[function_component]
pub fn NewCasePage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let native_name = use_state(String::new);
    let a_number = use_state(String::new);
    let dob = use_state(String::new);
    let nationality = use_state(String::new);
    let languages = use_state(String::new);
    let facility = use_state(|| None::<EntityId>);
    // Unticked until the person says yes: without it the case stays on this laptop.
    let share = use_state(|| false);
    let name_problem = use_state(|| None::<String>);
    let a_number_problem = use_state(|| None::<String>);
    let status = use_form_status();
    let facilities = use_query(&props.dispatch, (), |_| ListFacilities);
    let first = use_node_ref();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let share = share.clone();
        let (name, native_name, a_number, dob, nationality, languages, facility) = (
            name.clone(),
            native_name.clone(),
            a_number.clone(),
            dob.clone(),
            nationality.clone(),
            languages.clone(),
            facility.clone(),
        );
        let (name_problem, a_number_problem, status) = (
            name_problem.clone(),
            a_number_problem.clone(),
            status.clone(),
        );
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let missing_name = name.trim().is_empty();
            name_problem.set(missing_name.then(|| i18n.t("new-case-name-missing")));
            // The shell checks the A-number too; checking here first gives the reason in the
            // user's language.
            let typed = a_number.trim();
            let bad_number = (!typed.is_empty())
                .then(|| ANumber::parse(typed).err())
                .flatten()
                .map(|error| a_number_error(&i18n, &error));
            let refused = missing_name || bad_number.is_some();
            a_number_problem.set(bad_number);
            if refused {
                return;
            }
            let command = CreateCase {
                name: name.trim().to_owned(),
                native_name: native_name.trim().to_owned(),
                a_number: typed.to_owned(),
                date_of_birth: parse_date(&dob),
                nationality: nationality.trim().to_owned(),
                languages: languages.trim().to_owned(),
                facility_id: *facility,
                share_with_coordinator: *share,
            };
            let dispatch_done = dispatch.clone();
            status.send(i18n, &dispatch, command, move |id| {
                dispatch_done.dispatch(Action::OpenCase(id))
            });
        })
    };
    let on_facility = {
        let facility = facility.clone();
        Callback::from(move |id: Option<EntityId>| facility.set(id))
    };
    let facility_list = Rc::new(match &*facilities.answer {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    });
    html! {
        <section id="new-case" class="page" aria-labelledby="new-case-title">
            <h1 id="new-case-title">{ i18n.t("new-case-title") }</h1>
            <p class="muted">{ i18n.t("new-case-intro") }</p>
            <form class="form panel" {onsubmit} novalidate=true>
                <div class="form-grid">
                    <TextField id="new-case-name" label={i18n.t("new-case-name")} value={(*name).clone()}
                        on_input={clearing(&name, &name_problem)} hint={i18n.t("new-case-name-hint")} required=true
                        error={(*name_problem).clone()} input_ref={first} />
                    <TextField id="new-case-native-name" label={i18n.t("new-case-native-name")}
                        value={(*native_name).clone()} on_input={set(&native_name)}
                        hint={i18n.t("new-case-native-name-hint")} />
                    <TextField id="new-case-a-number" label={i18n.t("new-case-a-number")}
                        value={(*a_number).clone()} on_input={clearing(&a_number, &a_number_problem)}
                        hint={i18n.t("new-case-a-number-hint")} error={(*a_number_problem).clone()} />
                    <DateField id="new-case-dob" label={i18n.t("new-case-dob")} value={(*dob).clone()}
                        on_input={set(&dob)} />
                    <TextField id="new-case-nationality" label={i18n.t("new-case-nationality")}
                        value={(*nationality).clone()} on_input={set(&nationality)} />
                    <TextField id="new-case-languages" label={i18n.t("new-case-languages")}
                        value={(*languages).clone()} on_input={set(&languages)}
                        hint={i18n.t("new-case-languages-hint")} />
                    <FacilityField id="new-case-facility" label={i18n.t("new-case-facility")}
                        dispatch={props.dispatch.clone()} facilities={facility_list}
                        value={*facility} on_change={on_facility}
                        on_added={facilities.reload.reform(|_: EntityId| ())} />
                </div>
                <fieldset class="share-consent">
                    <legend>{ i18n.t("share-consent-title") }</legend>
                    <p class="muted">{ i18n.t("share-consent-explain") }</p>
                    <CheckField id="new-case-share" label={i18n.t("share-consent-label")}
                        checked={*share} on_change={set_flag(&share)} />
                </fieldset>
                { status.view() }
                <SubmitRow id="new-case-submit" label={i18n.t("new-case-submit")}
                    working={i18n.t("new-case-working")} enabled={!*status.busy} busy={*status.busy} />
            </form>
        </section>
    }
}
