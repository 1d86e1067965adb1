//! The export dialog's notes: every current note of the case, none ticked. A normal note shows
//! its kind, date and first words; a restricted one shows its first words only once asked about,
//! and is added only after a second "yes". The shell's choices never carry a restricted note's
//! text: its first words come from the case already on screen.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use pristan_ipc::{DossierChoices, NoteChoice};
use pristan_model::views::CaseFile;
use pristan_model::{EntityId, Sensitivity};
use yew::prelude::*;

use crate::components::{note_kind_label, CheckField};
use crate::format::moment;
use crate::i18n::I18n;

/// The case's notes, none ticked: each is added on purpose, a restricted one after a second yes.
pub fn note_choices(
    i18n: &I18n,
    file: &CaseFile,
    offered: &DossierChoices,
    chosen: &UseStateHandle<BTreeSet<EntityId>>,
    asking: &UseStateHandle<Option<EntityId>>,
) -> Html {
    html! {
        <fieldset id="dossier-notes" class="export-choices">
            <legend>{ i18n.t("dossier-notes") }</legend>
            if offered.notes.is_empty() {
                <p class="muted">{ i18n.t("dossier-notes-none") }</p>
            } else {
                <p class="muted">{ i18n.t("dossier-notes-intro") }</p>
                { for offered.notes.iter().map(|note| note_choice(i18n, file, note, chosen, asking)) }
            }
        </fieldset>
    }
}

fn note_choice(
    i18n: &I18n,
    file: &CaseFile,
    note: &NoteChoice,
    chosen: &UseStateHandle<BTreeSet<EntityId>>,
    asking: &UseStateHandle<Option<EntityId>>,
) -> Html {
    let id = note.id;
    let restricted = note.sensitivity == Sensitivity::Restricted;
    let when = DateTime::parse_from_rfc3339(&note.saved_at)
        .map(|t| moment(i18n, t.with_timezone(&Utc)))
        .unwrap_or_default();
    // A restricted note's first words come from the case already on screen, and only for a
    // note that was asked about: the choices never carry its text.
    let shown = !restricted || **asking == Some(id) || chosen.contains(&id);
    let words = if restricted {
        first_words(file, id)
    } else {
        note.preview.clone()
    };
    let kind = note_kind_label(i18n, note.kind);
    let label = match (restricted, shown) {
        (true, false) => format!("{kind}, {when} · {}", i18n.t("note-restricted-label")),
        (true, true) => format!(
            "{kind}, {when} · {}: “{words}”",
            i18n.t("note-restricted-label")
        ),
        (false, _) => format!("{kind}, {when}: “{words}”"),
    };
    let on_change = {
        let (chosen, asking) = (chosen.clone(), asking.clone());
        Callback::from(move |tick: bool| {
            let mut next = (*chosen).clone();
            if !tick {
                next.remove(&id);
            } else if restricted {
                asking.set(Some(id));
                return;
            } else {
                next.insert(id);
            }
            chosen.set(next);
        })
    };
    let confirm = {
        let (chosen, asking) = (chosen.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*chosen).clone();
            next.insert(id);
            chosen.set(next);
            asking.set(None);
        })
    };
    let refuse = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(None))
    };
    html! {
        <div class={classes!("dossier-note", restricted.then_some("note-restricted"))}>
            <CheckField id={format!("dossier-note-{id}")} {label}
                checked={chosen.contains(&id)} {on_change} />
            if **asking == Some(id) {
                <div class="note note-warning" role="alert">
                    <p>{ i18n.t("dossier-note-restricted-ask") }</p>
                    <div class="actions">
                        <button id={format!("dossier-note-{id}-yes")} type="button"
                            class="button button-small" onclick={confirm}>
                            { i18n.t("dossier-note-restricted-yes") }
                        </button>
                        <button type="button" class="button button-small button-quiet" onclick={refuse}>
                            { i18n.t("dossier-note-restricted-no") }
                        </button>
                    </div>
                </div>
            }
        </div>
    }
}

/// The first eighty characters of the note `id` as the case page holds it.
fn first_words(file: &CaseFile, id: EntityId) -> String {
    file.notes
        .iter()
        .find(|n| n.note.id == id)
        .map(|n| n.note.record.text.as_str().chars().take(80).collect())
        .unwrap_or_default()
}
