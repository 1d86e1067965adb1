//! `#devices-page` (Coordinator → Devices): devices waiting for approval, each with the
//! fingerprint to compare aloud, and the roster of approved devices, where a device is revoked
//! or sent a case packet.

mod pending;
mod roster;

use pristan_ipc::{DeviceList, GetSyncStatus, IpcError, ListDevices};
use yew::prelude::*;

use crate::components::ErrorNote;
use crate::errors::{describe, ErrorText};
use crate::i18n::use_i18n;
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

use crate::hooks::use_query;
use pending::PendingPanel;
use roster::RosterPanel;

/// What the two panels share: where to send commands, and what to do with their answers.
#[derive(Properties, PartialEq, Clone)]
pub struct DevicePanelProps {
    pub dispatch: Dispatch,
    pub list: DeviceList,
    /// Folders to offer for case packets.
    #[prop_or_default]
    pub suggested_folders: Vec<String>,
    /// Shows the roster the shell answered with after a change.
    pub on_list: Callback<DeviceList>,
    pub on_error: Callback<IpcError>,
}

#[function_component]
pub fn DevicesPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let devices = use_query(&props.dispatch, (), |_| ListDevices);
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    let error = use_state(|| None::<ErrorText>);
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowSync))
    };
    let on_list = {
        let (answer, error) = (devices.answer.clone(), error.clone());
        Callback::from(move |list: DeviceList| {
            error.set(None);
            answer.set(Some(Ok(list)));
        })
    };
    let on_error = {
        let error = error.clone();
        Callback::from(move |e: IpcError| error.set(Some(describe(&i18n, &e))))
    };
    let suggested_folders = match &*status.answer {
        Some(Ok(status)) => status.suggested_folders.clone(),
        _ => Vec::new(),
    };
    let body = match &*devices.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(e)) => html! { <ErrorNote text={describe(&i18n, e)} /> },
        Some(Ok(list)) => {
            let shared = DevicePanelProps {
                dispatch: props.dispatch.clone(),
                list: list.clone(),
                suggested_folders,
                on_list,
                on_error,
            };
            html! {
                <>
                    <PendingPanel ..shared.clone() />
                    <RosterPanel ..shared />
                </>
            }
        }
    };
    html! {
        <section id="devices-page" class="page page-wide" aria-labelledby="devices-title">
            <button id="devices-back" type="button" class="link-button back-button" onclick={back}>
                { i18n.t("sync-back") }
            </button>
            <div class="page-heading">
                <h1 id="devices-title">{ i18n.t("devices-title") }</h1>
            </div>
            <p class="muted">{ i18n.t("devices-intro") }</p>
            if let Some(error) = &*error {
                <ErrorNote text={error.clone()} />
            }
            { body }
        </section>
    }
}
