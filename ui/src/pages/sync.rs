//! `#sync-page`: exchanging bundles with the organisation. Before there is an organisation it
//! offers to start one or to join one; afterwards it shows this device's fingerprint, the outbox
//! and inbox with a progress bar and results, syncing online through the relay, missing bundles
//! and quarantine, and for
//! coordinators the invitation and the ways to Devices and Conflicts.

mod forks;
mod invite;
mod quarantine;
mod relay;
mod setup;
mod transfer;

use std::rc::Rc;

use pristan_ipc::{GetSyncStatus, SyncStatus};
use pristan_model::relay::RelaySyncReport;
use pristan_model::sync::{ExportOutcome, ImportSummary, Role};
use yew::prelude::*;

use crate::components::sync::{ExportResult, Fingerprint, ImportResults, SyncProgress};
use crate::components::ErrorNote;
use crate::errors::{describe, ErrorText};
use crate::hooks::{use_query, use_sync_job, SyncJob};
use crate::i18n::{use_i18n, I18n};
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

use forks::{ForksPanel, IdentityNoticePanel};
use invite::InvitePanel;
use quarantine::{GapsPanel, QuarantinePanel};
use relay::{RelayPanel, RelayResult};
use setup::OrgSetup;
use transfer::{InboxPanel, OutboxPanel};

/// The outcome of the last export, import or retry, shown until the next one starts.
#[derive(Debug, Clone, PartialEq)]
pub enum LastResult {
    Exported(ExportOutcome),
    Imported(ImportSummary),
    /// A sync through the relay.
    Relay(RelaySyncReport),
    Failed(ErrorText),
}

/// What the parts of the Sync screen share.
#[derive(Properties, PartialEq, Clone)]
pub struct SyncProps {
    pub dispatch: Dispatch,
    pub status: Rc<SyncStatus>,
    pub job: SyncJob,
    pub last: UseStateHandle<Option<LastResult>>,
    /// Reads the status again (after an export, import, retry or discard).
    pub reload: Callback<()>,
}

impl SyncProps {
    pub fn is_coordinator(&self) -> bool {
        self.status
            .org
            .as_ref()
            .is_some_and(|org| org.role == Role::Coordinator)
    }
}

#[function_component]
pub fn SyncPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    let job = use_sync_job();
    let last = use_state(|| None::<LastResult>);
    let body = match &*status.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(current)) if current.org.is_none() => html! {
            <OrgSetup dispatch={props.dispatch.clone()} on_done={status.reload.clone()} />
        },
        Some(Ok(current)) => {
            let shared = SyncProps {
                dispatch: props.dispatch.clone(),
                status: Rc::new(current.clone()),
                job,
                last,
                reload: status.reload.clone(),
            };
            html! { <SyncOverview ..shared /> }
        }
    };
    html! {
        <section id="sync-page" class="page page-wide" aria-labelledby="sync-title">
            <div class="page-heading">
                <h1 id="sync-title">{ i18n.t("sync-title") }</h1>
            </div>
            { body }
        </section>
    }
}

#[function_component]
fn SyncOverview(props: &SyncProps) -> Html {
    let i18n = use_i18n();
    let coordinator = props.is_coordinator();
    let show_conflicts = coordinator.then(|| go(&props.dispatch, || Action::ShowConflicts));
    let result = match &*props.last {
        None => html! {},
        Some(LastResult::Exported(outcome)) => html! { <ExportResult outcome={outcome.clone()} /> },
        Some(LastResult::Imported(summary)) => html! {
            <ImportResults summary={summary.clone()} on_show_conflicts={show_conflicts} />
        },
        Some(LastResult::Relay(report)) => html! {
            <RelayResult report={report.clone()} on_show_conflicts={show_conflicts} />
        },
        Some(LastResult::Failed(error)) => html! { <ErrorNote text={error.clone()} /> },
    };
    html! {
        <>
            if let Some(notice) = &props.status.identity_notice {
                <IdentityNoticePanel notice={notice.clone()} props={props.clone()} />
            }
            <ForksPanel ..props.clone() />
            { this_device(&i18n, &props.status) }
            if coordinator {
                { coordinator_panel(&i18n, props) }
            }
            <RelayPanel ..props.clone() />
            <div class="sync-columns">
                <OutboxPanel ..props.clone() />
                <InboxPanel ..props.clone() />
            </div>
            <div id="sync-last-result">
                if *props.job.running {
                    <SyncProgress progress={*props.job.progress} />
                }
                { result }
            </div>
            <GapsPanel gaps={props.status.gaps.clone()} />
            <QuarantinePanel ..props.clone() />
        </>
    }
}

/// The organisation, this device's name and its fingerprint, large, to read aloud.
fn this_device(i18n: &I18n, status: &SyncStatus) -> Html {
    let Some(org) = &status.org else {
        return html! {};
    };
    let role = match org.role {
        Role::Coordinator => i18n.t("sync-role-coordinator"),
        Role::Volunteer => i18n.t("sync-role-volunteer"),
    };
    html! {
        <section id="sync-this-device" class="panel" aria-labelledby="sync-this-device-title">
            <h2 id="sync-this-device-title">{ i18n.t("sync-this-device") }</h2>
            <dl class="facts sync-facts">
                <div>
                    <dt>{ i18n.t("sync-organisation") }</dt>
                    <dd id="sync-org-name">{ &org.name }</dd>
                </div>
                <div>
                    <dt>{ i18n.t("sync-device-name") }</dt>
                    <dd id="sync-device-name">{ &status.device_name }</dd>
                </div>
                <div>
                    <dt>{ i18n.t("sync-role") }</dt>
                    <dd id="sync-role">{ role }</dd>
                </div>
            </dl>
            if org.role == Role::Volunteer && org.roster_version == 0 {
                <p id="sync-awaiting-approval" class="note note-warning">
                    { i18n.t("sync-awaiting-approval") }
                </p>
            }
            if let Some(fingerprint) = &status.device_fingerprint {
                <p class="muted">
                    { i18n.t(if org.role == Role::Coordinator {
                        "sync-fingerprint-explain-coordinator"
                    } else {
                        "sync-fingerprint-explain"
                    }) }
                </p>
                <Fingerprint id="sync-fingerprint" value={fingerprint.clone()} />
            }
        </section>
    }
}

fn coordinator_panel(i18n: &I18n, props: &SyncProps) -> Html {
    let status = &props.status;
    html! {
        <section id="sync-coordinator" class="panel" aria-labelledby="sync-coordinator-title">
            <h2 id="sync-coordinator-title">{ i18n.t("sync-coordinator-title") }</h2>
            <div class="actions sync-links">
                <button id="sync-open-devices" type="button" class="button button-quiet"
                    onclick={go(&props.dispatch, || Action::ShowDevices).reform(|_: MouseEvent| ())}>
                    { i18n.t("sync-open-devices") }
                    if status.pending_devices > 0 {
                        { " " }
                        <span class="badge badge-waiting">
                            { i18n.t_args("sync-waiting-count", &[("count", status.pending_devices.into())]) }
                        </span>
                    }
                </button>
                <button id="sync-open-conflicts" type="button" class="button button-quiet"
                    onclick={go(&props.dispatch, || Action::ShowConflicts).reform(|_: MouseEvent| ())}>
                    { i18n.t("sync-open-conflicts") }
                    if status.conflicts > 0 {
                        { " " }
                        <span class="badge badge-waiting">{ status.conflicts }</span>
                    }
                </button>
            </div>
            <InvitePanel dispatch={props.dispatch.clone()} />
        </section>
    }
}

/// A callback that changes the screen.
fn go(dispatch: &Dispatch, action: fn() -> Action) -> Callback<()> {
    let dispatch = dispatch.clone();
    Callback::from(move |()| dispatch.dispatch(action()))
}
