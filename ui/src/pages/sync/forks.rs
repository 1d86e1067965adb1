//! Two copies of one vault in use under one device identity (a fork), with the way out for a
//! coordinator (revoke the identity at the last shared change), and the notice a vault shows
//! when it moved to a new device identity itself (docs/sync-plan.md, "Forks").

use pristan_ipc::{DismissIdentityNotice, RevokeDevice};
use pristan_model::sync::{ForkView, IdentityChangeReason, IdentityNotice};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::{LastResult, SyncProps};
use crate::components::ConfirmButton;
use crate::errors::describe;
use crate::hooks::vault_call;
use crate::i18n::{use_i18n, I18n};

/// "Anna's laptop: two different copies of this vault are in use — bundle 7 conflicts with what
/// was received before", with "Revoke at change N" for a coordinator.
#[function_component]
pub fn ForksPanel(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let forks = &props.status.forks;
    if forks.is_empty() {
        return html! {};
    }
    let coordinator = props.is_coordinator();
    html! {
        <section id="sync-forks" class="panel" aria-labelledby="sync-forks-title">
            <h2 id="sync-forks-title">{ i18n.t("forks-title") }</h2>
            <p>{ i18n.t(if coordinator { "forks-explain" } else { "forks-explain-volunteer" }) }</p>
            <ul class="plain-list">
                { for forks.iter().map(|fork| item(&i18n, props, fork, coordinator)) }
            </ul>
        </section>
    }
}

fn item(i18n: &I18n, props: &SyncProps, fork: &ForkView, coordinator: bool) -> Html {
    let text = match fork.bundle_number {
        Some(number) => i18n.t_args(
            "forks-item",
            &[
                ("device", fork.device_name.clone().into()),
                ("number", number.into()),
            ],
        ),
        None => i18n.t_args(
            "forks-item-unnumbered",
            &[("device", fork.device_name.clone().into())],
        ),
    };
    let detail = i18n.t_args(
        "forks-detail",
        &[
            ("count", fork.ops_aside.into()),
            ("seq", fork.last_common_seq.into()),
        ],
    );
    html! {
        <li class="record-item fork-item note note-warning" id={format!("fork-{}", fork.device)}>
            <div class="record-main">
                <p class="record-title">{ text }</p>
                <p>{ detail }</p>
            </div>
            if coordinator {
                <div class="record-actions">
                    <ConfirmButton on_confirm={revoke(i18n, props, fork)} what={fork.device_name.clone()}
                        label={i18n.t_args("forks-revoke", &[("seq", fork.last_common_seq.into())])}
                        question={i18n.t_args("forks-revoke-confirm", &[("seq", fork.last_common_seq.into())])}
                        yes={i18n.t("forks-revoke-yes")} />
                </div>
            }
        </li>
    }
}

fn revoke(i18n: &I18n, props: &SyncProps, fork: &ForkView) -> Callback<()> {
    let (dispatch, last, reload) = (
        props.dispatch.clone(),
        props.last.clone(),
        props.reload.clone(),
    );
    let command = RevokeDevice {
        device: fork.device,
        last_good_seq: Some(fork.last_common_seq),
    };
    let i18n = *i18n;
    Callback::from(move |()| {
        let (dispatch, last, reload, command) = (
            dispatch.clone(),
            last.clone(),
            reload.clone(),
            command.clone(),
        );
        spawn_local(async move {
            if let Err(error) = vault_call(&dispatch, &command).await {
                last.set(Some(LastResult::Failed(describe(&i18n, &error))));
            }
            reload.emit(());
        });
    })
}

#[derive(Properties, PartialEq)]
pub struct IdentityNoticeProps {
    pub notice: IdentityNotice,
    pub props: SyncProps,
}

/// "This laptop now has a new identity", why, and what to do next; shown until dismissed.
#[function_component]
pub fn IdentityNoticePanel(props: &IdentityNoticeProps) -> Html {
    let i18n = use_i18n();
    let notice = &props.notice;
    let why = match notice.reason {
        IdentityChangeReason::Restored => "identity-moved-restored",
        IdentityChangeReason::Copied => "identity-moved-copied",
        IdentityChangeReason::ForkSeen => "identity-moved-fork-seen",
        IdentityChangeReason::Revoked => "identity-moved-revoked",
    };
    let dismiss = {
        let (dispatch, reload) = (props.props.dispatch.clone(), props.props.reload.clone());
        Callback::from(move |_: MouseEvent| {
            let (dispatch, reload) = (dispatch.clone(), reload.clone());
            spawn_local(async move {
                let _ = vault_call(&dispatch, &DismissIdentityNotice).await;
                reload.emit(());
            });
        })
    };
    html! {
        <section id="sync-identity-notice" class="panel" role="status"
            aria-labelledby="sync-identity-notice-title">
            <h2 id="sync-identity-notice-title">{ i18n.t("identity-moved-title") }</h2>
            <p class="note note-warning">{ i18n.t(why) }</p>
            if notice.reissued > 0 {
                <p>{ i18n.t_args("identity-moved-reissued", &[("count", notice.reissued.into())]) }</p>
            }
            <p>{ i18n.t("identity-moved-next") }</p>
            <div class="actions">
                <button id="sync-identity-notice-dismiss" type="button" class="button"
                    onclick={dismiss}>
                    { i18n.t("identity-moved-dismiss") }
                </button>
            </div>
        </section>
    }
}
