//! `#conflicts-page` (Coordinator → Conflicts): fields two devices changed without seeing each
//! other's change. Each shows the case, the field and every value with who wrote it and when;
//! the value shown meanwhile is marked, and "Keep this value" settles it for every device.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use pristan_ipc::{ConflictRow, ListConflicts, ListFacilities, ResolveConflict};
use pristan_model::sync::ConflictValueView;
use pristan_model::{DeviceId, EntityId, EntityType, Facility, Stored};
use serde_json::Value;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::ErrorNote;
use crate::core_words;
use crate::errors::{describe, ErrorText};
use crate::format::{long_date, moment, parse_date};
use crate::hooks::{use_query, vault_call};
use crate::i18n::{use_i18n, I18n};
use crate::labels::word;
use crate::pages::PageProps;
use crate::state::{Action, Dispatch};

#[function_component]
pub fn ConflictsPage(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let conflicts = use_query(&props.dispatch, (), |_| ListConflicts);
    let facilities = use_query(&props.dispatch, (), |_| ListFacilities);
    let error = use_state(|| None::<ErrorText>);
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowSync))
    };
    let facilities = match &*facilities.answer {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let body = match &*conflicts.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(e)) => html! { <ErrorNote text={describe(&i18n, e)} /> },
        Some(Ok(rows)) if rows.is_empty() => html! {
            <div id="conflicts-empty" class="empty-state">
                <p class="empty-state-lead">{ i18n.t("conflicts-none") }</p>
                <p class="muted">{ i18n.t("conflicts-none-explain") }</p>
            </div>
        },
        Some(Ok(rows)) => {
            let context = Resolve {
                dispatch: props.dispatch.clone(),
                reload: conflicts.reload.clone(),
                error: error.clone(),
            };
            html! {
                <ul class="plain-list conflict-list">
                    { for rows.iter().map(|row| conflict(&i18n, &context, &facilities, row)) }
                </ul>
            }
        }
    };
    html! {
        <section id="conflicts-page" class="page page-wide" aria-labelledby="conflicts-title">
            <button id="conflicts-back" type="button" class="link-button back-button" onclick={back}>
                { i18n.t("sync-back") }
            </button>
            <div class="page-heading">
                <h1 id="conflicts-title">{ i18n.t("conflicts-title") }</h1>
            </div>
            <p class="muted">{ i18n.t("conflicts-intro") }</p>
            if let Some(error) = &*error {
                <ErrorNote text={error.clone()} />
            }
            { body }
        </section>
    }
}

/// What a "Keep this value" button needs.
struct Resolve {
    dispatch: Dispatch,
    reload: Callback<()>,
    error: UseStateHandle<Option<ErrorText>>,
}

impl Resolve {
    fn keep(
        &self,
        i18n: I18n,
        entity: EntityId,
        field: &str,
        value: &Value,
    ) -> Callback<MouseEvent> {
        let (dispatch, reload, error) = (
            self.dispatch.clone(),
            self.reload.clone(),
            self.error.clone(),
        );
        let command = ResolveConflict {
            entity,
            field: field.to_owned(),
            value: value.clone(),
        };
        Callback::from(move |_: MouseEvent| {
            let (dispatch, reload, error, command) = (
                dispatch.clone(),
                reload.clone(),
                error.clone(),
                command.clone(),
            );
            spawn_local(async move {
                match vault_call(&dispatch, &command).await {
                    Ok(()) => error.set(None),
                    Err(e) => error.set(Some(describe(&i18n, &e))),
                }
                reload.emit(());
            });
        })
    }
}

fn conflict(
    i18n: &I18n,
    context: &Resolve,
    facilities: &[Stored<Facility>],
    row: &ConflictRow,
) -> Html {
    let conflict = &row.conflict;
    let title_id = format!("conflict-{}-{}", conflict.entity, conflict.field);
    let case = row
        .case_name
        .clone()
        .unwrap_or_else(|| i18n.t("conflicts-no-case"));
    let field = field_label(i18n, conflict.entity_type, &conflict.field);
    let shown_value = |value: &Value| {
        value_text(
            i18n,
            conflict.entity_type,
            &conflict.field,
            value,
            row,
            facilities,
        )
    };
    html! {
        <li class="panel conflict" aria-labelledby={title_id.clone()}>
            <h2 id={title_id}>{ case }</h2>
            <p class="conflict-field">{ field }</p>
            <ul class="plain-list conflict-values">
                { for conflict.values.iter().map(|value| {
                    let keep = context.keep(*i18n, conflict.entity, &conflict.field, &value.value);
                    value_item(i18n, row, value, shown_value(&value.value), keep)
                }) }
            </ul>
        </li>
    }
}

fn value_item(
    i18n: &I18n,
    row: &ConflictRow,
    value: &ConflictValueView,
    text: String,
    keep: Callback<MouseEvent>,
) -> Html {
    let device = device_name(i18n, &row.device_names, value.device);
    html! {
        <li class={classes!("conflict-value", value.shown.then_some("conflict-shown"))}>
            <div class="record-main">
                <p class="conflict-text">
                    { text.clone() }
                    if value.shown {
                        { " " }<span class="badge">{ i18n.t("conflicts-shown") }</span>
                    }
                </p>
                <p class="muted">
                    { i18n.t_args("conflicts-written-by", &[
                        ("device", device.into()),
                        ("when", moment(i18n, value.written_at).into()),
                    ]) }
                </p>
            </div>
            <div class="record-actions">
                <button type="button" class="button button-small button-quiet" onclick={keep}
                    aria-label={format!("{}: {text}", i18n.t("conflicts-keep"))}>
                    { i18n.t("conflicts-keep") }
                </button>
            </div>
        </li>
    }
}

fn device_name(i18n: &I18n, names: &BTreeMap<DeviceId, String>, device: DeviceId) -> String {
    names
        .get(&device)
        .cloned()
        .unwrap_or_else(|| i18n.t("conflicts-unknown-device"))
}

/// The field's name as the case page shows it, where it is a case field; otherwise the kind of
/// record and the field's name in the user's language.
fn field_label(i18n: &I18n, entity_type: EntityType, field: &str) -> String {
    let case_label = match field {
        "name" => Some("case-name"),
        "native_name" => Some("case-native-name"),
        "aliases" => Some("case-aliases"),
        "a_number" => Some("case-a-number"),
        "date_of_birth" => Some("case-dob"),
        "nationality" => Some("case-nationality"),
        "languages" => Some("case-languages"),
        "custody_status" => Some("custody-status"),
        "facility_id" => Some("case-facility"),
        "attorney_name" => Some("attorney-name"),
        "attorney_contact" => Some("attorney-contact"),
        "g28" => Some("attorney-g28"),
        "eoir28" => Some("attorney-eoir28"),
        "eoir27" => Some("attorney-eoir27"),
        "assigned_to" => Some("assigned-title"),
        _ => None,
    };
    match (entity_type, case_label) {
        (EntityType::Case, Some(key)) => i18n.t(key),
        _ => format!(
            "{} · {}",
            word(i18n, "sync-entity", entity_type.as_str()),
            core_words::field(i18n, field)
        ),
    }
}

/// A field's text value in words: an enum's value translated, a date with the month in words, a
/// time zone named, a facility by its name; anything else as typed.
pub(crate) fn string_text(
    i18n: &I18n,
    entity_type: EntityType,
    field: &str,
    text: &str,
    facilities: &[Stored<Facility>],
) -> String {
    if let Some(prefix) = enum_prefix(entity_type, field) {
        return word(i18n, prefix, text);
    }
    if let Some(date) = parse_date(text) {
        return long_date(i18n, date);
    }
    match field {
        "time_zone" => text.parse::<Tz>().map_or_else(
            |_| text.to_owned(),
            |zone| core_words::time_zone(i18n, zone),
        ),
        "facility_id" | "from_facility_id" => text
            .parse::<EntityId>()
            .ok()
            .and_then(|id| facilities.iter().find(|f| f.id == id))
            .map_or_else(|| text.to_owned(), |f| f.record.name.to_string()),
        _ => text.to_owned(),
    }
}

/// The message prefix of a field whose values are one of an enum's (see `labels::word`).
fn enum_prefix(entity_type: EntityType, field: &str) -> Option<&'static str> {
    Some(match (entity_type, field) {
        (EntityType::Referral, "status") => "referral-status",
        (EntityType::Referral, "priority") => "referral-priority",
        (EntityType::Referral, "decision") => "referral-decision",
        (_, "level") => "verification",
        (_, "custody_status") => "custody-status",
        (_, "g28" | "eoir28" | "eoir27") => "filing",
        (_, "priority") => "priority",
        (_, "status") => "task-status",
        (_, "purpose") => "consent-purpose",
        (_, "method") => "consent-method",
        (_, "whereabouts") => "whereabouts",
        (_, "category") => "evidence-category",
        (_, "verification") => "verification",
        (_, "release_type") => "release",
        (_, "outcome") => "outcome",
        (_, "mode") => "visit-mode",
        (EntityType::CustodyEvent, "kind") => "custody-event",
        (EntityType::LegalEvent, "kind") => "legal-event",
        (EntityType::Note, "kind") => "note-kind",
        _ => return None,
    })
}

/// A value in words: enum values translated where the field is known, dates with the month in
/// words, time zones named, ids named.
fn value_text(
    i18n: &I18n,
    entity_type: EntityType,
    field: &str,
    value: &Value,
    row: &ConflictRow,
    facilities: &[Stored<Facility>],
) -> String {
    match value {
        Value::Null => i18n.t("conflicts-empty-value"),
        Value::Bool(true) => i18n.t("conflicts-yes"),
        Value::Bool(false) => i18n.t("conflicts-no"),
        Value::String(text) if text.trim().is_empty() => i18n.t("conflicts-empty-value"),
        Value::String(text) => string_text(i18n, entity_type, field, text, facilities),
        Value::Array(items) if field == "assigned_to" => {
            let names: Vec<String> = items
                .iter()
                .filter_map(|item| item.as_str()?.parse::<DeviceId>().ok())
                .map(|device| {
                    // Assigned devices need not have written a value, so the short id stands in.
                    row.device_names
                        .get(&device)
                        .cloned()
                        .unwrap_or_else(|| device.to_string().chars().take(8).collect())
                })
                .collect();
            if names.is_empty() {
                i18n.t("conflicts-empty-value")
            } else {
                names.join(", ")
            }
        }
        other => other.to_string(),
    }
}
