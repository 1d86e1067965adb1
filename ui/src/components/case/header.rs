//! The top of a case page: the person's names, A-number, custody status, facility with its local
//! time, and, when a final order has no stay, the removal-imminent banner.

use chrono_tz::Tz;
use gloo_timers::callback::Interval;
use yew::prelude::*;

use super::{CaseName, SectionProps};
use crate::core_words;
use crate::format::{long_date, time_in_zone};
use crate::i18n::use_i18n;
use crate::labels::word;

/// How often the facility's clock is redrawn; it shows minutes.
const CLOCK_TICK_MS: u32 = 15_000;

#[function_component]
pub fn CaseHeader(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let file = &props.file;
    let case = &file.case;
    let status = &file.status;
    let a_number = match case.a_number {
        Some(number) => html! { <span class="a-number">{ number.to_string() }</span> },
        None => html! { <span class="muted">{ i18n.t("case-no-a-number") }</span> },
    };
    let facility = match &file.facility {
        Some(facility) => {
            let record = &facility.record;
            let name = if record.state.is_empty() {
                record.name.to_string()
            } else {
                format!("{}, {}", record.name, record.state)
            };
            html! {
                <>
                    <span>{ name }</span>
                    <FacilityClock zone={record.time_zone} />
                </>
            }
        }
        None => html! { <span class="muted">{ i18n.t("not-recorded") }</span> },
    };
    html! {
        <header class="case-header">
            <h1 id="case-name" tabindex="-1"><CaseName name={case.name.clone()} native_name={case.native_name.clone()} /></h1>
            <dl class="case-facts">
                <div>
                    <dt>{ i18n.t("case-a-number") }</dt>
                    <dd id="case-a-number">{ a_number }</dd>
                </div>
                <div>
                    <dt>{ i18n.t("custody-status") }</dt>
                    <dd id="case-custody-status">{ word(&i18n, "custody-status", case.custody_status.as_str()) }</dd>
                </div>
                <div>
                    <dt>{ i18n.t("case-facility") }</dt>
                    <dd id="case-facility">{ facility }</dd>
                </div>
            </dl>
            if status.removal_imminent {
                <div id="case-removal-imminent" class="banner banner-danger" role="alert">
                    <p class="banner-lead">{ i18n.t("case-removal-banner") }</p>
                    <p>{ i18n.t("case-removal-banner-advice") }</p>
                </div>
            } else if status.removal_stayed {
                <p class="note case-stayed">{ i18n.t("case-stayed-note") }</p>
            }
            if let Some(date) = status.final_order {
                <p class="muted">{ i18n.t_args("case-final-order", &[("date", long_date(&i18n, date).into())]) }</p>
            }
        </header>
    }
}

#[derive(Properties, PartialEq)]
struct FacilityClockProps {
    zone: Option<Tz>,
}

/// The time now where the facility is, so a volunteer calling or planning a visit from another
/// time zone does not have to work it out.
#[function_component]
fn FacilityClock(props: &FacilityClockProps) -> Html {
    let i18n = use_i18n();
    let redraw = use_force_update();
    use_effect_with((), move |_| {
        let ticker = Interval::new(CLOCK_TICK_MS, move || redraw.force_update());
        move || drop(ticker)
    });
    match props.zone {
        Some(zone) => html! {
            <span id="case-facility-time" class="facility-time">
                { i18n.t_args("facility-local-time", &[
                    ("time", time_in_zone(&i18n, zone).into()),
                    ("zone", core_words::time_zone(&i18n, zone).into()),
                ]) }
            </span>
        },
        None => html! {
            <span class="facility-time muted">{ i18n.t("facility-no-time-zone") }</span>
        },
    }
}
