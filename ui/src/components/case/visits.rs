//! `#case-visits`: visits so far (newest first), the button that starts a write-up, and the
//! write-ups left unfinished, to resume.

use pristan_model::views::VisitDraftSummary;
use pristan_model::{Stored, Visit};
use yew::prelude::*;

use super::{CaseSection, SectionProps};
use crate::format::{clock_time, long_date, moment};
use crate::i18n::{use_i18n, I18n};
use crate::ids::new_entity_id;
use crate::labels::word;
use crate::state::Action;

#[function_component]
pub fn VisitsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let file = &props.file;
    let write_up = {
        let (dispatch, case_id) = (props.dispatch.clone(), props.case_id());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::OpenVisitWriteUp {
                case_id,
                draft_id: new_entity_id(),
            })
        })
    };
    let action = html! {
        <button id="write-up-visit" type="button" class="button button-small button-primary"
            onclick={write_up}>
            { i18n.t("case-write-up-visit") }
        </button>
    };
    html! {
        <CaseSection id="case-visits" title={i18n.t("case-visits-title")} {action}>
            if !file.drafts.is_empty() {
                <div id="case-drafts" class="drafts">
                    <h3>{ i18n.t("case-drafts-title") }</h3>
                    <ul class="plain-list">
                        { for file.drafts.iter().map(|draft| draft_item(&i18n, props, draft)) }
                    </ul>
                </div>
            }
            if file.visits.is_empty() {
                <p class="muted">{ i18n.t("case-visits-none") }</p>
            } else {
                <ul class="plain-list visit-list">
                    { for file.visits.iter().map(|visit| visit_item(&i18n, props, visit)) }
                </ul>
            }
        </CaseSection>
    }
}

fn draft_item(i18n: &I18n, props: &SectionProps, draft: &VisitDraftSummary) -> Html {
    let resume = {
        let dispatch = props.dispatch.clone();
        let (case_id, draft_id) = (draft.case_id, draft.id);
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::OpenVisitWriteUp { case_id, draft_id })
        })
    };
    html! {
        <li class="draft-item">
            <span>
                { i18n.t_args("case-draft-item", &[("when", moment(i18n, draft.updated_at).into())]) }
            </span>
            <button type="button" class="button button-small button-quiet resume-draft" onclick={resume}>
                { i18n.t("case-draft-resume") }
            </button>
        </li>
    }
}

fn visit_item(i18n: &I18n, props: &SectionProps, visit: &Stored<Visit>) -> Html {
    let record = &visit.record;
    let mut when = record
        .date
        .map(|date| long_date(i18n, date))
        .unwrap_or_else(|| i18n.t("not-recorded"));
    if let Some(time) = record.start_time {
        when = format!("{when}, {}", clock_time(i18n, time));
    }
    let mut facts = vec![word(i18n, "case-visit-mode", record.mode.as_str())];
    if let Some(facility) = props.facility_name(record.facility_id) {
        facts.push(facility);
    }
    if !record.language.is_empty() {
        facts.push(i18n.t_args(
            "case-visit-language",
            &[("language", record.language.to_string().into())],
        ));
    }
    if !record.interpreter.is_empty() {
        facts.push(i18n.t_args(
            "case-visit-interpreter",
            &[("name", record.interpreter.to_string().into())],
        ));
    }
    if !record.visitors.is_empty() {
        facts.push(i18n.t_args(
            "case-visit-visitors",
            &[("names", record.visitors.to_string().into())],
        ));
    }
    html! {
        <li class="visit-item">
            <strong>{ when }</strong>
            <span class="muted">{ facts.join(" · ") }</span>
        </li>
    }
}
