//! Choosing a facility, and adding one that is not in the list yet (name, state, time zone).
//!
//! The small add form sits inside other forms, so it is a fieldset rather than a nested form:
//! Enter in its fields saves the facility instead of submitting the outer form.

use std::rc::Rc;

use chrono_tz::Tz;
use pristan_ipc::{AddRecord, AnyRecord};
use pristan_model::{time_zones, EntityId, Facility, Stored};
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::{set, short_text, use_form_status};
use crate::components::{SelectField, TextField};
use crate::core_words;
use crate::i18n::{use_i18n, I18n};
use crate::state::Dispatch;

/// The time zone most of a state (or territory) keeps, by its two-letter code. States split
/// between two zones get the one where most of their people, and detention centres, are; the
/// zone can still be changed by hand.
fn zone_for_state(code: &str) -> Option<&'static str> {
    let zone = match code {
        "CT" | "DC" | "DE" | "FL" | "GA" | "MA" | "MD" | "ME" | "NC" | "NH" | "NJ" | "NY"
        | "OH" | "PA" | "RI" | "SC" | "VA" | "VT" | "WV" => "America/New_York",
        "MI" => "America/Detroit",
        "IN" => "America/Indiana/Indianapolis",
        "KY" => "America/Kentucky/Louisville",
        "AL" | "AR" | "IA" | "IL" | "KS" | "LA" | "MN" | "MO" | "MS" | "ND" | "NE" | "OK"
        | "SD" | "TN" | "TX" | "WI" => "America/Chicago",
        "CO" | "MT" | "NM" | "UT" | "WY" => "America/Denver",
        "ID" => "America/Boise",
        "AZ" => "America/Phoenix",
        "CA" | "NV" | "OR" | "WA" => "America/Los_Angeles",
        "AK" => "America/Anchorage",
        "HI" => "Pacific/Honolulu",
        "PR" | "VI" => "America/Puerto_Rico",
        "GU" | "MP" => "Pacific/Guam",
        _ => return None,
    };
    Some(zone)
}

/// `(IANA name, "Central time (Chicago)")` for a time zone `<select>`: the zones Pristan offers,
/// each named in the user's language.
pub fn time_zone_options(i18n: &I18n) -> Vec<(String, String)> {
    time_zones::OFFERED
        .iter()
        .map(|zone| (zone.name().to_owned(), core_words::time_zone(i18n, *zone)))
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct FacilityFieldProps {
    pub id: AttrValue,
    pub label: String,
    pub dispatch: Dispatch,
    pub facilities: Rc<Vec<Stored<Facility>>>,
    pub value: Option<EntityId>,
    pub on_change: Callback<Option<EntityId>>,
    /// Called with the id of a facility just added, after it is chosen, so the list is re-read.
    pub on_added: Callback<EntityId>,
}

#[function_component]
pub fn FacilityField(props: &FacilityFieldProps) -> Html {
    let i18n = use_i18n();
    let adding = use_state(|| false);
    let options: Vec<(String, String)> = props
        .facilities
        .iter()
        .map(|facility| {
            let record = &facility.record;
            let label = if record.state.is_empty() {
                record.name.to_string()
            } else {
                format!("{} ({})", record.name, record.state)
            };
            (facility.id.to_string(), label)
        })
        .collect();
    let on_select = props
        .on_change
        .reform(|value: String| value.parse::<EntityId>().ok());
    let open = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    let on_added = {
        let (adding, on_change, on_added) = (
            adding.clone(),
            props.on_change.clone(),
            props.on_added.clone(),
        );
        Callback::from(move |id: EntityId| {
            adding.set(false);
            on_change.emit(Some(id));
            on_added.emit(id);
        })
    };
    let close = {
        let adding = adding.clone();
        Callback::from(move |()| adding.set(false))
    };
    html! {
        <div class="facility-field">
            <SelectField id={props.id.clone()} label={props.label.clone()}
                value={props.value.map(|id| id.to_string()).unwrap_or_default()}
                {options} empty={i18n.t("facility-none")} on_change={on_select} />
            if *adding {
                <NewFacility dispatch={props.dispatch.clone()} id_prefix={props.id.clone()}
                    {on_added} on_cancel={close} />
            } else {
                <button id={format!("{}-add", props.id)} type="button"
                    class="button button-small button-quiet" onclick={open}>
                    { i18n.t("facility-add") }
                </button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NewFacilityProps {
    dispatch: Dispatch,
    id_prefix: AttrValue,
    on_added: Callback<EntityId>,
    on_cancel: Callback<()>,
}

#[function_component]
fn NewFacility(props: &NewFacilityProps) -> Html {
    let i18n = use_i18n();
    let name = use_state(String::new);
    let state = use_state(String::new);
    let zone = use_state(|| "America/Chicago".to_owned());
    // Until the zone is chosen by hand, it follows the state typed.
    let zone_chosen = use_state(|| false);
    let on_state = {
        let (state, zone, zone_chosen) = (state.clone(), zone.clone(), zone_chosen.clone());
        Callback::from(move |typed: String| {
            if !*zone_chosen {
                if let Some(guess) = zone_for_state(&typed.trim().to_uppercase()) {
                    zone.set(guess.to_owned());
                }
            }
            state.set(typed);
        })
    };
    let on_zone = {
        let (zone, zone_chosen) = (zone.clone(), zone_chosen.clone());
        Callback::from(move |chosen: String| {
            zone_chosen.set(true);
            zone.set(chosen);
        })
    };
    let status = use_form_status();
    let save = {
        let (name, state, zone, status) =
            (name.clone(), state.clone(), zone.clone(), status.clone());
        let (dispatch, on_added) = (props.dispatch.clone(), props.on_added.clone());
        Callback::from(move |()| {
            let record = (|| {
                let facility_name = short_text(&i18n, &i18n.t("facility-name"), &name)?;
                if facility_name.is_empty() {
                    return Err(i18n.t("facility-name-missing"));
                }
                Ok(Facility {
                    name: facility_name,
                    state: short_text(&i18n, &i18n.t("facility-state"), &state.to_uppercase())?,
                    time_zone: zone.parse::<Tz>().ok(),
                    ..Facility::default()
                })
            })();
            match record {
                Ok(record) => status.send(
                    i18n,
                    &dispatch,
                    AddRecord {
                        record: AnyRecord::Facility(record),
                    },
                    {
                        let on_added = on_added.clone();
                        move |id| on_added.emit(id)
                    },
                ),
                Err(message) => status.refuse(message),
            }
        })
    };
    let onkeydown = {
        let save = save.clone();
        Callback::from(move |event: KeyboardEvent| {
            let in_text_field = event
                .target()
                .and_then(|target| {
                    wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(target).ok()
                })
                .is_some();
            if event.key() == "Enter" && in_text_field {
                event.prevent_default();
                save.emit(());
            }
        })
    };
    let id = |suffix: &str| AttrValue::from(format!("{}-new-{suffix}", props.id_prefix));
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <fieldset class="subform" {onkeydown}>
            <legend>{ i18n.t("facility-add-title") }</legend>
            <div class="form-grid">
                <TextField id={id("name")} label={i18n.t("facility-name")} value={(*name).clone()}
                    on_input={set(&name)} class="span-2" />
                <TextField id={id("state")} label={i18n.t("facility-state")} value={(*state).clone()}
                    on_input={on_state} hint={i18n.t("facility-state-hint")} />
                <SelectField id={id("zone")} label={i18n.t("facility-time-zone")} value={(*zone).clone()}
                    options={time_zone_options(&i18n)} on_change={on_zone} />
            </div>
            { status.view() }
            <div class="actions">
                <button id={id("submit")} type="button" class="button button-primary"
                    disabled={*status.busy} onclick={save.reform(|_: MouseEvent| ())}>
                    { if *status.busy { i18n.t("saving") } else { i18n.t("facility-submit") } }
                </button>
                <button type="button" class="button button-quiet" onclick={cancel}>
                    { i18n.t("cancel") }
                </button>
            </div>
        </fieldset>
    }
}
