//! `#case-custody`: where the person has been held, oldest first (detained, transferred, released,
//! removed), each with its source, and the form that adds an event.

use std::collections::BTreeMap;

use pristan_ipc::AddCustodyEvent;
use pristan_model::{
    CaseRecord, CustodyEvent, CustodyEventKind, CustodyStatus, EntityId, EntityType, ReleaseType,
    Stored,
};
use serde_json::Value;
use yew::prelude::*;

use super::{
    close_on_escape, long_text, on_submit, set, short_text, use_add_form, use_form_status,
    CaseSection, FacilityField, FormButtons, SectionProps,
};
use crate::components::{CheckField, ConfirmButton, DateField, SelectField, TextArea, TextField};
use crate::format::{long_date, parse_date};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn CustodySection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let adding = use_add_form();
    let events = &props.file.custody_events;
    let action = adding.button("add-custody-event", i18n.t("custody-add"));
    html! {
        <CaseSection id="case-custody" title={i18n.t("custody-title")} {action}>
            if adding.open {
                <CustodyEventForm section={props.clone()} on_done={adding.on_done.clone()} />
            }
            if events.is_empty() {
                <p class="muted">{ i18n.t("custody-none") }</p>
            } else {
                <ol class="timeline">
                    { for events.iter().map(|event| event_item(&i18n, props, event)) }
                </ol>
            }
        </CaseSection>
    }
}

fn event_item(i18n: &I18n, props: &SectionProps, event: &Stored<CustodyEvent>) -> Html {
    let record = &event.record;
    let kind = word(i18n, "custody-event", record.kind.as_str());
    let place = match (record.kind, props.facility_name(record.from_facility_id)) {
        (CustodyEventKind::Transferred, Some(from)) => Some(
            i18n.t_args(
                "custody-transfer",
                &[
                    ("from", from.into()),
                    (
                        "to",
                        props
                            .facility_name(record.facility_id)
                            .unwrap_or_else(|| i18n.t("not-recorded"))
                            .into(),
                    ),
                ],
            ),
        ),
        _ => props.facility_name(record.facility_id),
    };
    let release = record
        .release_type
        .map(|release| word(i18n, "release", release.as_str()));
    html! {
        <li class="timeline-item">
            <div class="timeline-date">
                { record.date.map(|date| long_date(i18n, date)).unwrap_or_else(|| i18n.t("not-recorded")) }
            </div>
            <div class="timeline-body">
                <p class="timeline-title">
                    <strong>{ kind.clone() }</strong>
                    if let Some(release) = release {
                        <span>{ i18n.t_args("custody-released-on", &[("how", release.into())]) }</span>
                    }
                </p>
                if let Some(place) = place {
                    <p class="timeline-line">{ place }</p>
                }
                if !record.source.is_empty() {
                    <p class="timeline-line muted">
                        { i18n.t_args("custody-source-shown", &[("source", record.source.to_string().into())]) }
                    </p>
                }
                if !record.note.is_empty() {
                    <p class="timeline-line prewrap">{ record.note.as_str() }</p>
                }
            </div>
            <div class="timeline-actions">
                <ConfirmButton on_confirm={props.delete(event.id, EntityType::CustodyEvent)} what={kind} />
            </div>
        </li>
    }
}

/// What the event says about the person now: their custody status and, after a detention or a
/// transfer, their facility. Only what differs from the case is returned.
fn case_changes(
    kind: CustodyEventKind,
    facility: Option<EntityId>,
    case: &CaseRecord,
) -> BTreeMap<String, Value> {
    let status = match kind {
        CustodyEventKind::Detained | CustodyEventKind::Transferred => CustodyStatus::Detained,
        CustodyEventKind::Released => CustodyStatus::Released,
        CustodyEventKind::Removed => CustodyStatus::Removed,
        CustodyEventKind::LeftCountry => CustodyStatus::LeftCountry,
    };
    let mut changes = BTreeMap::new();
    if status != case.custody_status {
        changes.insert("custody_status".to_owned(), Value::from(status.as_str()));
    }
    let held = matches!(
        kind,
        CustodyEventKind::Detained | CustodyEventKind::Transferred
    );
    if let (true, Some(facility)) = (held, facility) {
        if Some(facility) != case.facility_id {
            changes.insert("facility_id".to_owned(), Value::from(facility.to_string()));
        }
    }
    changes
}

#[derive(Properties, PartialEq)]
struct CustodyEventFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn CustodyEventForm(props: &CustodyEventFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let kind = use_state(|| CustodyEventKind::Transferred.as_str().to_owned());
    let date = use_state(String::new);
    let facility = use_state(|| None::<EntityId>);
    let from_facility = use_state(|| section.file.case.facility_id);
    let release = use_state(|| ReleaseType::Parole.as_str().to_owned());
    let source = use_state(String::new);
    let note = use_state(String::new);
    let update_case = use_state(|| true);
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());
    let kind_now = CustodyEventKind::parse(&kind).unwrap_or_default();

    let onsubmit = {
        let (update_case, case) = (update_case.clone(), section.file.case.clone());
        let (kind, date, facility, from_facility, release, source, note, status) = (
            kind.clone(),
            date.clone(),
            facility.clone(),
            from_facility.clone(),
            release.clone(),
            source.clone(),
            note.clone(),
            status.clone(),
        );
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let kind = CustodyEventKind::parse(&kind).unwrap_or_default();
            let record = (|| {
                Ok::<_, String>(CustodyEvent {
                    case_id: Some(case_id),
                    kind,
                    date: parse_date(&date),
                    facility_id: *facility,
                    from_facility_id: (kind == CustodyEventKind::Transferred)
                        .then_some(*from_facility)
                        .flatten(),
                    release_type: (kind == CustodyEventKind::Released)
                        .then(|| ReleaseType::parse(&release))
                        .flatten(),
                    source: short_text(&i18n, &i18n.t("custody-source"), &source)?,
                    note: long_text(&i18n, &i18n.t("custody-note"), &note)?,
                })
            })();
            let changes = if *update_case {
                case_changes(kind, *facility, &case)
            } else {
                BTreeMap::new()
            };
            let command = record.map(|record| AddCustodyEvent {
                event: record,
                case_fields: changes,
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    let pick = |state: &UseStateHandle<Option<EntityId>>| {
        let state = state.clone();
        Callback::from(move |id: Option<EntityId>| state.set(id))
    };
    let on_added = section.on_facilities_changed.reform(|_: EntityId| ());
    html! {
        <form id="custody-event-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("custody-add-title") }</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="custody-event-kind" class="field-label">{ i18n.t("custody-kind") }</label>
                    <select id="custody-event-kind" class="select" ref={first}
                        onchange={set(&kind).reform(|event: Event| {
                            event.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
                        })}>
                        { for CustodyEventKind::ALL.iter().map(|value| html! {
                            <option value={value.as_str()} selected={value.as_str() == *kind}>
                                { word(&i18n, "custody-event", value.as_str()) }
                            </option>
                        }) }
                    </select>
                </div>
                <DateField id="custody-event-date" label={i18n.t("custody-date")} value={(*date).clone()}
                    on_input={set(&date)} />
                if kind_now == CustodyEventKind::Transferred {
                    <FacilityField id="custody-event-from" label={i18n.t("custody-from")}
                        dispatch={section.dispatch.clone()} facilities={section.facilities.clone()}
                        value={*from_facility} on_change={pick(&from_facility)} on_added={on_added.clone()} />
                }
                if matches!(kind_now, CustodyEventKind::Detained | CustodyEventKind::Transferred) {
                    <FacilityField id="custody-event-facility" label={i18n.t("custody-to")}
                        dispatch={section.dispatch.clone()} facilities={section.facilities.clone()}
                        value={*facility} on_change={pick(&facility)} on_added={on_added} />
                }
                if kind_now == CustodyEventKind::Released {
                    <SelectField id="custody-event-release" label={i18n.t("custody-release-type")}
                        value={(*release).clone()} on_change={set(&release)}
                        options={options(&i18n, "release", ReleaseType::ALL, ReleaseType::as_str)} />
                }
                <TextField id="custody-event-source" label={i18n.t("custody-source")}
                    value={(*source).clone()} on_input={set(&source)} hint={i18n.t("custody-source-hint")}
                    class="span-2" />
                <TextArea id="custody-event-note" label={i18n.t("custody-note")} value={(*note).clone()}
                    on_input={set(&note)} class="span-2" />
            </div>
            <CheckField id="custody-event-update-case" label={i18n.t("custody-update-case")}
                checked={*update_case} on_change={{
                    let update_case = update_case.clone();
                    Callback::from(move |checked: bool| update_case.set(checked))
                }} />
            { status.view() }
            <FormButtons submit_id="custody-event-submit" submit_label={i18n.t("custody-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
