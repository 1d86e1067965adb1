//! `#case-page`: everything about one person. The page reads the whole case file in one call and
//! reads it again after every change, so what shows is always what the vault holds.

use std::rc::Rc;

use pristan_ipc::{ErrorKind, GetCaseFile, IpcError, ListFacilities};
use pristan_model::EntityId;
use yew::prelude::*;

use crate::components::case::{
    AttachmentsSection, AttorneySection, CaseHeader, CaseSection, ConsentsSection,
    CoordinationSections, CustodySection, DeadlinesSection, EvidenceSection, FlightsSection,
    HistorySection, LegalSection, OverviewSection, ReferralsSection, RelativesSection,
    SectionProps, TasksSection, VerificationSection, VisitsSection,
};
use crate::components::{ErrorNote, NoteList};
use crate::errors::{describe, ErrorText};
use crate::hooks::{focus_by_id, use_query};
use crate::i18n::use_i18n;
use crate::state::{Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct CasePageProps {
    pub dispatch: Dispatch,
    pub id: EntityId,
}

/// The sections in page order, for the "On this page" links: (element id, title message).
const SECTIONS: &[(&str, &str)] = &[
    ("case-overview", "case-overview"),
    ("case-attorney", "attorney-title"),
    ("case-deadlines", "deadlines-title"),
    ("case-legal", "legal-title"),
    ("case-custody", "custody-title"),
    ("case-visits", "case-visits-title"),
    ("case-notes", "case-notes-title"),
    ("case-tasks", "tasks-title"),
    ("case-evidence", "evidence-title"),
    ("case-verification", "verification-title"),
    ("case-relatives", "relatives-title"),
    ("case-consents", "consents-title"),
    ("case-family-cards", "family-cards-title"),
    ("case-referrals", "referrals-title"),
    ("case-flights", "case-flights-title"),
    ("case-attachments", "attachments-title"),
    ("case-history", "history-title"),
];

#[function_component]
pub fn CasePage(props: &CasePageProps) -> Html {
    let i18n = use_i18n();
    let file = use_query(&props.dispatch, props.id, |id| GetCaseFile { id: *id });
    let facilities = use_query(&props.dispatch, (), |_| ListFacilities);
    let action_error = use_state(|| None::<ErrorText>);
    // Once the case has loaded, keyboard and screen-reader users start from its name rather
    // than from wherever the link that opened it was.
    let loaded = matches!(&*file.answer, Some(Ok(_)));
    use_effect_with(loaded, |&loaded| {
        if loaded {
            focus_by_id("case-name");
        }
    });
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowCases))
    };
    let on_error = {
        let action_error = action_error.clone();
        Callback::from(move |error: IpcError| action_error.set(Some(describe(&i18n, &error))))
    };
    let on_changed = {
        let (reload, action_error) = (file.reload.clone(), action_error.clone());
        Callback::from(move |()| {
            action_error.set(None);
            reload.emit(());
        })
    };
    let body = match &*file.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) if error.kind == ErrorKind::Invalid => html! {
            <ErrorNote text={ErrorText { message: i18n.t("case-not-found"), detail: None }} />
        },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(case_file)) => {
            let section = SectionProps {
                dispatch: props.dispatch.clone(),
                file: Rc::new(case_file.clone()),
                facilities: Rc::new(match &*facilities.answer {
                    Some(Ok(list)) => list.clone(),
                    _ => Vec::new(),
                }),
                on_changed,
                on_facilities_changed: facilities.reload.clone(),
                on_error,
            };
            html! {
                <>
                    <CaseHeader ..section.clone() />
                    <nav class="case-toc" aria-label={i18n.t("case-sections")}>
                        <ul>
                            { for SECTIONS.iter().map(|(id, title)| html! {
                                <li><a href={format!("#{id}")}>{ i18n.t(title) }</a></li>
                            }) }
                        </ul>
                    </nav>
                    if let Some(error) = &*action_error {
                        <ErrorNote text={error.clone()} />
                    }
                    <div class="case-columns">
                        <OverviewSection ..section.clone() />
                        <AttorneySection ..section.clone() />
                    </div>
                    <DeadlinesSection ..section.clone() />
                    <LegalSection ..section.clone() />
                    <CustodySection ..section.clone() />
                    <VisitsSection ..section.clone() />
                    <NotesSection ..section.clone() />
                    <TasksSection ..section.clone() />
                    <EvidenceSection ..section.clone() />
                    <VerificationSection ..section.clone() />
                    <RelativesSection ..section.clone() />
                    <ConsentsSection ..section.clone() />
                    <crate::components::case::family_cards::FamilyCardsSection ..section.clone() />
                    <ReferralsSection ..section.clone() />
                    <FlightsSection ..section.clone() />
                    <AttachmentsSection ..section.clone() />
                    <HistorySection ..section.clone() />
                    <CoordinationSections ..section />
                </>
            }
        }
    };
    html! {
        <section id="case-page" class="page page-wide">
            <button id="case-back" type="button" class="link-button back-button" onclick={back}>
                { i18n.t("case-back") }
            </button>
            { body }
        </section>
    }
}

/// `#case-notes`: the volunteer's notes on this case, newest first, each with its history.
#[function_component]
fn NotesSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    html! {
        <CaseSection id="case-notes" title={i18n.t("case-notes-title")}>
            <NoteList notes={props.file.notes.clone()} on_changed={props.on_changed.clone()} />
        </CaseSection>
    }
}
