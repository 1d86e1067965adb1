//! How the write-up looks: the reminder, the fields, and the bar with Finish, Discard, the
//! autosave line and any problem.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use pristan_ipc::IpcError;
use pristan_model::{LongText, ShortText, VisitMode};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::autosave::SaveStatus;
use super::facility::FacilityField;
use super::form::{Form, Problem};
use super::{Busy, Edit};
use crate::components::{note_kind_label, CheckField, ErrorNote};
use crate::errors::{describe, ErrorText};
use crate::format;
use crate::i18n::I18n;
use crate::state::Dispatch;

/// "Saved a moment ago" for this long, then "Saved at 14:05".
const MOMENT_MS: f64 = 60_000.0;

pub(super) fn resumed_text(i18n: &I18n, saved_at: Option<DateTime<Utc>>) -> String {
    // The draft's time is always listed with it; without one the sentence still holds.
    let Some(at) = saved_at else {
        return i18n.t("visit-resumed-plain");
    };
    let local = js_sys::Date::new(&(at.timestamp_millis() as f64).into());
    if local_date(&local) == Some(format::today()) {
        i18n.t_args(
            "visit-resumed",
            &[("time", local_clock(i18n, &local).into())],
        )
    } else {
        i18n.t_args(
            "visit-resumed-earlier",
            &[("when", format::moment(i18n, at).into())],
        )
    }
}

/// The question of consent to share with the coordinator, asked with the write-up when the
/// person has not agreed yet: unticked, the case stays on this laptop.
pub(super) fn share_consent(i18n: &I18n, checked: bool, set: UseStateSetter<bool>) -> Html {
    let on_change = Callback::from(move |on: bool| set.set(on));
    html! {
        <fieldset id="visit-share" class="share-consent panel">
            <legend>{ i18n.t("share-consent-title") }</legend>
            <p class="muted">{ i18n.t("share-consent-explain") }</p>
            <CheckField id="visit-share-check" label={i18n.t("share-consent-label")}
                {checked} {on_change} />
        </fieldset>
    }
}

pub(super) fn reminder(i18n: &I18n) -> Html {
    html! {
        <aside id="visit-reminder" class="note writeup-reminder" aria-labelledby="visit-reminder-title">
            <p id="visit-reminder-title" class="writeup-reminder-title">{ i18n.t("visit-reminder-title") }</p>
            <ul>
                <li>{ i18n.t("visit-reminder-consent") }</li>
                <li>{ i18n.t("visit-reminder-own-words") }</li>
                <li>{ i18n.t("visit-reminder-restricted") }</li>
            </ul>
        </aside>
    }
}

/// The form's fields, drawn from the current values.
pub(super) struct Fields<'a> {
    pub i18n: I18n,
    pub form: &'a Form,
    /// Finishing was refused for want of a date: the date field says so to screen readers.
    pub date_missing: bool,
    pub dispatch: &'a Dispatch,
    pub on_edit: &'a Callback<Edit>,
    pub on_leave_field: &'a Callback<Event>,
}

impl Fields<'_> {
    pub fn details(&self) -> Html {
        let (i18n, form) = (&self.i18n, self.form);
        let on_facility = self.on_edit.reform(Edit::Facility);
        let input = |edit: fn(String) -> Edit| {
            self.on_edit.reform(move |event: InputEvent| {
                edit(event.target_unchecked_into::<HtmlInputElement>().value())
            })
        };
        // Date and time pickers may report a choice through `change` alone.
        let picked = |edit: fn(String) -> Edit| {
            self.on_edit.reform(move |event: Event| {
                edit(event.target_unchecked_into::<HtmlInputElement>().value())
            })
        };
        let on_mode = self.on_edit.reform(|event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            Edit::Mode(VisitMode::parse(&value).unwrap_or_default())
        });
        let modes = [
            (VisitMode::InPerson, "visit-mode-in-person"),
            (VisitMode::Video, "visit-mode-video"),
            (VisitMode::Phone, "visit-mode-phone"),
        ];
        html! {
            <section class="panel writeup-details" aria-labelledby="visit-details-title">
                <h2 id="visit-details-title">{ i18n.t("visit-details-title") }</h2>
                <FacilityField dispatch={self.dispatch.clone()} selected={form.facility_id}
                    on_select={on_facility} />
                <div class="writeup-row">
                    <div class="field">
                        <label for="visit-date" class="field-label">{ i18n.t("visit-date") }</label>
                        <input id="visit-date" class="input" type="date" required=true
                            aria-invalid={self.date_missing.then_some("true")}
                            aria-describedby={self.date_missing.then_some("visit-error")}
                            value={form.date.clone()} oninput={input(Edit::Date)}
                            onchange={picked(Edit::Date)} />
                    </div>
                    <div class="field">
                        <label for="visit-time" class="field-label">{ i18n.t("visit-time") }</label>
                        <input id="visit-time" class="input" type="time"
                            value={form.time.clone()} oninput={input(Edit::Time)}
                            onchange={picked(Edit::Time)} />
                    </div>
                    <div class="field">
                        <label for="visit-mode" class="field-label">{ i18n.t("visit-mode") }</label>
                        <select id="visit-mode" onchange={on_mode}>
                            { for modes.iter().map(|&(mode, key)| html! {
                                <option value={mode.as_str()} selected={form.mode == mode}>{ i18n.t(key) }</option>
                            }) }
                        </select>
                    </div>
                </div>
                <div class="writeup-row">
                    { self.text_field("visit-language", "visit-language", "visit-language-hint",
                        &form.language, input(Edit::Language)) }
                    { self.text_field("visit-interpreter", "visit-interpreter", "visit-interpreter-hint",
                        &form.interpreter, input(Edit::Interpreter)) }
                </div>
            </section>
        }
    }

    fn text_field(
        &self,
        id: &'static str,
        label: &str,
        hint: &str,
        value: &str,
        oninput: Callback<InputEvent>,
    ) -> Html {
        let hint_id = format!("{id}-hint");
        html! {
            <div class="field">
                <label for={id} class="field-label">{ self.i18n.t(label) }</label>
                <input {id} class="input" type="text" maxlength={ShortText::MAX_CHARS.to_string()}
                    aria-describedby={hint_id.clone()} value={value.to_owned()} {oninput}
                    onchange={self.on_leave_field.clone()} />
                <p id={hint_id} class="field-hint-below muted">{ self.i18n.t(hint) }</p>
            </div>
        }
    }

    pub fn notes(&self) -> Html {
        let i18n = &self.i18n;
        html! {
            <section class="panel writeup-notes" aria-labelledby="visit-notes-title">
                <div class="writeup-notes-head">
                    <h2 id="visit-notes-title">{ i18n.t("visit-notes-title") }</h2>
                    <p class="not-verbatim">{ i18n.t("note-not-verbatim") }</p>
                </div>
                <p class="muted">{ i18n.t("visit-notes-intro") }</p>
                { for self.form.sections.iter().map(|section| {
                    let kind = section.kind;
                    let on_text = self.on_edit.reform(move |event: InputEvent| {
                        Edit::Text(kind, event.target_unchecked_into::<HtmlTextAreaElement>().value())
                    });
                    let on_restricted = self.on_edit.reform(move |event: Event| {
                        Edit::Restricted(kind, event.target_unchecked_into::<HtmlInputElement>().checked())
                    });
                    let (id, hint_id) = (format!("note-{kind}"), format!("note-{kind}-hint"));
                    html! {
                        <div class={classes!("writeup-section", section.restricted.then_some("is-restricted"))}>
                            <label for={id.clone()} class="field-label">{ note_kind_label(i18n, kind) }</label>
                            <p id={hint_id.clone()} class="field-hint-above muted">{ i18n.t(&format!("note-hint-{kind}")) }</p>
                            <textarea id={id} class="input writeup-text" rows="4"
                                aria-describedby={hint_id} value={section.text.clone()}
                                oninput={on_text} onchange={self.on_leave_field.clone()} />
                            <label class="check writeup-restricted">
                                <input id={format!("restricted-{kind}")} type="checkbox"
                                    checked={section.restricted} onchange={on_restricted} />
                                <span>{ i18n.t("visit-restricted") }</span>
                            </label>
                        </div>
                    }
                }) }
            </section>
        }
    }
}

pub(super) fn problem_note(
    i18n: &I18n,
    problem: Option<&Problem>,
    failure: Option<&IpcError>,
) -> Html {
    let text = match (problem, failure) {
        (Some(problem), _) => ErrorText {
            message: problem_text(i18n, problem),
            detail: None,
        },
        (None, Some(failure)) => describe(i18n, failure),
        (None, None) => return Html::default(),
    };
    html! { <ErrorNote id="visit-error" {text} /> }
}

fn problem_text(i18n: &I18n, problem: &Problem) -> String {
    match problem {
        Problem::NoDate => i18n.t("visit-error-no-date"),
        Problem::LanguageTooLong => i18n.t("visit-error-language"),
        Problem::InterpreterTooLong => i18n.t("visit-error-interpreter"),
        Problem::NoteTooLong { kind, chars } => i18n.t_args(
            "visit-error-too-long",
            &[
                ("kind", note_kind_label(i18n, *kind).into()),
                ("count", (*chars).into()),
                ("shown", grouped(i18n, *chars).into()),
                ("max", grouped(i18n, LongText::MAX_CHARS).into()),
            ],
        ),
    }
}

pub(super) struct ActionBar<'a> {
    /// Why finishing (or discarding) did not work, shown where the eyes are after pressing it.
    pub problem: Html,
    pub status: &'a SaveStatus,
    pub busy: Busy,
    pub confirming_discard: bool,
    pub finish: Callback<MouseEvent>,
    pub ask_discard: Callback<MouseEvent>,
    pub discard: Callback<MouseEvent>,
    pub keep_writing: Callback<MouseEvent>,
}

/// Finish, discard, the autosave line and any problem, kept in view at the bottom of the window.
pub(super) fn action_bar(i18n: &I18n, bar: &ActionBar<'_>) -> Html {
    let idle = bar.busy == Busy::No;
    let working = match bar.busy {
        Busy::Finishing => Some(i18n.t("visit-finishing")),
        Busy::Discarding => Some(i18n.t("visit-discarding")),
        Busy::No | Busy::Leaving => None,
    };
    html! {
        <div class="writeup-bar">
            { bar.problem.clone() }
            if bar.confirming_discard {
                <div class="writeup-discard" role="alertdialog" aria-labelledby="visit-discard-question">
                    <p id="visit-discard-question">{ i18n.t("visit-discard-question") }</p>
                    <div class="writeup-bar-buttons">
                        <button id="visit-discard-confirm" type="button" class="button button-danger"
                            onclick={bar.discard.clone()} disabled={!idle}>
                            { i18n.t("visit-discard-confirm") }
                        </button>
                        <button id="visit-discard-cancel" type="button" class="button button-quiet"
                            onclick={bar.keep_writing.clone()} disabled={!idle}>
                            { i18n.t("visit-discard-cancel") }
                        </button>
                    </div>
                </div>
            } else {
                <div class="writeup-bar-buttons">
                    <button id="visit-finish" type="button" class="button button-primary"
                        onclick={bar.finish.clone()} disabled={!idle}>
                        { i18n.t("visit-finish") }
                    </button>
                    <span class="muted writeup-shortcut">{ i18n.t("visit-finish-shortcut") }</span>
                    <button id="visit-discard" type="button" class="button button-quiet"
                        onclick={bar.ask_discard.clone()} disabled={!idle}>
                        { i18n.t("visit-discard") }
                    </button>
                </div>
            }
            <p id="autosave-status" class={classes!("autosave-status", matches!(bar.status, SaveStatus::Failed(_)).then_some("is-failed"))}
                role="status" aria-live="polite">
                { working.unwrap_or_else(|| status_text(i18n, bar.status)) }
            </p>
        </div>
    }
}

fn status_text(i18n: &I18n, status: &SaveStatus) -> String {
    match status {
        SaveStatus::Idle => i18n.t("visit-autosave-idle"),
        SaveStatus::Saving => i18n.t("visit-autosave-saving"),
        SaveStatus::Saved { at_ms } if js_sys::Date::now() - at_ms < MOMENT_MS => {
            i18n.t("visit-autosave-saved")
        }
        SaveStatus::Saved { at_ms } => i18n.t_args(
            "visit-autosave-saved-at",
            &[(
                "time",
                local_clock(i18n, &js_sys::Date::new(&(*at_ms).into())).into(),
            )],
        ),
        SaveStatus::Failed(error) => i18n.t_args(
            "visit-autosave-failed",
            &[("reason", describe(i18n, error).message.into())],
        ),
    }
}

/// This computer's date of a JS date.
fn local_date(date: &js_sys::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
    )
}

/// The wall-clock time of a JS date on this computer, as the language writes times.
fn local_clock(i18n: &I18n, date: &js_sys::Date) -> String {
    let time = NaiveTime::from_hms_opt(date.get_hours(), date.get_minutes(), 0).unwrap_or_default();
    format::clock_time(i18n, time)
}

/// A count with the language's digit grouping ("100,000" / "100 000").
fn grouped(i18n: &I18n, count: usize) -> String {
    String::from(js_sys::Number::from(count as f64).to_locale_string(i18n.language.tag()))
}
