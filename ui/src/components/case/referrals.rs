//! `#case-referrals`: the pathways the case is put forward for, each with its status and the day
//! each status was reached; marking the case as a candidate for a pathway (the list can grow);
//! moving a referral to its next status.

use pristan_ipc::{AddPathway, ListPathways, MarkReferral, UpdateReferral};
use pristan_model::referral::{Pathway, Referral, ReferralPriority, ReferralStatus};
use pristan_model::{ShortText, Stored};
use yew::prelude::*;

use super::{on_submit, CaseSection, SectionProps};
use crate::components::{SelectField, TextField};
use crate::format::long_date;
use crate::hooks::use_query;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn ReferralsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let pathways = use_query(&props.dispatch, (), |_| ListPathways);
    let pathways: Vec<Stored<Pathway>> = match &*pathways.answer {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let referrals = &props.file.coordination.referrals;
    let name_of = |referral: &Referral| {
        referral
            .pathway_id
            .and_then(|id| pathways.iter().find(|p| p.id == id))
            .map(|p| p.record.name.to_string())
            .unwrap_or_default()
    };
    html! {
        <CaseSection id="case-referrals" title={i18n.t("referrals-title")}>
            if referrals.is_empty() {
                <p class="muted">{ i18n.t("referrals-none") }</p>
            } else {
                <ul id="referral-list" class="plain-list">
                    { for referrals.iter().map(|r| referral_item(&i18n, props, r, name_of(&r.record))) }
                </ul>
            }
            <MarkForm section={props.clone()} pathways={pathways.clone()} />
            <PathwayForm section={props.clone()} />
        </CaseSection>
    }
}

fn referral_item(
    i18n: &I18n,
    props: &SectionProps,
    referral: &Stored<Referral>,
    name: String,
) -> Html {
    let record = &referral.record;
    let dates: Vec<String> = ReferralStatus::ALL
        .iter()
        .filter_map(|&status| {
            let date = record.date_of(status)?;
            Some(format!(
                "{}: {}",
                word(i18n, "referral-status", status.as_str()),
                long_date(i18n, date)
            ))
        })
        .collect();
    let next = ReferralStatus::ALL
        .iter()
        .copied()
        .find(|s| *s > record.status);
    let advance = next.map(|status| {
        let command = UpdateReferral {
            id: Some(referral.id),
            status: Some(status),
            ..UpdateReferral::default()
        };
        let onclick = props.send_then_reload(command).reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="button button-small referral-advance" {onclick}>
                { i18n.t_args("referral-move-to", &[("status", word(i18n, "referral-status", status.as_str()).into())]) }
            </button>
        }
    });
    html! {
        <li class="record-item referral-item">
            <div class="record-main">
                <p class="record-title">
                    <strong>{ name }</strong>{ " " }
                    <span class="badge">{ word(i18n, "referral-status", record.status.as_str()) }</span>
                    { " " }
                    <span class="badge">{ word(i18n, "referral-priority", record.priority.as_str()) }</span>
                    if let Some(decision) = record.decision {
                        { " " }
                        <span class="badge">{ word(i18n, "referral-decision", decision.as_str()) }</span>
                    }
                </p>
                <p class="muted">{ dates.join(" · ") }</p>
                if !record.recipient.is_empty() {
                    <p class="muted">
                        { i18n.t_args("referral-recipient", &[("recipient", record.recipient.to_string().into())]) }
                    </p>
                }
            </div>
            <div class="record-actions">{ advance.unwrap_or_default() }</div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct MarkFormProps {
    section: SectionProps,
    pathways: Vec<Stored<Pathway>>,
}

/// Marks the case as a candidate for a pathway, today.
#[function_component]
fn MarkForm(props: &MarkFormProps) -> Html {
    let i18n = use_i18n();
    let pathway = use_state(String::new);
    let priority = use_state(|| ReferralPriority::Normal.as_str().to_owned());
    let offered: Vec<(String, String)> = props
        .pathways
        .iter()
        .filter(|p| !p.record.retired)
        .map(|p| (p.id.to_string(), p.record.name.to_string()))
        .collect();
    let onsubmit = {
        let (section, pathway, priority) =
            (props.section.clone(), pathway.clone(), priority.clone());
        on_submit(move || {
            let (Ok(id), Some(priority)) = (pathway.parse(), ReferralPriority::parse(&priority))
            else {
                return;
            };
            let command = MarkReferral {
                case: section.case_id(),
                pathway: id,
                priority,
            };
            section.send_then_reload(command).emit(());
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    html! {
        <form id="referral-mark" class="verification-form" {onsubmit}>
            <SelectField id="referral-pathway" label={i18n.t("referral-pathway")}
                value={(*pathway).clone()} options={offered}
                empty={Some(i18n.t("none-chosen"))} on_change={set(&pathway)} />
            <SelectField id="referral-priority" label={i18n.t("referral-priority")}
                value={(*priority).clone()}
                options={options(&i18n, "referral-priority", ReferralPriority::ALL, ReferralPriority::as_str)}
                on_change={set(&priority)} />
            <button id="referral-mark-submit" type="submit" class="button button-small"
                disabled={pathway.is_empty()}>
                { i18n.t("referral-mark") }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct PathwayFormProps {
    section: SectionProps,
}

/// Adds a pathway to the organisation's list (its name, and whom referrals go to).
#[function_component]
fn PathwayForm(props: &PathwayFormProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| false);
    let name = use_state(String::new);
    let recipient = use_state(String::new);
    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(true))
        };
        return html! {
            <button id="pathway-add" type="button" class="link-button" {onclick}>
                { i18n.t("pathway-add") }
            </button>
        };
    }
    let onsubmit = {
        let (section, name, recipient, open) = (
            props.section.clone(),
            name.clone(),
            recipient.clone(),
            open.clone(),
        );
        on_submit(move || {
            let (Ok(n), Ok(r)) = (
                ShortText::new(name.trim()),
                ShortText::new(recipient.trim()),
            ) else {
                return;
            };
            let pathway = Pathway {
                name: n,
                recipient: r,
                ..Pathway::default()
            };
            open.set(false);
            section.send_then_reload(AddPathway { pathway }).emit(());
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    html! {
        <form id="pathway-form" class="verification-form" {onsubmit}>
            <TextField id="pathway-name" label={i18n.t("pathway-name")}
                value={(*name).clone()} on_input={set(&name)} />
            <TextField id="pathway-recipient" label={i18n.t("pathway-recipient")}
                value={(*recipient).clone()} on_input={set(&recipient)}
                hint={i18n.t("pathway-recipient-hint")} />
            <button id="pathway-save" type="submit" class="button button-small"
                disabled={name.trim().is_empty()}>
                { i18n.t("save") }
            </button>
        </form>
    }
}
