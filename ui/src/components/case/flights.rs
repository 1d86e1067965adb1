//! `#case-flights`: the removal flights this person is believed to be on, each with its
//! countdown, and linking the case to a recorded flight or unlinking it — the same operations as
//! the Flights page, without leaving the case. Flights are recorded on the Flights page.

use pristan_ipc::{GetSyncStatus, LinkFlight, ListFlights, UnlinkFlight};
use pristan_model::sync::Role;
use pristan_model::{Flight, LinkedFlight, Stored};
use yew::prelude::*;

use super::{on_submit, set, use_form_status, CaseSection, SectionProps};
use crate::components::{SelectField, TextField};
use crate::format::{due_in, long_date, today};
use crate::hooks::use_query;
use crate::i18n::{use_i18n, I18n};
use crate::state::Action;

#[function_component]
pub fn FlightsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let flights = use_query(&props.dispatch, (), |_| ListFlights);
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    let volunteer = matches!(&*status.answer,
        Some(Ok(s)) if s.org.as_ref().is_some_and(|org| org.role == Role::Volunteer));
    let form = use_form_status();
    let linked = &props.file.coordination.flights;
    let recorded: Vec<Stored<Flight>> = match &*flights.answer {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let day = today();
    // A flight already linked, or one that has left, is not offered.
    let offered: Vec<(String, String)> = recorded
        .iter()
        .filter(|f| !linked.iter().any(|l| l.flight_id == f.id))
        .filter(|f| f.record.date.is_none_or(|d| d >= day))
        .map(|f| (f.id.to_string(), flight_label(&i18n, &f.record)))
        .collect();
    let on_changed = {
        let (reload, on_changed) = (flights.reload.clone(), props.on_changed.clone());
        Callback::from(move |()| {
            reload.emit(());
            on_changed.emit(());
        })
    };
    let to_flights = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowFlights))
    };
    html! {
        <CaseSection id="case-flights" title={i18n.t("case-flights-title")}>
            if linked.is_empty() {
                <p class="muted">{ i18n.t("case-flights-none") }</p>
            } else {
                <ul id="case-flight-list" class="plain-list">
                    { for linked.iter().map(|l| linked_item(&i18n, props, l, &form, &on_changed, volunteer)) }
                </ul>
            }
            { form.view() }
            if volunteer {
                <p class="muted">{ i18n.t("case-flights-volunteer") }</p>
            } else if offered.is_empty() {
                <p class="muted">
                    { i18n.t(if linked.is_empty() { "case-flights-none-recorded" } else { "case-flights-no-other" }) }{ " " }
                    <button id="case-flights-go" type="button" class="link-button" onclick={to_flights}>
                        { i18n.t("case-flights-go") }
                    </button>
                </p>
            } else {
                <LinkForm section={props.clone()} {offered} on_changed={on_changed.clone()} />
            }
        </CaseSection>
    }
}

/// "ELP → Moscow, 6 December 2026 (in 4 days)", as a choice in the list.
fn flight_label(i18n: &I18n, flight: &Flight) -> String {
    match flight.date {
        Some(date) => format!(
            "{} — {} ({})",
            flight.route.as_str(),
            long_date(i18n, date),
            due_in(i18n, today(), date)
        ),
        None => format!("{} — {}", flight.route.as_str(), i18n.t("flight-no-date")),
    }
}

fn linked_item(
    i18n: &I18n,
    props: &SectionProps,
    linked: &LinkedFlight,
    form: &super::FormStatus,
    on_changed: &Callback<()>,
    volunteer: bool,
) -> Html {
    let flight = &linked.flight;
    let countdown = match flight.date {
        Some(date) if date >= today() => i18n.t_args(
            "flight-countdown",
            &[
                ("date", long_date(i18n, date).into()),
                ("when", due_in(i18n, today(), date).into()),
            ],
        ),
        Some(date) => i18n.t_args("flight-left", &[("date", long_date(i18n, date).into())]),
        None => i18n.t("flight-no-date"),
    };
    let unlink = {
        let (form, dispatch, on_changed) =
            (form.clone(), props.dispatch.clone(), on_changed.clone());
        let command = UnlinkFlight {
            flight: linked.flight_id,
            case: props.case_id(),
        };
        let i18n = *i18n;
        Callback::from(move |_: MouseEvent| {
            let on_changed = on_changed.clone();
            form.send(i18n, &dispatch, command.clone(), move |()| {
                on_changed.emit(())
            });
        })
    };
    html! {
        <li id={format!("case-flight-{}", linked.flight_id)} class="record-item">
            <div class="record-main">
                <p class="record-title"><strong>{ flight.route.as_str() }</strong></p>
                <p class="flight-countdown">{ countdown }</p>
                if !flight.source.is_empty() {
                    <p class="muted">
                        { i18n.t_args("flight-source-line", &[("source", flight.source.to_string().into())]) }
                    </p>
                }
            </div>
            if !volunteer {
                <div class="record-actions">
                    <button id={format!("case-flight-unlink-{}", linked.flight_id)} type="button"
                        class="button button-small button-quiet" disabled={*form.busy} onclick={unlink}>
                        { i18n.t("flight-unlink") }
                    </button>
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct LinkFormProps {
    section: SectionProps,
    offered: Vec<(String, String)>,
    on_changed: Callback<()>,
}

/// Links the case to a recorded flight, saying why it is believed to be on it.
#[function_component]
fn LinkForm(props: &LinkFormProps) -> Html {
    let i18n = use_i18n();
    let flight = use_state(String::new);
    let note = use_state(String::new);
    let form = use_form_status();
    let onsubmit = {
        let (form, flight, note) = (form.clone(), flight.clone(), note.clone());
        let (dispatch, on_changed, case) = (
            props.section.dispatch.clone(),
            props.on_changed.clone(),
            props.section.case_id(),
        );
        let clear = {
            let (flight, note) = (flight.clone(), note.clone());
            Callback::from(move |()| {
                flight.set(String::new());
                note.set(String::new());
            })
        };
        on_submit(move || {
            let command = flight
                .parse()
                .map(|id| LinkFlight {
                    flight: id,
                    case,
                    note: note.trim().to_owned(),
                })
                .map_err(|_| i18n.t("case-flights-choose"));
            form.save(i18n, &dispatch, command, &clear, &on_changed);
        })
    };
    html! {
        <form id="case-flight-link" class="verification-form" {onsubmit}>
            <SelectField id="case-flight-choose" label={i18n.t("case-flights-link-label")}
                value={(*flight).clone()} options={props.offered.clone()}
                empty={Some(i18n.t("none-chosen"))} on_change={set(&flight)} />
            <TextField id="case-flight-note" label={i18n.t("flight-link-note")}
                value={(*note).clone()} on_input={set(&note)} />
            <button id="case-flight-link-submit" type="submit" class="button button-small"
                disabled={flight.is_empty() || *form.busy}>
                { i18n.t("case-flights-link") }
            </button>
            { form.view() }
        </form>
    }
}
