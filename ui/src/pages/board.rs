//! `#board`, the deadlines board: every case's open deadlines across the organisation,
//! removal-imminent cases first (ranked, each with what ranks it and a flight's countdown), then
//! the others by their next deadline. Filters narrow it; ↓/j and ↑/k move between rows, Enter
//! (or a click) opens the case.

use chrono::NaiveDate;
use pristan_ipc::GetBoard;
use pristan_model::board::{Board, BoardFilter, BoardRow, ReferralFilter};
use pristan_model::referral::ReferralStatus;
use pristan_model::views::CaseDeadline;
use pristan_model::CustodyStatus;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use crate::components::case::{CaseName, DeadlineFacts};
use crate::components::{ErrorNote, RemovalReasons, SelectField, WorkingGroupExport};
use crate::errors::describe;
use crate::hooks::{focus_after_render, focus_by_id, use_query};
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

/// Rows drawn at first, and added by each "Show more": enough for a screenful and more, few
/// enough that a thousand-case board draws at once.
const ROWS_AT_A_TIME: usize = 100;

#[function_component]
pub fn BoardPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let filter = use_state(BoardFilter::default);
    let query = use_query(&props.dispatch, (*filter).clone(), |filter| GetBoard {
        filter: filter.clone(),
    });
    let shown = use_state(|| ROWS_AT_A_TIME);
    {
        // A new filter starts again from the top of its rows.
        let shown = shown.clone();
        use_effect_with((*filter).clone(), move |_| shown.set(ROWS_AT_A_TIME));
    }
    // The first answer with rows puts focus on the first row, so the keys work at once; later
    // answers (after a filter changed) leave focus on the filter.
    let focused_once = use_mut_ref(|| false);
    let has_rows = matches!(&*query.answer, Some(Ok(board)) if !board.rows.is_empty());
    use_effect_with(has_rows, move |&has_rows| {
        if has_rows && !*focused_once.borrow() {
            *focused_once.borrow_mut() = true;
            focus_after_render(row_id(0));
        }
    });
    let body = match &*query.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(board)) => html! {
            <>
                <Filters filter={filter.clone()} board={board.clone()} />
                <p id="board-count" class="muted" role="status">
                    { i18n.t_args("board-count", &[
                        ("shown", board.rows.len().into()),
                        ("total", board.case_count.into()),
                    ]) }
                    if board.removal_imminent > 0 {
                        { " · " }
                        <span class="board-count-removal">
                            { i18n.t_args("board-removal-count", &[("count", board.removal_imminent.into())]) }
                        </span>
                    }
                </p>
                { rows(&i18n, &props.dispatch, board, &filter, &shown) }
            </>
        },
    };
    html! {
        <div class="page page-wide">
            <section id="board" aria-labelledby="board-title">
                <div class="page-heading">
                    <h1 id="board-title">{ i18n.t("board-title") }</h1>
                    <WorkingGroupExport dispatch={props.dispatch.clone()} />
                </div>
                <p class="muted">{ i18n.t("board-intro") }</p>
                <p class="muted board-keys">{ i18n.t("board-keys") }</p>
                { body }
            </section>
        </div>
    }
}

fn rows(
    i18n: &I18n,
    dispatch: &Dispatch,
    board: &Board,
    filter: &UseStateHandle<BoardFilter>,
    shown: &UseStateHandle<usize>,
) -> Html {
    if board.rows.is_empty() {
        let empty = if **filter == BoardFilter::default() {
            "board-none-at-all"
        } else {
            "board-none"
        };
        return html! { <p id="board-empty" class="muted dash-empty">{ i18n.t(empty) }</p> };
    }
    let count = board.rows.len();
    let drawn = (**shown).min(count);
    let more = count - drawn;
    let show_more = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| {
            let first_new = *shown;
            shown.set(*shown + ROWS_AT_A_TIME);
            focus_after_render(row_id(first_new));
        })
    };
    html! {
        <>
            <ol id="board-rows" class="board-rows" aria-label={i18n.t("board-rows-label")}>
                { for board.rows[..drawn].iter().enumerate().map(|(index, row)| html! {
                    <BoardLine dispatch={dispatch.clone()} row={row.clone()} {index}
                        last={drawn - 1} rank={row.removal.is_some().then_some(index + 1)}
                        today={board.today} />
                }) }
            </ol>
            if more > 0 {
                <button id="board-show-more" type="button" class="button button-quiet"
                    onclick={show_more}>
                    { i18n.t_args("board-show-more", &[("count", more.min(ROWS_AT_A_TIME).into())]) }
                </button>
            }
        </>
    }
}

fn row_id(index: usize) -> String {
    format!("board-row-{index}")
}

#[derive(Properties, PartialEq)]
struct BoardLineProps {
    dispatch: Dispatch,
    row: BoardRow,
    index: usize,
    /// The index of the last row drawn.
    last: usize,
    /// The place among removal-imminent cases, 1 first.
    rank: Option<usize>,
    today: NaiveDate,
}

/// One case: its place and why, names and where they are, and its next deadline.
#[function_component]
fn BoardLine(props: &BoardLineProps) -> Html {
    let i18n = use_i18n();
    let row = &props.row;
    let onclick = {
        let (dispatch, id) = (props.dispatch.clone(), row.case.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
    };
    let onkeydown = {
        let (index, last) = (props.index, props.last);
        Callback::from(move |event: KeyboardEvent| {
            let target = match event.key().as_str() {
                "ArrowDown" | "j" => Some((index + 1).min(last)),
                "ArrowUp" | "k" => Some(index.saturating_sub(1)),
                "Home" => Some(0),
                "End" => Some(last),
                _ => None,
            };
            if let Some(target) = target {
                event.prevent_default();
                focus_by_id(&row_id(target));
            }
        })
    };
    let mut place = vec![word(&i18n, "custody-status", row.custody_status.as_str())];
    place.push(
        row.facility_name
            .clone()
            .unwrap_or_else(|| i18n.t("board-facility-unknown")),
    );
    if !row.volunteers.is_empty() {
        place.push(i18n.t_args(
            "board-volunteers",
            &[("names", row.volunteers.join(", ").into())],
        ));
    }
    let removal = row.removal.is_some();
    html! {
        <li class={classes!("board-item", removal.then_some("board-item-removal"))}>
            <button id={row_id(props.index)} type="button" class="board-row" data-case={row.case.id.to_string()}
                {onclick} {onkeydown}>
                <span class="board-row-who">
                    if let Some(rank) = props.rank {
                        <span class="board-rank">{ i18n.t_args("removal-rank", &[("rank", rank.into())]) }</span>
                    }
                    <CaseName name={row.case.name.clone()} native_name={row.case.native_name.clone()}
                        class="board-names" />
                    <span class="board-place muted">{ place.join(" · ") }</span>
                    if let Some(status) = row.referral {
                        <span class={classes!("badge", "board-referral")}>
                            { word(&i18n, "referral-status", status.as_str()) }
                        </span>
                    }
                </span>
                <span class="board-row-what">
                    if let Some(facts) = &row.removal {
                        <span class="badge badge-danger">{ i18n.t("board-removal-badge") }</span>
                        <RemovalReasons facts={facts.clone()} today={props.today} compact=true />
                    }
                    if let Some(next) = next_deadline(&row.deadlines, props.today) {
                        <DeadlineFacts deadline={next.clone()} today={props.today} compact=true />
                        if row.deadlines.len() > 1 {
                            <span class="muted board-more">
                                { i18n.t_args("board-deadline-more", &[("count", (row.deadlines.len() - 1).into())]) }
                            </span>
                        }
                    } else {
                        <span class="muted">{ i18n.t("board-no-open-deadline") }</span>
                    }
                </span>
            </button>
        </li>
    }
}

/// The deadline a row shows: the next one still to come, or when all have passed, the one missed
/// most recently (a motion deadline missed half a year ago says less than one due next week).
fn next_deadline(deadlines: &[CaseDeadline], today: NaiveDate) -> Option<&CaseDeadline> {
    deadlines
        .iter()
        .find(|d| d.due >= today)
        .or_else(|| deadlines.last())
}

fn referral_value(filter: Option<ReferralFilter>) -> String {
    match filter {
        None => String::new(),
        Some(ReferralFilter::NotReferred) => "none".to_owned(),
        Some(ReferralFilter::Status(status)) => status.as_str().to_owned(),
    }
}

fn referral_filter(value: &str) -> Option<ReferralFilter> {
    match value {
        "none" => Some(ReferralFilter::NotReferred),
        other => ReferralStatus::parse(other).map(ReferralFilter::Status),
    }
}

#[derive(Properties, PartialEq)]
struct FiltersProps {
    filter: UseStateHandle<BoardFilter>,
    board: Board,
}

/// Facility, volunteer, custody and referral; each change asks the core for the board again.
#[function_component]
fn Filters(props: &FiltersProps) -> Html {
    let i18n = use_i18n();
    let filter = &props.filter;
    let change = |apply: fn(&mut BoardFilter, String)| {
        let filter = filter.clone();
        Callback::from(move |value: String| {
            let mut next = (*filter).clone();
            apply(&mut next, value);
            filter.set(next);
        })
    };
    let facilities: Vec<(String, String)> = props
        .board
        .facilities
        .iter()
        .map(|f| (f.id.to_string(), f.name.clone()))
        .collect();
    let volunteers: Vec<(String, String)> = props
        .board
        .volunteers
        .iter()
        .map(|v| (v.id.to_string(), v.name.clone()))
        .collect();
    let referrals: Vec<(String, String)> =
        std::iter::once(("none".to_owned(), i18n.t("board-referral-none")))
            .chain(ReferralStatus::ALL.iter().map(|s| {
                let value = s.as_str();
                (value.to_owned(), word(&i18n, "referral-status", value))
            }))
            .collect();
    let clear = {
        let filter = filter.clone();
        Callback::from(move |_: MouseEvent| filter.set(BoardFilter::default()))
    };
    let any = Some(i18n.t("board-filter-any"));
    let text = |value: Option<String>| value.unwrap_or_default();
    html! {
        <fieldset id="board-filters" class="board-filters">
            <legend>{ i18n.t("board-filters") }</legend>
            <SelectField id="board-filter-facility" label={i18n.t("board-filter-facility")}
                value={text(filter.facility.map(|f| f.to_string()))} options={facilities}
                empty={any.clone()}
                on_change={change(|f, v| f.facility = v.parse().ok())} />
            if !props.board.volunteers.is_empty() {
                <SelectField id="board-filter-volunteer" label={i18n.t("board-filter-volunteer")}
                    value={text(filter.volunteer.map(|d| d.to_string()))} options={volunteers}
                    empty={any.clone()}
                    on_change={change(|f, v| f.volunteer = v.parse().ok())} />
            }
            <SelectField id="board-filter-custody" label={i18n.t("board-filter-custody")}
                value={text(filter.custody.map(|c| c.as_str().to_owned()))}
                options={options(&i18n, "custody-status", CustodyStatus::ALL, CustodyStatus::as_str)}
                empty={any.clone()}
                on_change={change(|f, v| f.custody = CustodyStatus::parse(&v))} />
            <SelectField id="board-filter-referral" label={i18n.t("board-filter-referral")}
                value={referral_value(filter.referral)} options={referrals}
                empty={any}
                on_change={change(|f, v| f.referral = referral_filter(&v))} />
            if **filter != BoardFilter::default() {
                <button id="board-filter-clear" type="button" class="button button-quiet"
                    onclick={clear}>
                    { i18n.t("board-filter-clear") }
                </button>
            }
        </fieldset>
    }
}
