//! Devices that asked to join or sent a bundle, waiting for a coordinator. Approval comes only
//! after the coordinator has called the volunteer and compared the fingerprint aloud.

use chrono::{DateTime, Utc};
use pristan_ipc::{ApproveDevice, PendingDeviceRow};
use pristan_model::sync::Role;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::DevicePanelProps;
use crate::components::sync::Fingerprint;
use crate::components::ConfirmButton;
use crate::format::moment;
use crate::hooks::vault_call;
use crate::i18n::{use_i18n, I18n};

#[function_component]
pub fn PendingPanel(props: &DevicePanelProps) -> Html {
    let i18n = use_i18n();
    let pending = &props.list.pending;
    html! {
        <section id="devices-pending" class="panel" aria-labelledby="devices-pending-title">
            <h2 id="devices-pending-title">{ i18n.t("devices-pending-title") }</h2>
            if pending.is_empty() {
                <p class="muted">{ i18n.t("devices-pending-none") }</p>
            } else {
                <p class="note note-warning">{ i18n.t("devices-pending-explain") }</p>
                <ul class="plain-list">
                    { for pending.iter().map(|row| item(&i18n, props, row)) }
                </ul>
            }
        </section>
    }
}

fn item(i18n: &I18n, props: &DevicePanelProps, row: &PendingDeviceRow) -> Html {
    let approve = |role: Role| approve(props, row, role);
    let seen = DateTime::parse_from_rfc3339(&row.first_seen)
        .map(|when| moment(i18n, when.with_timezone(&Utc)))
        .unwrap_or_else(|_| row.first_seen.clone());
    let as_volunteer = approve(Role::Volunteer).reform(|_: MouseEvent| ());
    html! {
        <li class="record-item pending-device">
            <div class="record-main">
                <p class="record-title">{ &row.name }</p>
                <p class="muted">{ i18n.t_args("devices-first-seen", &[("when", seen.into())]) }</p>
                if let Some(old) = &row.replaces {
                    <p class="note" id={format!("replaces-{}", row.device)}>
                        { i18n.t_args("devices-replaces", &[("name", old.clone().into())]) }
                    </p>
                }
                <p class="field-label">{ i18n.t("devices-fingerprint") }</p>
                <Fingerprint value={row.fingerprint.clone()} />
                <div class="actions">
                    <button id={format!("approve-volunteer-{}", row.device)} type="button"
                        class="button button-primary" onclick={as_volunteer}>
                        { i18n.t("devices-approve-volunteer") }
                    </button>
                    <ConfirmButton on_confirm={approve(Role::Coordinator)} what={row.name.clone()}
                        label={i18n.t("devices-approve-coordinator")}
                        question={i18n.t("devices-approve-coordinator-confirm")}
                        yes={i18n.t("devices-approve-coordinator-yes")} />
                </div>
            </div>
        </li>
    }
}

fn approve(props: &DevicePanelProps, row: &PendingDeviceRow, role: Role) -> Callback<()> {
    let (dispatch, on_list, on_error) = (
        props.dispatch.clone(),
        props.on_list.clone(),
        props.on_error.clone(),
    );
    let device = row.device;
    Callback::from(move |()| {
        let (dispatch, on_list, on_error) = (dispatch.clone(), on_list.clone(), on_error.clone());
        spawn_local(async move {
            match vault_call(&dispatch, &ApproveDevice { device, role }).await {
                Ok(list) => on_list.emit(list),
                Err(error) => on_error.emit(error),
            }
        });
    })
}
