//! `#case-history`: every change to the case and its records, from the operation log — what
//! changed, from what to what, on which device and by whom, when — filterable by kind, so a
//! coordinator can answer "who changed the custody status, and when?" on the page.

use pristan_ipc::GetCaseHistory;
use pristan_model::{EntityId, HistoryEntry, HistoryKind};
use serde_json::Value;
use yew::prelude::*;

use super::{CaseSection, SectionProps};
use crate::components::{ErrorNote, SelectField};
use crate::core_words;
use crate::errors::describe;
use crate::format::moment;
use crate::hooks::use_query;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};
use crate::pages::conflicts::string_text;

#[function_component]
pub fn HistorySection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let kind = use_state(|| None::<HistoryKind>);
    // Read again whenever the case file is (after every change), and when the filter changes.
    let key = (props.case_id(), *kind, props.file.clone());
    let history = use_query(
        &props.dispatch,
        key,
        |(case, kind, _): &(EntityId, _, _)| GetCaseHistory {
            case: *case,
            kind: *kind,
        },
    );
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |value: String| kind.set(HistoryKind::parse(&value)))
    };
    let body = match &*history.answer {
        None => html! { <p class="muted">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(entries)) if entries.is_empty() => {
            html! { <p class="muted">{ i18n.t("history-none") }</p> }
        }
        // Newest first: the question is usually about a recent change.
        Some(Ok(entries)) => html! {
            <ol id="history-list" class="history-list">
                { for entries.iter().rev().map(|entry| history_line(&i18n, props, entry)) }
            </ol>
        },
    };
    html! {
        <CaseSection id="case-history" title={i18n.t("history-title")}>
            <SelectField id="history-kind" label={i18n.t("history-filter")}
                value={kind.map(|k| k.as_str().to_owned()).unwrap_or_default()}
                options={options(&i18n, "history-kind", HistoryKind::ALL, HistoryKind::as_str)}
                empty={Some(i18n.t("board-filter-any"))} on_change={on_kind} />
            { body }
        </CaseSection>
    }
}

fn history_line(i18n: &I18n, props: &SectionProps, entry: &HistoryEntry) -> Html {
    let who = match (entry.by.name.trim().is_empty(), entry.received) {
        (false, _) => entry.by.name.clone(),
        (true, false) => i18n.t("history-this-device"),
        (true, true) => i18n.t("verification-unknown-device"),
    };
    let what = word(i18n, "sync-entity", entry.entity_type.as_str());
    let change = if entry.deleted {
        i18n.t("history-deleted")
    } else {
        match &entry.field {
            None => i18n.t("history-created"),
            Some(field) => i18n.t_args(
                "history-changed",
                &[
                    ("field", core_words::field(i18n, field).into()),
                    (
                        "from",
                        value_text(i18n, props, entry, field, entry.from.as_ref()).into(),
                    ),
                    (
                        "to",
                        value_text(i18n, props, entry, field, entry.to.as_ref()).into(),
                    ),
                ],
            ),
        }
    };
    html! {
        <li class="history-entry">
            <span class="history-when">{ moment(i18n, entry.at) }</span>
            <span class="badge">{ word(i18n, "history-kind", entry.kind.as_str()) }</span>
            <span class="history-what">{ format!("{what}: {change}") }</span>
            <span class="history-who muted">
                { i18n.t_args(if entry.received { "history-by-received" } else { "history-by" },
                    &[("who", who.into())]) }
            </span>
        </li>
    }
}

/// A value in words, as the Conflicts screen words it (fixed values translated, dates with the
/// month in words, a facility by name); an id of another record as "a linked record", never hex.
fn value_text(
    i18n: &I18n,
    props: &SectionProps,
    entry: &HistoryEntry,
    field: &str,
    value: Option<&Value>,
) -> String {
    match value {
        None | Some(Value::Null) => "—".to_owned(),
        Some(Value::String(text)) if text.is_empty() => i18n.t("not-recorded"),
        Some(Value::String(_)) if field.ends_with("_id") && !field.ends_with("facility_id") => {
            i18n.t("history-linked-record")
        }
        Some(Value::String(text)) => {
            string_text(i18n, entry.entity_type, field, text, &props.facilities)
        }
        // The assigned devices: how many, not their ids.
        Some(Value::Array(items)) => i18n.t_args("history-items", &[("count", items.len().into())]),
        Some(Value::Bool(true)) => i18n.t("history-yes"),
        Some(Value::Bool(false)) => i18n.t("history-no"),
        Some(other) => other.to_string(),
    }
}
