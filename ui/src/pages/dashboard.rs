//! `#dashboard`, the first screen of an open vault: removal-imminent cases first (their count and
//! the way to the deadlines board on top, then ranked, the first few expanded), then deadlines
//! in the next 14 days, upcoming visits, open tasks and unfinished write-ups. Every item opens its
//! case (or its write-up) with one click or Enter.

use chrono::NaiveDate;
use pristan_ipc::GetDashboard;
use pristan_model::board::RemovalImminent;
use pristan_model::views::{
    CaseRef, Dashboard, DashboardDeadline, DashboardTask, DashboardVisit, VisitDraftSummary,
};
use yew::prelude::*;

use crate::components::case::{priority_badge, CaseName, DeadlineFacts};
use crate::components::{BackupReminder, ErrorNote, RemovalReasons};
use crate::errors::describe;
use crate::format::{due_in, full_date, long_date, moment};
use crate::hooks::use_query;
use crate::i18n::{use_i18n, I18n};
use crate::labels::word;
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

#[function_component]
pub fn DashboardPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let query = use_query(&props.dispatch, (), |_| GetDashboard);
    let open_visit_guide = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowVisitGuide))
    };
    let body = match &*query.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(dashboard)) if dashboard.case_count == 0 => empty_state(&i18n, &props.dispatch),
        Some(Ok(dashboard)) => sections(&i18n, &props.dispatch, dashboard),
    };
    let count = match &*query.answer {
        Some(Ok(dashboard)) if dashboard.case_count > 0 => Some(i18n.t_args(
            "dashboard-case-count",
            &[("count", dashboard.case_count.into())],
        )),
        _ => None,
    };
    // `#home` stays as the home screen's name for tests written before the dashboard.
    html! {
        <div id="home" class="page page-wide">
            <section id="dashboard" aria-labelledby="dashboard-title">
                <div class="page-heading">
                    <h1 id="dashboard-title">{ i18n.t("dashboard-title") }</h1>
                    if let Some(count) = count {
                        <span class="muted">{ count }</span>
                    }
                </div>
                <BackupReminder dispatch={props.dispatch.clone()} />
                { body }
            </section>
            <div class="home-visit-guide">
                <p class="muted">{ i18n.t("home-visit-guide-hint") }</p>
                <button id="open-visit-guide" type="button" class="button button-quiet"
                    onclick={open_visit_guide}>
                    { i18n.t("home-visit-guide") }
                </button>
            </div>
        </div>
    }
}

fn empty_state(i18n: &I18n, dispatch: &Dispatch) -> Html {
    let add = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowNewCase))
    };
    html! {
        <div id="dashboard-empty" class="empty-state">
            <p class="empty-state-lead">{ i18n.t("dashboard-empty-title") }</p>
            <p class="muted">{ i18n.t("dashboard-empty-body") }</p>
            <button id="dashboard-add-first" type="button" class="button button-primary"
                onclick={add}>
                { i18n.t("dashboard-add-first") }
            </button>
        </div>
    }
}

fn sections(i18n: &I18n, dispatch: &Dispatch, dashboard: &Dashboard) -> Html {
    html! {
        <>
            <p class="muted">{ i18n.t("dashboard-intro") }</p>
            if !dashboard.removal_imminent.is_empty() {
                <RemovalImminentList dispatch={dispatch.clone()} today={dashboard.today}
                    cases={dashboard.removal_imminent.clone()} />
            }
            <DashSection id="dashboard-deadlines" title={i18n.t("dashboard-deadlines-title")}
                empty={i18n.t("dashboard-deadlines-none")} count={dashboard.deadlines.len()}>
                { for dashboard.deadlines.iter().map(|item| deadline(dispatch, dashboard, item)) }
            </DashSection>
            <DashSection id="dashboard-visits" title={i18n.t("dashboard-visits-title")}
                empty={i18n.t("dashboard-visits-none")} count={dashboard.visits.len()}>
                { for dashboard.visits.iter().map(|item| visit(i18n, dispatch, dashboard, item)) }
            </DashSection>
            <DashSection id="dashboard-tasks" title={i18n.t("dashboard-tasks-title")}
                empty={i18n.t("dashboard-tasks-none")} count={dashboard.tasks.len()}>
                { for dashboard.tasks.iter().map(|item| task(i18n, dispatch, dashboard, item)) }
            </DashSection>
            <DashSection id="dashboard-drafts" title={i18n.t("dashboard-drafts-title")}
                empty={i18n.t("dashboard-drafts-none")} count={dashboard.drafts.len()}>
                { for dashboard.drafts.iter().map(|(case, draft)| draft_item(i18n, dispatch, case, draft)) }
            </DashSection>
        </>
    }
}

fn deadline(dispatch: &Dispatch, dashboard: &Dashboard, item: &DashboardDeadline) -> Html {
    let overdue = item.deadline.due < dashboard.today;
    html! {
        <li>
            <CaseButton dispatch={dispatch.clone()} case={item.case.clone()}
                class={classes!("dash-item", overdue.then_some("dash-item-overdue"))}>
                <DeadlineFacts deadline={item.deadline.clone()} today={dashboard.today} compact=true />
            </CaseButton>
        </li>
    }
}

fn visit(i18n: &I18n, dispatch: &Dispatch, dashboard: &Dashboard, item: &DashboardVisit) -> Html {
    let visit = &item.visit.record;
    let mut facts = Vec::new();
    if let Some(date) = visit.date {
        facts.push(format!(
            "{} ({})",
            long_date(i18n, date),
            due_in(i18n, dashboard.today, date)
        ));
    }
    facts.push(word(i18n, "case-visit-mode", visit.mode.as_str()));
    if let Some(facility) = &item.facility_name {
        facts.push(facility.clone());
    }
    html! {
        <li>
            <CaseButton dispatch={dispatch.clone()} case={item.case.clone()} class="dash-item">
                <span class="dash-line">{ facts.join(" · ") }</span>
            </CaseButton>
        </li>
    }
}

fn task(i18n: &I18n, dispatch: &Dispatch, dashboard: &Dashboard, item: &DashboardTask) -> Html {
    let task = &item.task.record;
    let mut facts = Vec::new();
    if let Some(due) = task.due {
        let due_line = i18n.t_args("task-due-line", &[("date", full_date(i18n, due).into())]);
        facts.push(format!(
            "{due_line} ({})",
            due_in(i18n, dashboard.today, due)
        ));
    }
    let overdue = task.due.is_some_and(|due| due < dashboard.today);
    let content = html! {
        <>
            <span class="dash-title">{ task.title.as_str() }{ " " }{ priority_badge(i18n, task.priority) }</span>
            if !facts.is_empty() {
                <span class="dash-line">{ facts.join(" · ") }</span>
            }
        </>
    };
    let class = classes!("dash-item", overdue.then_some("dash-item-overdue"));
    match &item.case {
        Some(case) => html! {
            <li>
                <CaseButton dispatch={dispatch.clone()} case={case.clone()} {class}>
                    { content }
                </CaseButton>
            </li>
        },
        None => html! {
            <li>
                <div {class}>
                    <span class="dash-case muted">{ i18n.t("dashboard-no-case") }</span>
                    { content }
                </div>
            </li>
        },
    }
}

fn draft_item(i18n: &I18n, dispatch: &Dispatch, case: &CaseRef, draft: &VisitDraftSummary) -> Html {
    let onclick = {
        let dispatch = dispatch.clone();
        let (case_id, draft_id) = (draft.case_id, draft.id);
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::OpenVisitWriteUp { case_id, draft_id })
        })
    };
    html! {
        <li>
            <button type="button" class="dash-item" {onclick}>
                <CaseName name={case.name.clone()} native_name={case.native_name.clone()} class="dash-case" />
                <span class="dash-line">
                    { i18n.t_args("dashboard-draft-saved", &[("when", moment(i18n, draft.updated_at).into())]) }
                </span>
            </button>
        </li>
    }
}

/// Removal-imminent cases drawn in full (with every fact that ranks them), then in one line each.
const EXPANDED: usize = 3;
/// Rows on the dashboard in all; the rest are on the board.
const ON_DASHBOARD: usize = 12;

#[derive(Properties, PartialEq)]
struct RemovalImminentProps {
    dispatch: Dispatch,
    today: NaiveDate,
    cases: Vec<RemovalImminent>,
}

/// `#dashboard-removal-imminent`: how many people could be removed any day and the way to the
/// board on top, then the most urgent of them ranked, the first few expanded.
#[function_component]
fn RemovalImminentList(props: &RemovalImminentProps) -> Html {
    let i18n = use_i18n();
    let open_board = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowBoard))
    };
    let count = props.cases.len();
    let more = count.saturating_sub(ON_DASHBOARD);
    html! {
        <section id="dashboard-removal-imminent" class="panel panel-danger"
            aria-labelledby="dashboard-removal-title">
            <div class="removal-head">
                <h2 id="dashboard-removal-title">
                    { i18n.t_args("dashboard-removal-count", &[("count", count.into())]) }
                </h2>
                <button id="dashboard-open-board" type="button" class="button button-primary"
                    onclick={open_board.clone()}>
                    { i18n.t("dashboard-removal-open-board") }
                </button>
            </div>
            <p class="muted">{ i18n.t("dashboard-removal-advice") }{ " " }{ i18n.t("removal-order-explained") }</p>
            <ol class="removal-list">
                { for props.cases.iter().take(ON_DASHBOARD).enumerate().map(|(index, item)| {
                    let expanded = index < EXPANDED;
                    let onclick = {
                        let (dispatch, id) = (props.dispatch.clone(), item.case.id);
                        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
                    };
                    html! {
                        <li class={classes!("removal-item", expanded.then_some("removal-item-expanded"))}>
                            <button type="button" {onclick}
                                class={classes!("dash-item", "dash-item-danger", (!expanded).then_some("removal-row"))}>
                                <span class="board-rank">
                                    { i18n.t_args("removal-rank", &[("rank", (index + 1).into())]) }
                                </span>
                                <CaseName name={item.case.name.clone()} native_name={item.case.native_name.clone()}
                                    class="dash-case" />
                                <RemovalReasons facts={item.facts.clone()} today={props.today}
                                    compact={!expanded} />
                            </button>
                        </li>
                    }
                }) }
            </ol>
            if more > 0 {
                <button id="dashboard-removal-more" type="button" class="link-button"
                    onclick={open_board}>
                    { i18n.t_args("dashboard-removal-more", &[("count", more.into())]) }
                </button>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DashSectionProps {
    id: AttrValue,
    title: String,
    empty: String,
    count: usize,
    children: Html,
}

/// A titled panel with its list, or a quiet line saying the list is empty.
#[function_component]
fn DashSection(props: &DashSectionProps) -> Html {
    let title_id = format!("{}-title", props.id);
    html! {
        <section id={props.id.clone()} class="panel" aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ &props.title }</h2>
            if props.count == 0 {
                <p class="muted dash-empty">{ &props.empty }</p>
            } else {
                <ul class="dash-list">{ props.children.clone() }</ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CaseButtonProps {
    dispatch: Dispatch,
    case: CaseRef,
    #[prop_or_default]
    class: Classes,
    children: Html,
}

/// A whole list item that opens its case: the case's names first, then what is due.
#[function_component]
fn CaseButton(props: &CaseButtonProps) -> Html {
    let onclick = {
        let (dispatch, id) = (props.dispatch.clone(), props.case.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
    };
    html! {
        <button type="button" class={props.class.clone()} {onclick}>
            <CaseName name={props.case.name.clone()} native_name={props.case.native_name.clone()}
                class="dash-case" />
            { props.children.clone() }
        </button>
    }
}
