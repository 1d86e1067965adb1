//! `#case-overview`: who the person is and where they are, and a form to correct it. Only the
//! fields that were changed are sent, so an edit never overwrites another device's change to a
//! field this one did not touch.

use std::collections::BTreeMap;

use pristan_ipc::UpdateCase;
use pristan_model::{ANumber, CaseRecord, CustodyStatus, EntityId};
use serde_json::Value;
use yew::prelude::*;

use super::{
    close_on_escape, on_submit, set, toggle, use_form_status, CaseSection, FacilityField,
    FormButtons, SectionProps,
};
use crate::components::{DateField, SelectField, TextField};
use crate::format::{a_number_error, date_value, long_date, parse_date};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn OverviewSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let editing = use_state(|| false);
    let case = &props.file.case;
    let action = if *editing {
        html! {}
    } else {
        let open = toggle(&editing, true).reform(|_: MouseEvent| ());
        html! {
            <button id="case-overview-edit" type="button" class="button button-small button-quiet"
                onclick={open}>
                { i18n.t("edit") }
            </button>
        }
    };
    html! {
        <CaseSection id="case-overview" title={i18n.t("case-overview")} {action}
            class={classes!(editing.then_some("span-all"))}>
            if *editing {
                <OverviewForm section={props.clone()} on_done={toggle(&editing, false)} />
            } else {
                { facts(&i18n, props, case) }
            }
        </CaseSection>
    }
}

fn facts(i18n: &I18n, props: &SectionProps, case: &CaseRecord) -> Html {
    let or_none = |text: &str| {
        if text.trim().is_empty() {
            html! { <span class="muted">{ i18n.t("not-recorded") }</span> }
        } else {
            html! { { text.to_owned() } }
        }
    };
    let rows = [
        ("case-name", or_none(&case.name)),
        ("case-native-name", or_none(&case.native_name)),
        ("case-aliases", or_none(&case.aliases)),
        (
            "case-dob",
            or_none(
                &case
                    .date_of_birth
                    .map(|date| long_date(i18n, date))
                    .unwrap_or_default(),
            ),
        ),
        ("case-nationality", or_none(&case.nationality)),
        ("case-languages", or_none(&case.languages)),
        (
            "case-a-number",
            or_none(&case.a_number.map(|n| n.to_string()).unwrap_or_default()),
        ),
        (
            "custody-status",
            html! { { word(i18n, "custody-status", case.custody_status.as_str()) } },
        ),
        (
            "case-facility",
            or_none(&props.facility_name(case.facility_id).unwrap_or_default()),
        ),
    ];
    html! {
        <dl class="facts">
            { for rows.into_iter().map(|(key, value)| html! {
                <div class="fact"><dt>{ i18n.t(key) }</dt><dd>{ value }</dd></div>
            }) }
        </dl>
    }
}

#[derive(Properties, PartialEq)]
struct OverviewFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn OverviewForm(props: &OverviewFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let case = &section.file.case;
    let name = use_state(|| case.name.clone());
    let native_name = use_state(|| case.native_name.clone());
    let aliases = use_state(|| case.aliases.clone());
    let dob = use_state(|| date_value(case.date_of_birth));
    let nationality = use_state(|| case.nationality.clone());
    let languages = use_state(|| case.languages.clone());
    let a_number = use_state(|| case.a_number.map(|n| n.to_string()).unwrap_or_default());
    let custody = use_state(|| case.custody_status.as_str().to_owned());
    let facility = use_state(|| case.facility_id);
    let a_number_problem = use_state(|| None::<String>);
    let status = use_form_status();
    let first = use_node_ref();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let original = case.clone();
        let (name, native_name, aliases, dob, nationality, languages) = (
            name.clone(),
            native_name.clone(),
            aliases.clone(),
            dob.clone(),
            nationality.clone(),
            languages.clone(),
        );
        let (a_number, custody, facility, a_number_problem, status) = (
            a_number.clone(),
            custody.clone(),
            facility.clone(),
            a_number_problem.clone(),
            status.clone(),
        );
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            if name.trim().is_empty() {
                status.refuse(i18n.t("new-case-name-missing"));
                return;
            }
            let typed_a_number = a_number.trim();
            let parsed = if typed_a_number.is_empty() {
                None
            } else {
                match ANumber::parse(typed_a_number) {
                    Ok(number) => Some(number),
                    Err(error) => {
                        a_number_problem.set(Some(a_number_error(&i18n, &error)));
                        return;
                    }
                }
            };
            a_number_problem.set(None);
            let mut fields = BTreeMap::new();
            let mut text = |key: &str, before: &str, after: &str| {
                if before.trim() != after.trim() {
                    fields.insert(key.to_owned(), Value::from(after.trim()));
                }
            };
            text("name", &original.name, &name);
            text("native_name", &original.native_name, &native_name);
            text("aliases", &original.aliases, &aliases);
            text("nationality", &original.nationality, &nationality);
            text("languages", &original.languages, &languages);
            text("custody_status", original.custody_status.as_str(), &custody);
            let new_dob = parse_date(&dob);
            if new_dob != original.date_of_birth {
                fields.insert(
                    "date_of_birth".into(),
                    new_dob.map_or(Value::Null, |d| Value::from(d.to_string())),
                );
            }
            if parsed != original.a_number {
                fields.insert(
                    "a_number".into(),
                    parsed.map_or(Value::Null, |n| Value::from(n.digits())),
                );
            }
            if *facility != original.facility_id {
                fields.insert(
                    "facility_id".into(),
                    facility.map_or(Value::Null, |id| Value::from(id.to_string())),
                );
            }
            if fields.is_empty() {
                on_done.emit(());
                return;
            }
            let (on_changed, on_done) = (on_changed.clone(), on_done.clone());
            status.send(
                i18n,
                &dispatch,
                UpdateCase {
                    id: original.id,
                    fields,
                },
                move |()| {
                    on_done.emit(());
                    on_changed.emit(());
                },
            );
        })
    };
    let on_facility = {
        let facility = facility.clone();
        Callback::from(move |id: Option<EntityId>| facility.set(id))
    };
    let on_facility_added = section.on_facilities_changed.reform(|_: EntityId| ());
    html! {
        <form class="form" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <div class="form-grid">
                <TextField id="case-edit-name" label={i18n.t("case-name")} value={(*name).clone()}
                    on_input={set(&name)} required=true input_ref={first.clone()} />
                <TextField id="case-edit-native-name" label={i18n.t("case-native-name")}
                    value={(*native_name).clone()} on_input={set(&native_name)} />
                <TextField id="case-edit-aliases" label={i18n.t("case-aliases")} value={(*aliases).clone()}
                    on_input={set(&aliases)} />
                <DateField id="case-edit-dob" label={i18n.t("case-dob")} value={(*dob).clone()}
                    on_input={set(&dob)} />
                <TextField id="case-edit-nationality" label={i18n.t("case-nationality")}
                    value={(*nationality).clone()} on_input={set(&nationality)} />
                <TextField id="case-edit-languages" label={i18n.t("case-languages")}
                    value={(*languages).clone()} on_input={set(&languages)} />
                <TextField id="case-edit-a-number" label={i18n.t("case-a-number")}
                    value={(*a_number).clone()}
                    on_input={{
                        let (a_number, problem) = (a_number.clone(), a_number_problem.clone());
                        Callback::from(move |typed: String| {
                            a_number.set(typed);
                            problem.set(None);
                        })
                    }}
                    hint={i18n.t("new-case-a-number-hint")} error={(*a_number_problem).clone()} />
                <SelectField id="case-edit-custody" label={i18n.t("custody-status")}
                    value={(*custody).clone()} on_change={set(&custody)}
                    options={options(&i18n, "custody-status", CustodyStatus::ALL, CustodyStatus::as_str)} />
                <FacilityField id="case-edit-facility" label={i18n.t("case-facility")}
                    dispatch={section.dispatch.clone()} facilities={section.facilities.clone()}
                    value={*facility} on_change={on_facility} on_added={on_facility_added} />
            </div>
            { status.view() }
            <FormButtons submit_id="case-edit-submit" submit_label={i18n.t("save")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
