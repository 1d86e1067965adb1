//! `#case-legal`: the legal timeline (hearings, decisions, appeals, motions, stays), oldest first,
//! and the form that adds an event. Hearing times are shown in the court's own time zone.

use chrono_tz::Tz;
use pristan_ipc::{AddRecord, AnyRecord};
use pristan_model::{EntityType, LegalEvent, LegalEventKind, Outcome, Stored};
use yew::prelude::*;

use super::facility::time_zone_options;
use super::{
    close_on_escape, long_text, on_submit, set, short_text, use_add_form, use_form_status,
    CaseSection, FormButtons, SectionProps,
};
use crate::components::{CheckField, ConfirmButton, DateField, SelectField, TextArea, TextField};
use crate::core_words;
use crate::format::{long_date, parse_date, parse_time, time_at};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn LegalSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let adding = use_add_form();
    let events = &props.file.legal_events;
    let action = adding.button("add-legal-event", i18n.t("legal-add"));
    html! {
        <CaseSection id="case-legal" title={i18n.t("legal-title")} {action}>
            if adding.open {
                <LegalEventForm section={props.clone()} on_done={adding.on_done.clone()} />
            }
            if events.is_empty() {
                <p class="muted">{ i18n.t("legal-none") }</p>
            } else {
                <ol class="timeline">
                    { for events.iter().map(|event| event_item(&i18n, props, event)) }
                </ol>
            }
        </CaseSection>
    }
}

fn event_item(i18n: &I18n, props: &SectionProps, event: &Stored<LegalEvent>) -> Html {
    let record = &event.record;
    let kind = word(i18n, "legal-event", record.kind.as_str());
    let when = match (record.date, record.time, record.time_zone) {
        (Some(date), Some(time), Some(zone)) => format!(
            "{}, {}",
            long_date(i18n, date),
            i18n.t_args(
                "legal-time-at",
                &[
                    ("time", time_at(i18n, date, time, zone).into()),
                    ("zone", core_words::time_zone(i18n, zone).into()),
                ]
            )
        ),
        (Some(date), _, _) => long_date(i18n, date),
        (None, _, _) => i18n.t("not-recorded"),
    };
    let court = match (record.court.is_empty(), record.judge.is_empty()) {
        (false, false) => Some(i18n.t_args(
            "legal-court-judge",
            &[
                ("court", record.court.to_string().into()),
                ("judge", record.judge.to_string().into()),
            ],
        )),
        (false, true) => Some(record.court.to_string()),
        (true, false) => Some(format!("{}: {}", i18n.t("legal-judge"), record.judge)),
        (true, true) => None,
    };
    let delete = props.delete(event.id, EntityType::LegalEvent);
    html! {
        <li class="timeline-item legal-event">
            <div class="timeline-date">{ when }</div>
            <div class="timeline-body">
                <p class="timeline-title">
                    <strong>{ kind.clone() }</strong>
                    if record.outcome != Outcome::Unknown {
                        <span class={classes!("badge", format!("badge-outcome-{}", record.outcome.as_str()))}>
                            { word(i18n, "outcome", record.outcome.as_str()) }
                        </span>
                    }
                </p>
                if record.appeal_waived {
                    <p class="timeline-line">{ i18n.t("legal-appeal-waived") }</p>
                }
                if let Some(court) = court {
                    <p class="timeline-line">{ court }</p>
                }
                if !record.source.is_empty() {
                    <p class="timeline-line muted">
                        { i18n.t_args("custody-source-shown", &[("source", record.source.to_string().into())]) }
                    </p>
                }
                if !record.note.is_empty() {
                    <p class="timeline-line prewrap">{ record.note.as_str() }</p>
                }
            </div>
            <div class="timeline-actions">
                <ConfirmButton on_confirm={delete} what={kind} />
            </div>
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct LegalEventFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn LegalEventForm(props: &LegalEventFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let facility_zone = section
        .file
        .facility
        .as_ref()
        .and_then(|facility| facility.record.time_zone)
        .map(|zone| zone.name().to_owned())
        .unwrap_or_default();
    let kind = use_state(|| LegalEventKind::IjDecision.as_str().to_owned());
    let date = use_state(String::new);
    let time = use_state(String::new);
    let zone = use_state(|| facility_zone);
    let court = use_state(String::new);
    let judge = use_state(String::new);
    let outcome = use_state(|| Outcome::Unknown.as_str().to_owned());
    let appeal_waived = use_state(|| false);
    let source = use_state(String::new);
    let note = use_state(String::new);
    let date_problem = use_state(|| None::<String>);
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let fields = (
            kind.clone(),
            date.clone(),
            time.clone(),
            zone.clone(),
            court.clone(),
            judge.clone(),
            outcome.clone(),
            appeal_waived.clone(),
            source.clone(),
            note.clone(),
        );
        let (date_problem, status) = (date_problem.clone(), status.clone());
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let (kind, date, time, zone, court, judge, outcome, appeal_waived, source, note) =
                &fields;
            let Some(day) = parse_date(date) else {
                date_problem.set(Some(i18n.t("legal-date-missing")));
                return;
            };
            date_problem.set(None);
            let kind = LegalEventKind::parse(kind).unwrap_or_default();
            let record = (|| {
                Ok::<_, String>(LegalEvent {
                    case_id: Some(case_id),
                    kind,
                    date: Some(day),
                    time: parse_time(time),
                    time_zone: zone.parse::<Tz>().ok(),
                    court: short_text(&i18n, &i18n.t("legal-court"), court)?,
                    judge: short_text(&i18n, &i18n.t("legal-judge"), judge)?,
                    outcome: Outcome::parse(outcome).unwrap_or_default(),
                    appeal_waived: **appeal_waived && kind == LegalEventKind::IjDecision,
                    source: short_text(&i18n, &i18n.t("legal-source"), source)?,
                    note: long_text(&i18n, &i18n.t("legal-note"), note)?,
                })
            })();
            let command = record.map(|record| AddRecord {
                record: AnyRecord::LegalEvent(record),
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    let is_decision = LegalEventKind::parse(&kind) == Some(LegalEventKind::IjDecision);
    let on_waived = {
        let appeal_waived = appeal_waived.clone();
        Callback::from(move |checked: bool| appeal_waived.set(checked))
    };
    html! {
        <form id="legal-event-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("legal-add-title") }</h3>
            <div class="form-grid">
                <div class="field span-2">
                    <label for="legal-event-kind" class="field-label">{ i18n.t("legal-kind") }</label>
                    <select id="legal-event-kind" class="select" ref={first}
                        onchange={set(&kind).reform(|event: Event| {
                            event.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
                        })}>
                        { for LegalEventKind::ALL.iter().map(|value| html! {
                            <option value={value.as_str()} selected={value.as_str() == *kind}>
                                { word(&i18n, "legal-event", value.as_str()) }
                            </option>
                        }) }
                    </select>
                </div>
                <DateField id="legal-event-date" label={i18n.t("legal-date")} value={(*date).clone()}
                    on_input={set(&date)} error={(*date_problem).clone()} />
                <SelectField id="legal-event-outcome" label={i18n.t("legal-outcome")}
                    value={(*outcome).clone()} on_change={set(&outcome)}
                    options={options(&i18n, "outcome", Outcome::ALL, Outcome::as_str)} />
                <DateField id="legal-event-time" kind="time" label={i18n.t("legal-time")}
                    value={(*time).clone()} on_input={set(&time)} />
                <SelectField id="legal-event-zone" label={i18n.t("legal-time-zone")}
                    value={(*zone).clone()} on_change={set(&zone)}
                    options={time_zone_options(&i18n)} empty={i18n.t("none-chosen")} />
                <TextField id="legal-event-court" label={i18n.t("legal-court")} value={(*court).clone()}
                    on_input={set(&court)} />
                <TextField id="legal-event-judge" label={i18n.t("legal-judge")} value={(*judge).clone()}
                    on_input={set(&judge)} />
                <TextField id="legal-event-source" label={i18n.t("legal-source")} value={(*source).clone()}
                    on_input={set(&source)} hint={i18n.t("legal-source-hint")} class="span-2" />
                <TextArea id="legal-event-note" label={i18n.t("legal-note")} value={(*note).clone()}
                    on_input={set(&note)} class="span-2" />
            </div>
            if is_decision {
                <CheckField id="legal-event-appeal-waived" label={i18n.t("legal-appeal-waived")}
                    checked={*appeal_waived} on_change={on_waived} />
            }
            { status.view() }
            <FormButtons submit_id="legal-event-submit" submit_label={i18n.t("legal-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
