//! A coordinator's invitation for a new volunteer: text to hand over (by e-mail, a chat, a USB
//! stick), shown read-only with a Copy button, and the organisation's fingerprint for the
//! coordinator to read aloud to the volunteer by phone, who compares it before joining. The
//! invitation holds the organisation's public keys only; approval still needs the device's
//! fingerprint compared aloud too.

use js_sys::{Function, Promise, Reflect};
use pristan_ipc::{InvitationText, MakeInvitation};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::case::use_form_status;
use crate::components::sync::Fingerprint;
use crate::i18n::use_i18n;
use crate::state::Dispatch;

#[derive(Properties, PartialEq)]
pub struct InvitePanelProps {
    pub dispatch: Dispatch,
}

/// What the Copy button managed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copied {
    No,
    Yes,
    /// The webview refused the clipboard; the text is selected for Ctrl+C instead.
    Selected,
}

#[function_component]
pub fn InvitePanel(props: &InvitePanelProps) -> Html {
    let i18n = use_i18n();
    let invitation = use_state(|| None::<InvitationText>);
    let copied = use_state(|| Copied::No);
    let status = use_form_status();
    let area = use_node_ref();
    let make = {
        let (invitation, copied, status, dispatch) = (
            invitation.clone(),
            copied.clone(),
            status.clone(),
            props.dispatch.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (invitation, copied) = (invitation.clone(), copied.clone());
            status.send(i18n, &dispatch, MakeInvitation, move |answer| {
                copied.set(Copied::No);
                invitation.set(Some(answer));
            });
        })
    };
    let copy = {
        let (invitation, copied, area) = (invitation.clone(), copied.clone(), area.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(text) = (*invitation).clone().map(|i| i.text) else {
                return;
            };
            let (copied, area) = (copied.clone(), area.clone());
            spawn_local(async move {
                if write_clipboard(&text).await {
                    copied.set(Copied::Yes);
                } else {
                    if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                        let _ = area.focus();
                        area.select();
                    }
                    copied.set(Copied::Selected);
                }
            });
        })
    };
    html! {
        <div id="sync-invite" class="subform">
            <h3>{ i18n.t("sync-invite-title") }</h3>
            <p>{ i18n.t("sync-invite-explain") }</p>
            if let Some(made) = &*invitation {
                <div class="field">
                    <label for="sync-invitation-text" class="field-label">
                        { i18n.t("sync-invitation-label") }
                    </label>
                    <textarea id="sync-invitation-text" ref={area} class="input textarea sync-code"
                        rows="5" readonly=true value={made.text.clone()} />
                </div>
                <p>{ i18n.t("sync-invite-fingerprint") }</p>
                <p><Fingerprint id="sync-invite-fingerprint" value={made.org_fingerprint.clone()} /></p>
                <div class="actions">
                    <button id="sync-invitation-copy" type="button" class="button button-quiet" onclick={copy}>
                        { i18n.t("sync-copy") }
                    </button>
                    <span role="status" class="muted">
                        { match *copied {
                            Copied::No => String::new(),
                            Copied::Yes => i18n.t("sync-copied"),
                            Copied::Selected => i18n.t("sync-copy-selected"),
                        } }
                    </span>
                </div>
            } else {
                <div class="actions">
                    <button id="sync-make-invitation" type="button" class="button button-quiet"
                        onclick={make} disabled={*status.busy}>
                        { i18n.t("sync-make-invitation") }
                    </button>
                </div>
            }
            { status.view() }
        </div>
    }
}

/// `navigator.clipboard.writeText(text)`, where the webview allows it; false otherwise.
async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let write = Reflect::get(&window, &JsValue::from_str("navigator"))
        .and_then(|navigator| Reflect::get(&navigator, &JsValue::from_str("clipboard")))
        .and_then(|clipboard| {
            let write = Reflect::get(&clipboard, &JsValue::from_str("writeText"))?;
            let write = write.dyn_into::<Function>()?;
            write.call1(&clipboard, &JsValue::from_str(text))
        });
    match write
        .ok()
        .and_then(|promise| promise.dyn_into::<Promise>().ok())
    {
        Some(promise) => JsFuture::from(promise).await.is_ok(),
        None => false,
    }
}
