//! A card's status in plain words, in the card's language.

use std::rc::Rc;

use pristan_model::family_card::FamilyCard;
use yew::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, I18n};

#[derive(Properties, PartialEq)]
pub struct CardStatusProps {
    pub card: Rc<FamilyCard>,
    pub on_another: Callback<()>,
}

#[function_component]
pub fn CardStatus(props: &CardStatusProps) -> Html {
    let i18n = use_i18n();
    let card = &props.card;
    let another = {
        let on_another = props.on_another.clone();
        Callback::from(move |_: MouseEvent| on_another.emit(()))
    };
    let custody = i18n.t(&format!("family-custody-{}", card.custody_status.as_str()));
    html! {
        <section class="card family-status" id="family-status">
            <h1 id="family-status-title">
                { i18n.t_args("family-status-heading", &[("name", card.first_name.as_str().into())]) }
            </h1>
            <dl class="family-facts">
                <dt>{ i18n.t("family-status-now") }</dt>
                <dd id="family-custody">{ custody }</dd>
                { facility(&i18n, card) }
                <dt>{ i18n.t("family-hearing-heading") }</dt>
                <dd id="family-hearing">{ hearing(&i18n, card) }</dd>
                <dt>{ i18n.t("family-last-visit-heading") }</dt>
                <dd id="family-last-visit">{
                    match card.last_visit {
                        Some(day) => format::long_date(&i18n, day),
                        None => i18n.t("family-no-visit"),
                    }
                }</dd>
                if !card.message.is_empty() {
                    <dt>{ i18n.t("family-message-heading") }</dt>
                    <dd id="family-message" class="family-text">{ card.message.as_str() }</dd>
                }
                if !card.whom_to_call.is_empty() {
                    <dt>{ i18n.t("family-call-heading") }</dt>
                    <dd id="family-call">{ card.whom_to_call.as_str() }</dd>
                }
            </dl>
            <p class="aside" id="family-refreshed">
                { i18n.t_args("family-refreshed", &[(
                    "date",
                    format::long_date(&i18n, card.refreshed_at.date_naive()).into(),
                )]) }
            </p>
            <div class="actions">
                <button id="family-another" type="button" class="button" onclick={another}>
                    { i18n.t("family-open-another") }
                </button>
            </div>
        </section>
    }
}

fn facility(i18n: &I18n, card: &FamilyCard) -> Html {
    let Some(facility) = &card.facility else {
        return Html::default();
    };
    html! {
        <>
            <dt>{ i18n.t("family-facility-heading") }</dt>
            <dd id="family-facility">
                <strong>{ facility.name.as_str() }</strong>
                if let Some(zone) = facility.time_zone {
                    <br />
                    <span id="family-local-time">{ i18n.t_args("family-local-time", &[(
                        "time",
                        format::time_in_zone(i18n, zone).into(),
                    )]) }</span>
                }
            </dd>
            if !facility.visiting_info.is_empty() {
                <dt>{ i18n.t("family-visiting-heading") }</dt>
                <dd id="family-visiting" class="family-text">{ facility.visiting_info.as_str() }</dd>
            }
        </>
    }
}

fn hearing(i18n: &I18n, card: &FamilyCard) -> String {
    let Some(hearing) = &card.next_hearing else {
        return i18n.t("family-no-hearing");
    };
    let date = format::full_date(i18n, hearing.date);
    match (hearing.time, hearing.time_zone) {
        (Some(time), Some(zone)) => i18n.t_args(
            "family-hearing-at",
            &[
                ("date", date.into()),
                (
                    "time",
                    format::time_at(i18n, hearing.date, time, zone).into(),
                ),
                ("zone", crate::core_words::time_zone(i18n, zone).into()),
            ],
        ),
        (Some(time), None) => format!("{date}, {}", format::clock_time(i18n, time)),
        _ => i18n.t_args("family-hearing-on", &[("date", date.into())]),
    }
}
