//! The organisation's list of pathways, edited from `#case-referrals`: add one, rename it (or
//! change whom its referrals go to), retire it — no longer offered for new referrals, still shown
//! on the referrals that name it — or put it back. Each change is an operation, so it reaches
//! the other coordinators; only a coordinator may make it (the core refuses anyone else).

use pristan_ipc::{AddPathway, UpdatePathway};
use pristan_model::referral::Pathway;
use pristan_model::{EntityId, Stored};
use yew::prelude::*;

use super::{on_submit, set, short_text, toggle, use_form_status, SectionProps};
use crate::components::TextField;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct PathwaysProps {
    pub section: SectionProps,
    pub pathways: Vec<Stored<Pathway>>,
    /// Called after a change was saved, so the list (and the case) are read again.
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn PathwayEditor(props: &PathwaysProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| false);
    if !*open {
        return html! {
            <button id="pathways-edit" type="button" class="link-button"
                onclick={toggle(&open, true).reform(|_: MouseEvent| ())}>
                { i18n.t("pathways-edit") }
            </button>
        };
    }
    html! {
        <div id="pathways-editor" class="subpanel">
            <h3>{ i18n.t("pathways-title") }</h3>
            <p class="muted">{ i18n.t("pathways-intro") }</p>
            <ul id="pathway-list" class="plain-list">
                { for props.pathways.iter().map(|p| html! {
                    <PathwayRow key={p.id.to_string()} section={props.section.clone()}
                        pathway={p.clone()} on_changed={props.on_changed.clone()} />
                }) }
            </ul>
            <NewPathway section={props.section.clone()} on_changed={props.on_changed.clone()} />
            <button id="pathways-done" type="button" class="button button-small button-quiet"
                onclick={toggle(&open, false).reform(|_: MouseEvent| ())}>
                { i18n.t("pathways-done") }
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    section: SectionProps,
    pathway: Stored<Pathway>,
    on_changed: Callback<()>,
}

/// One pathway: its name and recipient, and renaming, retiring or restoring it.
#[function_component]
fn PathwayRow(props: &RowProps) -> Html {
    let i18n = use_i18n();
    let editing = use_state(|| false);
    let name = use_state(|| props.pathway.record.name.to_string());
    let recipient = use_state(|| props.pathway.record.recipient.to_string());
    let form = use_form_status();
    let (id, record) = (props.pathway.id, &props.pathway.record);
    let retire = {
        let (form, dispatch, on_changed) = (
            form.clone(),
            props.section.dispatch.clone(),
            props.on_changed.clone(),
        );
        let command = UpdatePathway {
            id,
            pathway: Pathway {
                retired: !record.retired,
                ..record.clone()
            },
        };
        Callback::from(move |_: MouseEvent| {
            let on_changed = on_changed.clone();
            form.send(i18n, &dispatch, command.clone(), move |()| {
                on_changed.emit(())
            });
        })
    };
    let row_id = format!("pathway-{id}");
    if *editing {
        let onsubmit = {
            let (form, name, recipient, record) = (
                form.clone(),
                name.clone(),
                recipient.clone(),
                record.clone(),
            );
            let (section_dispatch, on_changed, done) = (
                props.section.dispatch.clone(),
                props.on_changed.clone(),
                toggle(&editing, false),
            );
            on_submit(move || {
                let read = short_text(&i18n, &i18n.t("pathway-name"), name.trim()).and_then(|n| {
                    let r = short_text(&i18n, &i18n.t("pathway-recipient"), recipient.trim())?;
                    Ok((n, r))
                });
                let command = read.and_then(|(name, recipient)| {
                    if name.is_empty() {
                        return Err(i18n.t("pathway-name-needed"));
                    }
                    Ok(UpdatePathway {
                        id,
                        pathway: Pathway {
                            name,
                            recipient,
                            ..record.clone()
                        },
                    })
                });
                form.save(i18n, &section_dispatch, command, &done, &on_changed);
            })
        };
        return html! {
            <li id={row_id.clone()} class="record-item">
                <form class="verification-form" {onsubmit}>
                    <TextField id={format!("{row_id}-name")} label={i18n.t("pathway-name")}
                        value={(*name).clone()} on_input={set(&name)} />
                    <TextField id={format!("{row_id}-recipient")} label={i18n.t("pathway-recipient")}
                        value={(*recipient).clone()} on_input={set(&recipient)}
                        hint={i18n.t("pathway-recipient-hint")} />
                    <button id={format!("{row_id}-save")} type="submit" class="button button-small"
                        disabled={*form.busy}>
                        { i18n.t("save") }
                    </button>
                    <button type="button" class="button button-small button-quiet"
                        onclick={toggle(&editing, false).reform(|_: MouseEvent| ())}>
                        { i18n.t("cancel") }
                    </button>
                </form>
                { form.view() }
            </li>
        };
    }
    html! {
        <li id={row_id.clone()} class="record-item">
            <div class="record-main">
                <p class="record-title">
                    <strong>{ record.name.as_str() }</strong>
                    if record.retired {
                        { " " }<span class="badge">{ i18n.t("pathway-retired") }</span>
                    }
                </p>
                if !record.recipient.is_empty() {
                    <p class="muted">
                        { i18n.t_args("pathway-goes-to", &[("recipient", record.recipient.to_string().into())]) }
                    </p>
                }
                { form.view() }
            </div>
            <div class="record-actions">
                <button id={format!("{row_id}-rename")} type="button" class="button button-small button-quiet"
                    onclick={toggle(&editing, true).reform(|_: MouseEvent| ())}>
                    { i18n.t("pathway-rename") }
                </button>
                <button id={format!("{row_id}-retire")} type="button" class="button button-small button-quiet"
                    disabled={*form.busy} onclick={retire}>
                    { i18n.t(if record.retired { "pathway-restore" } else { "pathway-retire" }) }
                </button>
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct NewPathwayProps {
    section: SectionProps,
    on_changed: Callback<()>,
}

/// Adds a pathway to the list: its name, and whom referrals go to.
#[function_component]
fn NewPathway(props: &NewPathwayProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let recipient = use_state(String::new);
    let form = use_form_status();
    let onsubmit = {
        let (form, name, recipient) = (form.clone(), name.clone(), recipient.clone());
        let (dispatch, on_changed) = (props.section.dispatch.clone(), props.on_changed.clone());
        let clear = {
            let (name, recipient) = (name.clone(), recipient.clone());
            Callback::from(move |()| {
                name.set(String::new());
                recipient.set(String::new());
            })
        };
        on_submit(move || {
            let command = short_text(&i18n, &i18n.t("pathway-name"), name.trim()).and_then(|n| {
                let r = short_text(&i18n, &i18n.t("pathway-recipient"), recipient.trim())?;
                Ok(AddPathway {
                    pathway: Pathway {
                        name: n,
                        recipient: r,
                        ..Pathway::default()
                    },
                })
            });
            form.save(i18n, &dispatch, command, &clear, &on_changed);
        })
    };
    html! {
        <form id="pathway-form" class="verification-form" {onsubmit}>
            <TextField id="pathway-name" label={i18n.t("pathway-name")}
                value={(*name).clone()} on_input={set(&name)} />
            <TextField id="pathway-recipient" label={i18n.t("pathway-recipient")}
                value={(*recipient).clone()} on_input={set(&recipient)}
                hint={i18n.t("pathway-recipient-hint")} />
            <button id="pathway-save" type="submit" class="button button-small"
                disabled={name.trim().is_empty() || *form.busy}>
                { i18n.t("pathway-add") }
            </button>
            { form.view() }
        </form>
    }
}

/// Whether `id` names a retired pathway of `list` (shown on its referrals).
pub fn is_retired(list: &[Stored<Pathway>], id: Option<EntityId>) -> bool {
    id.and_then(|id| list.iter().find(|p| p.id == id))
        .is_some_and(|p| p.record.retired)
}
