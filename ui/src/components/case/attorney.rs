//! `#case-attorney`: the attorney of record and whether their notices of appearance (G-28,
//! EOIR-28, EOIR-27) are filed, with a form to correct them.

use std::collections::BTreeMap;

use pristan_ipc::UpdateCase;
use pristan_model::{Attorney, FilingStatus};
use serde_json::Value;
use yew::prelude::*;

use super::{
    close_on_escape, on_submit, set, toggle, use_form_status, CaseSection, FormButtons,
    SectionProps,
};
use crate::components::{SelectField, TextField};
use crate::hooks::use_focus_on_mount;
use crate::i18n::use_i18n;
use crate::labels::{options, word};

/// The three notices, by their field name in `UpdateCase` and their label.
const FILINGS: [(&str, &str); 3] = [
    ("g28", "attorney-g28"),
    ("eoir28", "attorney-eoir28"),
    ("eoir27", "attorney-eoir27"),
];

fn filing(attorney: &Attorney, field: &str) -> FilingStatus {
    match field {
        "g28" => attorney.g28,
        "eoir28" => attorney.eoir28,
        _ => attorney.eoir27,
    }
}

#[function_component]
pub fn AttorneySection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let editing = use_state(|| false);
    let attorney = &props.file.case.attorney;
    let action = if *editing {
        html! {}
    } else {
        html! {
            <button id="case-attorney-edit" type="button" class="button button-small button-quiet"
                onclick={toggle(&editing, true).reform(|_: MouseEvent| ())}>
                { i18n.t("edit") }
            </button>
        }
    };
    let body = if *editing {
        html! { <AttorneyForm section={props.clone()} on_done={toggle(&editing, false)} /> }
    } else {
        html! {
            <>
                if attorney.name.trim().is_empty() {
                    <p class="muted">{ i18n.t("attorney-none") }</p>
                } else {
                    <p class="attorney-name">
                        <strong>{ &attorney.name }</strong>
                        if !attorney.contact.trim().is_empty() {
                            { " · " }{ &attorney.contact }
                        }
                    </p>
                }
                <ul class="filings">
                    { for FILINGS.iter().map(|(field, label)| {
                        let status = filing(attorney, field);
                        html! {
                            <li>
                                <span>{ i18n.t(label) }</span>
                                <span class={classes!("badge", format!("badge-filing-{}", status.as_str()))}>
                                    { word(&i18n, "filing", status.as_str()) }
                                </span>
                            </li>
                        }
                    }) }
                </ul>
                if attorney.g28 != FilingStatus::Filed {
                    <p class="muted">{ i18n.t("attorney-g28-why") }</p>
                }
            </>
        }
    };
    html! {
        <CaseSection id="case-attorney" title={i18n.t("attorney-title")} {action}
            class={classes!(editing.then_some("span-all"))}>
            { body }
        </CaseSection>
    }
}

#[derive(Properties, PartialEq)]
struct AttorneyFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn AttorneyForm(props: &AttorneyFormProps) -> Html {
    let i18n = use_i18n();
    let original = props.section.file.case.attorney.clone();
    let name = use_state(|| original.name.clone());
    let contact = use_state(|| original.contact.clone());
    let g28 = use_state(|| original.g28.as_str().to_owned());
    let eoir28 = use_state(|| original.eoir28.as_str().to_owned());
    let eoir27 = use_state(|| original.eoir27.as_str().to_owned());
    let status = use_form_status();
    let first = use_node_ref();
    use_focus_on_mount(first.clone());
    let onsubmit = {
        let (name, contact, g28, eoir28, eoir27, status) = (
            name.clone(),
            contact.clone(),
            g28.clone(),
            eoir28.clone(),
            eoir27.clone(),
            status.clone(),
        );
        let id = props.section.file.case.id;
        let (dispatch, on_changed, on_done) = (
            props.section.dispatch.clone(),
            props.section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let mut fields = BTreeMap::new();
            let pairs = [
                ("attorney_name", original.name.as_str(), name.trim()),
                (
                    "attorney_contact",
                    original.contact.as_str(),
                    contact.trim(),
                ),
                ("g28", original.g28.as_str(), g28.as_str()),
                ("eoir28", original.eoir28.as_str(), eoir28.as_str()),
                ("eoir27", original.eoir27.as_str(), eoir27.as_str()),
            ];
            for (key, before, after) in pairs {
                if before.trim() != after {
                    fields.insert(key.to_owned(), Value::from(after));
                }
            }
            if fields.is_empty() {
                on_done.emit(());
                return;
            }
            let (on_changed, on_done) = (on_changed.clone(), on_done.clone());
            status.send(i18n, &dispatch, UpdateCase { id, fields }, move |()| {
                on_done.emit(());
                on_changed.emit(());
            });
        })
    };
    let filing_options = options(&i18n, "filing", FilingStatus::ALL, FilingStatus::as_str);
    html! {
        <form class="form" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <div class="form-grid">
                <TextField id="attorney-name" label={i18n.t("attorney-name")} value={(*name).clone()}
                    on_input={set(&name)} input_ref={first.clone()} />
                <TextField id="attorney-contact" label={i18n.t("attorney-contact")}
                    value={(*contact).clone()} on_input={set(&contact)} />
                <SelectField id="attorney-g28" label={i18n.t("attorney-g28")} value={(*g28).clone()}
                    options={filing_options.clone()} on_change={set(&g28)} />
                <SelectField id="attorney-eoir28" label={i18n.t("attorney-eoir28")}
                    value={(*eoir28).clone()} options={filing_options.clone()} on_change={set(&eoir28)} />
                <SelectField id="attorney-eoir27" label={i18n.t("attorney-eoir27")}
                    value={(*eoir27).clone()} options={filing_options} on_change={set(&eoir27)} />
            </div>
            { status.view() }
            <FormButtons submit_id="attorney-submit" submit_label={i18n.t("save")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
