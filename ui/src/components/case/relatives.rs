//! `#case-relatives`: the person's family and where they are, including relatives held in other
//! facilities or children in foster care, which stand out; and a form to add one.

use pristan_ipc::{AddRecord, AnyRecord};
use pristan_model::{EntityType, Relative, Stored, Whereabouts};
use yew::prelude::*;

use super::{
    close_on_escape, long_text, on_submit, set, short_text, use_add_form, use_form_status,
    CaseName, CaseSection, FormButtons, SectionProps,
};
use crate::components::{ConfirmButton, SelectField, TextArea, TextField};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn RelativesSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let adding = use_add_form();
    let relatives = &props.file.relatives;
    let action = adding.button("add-relative", i18n.t("relatives-add"));
    html! {
        <CaseSection id="case-relatives" title={i18n.t("relatives-title")} {action}>
            if adding.open {
                <RelativeForm section={props.clone()} on_done={adding.on_done.clone()} />
            }
            if relatives.is_empty() {
                <p class="muted">{ i18n.t("relatives-none") }</p>
            } else {
                <ul class="plain-list">
                    { for relatives.iter().map(|relative| relative_item(&i18n, props, relative)) }
                </ul>
            }
        </CaseSection>
    }
}

fn relative_item(i18n: &I18n, props: &SectionProps, relative: &Stored<Relative>) -> Html {
    let record = &relative.record;
    let held = matches!(
        record.whereabouts,
        Whereabouts::DetainedElsewhere | Whereabouts::FosterCare
    );
    let mut place = word(i18n, "whereabouts", record.whereabouts.as_str());
    if !record.location.is_empty() {
        place = format!("{place}: {}", record.location);
    }
    html! {
        <li class="record-item">
            <div class="record-main">
                <p class="record-title">
                    <strong>
                        <CaseName name={record.name.to_string()} native_name={record.native_name.to_string()} />
                    </strong>
                    if !record.relation.is_empty() {
                        <span class="muted">{ " · " }{ record.relation.as_str() }</span>
                    }
                </p>
                <p class={classes!(held.then_some("whereabouts-held"))}>{ place }</p>
                if !record.contact.is_empty() {
                    <p class="muted">{ record.contact.as_str() }</p>
                }
                if !record.note.is_empty() {
                    <p class="prewrap">{ record.note.as_str() }</p>
                }
            </div>
            <div class="record-actions">
                <ConfirmButton on_confirm={props.delete(relative.id, EntityType::Relative)}
                    what={record.name.to_string()} />
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct RelativeFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn RelativeForm(props: &RelativeFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let name = use_state(String::new);
    let native_name = use_state(String::new);
    let relation = use_state(String::new);
    let whereabouts = use_state(|| Whereabouts::Unknown.as_str().to_owned());
    let location = use_state(String::new);
    let contact = use_state(String::new);
    let note = use_state(String::new);
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let fields = (
            name.clone(),
            native_name.clone(),
            relation.clone(),
            whereabouts.clone(),
            location.clone(),
            contact.clone(),
            note.clone(),
        );
        let status = status.clone();
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let (name, native_name, relation, whereabouts, location, contact, note) = &fields;
            if name.trim().is_empty() && native_name.trim().is_empty() {
                status.refuse(i18n.t("relative-name-missing"));
                return;
            }
            let record = (|| {
                Ok::<_, String>(Relative {
                    case_id: Some(case_id),
                    name: short_text(&i18n, &i18n.t("relative-name"), name)?,
                    native_name: short_text(&i18n, &i18n.t("relative-native-name"), native_name)?,
                    relation: short_text(&i18n, &i18n.t("relative-relation"), relation)?,
                    whereabouts: Whereabouts::parse(whereabouts).unwrap_or_default(),
                    location: short_text(&i18n, &i18n.t("relative-location"), location)?,
                    contact: short_text(&i18n, &i18n.t("relative-contact"), contact)?,
                    note: long_text(&i18n, &i18n.t("relative-note"), note)?,
                })
            })();
            let command = record.map(|record| AddRecord {
                record: AnyRecord::Relative(record),
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    html! {
        <form id="relative-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("relatives-add-title") }</h3>
            <div class="form-grid">
                <TextField id="relative-name" label={i18n.t("relative-name")} value={(*name).clone()}
                    on_input={set(&name)} input_ref={first} />
                <TextField id="relative-native-name" label={i18n.t("relative-native-name")}
                    value={(*native_name).clone()} on_input={set(&native_name)} />
                <TextField id="relative-relation" label={i18n.t("relative-relation")}
                    value={(*relation).clone()} on_input={set(&relation)} hint={i18n.t("relative-relation-hint")} />
                <SelectField id="relative-whereabouts" label={i18n.t("relative-whereabouts")}
                    value={(*whereabouts).clone()} on_change={set(&whereabouts)}
                    options={options(&i18n, "whereabouts", Whereabouts::ALL, Whereabouts::as_str)} />
                <TextField id="relative-location" label={i18n.t("relative-location")}
                    value={(*location).clone()} on_input={set(&location)} hint={i18n.t("relative-location-hint")} />
                <TextField id="relative-contact" label={i18n.t("relative-contact")}
                    value={(*contact).clone()} on_input={set(&contact)} />
                <TextArea id="relative-note" label={i18n.t("relative-note")} value={(*note).clone()}
                    on_input={set(&note)} class="span-2" />
            </div>
            { status.view() }
            <FormButtons submit_id="relative-submit" submit_label={i18n.t("relative-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
