//! `#case-deadlines`: the deadlines that follow from the case's legal events, each with its due
//! date, why it moved past the plain count, its rule, and the reminder that it is an estimate.

use chrono::NaiveDate;
use pristan_model::views::{CaseDeadline, RolledFor};
use yew::prelude::*;

use super::{CaseSection, SectionProps};
use crate::core_words;
use crate::format::{days_between, due_in, full_date, long_date, today};
use crate::i18n::use_i18n;
use crate::labels::{deadline_kind, word};

#[function_component]
pub fn DeadlinesSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let deadlines = &props.file.status.deadlines;
    let today = today();
    html! {
        <CaseSection id="case-deadlines" title={i18n.t("deadlines-title")}>
            <p class="muted">{ i18n.t("deadlines-intro") }</p>
            if deadlines.is_empty() {
                <p class="muted">{ i18n.t("deadlines-none") }</p>
            } else {
                <ul class="deadline-list">
                    { for deadlines.iter().map(|deadline| {
                        let class = classes!(
                            "deadline",
                            deadline.met_by.is_some().then_some("deadline-met"),
                            (deadline.met_by.is_none() && deadline.due < today)
                                .then_some("deadline-overdue"),
                        );
                        html! {
                            <li {class}>
                                <DeadlineFacts deadline={deadline.clone()} {today} compact=false />
                            </li>
                        }
                    }) }
                </ul>
            }
        </CaseSection>
    }
}

#[derive(Properties, PartialEq)]
pub struct DeadlineFactsProps {
    pub deadline: CaseDeadline,
    pub today: NaiveDate,
    /// On the dashboard: without the count, the reason it moved and the rule's note.
    #[prop_or_default]
    pub compact: bool,
}

/// What a deadline is, when it is due, and how it was worked out.
#[function_component]
pub fn DeadlineFacts(props: &DeadlineFactsProps) -> Html {
    let i18n = use_i18n();
    let deadline = &props.deadline;
    let kind = deadline_kind(deadline.kind);
    let met = deadline.met_by.is_some();
    let status = due_in(&i18n, props.today, deadline.due);
    // A week or less left (or already past) is shown in red; further off, in the plain colour.
    let soon = days_between(props.today, deadline.due) <= 7;
    let moved = deadline.rolled_for.as_ref().map(|reason| {
        let date = long_date(&i18n, deadline.nominal_date);
        match reason {
            RolledFor::Weekend => i18n.t_args("deadline-moved-weekend", &[("date", date.into())]),
            RolledFor::Holiday { holiday } => i18n.t_args(
                "deadline-moved-holiday",
                &[
                    ("date", date.into()),
                    ("holiday", core_words::holiday(&i18n, *holiday).into()),
                ],
            ),
        }
    });
    html! {
        <span class="deadline-facts">
            <span class="deadline-head">
                <span class="deadline-kind">{ word(&i18n, "deadline-kind", kind) }</span>
                <span class={classes!("badge", if met { "badge-met" } else { "badge-open" })}>
                    { if met { i18n.t("deadline-met") } else { i18n.t("deadline-open") } }
                </span>
            </span>
            <span class="deadline-due">
                { i18n.t_args("deadline-due", &[("date", full_date(&i18n, deadline.due).into())]) }
                if !met {
                    { " — " }
                    <span class={classes!("deadline-status", soon.then_some("deadline-soon"))}>
                        { status }
                    </span>
                }
            </span>
            if !props.compact {
                <span class="deadline-line">
                    { i18n.t_args("deadline-counted-from", &[
                        ("days", deadline.days.into()),
                        ("date", long_date(&i18n, deadline.trigger_date).into()),
                    ]) }
                </span>
                if let Some(moved) = moved {
                    <span class="deadline-line">{ moved }</span>
                }
                if let Some(forum) = deadline.forum {
                    <span class="deadline-line deadline-forum">
                        { core_words::forum(&i18n, forum) }
                    </span>
                }
                <span class="deadline-line">{ word(&i18n, "deadline-note", kind) }</span>
                <span class="deadline-line deadline-counting">
                    { core_words::counting(&i18n, deadline.counting) }
                </span>
            }
            <span class="deadline-line deadline-source">
                { i18n.t_args("deadline-source", &[("source", deadline.source.clone().into())]) }
            </span>
            <span class="deadline-line deadline-disclaimer">{ i18n.t("estimate-disclaimer") }</span>
        </span>
    }
}
