//! The pieces of a case page, one per section, and what they share: the props every section
//! takes, a person's two names, a deadline's facts, and saving a form.

mod attachments;
mod attorney;
mod consents;
mod coordination;
mod custody;
mod deadlines;
mod dossier_export;
mod dossier_notes;
mod evidence;
mod facility;
mod family_card_issue;
pub mod family_cards;
mod flights;
mod header;
mod history;
mod legal;
mod overview;
mod pathways;
mod referrals;
mod relatives;
mod tasks;
mod verification;
mod visits;

use std::rc::Rc;

pub use attachments::AttachmentsSection;
pub use attorney::AttorneySection;
pub use consents::ConsentsSection;
pub use coordination::CoordinationSections;
pub use custody::CustodySection;
pub use deadlines::{DeadlineFacts, DeadlinesSection};
pub use evidence::EvidenceSection;
pub use facility::FacilityField;
pub use flights::FlightsSection;
pub use header::CaseHeader;
pub use history::HistorySection;
pub use legal::LegalSection;
pub use overview::OverviewSection;
pub use referrals::ReferralsSection;
pub use relatives::RelativesSection;
pub use tasks::{priority_badge, TasksSection};
pub use verification::VerificationSection;
pub use visits::VisitsSection;

use pristan_ipc::{Command, DeleteRecord, IpcError};
use pristan_model::views::CaseFile;
use pristan_model::{EntityId, EntityType, Facility, LongText, ShortText, Stored, TextError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::errors::{describe, ErrorText};
use crate::hooks::vault_call;
use crate::i18n::I18n;
use crate::state::Dispatch;

/// What every section of the case page is given.
#[derive(Properties, PartialEq, Clone)]
pub struct SectionProps {
    pub dispatch: Dispatch,
    pub file: Rc<CaseFile>,
    /// Every facility in the vault, by name, for pickers and for naming facilities in events.
    pub facilities: Rc<Vec<Stored<Facility>>>,
    /// Called after a change was saved, so the page reads the case again.
    pub on_changed: Callback<()>,
    /// Called after a facility was added, so the list of facilities is read again.
    pub on_facilities_changed: Callback<()>,
    /// Shows an error from a change made without a form (deleting, ticking a task done).
    pub on_error: Callback<IpcError>,
}

impl SectionProps {
    pub fn case_id(&self) -> EntityId {
        self.file.case.id
    }

    /// Deletes the record `id` when called, then has the page read the case again.
    pub fn delete(&self, id: EntityId, kind: EntityType) -> Callback<()> {
        self.send_then_reload(DeleteRecord { id, kind })
    }

    /// Sends a command that changes the case when called, then has the page read it again. A
    /// failure shows in the page's own error line.
    pub fn send_then_reload<C>(&self, command: C) -> Callback<()>
    where
        C: Command + Clone + 'static,
    {
        let (dispatch, on_changed, on_error) = (
            self.dispatch.clone(),
            self.on_changed.clone(),
            self.on_error.clone(),
        );
        Callback::from(move |()| {
            let (dispatch, on_changed, on_error) =
                (dispatch.clone(), on_changed.clone(), on_error.clone());
            let command = command.clone();
            spawn_local(async move {
                match vault_call(&dispatch, &command).await {
                    Ok(_) => on_changed.emit(()),
                    Err(error) => on_error.emit(error),
                }
            });
        })
    }

    /// The name of the facility `id`, if it is known.
    pub fn facility_name(&self, id: Option<EntityId>) -> Option<String> {
        let id = id?;
        self.facilities
            .iter()
            .find(|facility| facility.id == id)
            .map(|facility| facility.record.name.to_string())
    }
}

#[derive(Properties, PartialEq)]
pub struct CaseNameProps {
    pub name: String,
    pub native_name: String,
    #[prop_or_default]
    pub class: Classes,
}

/// A person's name in Latin letters, and beside it their name in their own script.
#[function_component]
pub fn CaseName(props: &CaseNameProps) -> Html {
    let native = props.native_name.trim();
    html! {
        <span class={classes!("case-names", props.class.clone())}>
            <span class="case-name-latin">{ &props.name }</span>
            if !native.is_empty() && native != props.name.trim() {
                { " " }
                <span class="case-name-native">{ native }</span>
            }
        </span>
    }
}

/// A form's state while it saves: whether it is working and what went wrong.
#[derive(Clone)]
pub struct FormStatus {
    pub busy: UseStateHandle<bool>,
    pub error: UseStateHandle<Option<ErrorText>>,
}

#[hook]
pub fn use_form_status() -> FormStatus {
    FormStatus {
        busy: use_state(|| false),
        error: use_state(|| None),
    }
}

impl FormStatus {
    /// Shows a problem found before sending anything (a missing field, a bad A-number).
    pub fn refuse(&self, message: String) {
        self.error.set(Some(ErrorText {
            message,
            detail: None,
        }));
    }

    /// Sends `command`; on success calls `done` with the answer, otherwise shows the error.
    pub fn send<C, F>(&self, i18n: I18n, dispatch: &Dispatch, command: C, done: F)
    where
        C: Command + 'static,
        F: FnOnce(C::Response) + 'static,
    {
        if *self.busy {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        let (status, dispatch) = (self.clone(), dispatch.clone());
        spawn_local(async move {
            let answer: Result<C::Response, IpcError> = vault_call(&dispatch, &command).await;
            status.busy.set(false);
            match answer {
                Ok(response) => done(response),
                Err(error) => status.error.set(Some(describe(&i18n, &error))),
            }
        });
    }

    /// Sends `command` if the form was read without a problem, then closes the form and reloads
    /// the case; otherwise, or if the shell refuses it, says what is wrong and keeps the form open.
    pub fn save<C>(
        &self,
        i18n: I18n,
        dispatch: &Dispatch,
        command: Result<C, String>,
        on_done: &Callback<()>,
        on_changed: &Callback<()>,
    ) where
        C: Command + 'static,
    {
        match command {
            Ok(command) => {
                let (on_done, on_changed) = (on_done.clone(), on_changed.clone());
                self.send(i18n, dispatch, command, move |_| {
                    on_done.emit(());
                    on_changed.emit(());
                });
            }
            Err(message) => self.refuse(message),
        }
    }

    pub fn view(&self) -> Html {
        match &*self.error {
            Some(text) => html! { <crate::components::ErrorNote text={text.clone()} /> },
            None => html! {},
        }
    }
}

/// A one-line text from a form field, or why it cannot be saved ("Court: …").
pub fn short_text(i18n: &I18n, label: &str, text: &str) -> Result<ShortText, String> {
    ShortText::new(text).map_err(|error| text_error(i18n, label, &error))
}

/// A longer text (a note, a summary), or why it cannot be saved.
pub fn long_text(i18n: &I18n, label: &str, text: &str) -> Result<LongText, String> {
    LongText::new(text).map_err(|error| text_error(i18n, label, &error))
}

fn text_error(i18n: &I18n, label: &str, error: &TextError) -> String {
    let reason = match *error {
        TextError::TooLong { found, max } => i18n.t_args(
            "text-too-long",
            &[("found", found.into()), ("max", max.into())],
        ),
        TextError::ControlCharacter => i18n.t("text-one-line"),
    };
    format!("{label}: {reason}")
}

#[derive(Properties, PartialEq)]
pub struct FormButtonsProps {
    pub submit_id: AttrValue,
    pub submit_label: String,
    pub busy: bool,
    pub on_cancel: Callback<()>,
}

/// The buttons at the foot of a section's form: save, and cancel (which closes it unsaved).
#[function_component]
pub fn FormButtons(props: &FormButtonsProps) -> Html {
    let i18n = crate::i18n::use_i18n();
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="actions">
            <button id={props.submit_id.clone()} type="submit" class="button button-primary"
                disabled={props.busy}>
                { if props.busy { i18n.t("saving") } else { props.submit_label.clone() } }
            </button>
            <button type="button" class="button button-quiet" onclick={cancel}>
                { i18n.t("cancel") }
            </button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CaseSectionProps {
    pub id: AttrValue,
    pub title: String,
    #[prop_or_default]
    pub class: Classes,
    /// The section's main action, shown beside its title (an "Add …" button).
    #[prop_or_default]
    pub action: Html,
    pub children: Html,
}

/// A titled panel of the case page.
#[function_component]
pub fn CaseSection(props: &CaseSectionProps) -> Html {
    let title_id = format!("{}-title", props.id);
    html! {
        <section id={props.id.clone()} class={classes!("panel", "case-section", props.class.clone())}
            aria-labelledby={title_id.clone()}>
            <div class="section-heading">
                <h2 id={title_id}>{ &props.title }</h2>
                { props.action.clone() }
            </div>
            { props.children.clone() }
        </section>
    }
}

/// A form submit handler that stops the page from reloading and runs `save`.
pub fn on_submit(save: impl Fn() + 'static) -> Callback<SubmitEvent> {
    Callback::from(move |event: SubmitEvent| {
        event.prevent_default();
        save();
    })
}

/// Escape closes a section's form without saving, as Cancel does.
pub fn close_on_escape(on_done: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_done.emit(());
        }
    })
}

/// A callback that stores what was typed into `state`.
pub fn set(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}

/// A callback that opens or closes a form kept in `open`.
pub fn toggle(open: &UseStateHandle<bool>, value: bool) -> Callback<()> {
    let open = open.clone();
    Callback::from(move |()| open.set(value))
}

/// A section's "Add …" form: whether it is open, and the callbacks that open and close it.
pub struct AddForm {
    pub open: bool,
    /// Closes the form (after saving, on Cancel or Escape).
    pub on_done: Callback<()>,
    on_open: Callback<()>,
}

impl AddForm {
    /// The button beside the section's title that opens the form; hidden while it is open.
    pub fn button(&self, id: &'static str, label: String) -> Html {
        if self.open {
            return html! {};
        }
        html! {
            <button {id} type="button" class="button button-small button-quiet"
                onclick={self.on_open.reform(|_: MouseEvent| ())}>
                { label }
            </button>
        }
    }
}

#[hook]
pub fn use_add_form() -> AddForm {
    let open = use_state(|| false);
    AddForm {
        open: *open,
        on_done: toggle(&open, false),
        on_open: toggle(&open, true),
    }
}
