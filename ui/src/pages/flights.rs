//! `#flights`: removal flights a coordinator has heard of. Record one (date, route, who said so),
//! link the cases believed to be on it, and read its triage list — whom to call first — in the
//! core's documented order, with the flight's countdown.

use std::rc::Rc;

use chrono::NaiveDate;
use pristan_ipc::{
    AddFlight, GetFlightTriage, IpcError, LinkFlight, ListCases, ListFlights, UnlinkFlight,
};
use pristan_model::{EntityId, Flight, FlightTriage, ShortText, Stored, TriageRow};
use yew::prelude::*;

use crate::components::case::{use_form_status, CaseName, DeadlineFacts};
use crate::components::{DateField, ErrorNote, SelectField, TextField};
use crate::errors::describe;
use crate::format::{due_in, long_date, parse_date, today};
use crate::hooks::{use_query, vault_call};
use crate::i18n::{use_i18n, I18n};
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

#[function_component]
pub fn FlightsPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let flights = use_query(&props.dispatch, (), |_| ListFlights);
    let chosen = use_state(|| None::<EntityId>);
    let error = use_state(|| None::<String>);
    let list = match &*flights.answer {
        None => html! { <p class="muted">{ i18n.t("loading") }</p> },
        Some(Err(e)) => html! { <ErrorNote text={describe(&i18n, e)} /> },
        Some(Ok(list)) if list.is_empty() => {
            html! { <p class="muted">{ i18n.t("flights-none") }</p> }
        }
        Some(Ok(list)) => html! {
            <ul id="flight-list" class="plain-list">
                { for list.iter().map(|f| flight_item(&i18n, f, &chosen)) }
            </ul>
        },
    };
    let on_added = {
        let (reload, chosen) = (flights.reload.clone(), chosen.clone());
        Callback::from(move |id: EntityId| {
            chosen.set(Some(id));
            reload.emit(());
        })
    };
    html! {
        <div class="page page-wide">
            <section id="flights" aria-labelledby="flights-title">
                <div class="page-heading">
                    <h1 id="flights-title">{ i18n.t("flights-title") }</h1>
                </div>
                <p class="muted">{ i18n.t("flights-intro") }</p>
                if let Some(message) = &*error {
                    <p class="field-error" role="alert">{ message }</p>
                }
                { list }
                if let Some(id) = *chosen {
                    <Triage key={id.to_string()} dispatch={props.dispatch.clone()} flight={id} />
                }
                <NewFlight dispatch={props.dispatch.clone()} {on_added} error={error.clone()} />
            </section>
        </div>
    }
}

fn flight_item(
    i18n: &I18n,
    flight: &Stored<Flight>,
    chosen: &UseStateHandle<Option<EntityId>>,
) -> Html {
    let record = &flight.record;
    let onclick = {
        let (chosen, id) = (chosen.clone(), flight.id);
        Callback::from(move |_: MouseEvent| chosen.set(Some(id)))
    };
    let when = record
        .date
        .map(|d| format!("{} — {}", long_date(i18n, d), due_in(i18n, today(), d)))
        .unwrap_or_else(|| i18n.t("flight-no-date"));
    let selected = **chosen == Some(flight.id);
    html! {
        <li>
            <button type="button" id={format!("flight-{}", flight.id)}
                class={classes!("dash-item", selected.then_some("flight-selected"))}
                aria-pressed={selected.to_string()} {onclick}>
                <span class="dash-title">{ record.route.as_str() }</span>
                <span class="dash-line">{ when }</span>
                if !record.source.is_empty() {
                    <span class="dash-line muted">
                        { i18n.t_args("flight-source-line", &[("source", record.source.to_string().into())]) }
                    </span>
                }
            </button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct NewFlightProps {
    dispatch: Dispatch,
    on_added: Callback<EntityId>,
    error: UseStateHandle<Option<String>>,
}

#[function_component]
fn NewFlight(props: &NewFlightProps) -> Html {
    let i18n = use_i18n();
    let date = use_state(String::new);
    let route = use_state(String::new);
    let source = use_state(String::new);
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    let onsubmit = {
        let (date, route, source) = (date.clone(), route.clone(), source.clone());
        let (dispatch, on_added, error) = (
            props.dispatch.clone(),
            props.on_added.clone(),
            props.error.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (Ok(route_text), Ok(source_text)) =
                (ShortText::new(route.trim()), ShortText::new(source.trim()))
            else {
                error.set(Some(i18n.t("flight-too-long")));
                return;
            };
            let flight = Flight {
                date: parse_date(&date),
                route: route_text,
                source: source_text,
                ..Flight::default()
            };
            let (dispatch, on_added, error) = (dispatch.clone(), on_added.clone(), error.clone());
            let (route, source, date) = (route.clone(), source.clone(), date.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match vault_call(&dispatch, &AddFlight { flight }).await {
                    Ok(id) => {
                        error.set(None);
                        route.set(String::new());
                        source.set(String::new());
                        date.set(String::new());
                        on_added.emit(id);
                    }
                    Err(e) => error.set(Some(describe(&i18n, &e).message)),
                }
            });
        })
    };
    html! {
        <form id="flight-form" class="panel verification-form" {onsubmit}>
            <h2>{ i18n.t("flight-add") }</h2>
            <DateField id="flight-date" label={i18n.t("flight-date")} value={(*date).clone()}
                on_input={set(&date)} />
            <TextField id="flight-route" label={i18n.t("flight-route")} value={(*route).clone()}
                on_input={set(&route)} hint={i18n.t("flight-route-hint")} />
            <TextField id="flight-source" label={i18n.t("flight-source")} value={(*source).clone()}
                on_input={set(&source)} hint={i18n.t("flight-source-hint")} />
            <button id="flight-save" type="submit" class="button button-primary"
                disabled={route.trim().is_empty() || parse_date(&date).is_none()}>
                { i18n.t("flight-save") }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct TriageProps {
    dispatch: Dispatch,
    flight: EntityId,
}

/// The flight's countdown, its triage list, and linking another case to it.
#[function_component]
fn Triage(props: &TriageProps) -> Html {
    let i18n = use_i18n();
    let triage = use_query(&props.dispatch, props.flight, |id| GetFlightTriage {
        flight: *id,
    });
    let cases = use_query(&props.dispatch, (), |_| ListCases);
    // An unlink the core refused (a volunteer's device, a locked vault) is said, not swallowed.
    let error = use_state(|| None::<IpcError>);
    let on_error = {
        let error = error.clone();
        Callback::from(move |e: IpcError| error.set(Some(e)))
    };
    let body = match &*triage.answer {
        None => return html! { <p class="muted">{ i18n.t("loading") }</p> },
        Some(Err(e)) => return html! { <ErrorNote text={describe(&i18n, e)} /> },
        Some(Ok(t)) => Rc::new(t.clone()),
    };
    let linked: Vec<EntityId> = body.rows.iter().map(|r| r.case.id).collect();
    let choices: Vec<(String, String)> = match &*cases.answer {
        Some(Ok(all)) => all
            .iter()
            .filter(|c| !linked.contains(&c.id))
            .map(|c| {
                let label = if c.native_name.trim().is_empty() {
                    c.name.clone()
                } else {
                    format!("{} ({})", c.name, c.native_name)
                };
                (c.id.to_string(), label)
            })
            .collect(),
        _ => Vec::new(),
    };
    html! {
        <section id="flight-triage" class="panel" aria-labelledby="flight-triage-title">
            <h2 id="flight-triage-title">{ i18n.t_args("flight-triage-title", &[("route", body.flight.route.to_string().into())]) }</h2>
            <p id="flight-countdown" class="flight-countdown">{ countdown(&i18n, &body) }</p>
            if let Some(e) = &*error {
                <ErrorNote text={describe(&i18n, e)} />
            }
            if body.rows.is_empty() {
                <p class="muted">{ i18n.t("flight-no-cases") }</p>
            } else {
                <p class="muted">{ i18n.t("flight-triage-order") }</p>
                <ol id="triage-list" class="removal-list">
                    { for body.rows.iter().map(|row| triage_item(&i18n, &props.dispatch, props.flight, row, body.today, &triage.reload, &on_error)) }
                </ol>
            }
            <LinkCase dispatch={props.dispatch.clone()} flight={props.flight} {choices}
                on_linked={triage.reload.clone()} />
        </section>
    }
}

fn countdown(i18n: &I18n, triage: &FlightTriage) -> String {
    match (triage.flight.date, triage.days_until) {
        (Some(date), Some(days)) if days >= 0 => i18n.t_args(
            "flight-countdown",
            &[
                ("date", long_date(i18n, date).into()),
                ("when", due_in(i18n, triage.today, date).into()),
            ],
        ),
        (Some(date), _) => i18n.t_args("flight-left", &[("date", long_date(i18n, date).into())]),
        (None, _) => i18n.t("flight-no-date"),
    }
}

fn triage_item(
    i18n: &I18n,
    dispatch: &Dispatch,
    flight: EntityId,
    row: &TriageRow,
    today: NaiveDate,
    reload: &Callback<()>,
    on_error: &Callback<IpcError>,
) -> Html {
    let open = {
        let (dispatch, id) = (dispatch.clone(), row.case.id);
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OpenCase(id)))
    };
    let unlink = {
        let (dispatch, reload, on_error, case) = (
            dispatch.clone(),
            reload.clone(),
            on_error.clone(),
            row.case.id,
        );
        Callback::from(move |_: MouseEvent| {
            let (dispatch, reload, on_error) = (dispatch.clone(), reload.clone(), on_error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match vault_call(&dispatch, &UnlinkFlight { flight, case }).await {
                    Ok(()) => reload.emit(()),
                    Err(e) => on_error.emit(e),
                }
            });
        })
    };
    let mut facts = vec![i18n.t(row.group.message_id())];
    if let Some(date) = row.final_order {
        facts.push(i18n.t_args(
            "triage-final-order",
            &[("date", long_date(i18n, date).into())],
        ));
    }
    facts.push(i18n.t(if row.attorney_of_record {
        "removal-attorney"
    } else {
        "removal-no-attorney"
    }));
    facts.push(match row.last_contact {
        Some(date) => i18n.t_args(
            "removal-last-contact",
            &[
                ("days", (today - date).num_days().max(0).into()),
                ("date", long_date(i18n, date).into()),
            ],
        ),
        None => i18n.t("removal-never-contacted"),
    });
    html! {
        <li class="removal-item triage-item">
            <button type="button" class="dash-item" onclick={open}>
                <CaseName name={row.case.name.clone()} native_name={row.case.native_name.clone()} class="dash-case" />
                <span class="dash-line">{ facts.join(" · ") }</span>
                if let Some(deadline) = &row.next_deadline {
                    <DeadlineFacts deadline={deadline.clone()} {today} compact=true />
                }
            </button>
            <button type="button" class="link-button" onclick={unlink}>{ i18n.t("flight-unlink") }</button>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct LinkCaseProps {
    dispatch: Dispatch,
    flight: EntityId,
    choices: Vec<(String, String)>,
    on_linked: Callback<()>,
}

#[function_component]
fn LinkCase(props: &LinkCaseProps) -> Html {
    let i18n = use_i18n();
    let case = use_state(String::new);
    let note = use_state(String::new);
    let form = use_form_status();
    let onsubmit = {
        let (case, note, dispatch, on_linked, flight, form) = (
            case.clone(),
            note.clone(),
            props.dispatch.clone(),
            props.on_linked.clone(),
            props.flight,
            form.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Ok(case_id) = case.parse() else {
                return;
            };
            let command = LinkFlight {
                flight,
                case: case_id,
                note: (*note).clone(),
            };
            let (on_linked, case, note) = (on_linked.clone(), case.clone(), note.clone());
            form.send(i18n, &dispatch, command, move |_| {
                case.set(String::new());
                note.set(String::new());
                on_linked.emit(());
            });
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    html! {
        <form id="flight-link" class="verification-form" {onsubmit}>
            <SelectField id="flight-link-case" label={i18n.t("flight-link-case")}
                value={(*case).clone()} options={props.choices.clone()}
                empty={Some(i18n.t("none-chosen"))} on_change={set(&case)} />
            <TextField id="flight-link-note" label={i18n.t("flight-link-note")}
                value={(*note).clone()} on_input={set(&note)} />
            <button id="flight-link-submit" type="submit" class="button button-small"
                disabled={case.is_empty()}>
                { i18n.t("flight-link") }
            </button>
            { form.view() }
        </form>
    }
}
