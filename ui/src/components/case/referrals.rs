//! `#case-referrals`: the pathways the case is put forward for, each with its status and the day
//! each status was reached; marking the case as a candidate for a pathway; moving a referral to
//! its next status; exporting its dossier (`dossier_export.rs`); editing the list of pathways
//! (`pathways.rs`).

use pristan_ipc::{ListPathways, MarkReferral, UpdateReferral};
use pristan_model::referral::{Pathway, Referral, ReferralPriority, ReferralStatus};
use pristan_model::Stored;
use yew::prelude::*;

use super::dossier_export::DossierExport;
use super::pathways::{is_retired, PathwayEditor};
use super::{on_submit, CaseSection, SectionProps};
use crate::components::SelectField;
use crate::format::long_date;
use crate::hooks::use_query;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn ReferralsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let query = use_query(&props.dispatch, (), |_| ListPathways);
    let pathways: Vec<Stored<Pathway>> = match &*query.answer {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let referrals = &props.file.coordination.referrals;
    let name_of = |referral: &Referral| {
        let name = referral
            .pathway_id
            .and_then(|id| pathways.iter().find(|p| p.id == id))
            .map(|p| p.record.name.to_string())
            .unwrap_or_default();
        if is_retired(&pathways, referral.pathway_id) {
            i18n.t_args("referral-pathway-retired", &[("name", name.into())])
        } else {
            name
        }
    };
    let on_pathways_changed = {
        let (reload, on_changed) = (query.reload.clone(), props.on_changed.clone());
        Callback::from(move |()| {
            reload.emit(());
            on_changed.emit(());
        })
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
            <DossierExport ..props.clone() />
            <MarkForm section={props.clone()} pathways={pathways.clone()} />
            <PathwayEditor section={props.clone()} {pathways} on_changed={on_pathways_changed} />
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
