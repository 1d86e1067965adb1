//! Every case, with instant search (`#case-search`). Typing searches names in either script,
//! A-numbers however written, and words in notes and evidence; each result (`.case-result` in
//! `#case-results`) opens its case with a click or Enter. Arrow keys move between the field and
//! the results. The list carries the words it answers in `data-query`, so that a test (or a
//! script) can tell a fresh answer from the one before. A search shows its first page of cases;
//! "Show more" (`#case-results-more`) appends the next page while there is one.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use pristan_ipc::{IpcError, ListCases, SearchCases};
use pristan_model::views::SearchMatch;
use pristan_model::CaseRecord;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::case::CaseName;
use crate::components::ErrorNote;
use crate::errors::describe;
use crate::hooks::{focus_by_id, use_focus_on_mount, vault_call};
use crate::i18n::{use_i18n, I18n};
use crate::labels::word;
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

/// Waits this long after a keystroke before searching, so a fast typist sends one query.
const PAUSE_MS: u32 = 150;

/// One line of the list: a case, and what inside it matched when that was not the case itself.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    case: CaseRecord,
    matched: Option<SearchMatch>,
}

/// The rows, and the words they answer (empty for the whole list).
struct Results {
    query: String,
    rows: Result<Vec<Row>, IpcError>,
    /// How many pages of the search's answer are shown, and whether there are more.
    pages: u32,
    more: bool,
}

#[function_component]
pub fn CasesPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let query = use_state(String::new);
    let results = use_state(|| None::<Results>);
    let field = use_node_ref();
    let list = use_node_ref();
    // The words last typed, so that a page arriving after the person typed again is dropped.
    let latest = use_mut_ref(String::new);
    use_focus_on_mount(field.clone());
    {
        let (results, dispatch, latest) = (results.clone(), props.dispatch.clone(), latest.clone());
        use_effect_with((*query).clone(), move |typed| {
            *latest.borrow_mut() = typed.trim().to_owned();
            let superseded = Rc::new(Cell::new(false));
            spawn_local(fetch(
                dispatch,
                typed.trim().to_owned(),
                results,
                superseded.clone(),
            ));
            move || superseded.set(true)
        });
    }
    let oninput = {
        let query = query.clone();
        Callback::from(move |event: InputEvent| {
            query.set(event.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let field_keys = {
        let (list, results, dispatch) = (list.clone(), results.clone(), props.dispatch.clone());
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                focus_result(&list, 0);
            }
            "Enter" => {
                let first = results
                    .as_ref()
                    .and_then(|results| results.rows.as_ref().ok())
                    .and_then(|rows| rows.first());
                if let Some(row) = first {
                    dispatch.dispatch(Action::OpenCase(row.case.id));
                }
            }
            _ => {}
        })
    };
    let show_more = {
        let (results, dispatch, latest) = (results.clone(), props.dispatch.clone(), latest.clone());
        Callback::from(move |_: MouseEvent| {
            spawn_local(fetch_more(
                dispatch.clone(),
                results.clone(),
                latest.clone(),
            ))
        })
    };
    let more = results.as_ref().is_some_and(|results| results.more);
    let typed = query.trim().to_owned();
    let answered = results
        .as_ref()
        .map(|results| results.query.clone())
        .unwrap_or_default();
    let body = match results.as_ref().map(|results| &results.rows) {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(rows)) if rows.is_empty() => {
            let text = if typed.is_empty() {
                i18n.t("cases-none")
            } else {
                i18n.t_args("cases-no-match", &[("query", typed.clone().into())])
            };
            html! { <p id="case-results-empty" class="muted" data-query={answered.clone()}>{ text }</p> }
        }
        Some(Ok(rows)) => html! {
            <>
                <p class="muted" role="status">
                    { i18n.t_args("cases-count", &[("count", rows.len().into())]) }
                </p>
                <ul id="case-results" class="case-results" ref={list.clone()}
                    data-query={answered.clone()}>
                    { for rows.iter().enumerate().map(|(index, row)| {
                        result_item(&i18n, &props.dispatch, &list, index, row)
                    }) }
                </ul>
                if more {
                    <button type="button" id="case-results-more" class="button button-quiet case-results-more"
                        onclick={show_more}>
                        { i18n.t("cases-show-more") }
                    </button>
                }
            </>
        },
    };
    html! {
        <section id="cases" class="page page-wide" aria-labelledby="cases-title">
            <h1 id="cases-title">{ i18n.t("cases-title") }</h1>
            <div class="field search-field">
                <label for="case-search" class="field-label">{ i18n.t("cases-search-label") }</label>
                <p id="case-search-hint" class="field-hint-above">{ i18n.t("cases-search-hint") }</p>
                <input id="case-search" ref={field} type="search" class="input input-search"
                    value={(*query).clone()} {oninput} onkeydown={field_keys}
                    autocomplete="off" spellcheck="false" aria-describedby="case-search-hint"
                    aria-controls="case-results" />
            </div>
            { body }
        </section>
    }
}

/// Lists every case (nothing typed) or searches, after a pause; drops the answer if the user
/// typed again in the meantime.
async fn fetch(
    dispatch: Dispatch,
    typed: String,
    results: UseStateHandle<Option<Results>>,
    superseded: Rc<Cell<bool>>,
) {
    let (rows, more) = if typed.is_empty() {
        let rows = vault_call(&dispatch, &ListCases).await.map(|cases| {
            cases
                .into_iter()
                .map(|case| Row {
                    case,
                    matched: None,
                })
                .collect()
        });
        (rows, false)
    } else {
        TimeoutFuture::new(PAUSE_MS).await;
        if superseded.get() {
            return;
        }
        match search_page(&dispatch, &typed, 0).await {
            Ok((rows, more)) => (Ok(rows), more),
            Err(error) => (Err(error), false),
        }
    };
    if !superseded.get() {
        results.set(Some(Results {
            query: typed,
            rows,
            pages: 1,
            more,
        }));
    }
}

/// Appends the next page of the search shown, unless the person has typed since.
async fn fetch_more(
    dispatch: Dispatch,
    results: UseStateHandle<Option<Results>>,
    latest: Rc<RefCell<String>>,
) {
    let Some(shown) = results.as_ref() else {
        return;
    };
    let Ok(rows) = &shown.rows else {
        return;
    };
    let (query, mut rows, pages) = (shown.query.clone(), rows.clone(), shown.pages);
    let answer = search_page(&dispatch, &query, pages).await;
    if *latest.borrow() != query {
        return;
    }
    let (rows, more) = match answer {
        Ok((next, more)) => {
            rows.extend(next);
            (Ok(rows), more)
        }
        Err(error) => (Err(error), false),
    };
    results.set(Some(Results {
        query,
        rows,
        pages: pages + 1,
        more,
    }));
}

/// One page of the answer to `typed`, and whether more follow.
async fn search_page(
    dispatch: &Dispatch,
    typed: &str,
    page: u32,
) -> Result<(Vec<Row>, bool), IpcError> {
    let command = SearchCases {
        query: typed.to_owned(),
        page,
    };
    vault_call(dispatch, &command).await.map(|answer| {
        let rows = answer
            .hits
            .into_iter()
            .map(|hit| Row {
                case: hit.case,
                matched: hit.matched.filter(|m| m.entity_type != "case"),
            })
            .collect();
        (rows, answer.more)
    })
}

fn result_item(i18n: &I18n, dispatch: &Dispatch, list: &NodeRef, index: usize, row: &Row) -> Html {
    let case = &row.case;
    let onclick = {
        let (dispatch, id) = (dispatch.clone(), case.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
    };
    let onkeydown = {
        let list = list.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "ArrowDown" => {
                event.prevent_default();
                focus_result(&list, index + 1);
            }
            "ArrowUp" => {
                event.prevent_default();
                if index == 0 {
                    focus_by_id("case-search");
                } else {
                    focus_result(&list, index - 1);
                }
            }
            _ => {}
        })
    };
    let custody = word(i18n, "custody-status", case.custody_status.as_str());
    html! {
        <li>
            <button type="button" class="case-result" {onclick} {onkeydown}>
                <CaseName name={case.name.clone()} native_name={case.native_name.clone()}
                    class="case-result-names" />
                <span class="case-result-facts">
                    if let Some(number) = case.a_number {
                        <span class="a-number">{ number.to_string() }</span>
                    }
                    <span class={classes!("custody", format!("custody-{}", case.custody_status.as_str()))}>
                        { custody }
                    </span>
                </span>
                if let Some(matched) = &row.matched {
                    <span class="case-result-match">
                        <span class="case-result-where">{ match_label(i18n, &matched.entity_type) }</span>
                        { " " }
                        <span class="case-result-snippet">{ &matched.snippet }</span>
                    </span>
                }
            </button>
        </li>
    }
}

fn match_label(i18n: &I18n, entity_type: &str) -> String {
    match entity_type {
        "note" => i18n.t("cases-match-note"),
        "evidence" => i18n.t("cases-match-evidence"),
        "relative" => i18n.t("cases-match-relative"),
        "task" => i18n.t("cases-match-task"),
        "attachment" => i18n.t("cases-match-attachment"),
        _ => i18n.t("cases-match-other"),
    }
}

/// Moves focus to the `index`th result button, if there is one.
fn focus_result(list: &NodeRef, index: usize) {
    let Some(list) = list.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(buttons) = list.query_selector_all(".case-result") else {
        return;
    };
    if let Some(button) = buttons
        .get(index as u32)
        .and_then(|node| node.dyn_into::<HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
