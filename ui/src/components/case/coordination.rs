//! The foot of a case page: for coordinators, which volunteers' devices the case is assigned to
//! (they receive it in case packets) and forgetting the person, which removes everything about
//! them on every device that imports the instruction; for volunteers, who the case is assigned to,
//! and that forgetting is asked of the coordinator.

use std::collections::BTreeSet;

use pristan_ipc::{AssignCase, ForgetCase, ForgetReasonChoice, GetSyncStatus, ListDevices};
use pristan_model::sync::Role;
use pristan_model::DeviceId;
use yew::prelude::*;

use super::{on_submit, set, use_form_status, CaseSection, SectionProps};
use crate::components::{SelectField, TextField};
use crate::hooks::{focus_after_render, use_query};
use crate::i18n::use_i18n;
use crate::labels::word;
use crate::state::Action;

#[function_component]
pub fn CoordinationSections(props: &SectionProps) -> Html {
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    let role = match &*status.answer {
        Some(Ok(status)) => status.org.as_ref().map(|org| org.role),
        _ => None,
    };
    html! {
        <>
            if role == Some(Role::Coordinator) {
                <AssignedVolunteers ..props.clone() />
            } else if role == Some(Role::Volunteer) {
                <AssignedView ..props.clone() />
            }
            if role == Some(Role::Coordinator) {
                <ForgetPerson ..props.clone() />
            } else if status.answer.is_some() {
                <ForgetAsksCoordinator />
            }
        </>
    }
}

/// `#case-assigned`: tick boxes of the roster's volunteer devices.
#[function_component]
fn AssignedVolunteers(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let devices = use_query(&props.dispatch, (), |_| ListDevices);
    let assigned = &props.file.case.assigned_to;
    let chosen = use_state(|| assigned.iter().copied().collect::<BTreeSet<DeviceId>>());
    let status = use_form_status();
    let saved = use_state(|| false);
    let onsubmit = {
        let (chosen, status, saved, case_id) = (
            chosen.clone(),
            status.clone(),
            saved.clone(),
            props.case_id(),
        );
        let (dispatch, on_changed) = (props.dispatch.clone(), props.on_changed.clone());
        on_submit(move || {
            let command = AssignCase {
                case_id,
                devices: chosen.iter().copied().collect(),
            };
            let (saved, on_changed) = (saved.clone(), on_changed.clone());
            saved.set(false);
            status.send(i18n, &dispatch, command, move |()| {
                saved.set(true);
                on_changed.emit(());
            });
        })
    };
    let volunteers: Vec<(DeviceId, String)> = match &*devices.answer {
        Some(Ok(list)) => list
            .roster
            .iter()
            .map(|row| &row.entry)
            .filter(|entry| {
                let active = entry.role == Role::Volunteer && entry.revoked_after_seq.is_none();
                active || assigned.contains(&entry.device)
            })
            .map(|entry| (entry.device, entry.name.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let boxes = volunteers.iter().map(|(device, name)| {
        let id = format!("assign-{device}");
        let onchange = {
            let (chosen, saved, device) = (chosen.clone(), saved.clone(), *device);
            Callback::from(move |event: Event| {
                let ticked = event
                    .target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked();
                let mut next = (*chosen).clone();
                if ticked {
                    next.insert(device);
                } else {
                    next.remove(&device);
                }
                saved.set(false);
                chosen.set(next);
            })
        };
        html! {
            <div class="check">
                <input id={id.clone()} type="checkbox" checked={chosen.contains(device)} {onchange} />
                <label for={id}>{ name }</label>
            </div>
        }
    });
    html! {
        <CaseSection id="case-assigned" title={i18n.t("assigned-title")}>
            <p class="muted">{ i18n.t("assigned-explain") }</p>
            if devices.answer.is_none() {
                <p class="muted" role="status">{ i18n.t("loading") }</p>
            } else if volunteers.is_empty() {
                <p class="muted">{ i18n.t("assigned-no-volunteers") }</p>
            } else {
                <form class="form" {onsubmit}>
                    <fieldset class="assigned-boxes">
                        <legend class="visually-hidden">{ i18n.t("assigned-title") }</legend>
                        { for boxes }
                    </fieldset>
                    { status.view() }
                    <div class="actions">
                        <button id="assigned-save" type="submit" class="button button-quiet"
                            disabled={*status.busy}>
                            { if *status.busy { i18n.t("saving") } else { i18n.t("assigned-save") } }
                        </button>
                        if *saved {
                            <span class="muted" role="status">{ i18n.t("assigned-saved") }</span>
                        }
                    </div>
                </form>
            }
        </CaseSection>
    }
}

/// `#case-assigned` on a volunteer's device: who the coordinator assigned the case to, read-only.
#[function_component]
fn AssignedView(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let devices = use_query(&props.dispatch, (), |_| ListDevices);
    let assigned = &props.file.case.assigned_to;
    let names: Vec<String> = match &*devices.answer {
        Some(Ok(list)) => assigned
            .iter()
            .map(|device| {
                let row = list.roster.iter().find(|row| row.entry.device == *device);
                match row {
                    Some(row) if row.this_device => i18n.t_args(
                        "assigned-this-device",
                        &[("name", row.entry.name.clone().into())],
                    ),
                    Some(row) => row.entry.name.clone(),
                    None => i18n.t("assigned-unknown-device"),
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    html! {
        <CaseSection id="case-assigned" title={i18n.t("assigned-title")}>
            if devices.answer.is_none() {
                <p class="muted" role="status">{ i18n.t("loading") }</p>
            } else if assigned.is_empty() {
                <p id="assigned-none" class="muted">{ i18n.t("assigned-none") }</p>
            } else {
                <p class="muted">{ i18n.t("assigned-view-explain") }</p>
                <ul id="assigned-list" class="plain-list">
                    { for names.into_iter().map(|name| html! { <li>{ name }</li> }) }
                </ul>
            }
        </CaseSection>
    }
}

/// `#case-forget` where this device may not forget: only a coordinator's forget reaches every
/// device, so the shell refuses it from anyone else.
#[function_component]
fn ForgetAsksCoordinator() -> Html {
    let i18n = use_i18n();
    html! {
        <CaseSection id="case-forget" title={i18n.t("forget-title")}>
            <p>{ i18n.t("forget-explain") }</p>
            <p id="forget-coordinator-only" class="muted">{ i18n.t("forget-coordinator-only") }</p>
        </CaseSection>
    }
}

/// `#case-forget`: the danger zone. The person's name must be typed to confirm.
#[function_component]
fn ForgetPerson(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| false);
    let reason = use_state(|| ForgetReasonChoice::ConsentWithdrawn.as_str().to_owned());
    let typed = use_state(String::new);
    let status = use_form_status();
    let name = props.file.case.name.clone();
    let matches = typed.trim() == name.trim() && !name.trim().is_empty();
    let onsubmit = {
        let (reason, typed, status, case_id) = (
            reason.clone(),
            typed.clone(),
            status.clone(),
            props.case_id(),
        );
        let dispatch = props.dispatch.clone();
        on_submit(move || {
            let Some(reason) = ForgetReasonChoice::parse(&reason) else {
                status.refuse(i18n.t("forget-reason-missing"));
                return;
            };
            let command = ForgetCase {
                case_id,
                reason,
                typed_name: typed.trim().to_owned(),
            };
            let after = dispatch.clone();
            status.send(i18n, &dispatch, command, move |()| {
                after.dispatch(Action::ShowCases)
            });
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let opening = !*open;
            open.set(opening);
            focus_after_render(
                if opening {
                    "forget-reason"
                } else {
                    "forget-open"
                }
                .to_owned(),
            );
        })
    };
    let reasons = ForgetReasonChoice::ALL
        .iter()
        .map(|r| {
            (
                r.as_str().to_owned(),
                word(&i18n, "forget-reason", r.as_str()),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <CaseSection id="case-forget" title={i18n.t("forget-title")} class="panel-danger">
            <p>{ i18n.t("forget-explain") }</p>
            if !*open {
                <button id="forget-open" type="button" class="button button-danger"
                    aria-expanded="false" onclick={toggle.clone()}>
                    { i18n.t("forget-open") }
                </button>
            } else {
                <form class="form forget-form" {onsubmit}>
                    <p class="note note-warning">{ i18n.t("forget-cannot-undo") }</p>
                    <SelectField id="forget-reason" label={i18n.t("forget-reason")}
                        value={(*reason).clone()} options={reasons} on_change={set(&reason)} />
                    <TextField id="forget-typed-name"
                        label={i18n.t_args("forget-type-name", &[("name", name.clone().into())])}
                        value={(*typed).clone()} on_input={set(&typed)}
                        hint={Some(i18n.t("forget-type-name-hint"))} />
                    { status.view() }
                    <div class="actions">
                        <button id="forget-submit" type="submit" class="button button-danger"
                            disabled={!matches || *status.busy}>
                            { i18n.t("forget-submit") }
                        </button>
                        <button type="button" class="button button-quiet" onclick={toggle}>
                            { i18n.t("cancel") }
                        </button>
                    </div>
                </form>
            }
        </CaseSection>
    }
}
