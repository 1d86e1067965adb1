//! Before this vault belongs to an organisation: a coordinator starts one, a volunteer joins
//! with the invitation text their coordinator gave them, once they have compared the
//! organisation's fingerprint aloud with the coordinator (an e-mailed invitation can be swapped).

use pristan_ipc::{
    CreateOrganisation, InvitationPreview, IpcError, JoinOrganisation, ReadInvitation,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::case::{on_submit, set, use_form_status};
use crate::components::sync::Fingerprint;
use crate::components::{CheckField, ErrorNote, TextArea, TextField};
use crate::errors::describe;
use crate::hooks::vault_was_locked;
use crate::i18n::use_i18n;
use crate::state::Dispatch;

#[derive(Properties, PartialEq)]
pub struct OrgSetupProps {
    pub dispatch: Dispatch,
    /// Called once the vault belongs to an organisation, so the screen reads its status again.
    pub on_done: Callback<()>,
}

#[function_component]
pub fn OrgSetup(props: &OrgSetupProps) -> Html {
    let i18n = use_i18n();
    html! {
        <>
            <p class="muted">{ i18n.t("sync-setup-intro") }</p>
            <div class="sync-setup">
                <StartCard dispatch={props.dispatch.clone()} on_done={props.on_done.clone()} />
                <JoinCard dispatch={props.dispatch.clone()} on_done={props.on_done.clone()} />
            </div>
        </>
    }
}

#[function_component]
fn StartCard(props: &OrgSetupProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let device = use_state(String::new);
    let status = use_form_status();
    let onsubmit = {
        let (name, device, status, dispatch, on_done) = (
            name.clone(),
            device.clone(),
            status.clone(),
            props.dispatch.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let typed = name.trim().to_owned();
            if typed.is_empty() {
                status.refuse(i18n.t("sync-start-name-missing"));
                return;
            }
            let on_done = on_done.clone();
            status.send(
                i18n,
                &dispatch,
                CreateOrganisation {
                    name: typed,
                    device_name: typed_device(&device),
                },
                move |_| on_done.emit(()),
            );
        })
    };
    html! {
        <section id="sync-start" class="panel sync-card" aria-labelledby="sync-start-title">
            <h2 id="sync-start-title">{ i18n.t("sync-start-title") }</h2>
            <p>{ i18n.t("sync-start-explain") }</p>
            <form class="form" {onsubmit}>
                <TextField id="sync-start-name" label={i18n.t("sync-start-name")}
                    value={(*name).clone()} on_input={set(&name)}
                    hint={Some(i18n.t("sync-start-name-hint"))} required=true />
                <TextField id="sync-start-device" label={i18n.t("sync-device-name-field")}
                    value={(*device).clone()} on_input={set(&device)}
                    hint={Some(i18n.t("sync-start-device-hint"))} />
                { status.view() }
                <div class="actions">
                    <button id="sync-start-submit" type="submit" class="button button-primary"
                        disabled={*status.busy}>
                        { if *status.busy { i18n.t("sync-working") } else { i18n.t("sync-start-submit") } }
                    </button>
                </div>
            </form>
        </section>
    }
}

#[function_component]
fn JoinCard(props: &OrgSetupProps) -> Html {
    let i18n = use_i18n();
    let invitation = use_state(String::new);
    let device = use_state(String::new);
    // What the pasted invitation says, and the text it was read from: a preview of older text
    // never stands for what is in the field now.
    let preview = use_state(|| None::<(String, InvitationPreview)>);
    let unreadable = use_state(|| None::<IpcError>);
    let compared = use_state(|| false);
    let latest = use_mut_ref(String::new);
    let status = use_form_status();

    let on_invitation = {
        let (invitation, preview, unreadable, compared, latest, dispatch) = (
            invitation.clone(),
            preview.clone(),
            unreadable.clone(),
            compared.clone(),
            latest.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |value: String| {
            invitation.set(value.clone());
            // A new text must be compared again.
            preview.set(None);
            unreadable.set(None);
            compared.set(false);
            let text = value.trim().to_owned();
            *latest.borrow_mut() = text.clone();
            if text.is_empty() {
                return;
            }
            let (preview, unreadable, latest, dispatch) = (
                preview.clone(),
                unreadable.clone(),
                latest.clone(),
                dispatch.clone(),
            );
            spawn_local(async move {
                let command = ReadInvitation {
                    invitation: text.clone(),
                };
                let answer = call(&command).await;
                if *latest.borrow() != text {
                    return;
                }
                match answer {
                    Ok(read) => preview.set(Some((text, read))),
                    Err(error) => {
                        if !vault_was_locked(&dispatch, &error) {
                            unreadable.set(Some(error));
                        }
                    }
                }
            });
        })
    };
    let on_compared = {
        let compared = compared.clone();
        Callback::from(move |checked: bool| compared.set(checked))
    };
    let ready = preview.is_some() && *compared;
    let onsubmit = {
        let (invitation, device, preview, status, dispatch, on_done) = (
            invitation.clone(),
            device.clone(),
            preview.clone(),
            status.clone(),
            props.dispatch.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let text = invitation.trim().to_owned();
            if text.is_empty() {
                status.refuse(i18n.t("sync-join-missing"));
                return;
            }
            let Some((read_from, read)) = (*preview).clone() else {
                return;
            };
            if !ready || read_from != text {
                status.refuse(i18n.t("sync-join-compare-first"));
                return;
            }
            let on_done = on_done.clone();
            status.send(
                i18n,
                &dispatch,
                JoinOrganisation {
                    invitation: text,
                    device_name: typed_device(&device),
                    org_fingerprint: read.org_fingerprint,
                },
                move |_| on_done.emit(()),
            );
        })
    };
    html! {
        <section id="sync-join" class="panel sync-card" aria-labelledby="sync-join-title">
            <h2 id="sync-join-title">{ i18n.t("sync-join-title") }</h2>
            <p>{ i18n.t("sync-join-explain") }</p>
            <form class="form" {onsubmit}>
                <TextArea id="sync-join-invitation" label={i18n.t("sync-join-invitation")}
                    value={(*invitation).clone()} on_input={on_invitation} rows={5}
                    hint={Some(i18n.t("sync-join-invitation-hint"))} class="sync-code-field" />
                if let Some(error) = &*unreadable {
                    <ErrorNote id="sync-join-unreadable" text={describe(&i18n, error)} />
                }
                if let Some((_, read)) = &*preview {
                    <div id="sync-join-preview" class="subform">
                        <p>{ i18n.t_args("sync-join-org", &[("name", read.org_name.clone().into())]) }</p>
                        <p>{ i18n.t("sync-join-org-fingerprint") }</p>
                        <p><Fingerprint id="sync-join-fingerprint" value={read.org_fingerprint.clone()} /></p>
                        <p class="note note-warning">{ i18n.t("sync-join-compare-explain") }</p>
                        <CheckField id="sync-join-compared" label={i18n.t("sync-join-compared")}
                            checked={*compared} on_change={on_compared} />
                    </div>
                }
                <TextField id="sync-join-device" label={i18n.t("sync-device-name-field")}
                    value={(*device).clone()} on_input={set(&device)}
                    hint={Some(i18n.t("sync-join-device-hint"))} />
                { status.view() }
                <div class="actions">
                    <button id="sync-join-submit" type="submit" class="button button-primary"
                        disabled={*status.busy || !ready}>
                        { if *status.busy { i18n.t("sync-working") } else { i18n.t("sync-join-submit") } }
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The device name typed, if any: a blank field keeps the name this vault already has.
fn typed_device(device: &str) -> Option<String> {
    let typed = device.trim();
    (!typed.is_empty()).then(|| typed.to_owned())
}
