//! Writing up a visit: the visit's details and one note per section, typed with the keyboard
//! alone (Tab through the fields in order, Ctrl+Enter to finish), autosaved into the vault as a
//! draft while typing, and saved as a visit with its notes on "Finish and save".

mod autosave;
mod facility;
mod form;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use gloo_timers::callback::Interval;
use pristan_ipc::{
    DiscardVisitDraft, FinishVisitDraft, GetCaseFile, GetVisitDraft, IpcError, SaveVisitDraft,
};
use pristan_model::views::CaseFile;
use pristan_model::{ConsentPurpose, EntityId, NoteKind, VisitMode};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use self::autosave::{Autosave, SaveStatus};
use self::form::{Form, Problem};
use self::view::{
    action_bar, problem_note, reminder, resumed_text, share_consent, ActionBar, Fields,
};
use crate::backend::call;
use crate::components::ErrorNote;
use crate::errors::describe;
use crate::format;
use crate::hooks::{focus_after_render, focus_by_id, vault_was_locked};
use crate::i18n::use_i18n;
use crate::state::{Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct VisitWriteUpProps {
    pub dispatch: Dispatch,
    pub case_id: EntityId,
    pub draft_id: EntityId,
}

/// What the page knows once it has read the vault.
#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Ready {
        /// The person's names, for the heading.
        person: String,
        /// Set when an earlier, unfinished write-up was opened: when it was last saved.
        resumed: Option<Option<DateTime<Utc>>>,
        /// Whether the person's consent to share with the coordinator is in force already.
        shares: bool,
    },
    Failed(IpcError),
}

/// A change to one field. Typing is autosaved on a timer, finished changes at once.
#[derive(Debug, Clone)]
pub(super) enum Edit {
    Facility(Option<EntityId>),
    Date(String),
    Time(String),
    Mode(VisitMode),
    Language(String),
    Interpreter(String),
    Text(NoteKind, String),
    Restricted(NoteKind, bool),
}

impl Edit {
    /// Applies the change; returns whether anything changed (a date field reports a choice
    /// through both `input` and `change`).
    fn apply(self, form: &mut Form) -> bool {
        fn set<T: PartialEq>(field: &mut T, value: T) -> bool {
            let changed = *field != value;
            *field = value;
            changed
        }
        match self {
            Edit::Facility(id) => set(&mut form.facility_id, id),
            Edit::Date(date) => set(&mut form.date, date),
            Edit::Time(time) => set(&mut form.time, time),
            Edit::Mode(mode) => set(&mut form.mode, mode),
            Edit::Language(language) => set(&mut form.language, language),
            Edit::Interpreter(name) => set(&mut form.interpreter, name),
            Edit::Text(kind, text) => form
                .section_mut(kind)
                .is_some_and(|section| set(&mut section.text, text)),
            Edit::Restricted(kind, restricted) => form
                .section_mut(kind)
                .is_some_and(|section| set(&mut section.restricted, restricted)),
        }
    }

    /// Whether this change is typing (saved within a few seconds) rather than a finished choice.
    fn is_typing(&self) -> bool {
        matches!(
            self,
            Edit::Language(_) | Edit::Interpreter(_) | Edit::Text(..)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Busy {
    No,
    Finishing,
    Discarding,
    Leaving,
}

#[function_component]
pub fn VisitWriteUpPage(props: &VisitWriteUpProps) -> Html {
    let i18n = use_i18n();
    let form: Rc<RefCell<Option<Form>>> = use_mut_ref(|| None);
    let redraw = use_force_update();
    let loaded = use_state(|| Loaded::Loading);
    let status = use_state(|| SaveStatus::Idle);
    let problem = use_state(|| None::<Problem>);
    let failure = use_state(|| None::<IpcError>);
    let busy = use_state(|| Busy::No);
    let confirming_discard = use_state(|| false);
    // Asked in the same step as the write-up, unticked until the person says yes.
    let share = use_state(|| false);

    let autosave = {
        let (form, status, dispatch) = (form.clone(), status.setter(), props.dispatch.clone());
        use_memo(props.draft_id, move |&draft_id| {
            Autosave::new(
                draft_id,
                form,
                Callback::from(move |next| status.set(next)),
                Callback::from(move |error: IpcError| {
                    vault_was_locked(&dispatch, &error);
                }),
            )
        })
    };
    {
        let autosave = autosave.clone();
        use_effect_with(autosave, |autosave| {
            let autosave = autosave.clone();
            move || autosave.stop()
        });
    }

    // Read the draft (if this write-up was started before) and the case.
    {
        let (form, loaded, dispatch) = (form.clone(), loaded.clone(), props.dispatch.clone());
        use_effect_with(
            (props.case_id, props.draft_id),
            move |&(case_id, draft_id)| {
                spawn_local(async move {
                    match load(case_id, draft_id).await {
                        Ok((next, (person, shares), resumed)) => {
                            *form.borrow_mut() = Some(next);
                            loaded.set(Loaded::Ready {
                                person,
                                resumed,
                                shares,
                            });
                        }
                        Err(error) => {
                            if !vault_was_locked(&dispatch, &error) {
                                loaded.set(Loaded::Failed(error));
                            }
                        }
                    }
                });
            },
        );
    }
    let ready = matches!(*loaded, Loaded::Ready { .. });
    use_effect_with(ready, |&ready| {
        if ready {
            focus_by_id("visit-facility");
        }
    });
    // "Saved a moment ago" turns into "Saved at 14:05" without another save.
    {
        let redraw = redraw.clone();
        let saved = matches!(*status, SaveStatus::Saved { .. });
        use_effect_with(saved, move |&saved| {
            let ticker = saved.then(|| Interval::new(15_000, move || redraw.force_update()));
            move || drop(ticker)
        });
    }

    let on_edit = {
        let (form, autosave, redraw, problem) = (
            form.clone(),
            autosave.clone(),
            redraw.clone(),
            problem.clone(),
        );
        Callback::from(move |edit: Edit| {
            let typing = edit.is_typing();
            let changed = form
                .borrow_mut()
                .as_mut()
                .is_some_and(|form| edit.apply(form));
            if !changed {
                return;
            }
            if typing {
                autosave.typed();
            } else {
                problem.set(None);
                autosave.changed();
            }
            redraw.force_update();
        })
    };
    let on_leave_field = {
        let autosave = autosave.clone();
        Callback::from(move |_: Event| autosave.flush())
    };

    let finish = {
        let (form, autosave, dispatch) = (form.clone(), autosave.clone(), props.dispatch.clone());
        let share = share.clone();
        let (problem, failure, busy, case_id, draft_id) = (
            problem.clone(),
            failure.clone(),
            busy.clone(),
            props.case_id,
            props.draft_id,
        );
        Callback::from(move |()| {
            if *busy != Busy::No {
                return;
            }
            let Some(current) = form.borrow().clone() else {
                return;
            };
            if let Some(found) = current.problem() {
                focus_by_id(&found.field_id());
                problem.set(Some(found));
                return;
            }
            problem.set(None);
            failure.set(None);
            busy.set(Busy::Finishing);
            let (form, autosave, dispatch) = (form.clone(), autosave.clone(), dispatch.clone());
            let (failure, busy, share) = (failure.clone(), busy.clone(), *share);
            spawn_local(async move {
                autosave.close().await;
                let answer = save_and_finish(draft_id, &form, &autosave, share).await;
                match answer {
                    Ok(()) => dispatch.dispatch(Action::OpenCase(case_id)),
                    Err(error) => {
                        busy.set(Busy::No);
                        if !vault_was_locked(&dispatch, &error) {
                            failure.set(Some(error));
                            autosave.reopen();
                        }
                    }
                }
            });
        })
    };
    let discard = {
        let (autosave, dispatch, failure, busy) = (
            autosave.clone(),
            props.dispatch.clone(),
            failure.clone(),
            busy.clone(),
        );
        let (case_id, draft_id) = (props.case_id, props.draft_id);
        Callback::from(move |_: MouseEvent| {
            busy.set(Busy::Discarding);
            let (autosave, dispatch, failure, busy) = (
                autosave.clone(),
                dispatch.clone(),
                failure.clone(),
                busy.clone(),
            );
            spawn_local(async move {
                autosave.close().await;
                match call(&DiscardVisitDraft { id: draft_id }).await {
                    Ok(()) => dispatch.dispatch(Action::OpenCase(case_id)),
                    Err(error) => {
                        busy.set(Busy::No);
                        if !vault_was_locked(&dispatch, &error) {
                            failure.set(Some(error));
                            autosave.reopen();
                        }
                    }
                }
            });
        })
    };
    // Back to the case keeps the write-up: whatever is not saved yet is saved first.
    let leave = {
        let (form, autosave, dispatch) = (form.clone(), autosave.clone(), props.dispatch.clone());
        let (failure, busy, case_id, draft_id) =
            (failure.clone(), busy.clone(), props.case_id, props.draft_id);
        Callback::from(move |_: MouseEvent| {
            busy.set(Busy::Leaving);
            let (form, autosave, dispatch) = (form.clone(), autosave.clone(), dispatch.clone());
            let (failure, busy) = (failure.clone(), busy.clone());
            spawn_local(async move {
                autosave.close().await;
                let answer = if autosave.has_unsaved() {
                    save(draft_id, &form).await
                } else {
                    Ok(())
                };
                match answer {
                    Ok(()) => dispatch.dispatch(Action::OpenCase(case_id)),
                    Err(error) => {
                        busy.set(Busy::No);
                        if !vault_was_locked(&dispatch, &error) {
                            failure.set(Some(error));
                            autosave.reopen();
                        }
                    }
                }
            });
        })
    };
    let on_keydown = {
        let finish = finish.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.ctrl_key() && event.key() == "Enter" {
                event.prevent_default();
                finish.emit(());
            }
        })
    };
    let ask_discard = {
        let confirming = confirming_discard.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(true);
            focus_after_render("visit-discard-cancel".to_owned());
        })
    };
    let keep_writing = {
        let confirming = confirming_discard.clone();
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            focus_after_render("visit-discard".to_owned());
        })
    };

    let body = match (&*loaded, form.borrow().as_ref()) {
        (
            Loaded::Ready {
                person,
                resumed,
                shares,
            },
            Some(current),
        ) => {
            let fields = Fields {
                i18n,
                form: current,
                date_missing: *problem == Some(Problem::NoDate),
                dispatch: &props.dispatch,
                on_edit: &on_edit,
                on_leave_field: &on_leave_field,
            };
            html! {
                <>
                    <p class="writeup-person">{ i18n.t_args("visit-for", &[("name", person.clone().into())]) }</p>
                    if let Some(saved_at) = resumed {
                        <p id="visit-resumed" class="note" role="status">
                            { resumed_text(&i18n, *saved_at) }
                        </p>
                    }
                    { reminder(&i18n) }
                    { fields.details() }
                    { fields.notes() }
                    if !*shares {
                        { share_consent(&i18n, *share, share.setter()) }
                    }
                    { action_bar(&i18n, &ActionBar {
                        problem: problem_note(&i18n, problem.as_ref(), failure.as_ref()),
                        status: &status,
                        busy: *busy,
                        confirming_discard: *confirming_discard,
                        finish: finish.reform(|_: MouseEvent| ()),
                        ask_discard,
                        discard,
                        keep_writing,
                    }) }
                </>
            }
        }
        (Loaded::Failed(error), _) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        _ => html! { <p class="muted" role="status">{ i18n.t("visit-loading") }</p> },
    };

    html! {
        <section id="visit-writeup" class="page page-writeup" onkeydown={on_keydown}>
            <div class="page-heading">
                <button id="visit-back" type="button" class="button button-quiet back-button"
                    onclick={leave} disabled={*busy != Busy::No}>
                    { i18n.t("visit-back") }
                </button>
                <h1>{ i18n.t("visit-title") }</h1>
            </div>
            { body }
        </section>
    }
}

/// The draft to continue (or a new form) and the names of the person visited.
async fn load(
    case_id: EntityId,
    draft_id: EntityId,
) -> Result<(Form, (String, bool), Option<Option<DateTime<Utc>>>), IpcError> {
    let draft = call(&GetVisitDraft { id: draft_id }).await?;
    let file = call(&GetCaseFile { id: case_id }).await?;
    let today = format::today();
    let shares = file.consents.iter().any(|c| {
        c.record.purpose == ConsentPurpose::ShareWithCoordinator && c.record.in_force_on(today)
    });
    let person = (person_name(&file), shares);
    Ok(match draft {
        Some(draft) => {
            let saved_at = file
                .drafts
                .iter()
                .find(|summary| summary.id == draft_id)
                .map(|summary| summary.updated_at);
            (Form::from_draft(case_id, &draft), person, Some(saved_at))
        }
        None => {
            // Where the person is held now, or else where the last visit was.
            let facility = file
                .case
                .facility_id
                .or_else(|| file.visits.iter().find_map(|v| v.record.facility_id));
            (Form::new(case_id, facility, format::today()), person, None)
        }
    })
}

fn person_name(file: &CaseFile) -> String {
    let (name, native) = (file.case.name.trim(), file.case.native_name.trim());
    match (name.is_empty(), native.is_empty() || native == name) {
        (false, false) => format!("{name} ({native})"),
        (true, false) => native.to_owned(),
        _ => name.to_owned(),
    }
}

async fn save(draft_id: EntityId, form: &Rc<RefCell<Option<Form>>>) -> Result<(), IpcError> {
    let Some(draft) = form.borrow().as_ref().map(Form::to_draft) else {
        return Ok(());
    };
    call(&SaveVisitDraft {
        id: draft_id,
        draft,
    })
    .await
}

/// Saves what is on screen, then turns the draft into the visit and its notes.
async fn save_and_finish(
    draft_id: EntityId,
    form: &Rc<RefCell<Option<Form>>>,
    autosave: &Autosave,
    share_with_coordinator: bool,
) -> Result<(), IpcError> {
    save(draft_id, form).await?;
    autosave.mark_saved();
    call(&FinishVisitDraft {
        id: draft_id,
        share_with_coordinator,
    })
    .await
    .map(|_| ())
}
