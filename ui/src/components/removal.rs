//! Why a removal-imminent case ranks where it does: its linked flight (with the countdown), the
//! attorney of record, a stay motion, the days since the final order and since the last contact.
//! Shared by the dashboard's ranked list and the deadlines board.

use chrono::NaiveDate;
use pristan_model::board::{FlightRef, RemovalFacts};
use yew::prelude::*;

use crate::format::{days_between, due_in, long_date};
use crate::i18n::{use_i18n, I18n};

/// One fact about a case's removal, and whether it makes the case more urgent.
struct Fact {
    text: String,
    urgent: bool,
}

impl Fact {
    /// A compact row keeps what makes a case urgent, and the final order's age.
    fn in_compact_row(&self, is_final_order: bool) -> bool {
        self.urgent || is_final_order
    }
}

/// Where the final order's fact sits among [`facts`]: after the flight, attorney and stay.
fn is_final_order(facts: &RemovalFacts, index: usize) -> bool {
    index == usize::from(facts.flight.is_some()) + 2
}

fn facts(i18n: &I18n, facts: &RemovalFacts, today: NaiveDate) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(flight) = &facts.flight {
        out.push(Fact {
            text: flight_countdown(i18n, flight, today),
            urgent: true,
        });
    }
    out.push(if facts.attorney_of_record {
        Fact {
            text: i18n.t("removal-attorney"),
            urgent: false,
        }
    } else {
        Fact {
            text: i18n.t("removal-no-attorney"),
            urgent: true,
        }
    });
    out.push(if facts.stay_motion_pending {
        Fact {
            text: i18n.t("removal-stay-motion-pending"),
            urgent: false,
        }
    } else {
        Fact {
            text: i18n.t("removal-no-stay-motion"),
            urgent: true,
        }
    });
    out.push(Fact {
        text: i18n.t_args(
            "removal-final-order",
            &[
                ("days", days_between(facts.final_order, today).max(0).into()),
                ("date", long_date(i18n, facts.final_order).into()),
            ],
        ),
        urgent: false,
    });
    out.push(Fact {
        text: match facts.last_contact {
            Some(date) => i18n.t_args(
                "removal-last-contact",
                &[
                    ("days", days_between(date, today).max(0).into()),
                    ("date", long_date(i18n, date).into()),
                ],
            ),
            None => i18n.t("removal-never-contacted"),
        },
        urgent: facts.last_contact.is_none(),
    });
    out
}

/// "Removal flight ELP → Moscow on 5 December 2026 — in 3 days".
fn flight_countdown(i18n: &I18n, flight: &FlightRef, today: NaiveDate) -> String {
    let date = long_date(i18n, flight.date);
    let when = due_in(i18n, today, flight.date);
    if flight.route.trim().is_empty() {
        i18n.t_args(
            "removal-flight-no-route",
            &[("date", date.into()), ("when", when.into())],
        )
    } else {
        i18n.t_args(
            "removal-flight",
            &[
                ("route", flight.route.clone().into()),
                ("date", date.into()),
                ("when", when.into()),
            ],
        )
    }
}

#[derive(Properties, PartialEq)]
pub struct RemovalReasonsProps {
    pub facts: RemovalFacts,
    pub today: NaiveDate,
    /// One line, the facts separated by dots; otherwise a list, one fact a line.
    #[prop_or_default]
    pub compact: bool,
}

/// The facts that rank a removal-imminent case, those that make it more urgent marked.
#[function_component]
pub fn RemovalReasons(props: &RemovalReasonsProps) -> Html {
    let i18n = use_i18n();
    let facts = facts(&i18n, &props.facts, props.today);
    let class =
        |fact: &Fact| classes!("removal-fact", fact.urgent.then_some("removal-fact-urgent"));
    if props.compact {
        let kept: Vec<&Fact> = facts
            .iter()
            .enumerate()
            .filter(|(i, fact)| fact.in_compact_row(is_final_order(&props.facts, *i)))
            .map(|(_, fact)| fact)
            .collect();
        html! {
            <span class="removal-facts removal-facts-compact">
                { for kept.iter().enumerate().map(|(i, fact)| html! {
                    <>
                        if i > 0 { { " · " } }
                        <span class={class(fact)}>{ &fact.text }</span>
                    </>
                }) }
            </span>
        }
    } else {
        html! {
            <ul class="removal-facts">
                { for facts.iter().map(|fact| html! { <li class={class(fact)}>{ &fact.text }</li> }) }
            </ul>
        }
    }
}
