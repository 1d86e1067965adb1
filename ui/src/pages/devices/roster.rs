//! The roster: every approved device with its role, fingerprint and standing. A device other
//! than this one can be revoked (with the last change still trusted, if known); a volunteer's
//! device can be sent a case packet of its assigned cases.

use pristan_ipc::{DeviceRow, RevokeDevice, SendCasePacket};
use pristan_model::sync::{HeldOps, Role, SeqRange};
use pristan_model::DeviceId;
use yew::prelude::*;

use super::DevicePanelProps;
use crate::components::case::{on_submit, set, use_form_status};
use crate::components::sync::{size_text, Fingerprint, FolderField, SyncProgress};
use crate::components::TextField;
use crate::format::moment;
use crate::hooks::{focus_by_id, use_sync_job};
use crate::i18n::{use_i18n, I18n};

/// The form open under one row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowForm {
    Revoke(DeviceId),
    Packet(DeviceId),
}

#[function_component]
pub fn RosterPanel(props: &DevicePanelProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| None::<RowForm>);
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(None))
    };
    let name_of = |device: DeviceId| {
        props
            .list
            .roster
            .iter()
            .find(|r| r.entry.device == device)
            .map_or_else(|| device.to_string(), |r| r.entry.name.clone())
    };
    let rows = props.list.roster.iter().map(|row| {
        let replaces = row.entry.replaces.map(&name_of);
        let device = row.entry.device;
        let form = match *open {
            Some(RowForm::Revoke(d)) if d == device => Some(html! {
                <RevokeForm panel={props.clone()} device={device} name={row.entry.name.clone()}
                    held={row.held.clone()} on_done={close.clone()} />
            }),
            Some(RowForm::Packet(d)) if d == device => Some(html! {
                <PacketForm panel={props.clone()} device={device} name={row.entry.name.clone()} />
            }),
            _ => None,
        };
        html! {
            <>
                { row_view(&i18n, row, &open, replaces) }
                if let Some(form) = form {
                    <tr class="roster-form-row"><td colspan="6">{ form }</td></tr>
                }
            </>
        }
    });
    html! {
        <section id="devices-roster" class="panel" aria-labelledby="devices-roster-title">
            <h2 id="devices-roster-title">{ i18n.t("devices-roster-title") }</h2>
            <div class="table-scroll">
                <table class="table roster-table">
                    <thead>
                        <tr>
                            <th scope="col">{ i18n.t("devices-col-device") }</th>
                            <th scope="col">{ i18n.t("devices-col-role") }</th>
                            <th scope="col">{ i18n.t("devices-col-fingerprint") }</th>
                            <th scope="col">{ i18n.t("devices-col-approved") }</th>
                            <th scope="col">{ i18n.t("devices-col-standing") }</th>
                            <th scope="col"><span class="visually-hidden">{ i18n.t("devices-col-actions") }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

fn row_view(
    i18n: &I18n,
    row: &DeviceRow,
    open: &UseStateHandle<Option<RowForm>>,
    replaces: Option<String>,
) -> Html {
    let entry = &row.entry;
    let device = entry.device;
    let revoked = entry.revoked_after_seq.is_some();
    let toggle = |form: RowForm| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(if *open == Some(form) {
                None
            } else {
                Some(form)
            })
        })
    };
    let role = match entry.role {
        Role::Coordinator => i18n.t("sync-role-coordinator"),
        Role::Volunteer => i18n.t("sync-role-volunteer"),
    };
    let standing = match entry.revoked_after_seq {
        Some(seq) => i18n.t_args("devices-revoked-after", &[("seq", seq.into())]),
        None => i18n.t("devices-active"),
    };
    html! {
        <tr class={classes!(revoked.then_some("roster-revoked"))}>
            <th scope="row">
                { &entry.name }
                if row.this_device {
                    { " " }<span class="badge">{ i18n.t("devices-this-device") }</span>
                }
                if let Some(old) = replaces {
                    <br /><span class="muted">{ i18n.t_args("devices-replaces-approved", &[("name", old.into())]) }</span>
                }
            </th>
            <td>{ role }</td>
            <td><Fingerprint value={row.fingerprint.clone()} compact=true /></td>
            <td>{ moment(i18n, entry.approved_at) }</td>
            <td>{ standing }</td>
            <td class="roster-actions">
                if !revoked && entry.role == Role::Volunteer {
                    <button id={format!("packet-open-{device}")} type="button" class="button button-small button-quiet"
                        aria-expanded={(**open == Some(RowForm::Packet(device))).to_string()}
                        onclick={toggle(RowForm::Packet(device))}>
                        { i18n.t("devices-send-packet") }
                    </button>
                }
                if !revoked && !row.this_device {
                    <button id={format!("revoke-open-{device}")} type="button"
                        class="button button-small button-quiet"
                        aria-expanded={(**open == Some(RowForm::Revoke(device))).to_string()}
                        onclick={toggle(RowForm::Revoke(device))}>
                        { i18n.t("devices-revoke") }
                    </button>
                }
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct RowFormProps {
    panel: DevicePanelProps,
    device: DeviceId,
    name: String,
    /// What this vault holds of the device: a revocation keeps exactly that.
    #[prop_or_default]
    held: Option<HeldOps>,
    #[prop_or_default]
    on_done: Callback<()>,
}

#[function_component]
fn RevokeForm(props: &RowFormProps) -> Html {
    let i18n = use_i18n();
    let seq = use_state(String::new);
    let status = use_form_status();
    use_focus_field(format!("revoke-seq-{}", props.device));
    let onsubmit = {
        let (seq, status, device) = (seq.clone(), status.clone(), props.device);
        let (dispatch, on_list, on_done) = (
            props.panel.dispatch.clone(),
            props.panel.on_list.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let typed = seq.trim();
            let last_good_seq = if typed.is_empty() {
                None
            } else if let Ok(number) = typed.parse::<u64>() {
                Some(number)
            } else {
                status.refuse(i18n.t("devices-seq-invalid"));
                return;
            };
            let (on_list, on_done) = (on_list.clone(), on_done.clone());
            let command = RevokeDevice {
                device,
                last_good_seq,
            };
            status.send(i18n, &dispatch, command, move |list| {
                on_done.emit(());
                on_list.emit(list);
            });
        })
    };
    html! {
        <form class="subform revoke-form" {onsubmit}>
            <h3>{ i18n.t_args("devices-revoke-title", &[("name", props.name.clone().into())]) }</h3>
            <p>{ i18n.t("devices-revoke-explain") }</p>
            if let Some(held) = &props.held {
                { held_view(&i18n, held) }
            }
            <TextField id={format!("revoke-seq-{}", props.device)} label={i18n.t("devices-last-good-seq")}
                value={(*seq).clone()} on_input={set(&seq)}
                hint={Some(i18n.t("devices-last-good-seq-hint"))} />
            { status.view() }
            <div class="actions">
                <button type="submit" class="button button-danger" disabled={*status.busy}>
                    { i18n.t("devices-revoke-submit") }
                </button>
                <button type="button" class="button button-quiet"
                    onclick={props.on_done.reform(|_: MouseEvent| ())}>
                    { i18n.t("cancel") }
                </button>
            </div>
        </form>
    }
}

/// What a revocation keeps, and the gap it leaves: missing changes are never accepted from a
/// revoked device, so the coordinator sees them before deciding.
fn held_view(i18n: &I18n, held: &HeldOps) -> Html {
    let kept = if held.held.is_empty() {
        i18n.t("devices-revoke-nothing-held")
    } else {
        i18n.t_args(
            "devices-revoke-held",
            &[("held", ranges(&held.held).into())],
        )
    };
    html! {
        <>
            <p id="revoke-held">{ kept }</p>
            if !held.missing.is_empty() {
                <p id="revoke-missing" class="warning" role="note">
                    { i18n.t_args("devices-revoke-missing", &[("missing", ranges(&held.missing).into())]) }
                </p>
            }
        </>
    }
}

/// Change numbers as people write them: "1–12, 14".
fn ranges(ranges: &[SeqRange]) -> String {
    ranges
        .iter()
        .map(|r| {
            if r.first == r.last {
                r.first.to_string()
            } else {
                format!("{}–{}", r.first, r.last)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[function_component]
fn PacketForm(props: &RowFormProps) -> Html {
    let i18n = use_i18n();
    let panel = &props.panel;
    let folder = use_state(|| panel.suggested_folders.first().cloned().unwrap_or_default());
    let written = use_state(|| None::<String>);
    let job = use_sync_job();
    use_focus_field(format!("packet-folder-{}", props.device));
    let onsubmit = {
        let (folder, written, job, device) =
            (folder.clone(), written.clone(), job.clone(), props.device);
        let (dispatch, on_error) = (panel.dispatch.clone(), panel.on_error.clone());
        on_submit(move || {
            let chosen = folder.trim().to_owned();
            if chosen.is_empty() {
                written.set(Some(i18n.t("sync-folder-missing")));
                return;
            }
            written.set(None);
            let (written, on_error) = (written.clone(), on_error.clone());
            let command = SendCasePacket {
                device,
                folder: chosen,
            };
            job.run(&dispatch, command, move |answer| match answer {
                Ok(report) => written.set(Some(format!(
                    "{} {}",
                    i18n.t_args(
                        "devices-packet-written",
                        &[
                            ("number", report.number.into()),
                            ("ops", report.ops.into()),
                            ("size", size_text(&i18n, report.bytes).into()),
                            ("path", report.path.clone().into()),
                        ],
                    ),
                    i18n.t("devices-packet-next"),
                ))),
                Err(error) => on_error.emit(error),
            });
        })
    };
    html! {
        <form class="subform packet-form" {onsubmit}>
            <h3>{ i18n.t_args("devices-packet-title", &[("name", props.name.clone().into())]) }</h3>
            <p>{ i18n.t("devices-packet-explain") }</p>
            <FolderField id={format!("packet-folder-{}", props.device)} label={i18n.t("sync-export-folder")}
                value={(*folder).clone()} on_input={set(&folder)}
                suggestions={panel.suggested_folders.clone()} />
            <div class="actions">
                <button id={format!("packet-submit-{}", props.device)} type="submit"
                    class="button button-primary" disabled={*job.running}>
                    { i18n.t("devices-packet-submit") }
                </button>
            </div>
            if *job.running {
                <SyncProgress progress={*job.progress} />
            }
            if let Some(text) = &*written {
                <p id={format!("packet-result-{}", props.device)} class="note" role="status">{ text }</p>
            }
        </form>
    }
}

/// Moves keyboard focus into a row's form when it opens.
#[hook]
fn use_focus_field(id: String) {
    use_effect_with((), move |_| focus_by_id(&id));
}
