//! A case's notes: each with its section, when it was saved, and the "not verbatim" label that
//! every volunteer's note carries. Restricted notes stay folded until someone chooses to show
//! them, so that they are not on screen by accident on a shared computer.
//!
//! Saved notes never change. "Edit" saves a new version (`ReviseNote`) and "History" shows every
//! version of the note, oldest first (`GetNoteHistory`).

use pristan_ipc::{GetNoteHistory, IpcError, ReviseNote};
use pristan_model::views::NoteRevision;
use pristan_model::{LongText, NoteKind, Sensitivity};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::backend::call;
use crate::components::ErrorNote;
use crate::errors::{describe, ErrorText};
use crate::format;
use crate::hooks::focus_after_render;
use crate::i18n::{use_i18n, I18n};
use crate::labels::word;

#[derive(Properties, PartialEq)]
pub struct NoteListProps {
    /// Current revisions, newest first.
    pub notes: Vec<NoteRevision>,
    /// Called after a note was revised, so that the page reads its notes again.
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn NoteList(props: &NoteListProps) -> Html {
    let i18n = use_i18n();
    if props.notes.is_empty() {
        return html! { <p class="muted note-list-empty">{ i18n.t("note-list-empty") }</p> };
    }
    html! {
        <div class="note-list">
            { for props.notes.iter().map(|revision| html! {
                <NoteCard key={revision.note.id.to_string()} revision={revision.clone()}
                    on_changed={props.on_changed.clone()} />
            }) }
        </div>
    }
}

/// The section's name ("Welfare"), as the write-up and the paper guide call it.
pub fn note_kind_label(i18n: &I18n, kind: NoteKind) -> String {
    word(i18n, "note-kind", kind.as_str())
}

#[derive(Properties, PartialEq)]
struct NoteCardProps {
    revision: NoteRevision,
    on_changed: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
enum History {
    Hidden,
    Loading,
    Shown(Vec<NoteRevision>),
    Failed(IpcError),
}

#[function_component]
fn NoteCard(props: &NoteCardProps) -> Html {
    let i18n = use_i18n();
    let revision = &props.revision;
    let note = &revision.note.record;
    let id = revision.note.id;
    let restricted = note.sensitivity == Sensitivity::Restricted;
    let revealed = use_state(|| false);
    let editing = use_state(|| false);
    let history = use_state(|| History::Hidden);

    let reveal = {
        let revealed = revealed.clone();
        Callback::from(move |_: MouseEvent| revealed.set(true))
    };
    let conceal = {
        let (revealed, editing, history) = (revealed.clone(), editing.clone(), history.clone());
        Callback::from(move |_: MouseEvent| {
            revealed.set(false);
            editing.set(false);
            history.set(History::Hidden);
        })
    };
    let start_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| {
            editing.set(true);
            focus_after_render(format!("note-edit-text-{id}"));
        })
    };
    let stop_edit = {
        let editing = editing.clone();
        Callback::from(move |()| {
            editing.set(false);
            focus_after_render(format!("note-edit-{id}"));
        })
    };
    let toggle_history = {
        let history = history.clone();
        Callback::from(move |_: MouseEvent| {
            if *history != History::Hidden {
                history.set(History::Hidden);
                return;
            }
            history.set(History::Loading);
            let history = history.clone();
            spawn_local(async move {
                match call(&GetNoteHistory { id }).await {
                    Ok(revisions) => history.set(History::Shown(revisions)),
                    Err(error) => history.set(History::Failed(error)),
                }
            });
        })
    };

    let kind = note_kind_label(&i18n, note.kind);
    let title_id = format!("note-title-{id}");
    let open = !restricted || *revealed;
    let edited = revision.revisions > 1;
    html! {
        <article class={classes!("note", restricted.then_some("note-restricted"))}
            aria-labelledby={title_id.clone()}>
            <header class="note-head">
                <h3 id={title_id} class="note-kind">{ kind }</h3>
                if restricted {
                    <span class="note-badge">{ i18n.t("note-restricted-label") }</span>
                }
                <span class="note-when">
                    { i18n.t_args("note-saved-at", &[("when", format::moment(&i18n, revision.saved_at).into())]) }
                </span>
            </header>
            <p class="note-not-verbatim">
                { i18n.t("note-not-verbatim") }
                if edited {
                    <span class="note-versions">
                        { " · " }{ i18n.t_args("note-versions", &[("count", revision.revisions.into())]) }
                    </span>
                }
            </p>
            if open {
                // While editing, the editor holds the text; showing it twice would only confuse.
                if !*editing {
                    <p class="note-text">{ note.text.as_str() }</p>
                }
                if !*editing {
                    <div class="note-actions">
                        <button id={format!("note-edit-{id}")} type="button"
                            class="button button-small button-quiet note-edit" onclick={start_edit}>
                            { i18n.t("note-edit") }
                        </button>
                        if edited {
                            <button type="button" class="button button-small button-quiet note-history"
                                aria-expanded={(*history != History::Hidden).to_string()}
                                onclick={toggle_history}>
                                { if *history == History::Hidden { i18n.t("note-history") } else { i18n.t("note-history-hide") } }
                            </button>
                        }
                        if restricted {
                            <button type="button" class="button button-small button-quiet note-conceal"
                                onclick={conceal}>
                                { i18n.t("note-hide") }
                            </button>
                        }
                    </div>
                }
                if *editing {
                    <NoteEditor revision={revision.clone()} on_done={stop_edit}
                        on_saved={props.on_changed.clone()} />
                }
                { history_view(&i18n, &history) }
            } else {
                <p class="note-hidden">{ i18n.t("note-restricted-hidden") }</p>
                <div class="note-actions">
                    <button type="button" class="button button-small button-quiet note-reveal"
                        onclick={reveal}>
                        { i18n.t("note-show") }
                    </button>
                </div>
            }
        </article>
    }
}

fn history_view(i18n: &I18n, history: &History) -> Html {
    match history {
        History::Hidden => Html::default(),
        History::Loading => html! {
            <p class="muted" role="status">{ i18n.t("note-history-loading") }</p>
        },
        History::Failed(error) => html! { <ErrorNote text={describe(i18n, error)} /> },
        History::Shown(revisions) => {
            let last = revisions.len();
            html! {
                <section class="note-history-view">
                    <h4>{ i18n.t("note-history-title") }</h4>
                    <ol class="note-history-list">
                        { for revisions.iter().enumerate().map(|(index, revision)| {
                            let when = format::moment(i18n, revision.saved_at);
                            let record = &revision.note.record;
                            html! {
                                <li class="note-history-item">
                                    <p class="note-history-meta">
                                        { i18n.t_args("note-history-version", &[("number", (index + 1).into()), ("when", when.into())]) }
                                        { " · " }{ note_kind_label(i18n, record.kind) }
                                        if record.sensitivity == Sensitivity::Restricted {
                                            { " · " }{ i18n.t("note-restricted-label") }
                                        }
                                        if index + 1 == last {
                                            { " · " }<strong>{ i18n.t("note-history-current") }</strong>
                                        }
                                    </p>
                                    <p class="note-text">{ record.text.as_str() }</p>
                                </li>
                            }
                        }) }
                    </ol>
                </section>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct NoteEditorProps {
    revision: NoteRevision,
    /// Closes the editor (after a save, or on Cancel).
    on_done: Callback<()>,
    on_saved: Callback<()>,
}

/// Correcting a note: its text, section and sensitivity, saved as a new version.
#[function_component]
fn NoteEditor(props: &NoteEditorProps) -> Html {
    let i18n = use_i18n();
    let original = &props.revision.note.record;
    let id = props.revision.note.id;
    let text = use_state(|| original.text.to_string());
    let kind = use_state(|| original.kind);
    let restricted = use_state(|| original.sensitivity == Sensitivity::Restricted);
    let saving = use_state(|| false);
    let error = use_state(|| None::<ErrorText>);

    let on_text = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            text.set(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(chosen) = NoteKind::parse(&value) {
                kind.set(chosen);
            }
        })
    };
    let on_restricted = {
        let restricted = restricted.clone();
        Callback::from(move |event: Event| {
            restricted.set(event.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };
    let save = {
        let (text, kind, restricted, saving, error) = (
            text.clone(),
            kind.clone(),
            restricted.clone(),
            saving.clone(),
            error.clone(),
        );
        let (on_done, on_saved) = (props.on_done.clone(), props.on_saved.clone());
        Callback::from(move |()| {
            if *saving {
                return;
            }
            let checked = match checked_text(&i18n, &text) {
                Ok(checked) => checked,
                Err(message) => {
                    error.set(Some(ErrorText {
                        message,
                        detail: None,
                    }));
                    return;
                }
            };
            let command = ReviseNote {
                id,
                kind: *kind,
                sensitivity: if *restricted {
                    Sensitivity::Restricted
                } else {
                    Sensitivity::Normal
                },
                text: checked,
            };
            saving.set(true);
            error.set(None);
            let (saving, error) = (saving.clone(), error.clone());
            let (on_done, on_saved) = (on_done.clone(), on_saved.clone());
            spawn_local(async move {
                let answer = call(&command).await;
                saving.set(false);
                match answer {
                    Ok(_) => {
                        on_done.emit(());
                        on_saved.emit(());
                    }
                    Err(failure) => error.set(Some(describe(&i18n, &failure))),
                }
            });
        })
    };
    let cancel = props.on_done.reform(|_: MouseEvent| ());
    let on_keydown = {
        let (save, on_done) = (save.clone(), props.on_done.clone());
        Callback::from(move |event: KeyboardEvent| {
            if event.ctrl_key() && event.key() == "Enter" {
                event.prevent_default();
                event.stop_propagation();
                save.emit(());
            } else if event.key() == "Escape" {
                event.prevent_default();
                on_done.emit(());
            }
        })
    };

    let unchanged = *text == original.text.as_str()
        && *kind == original.kind
        && *restricted == (original.sensitivity == Sensitivity::Restricted);
    let (text_id, kind_id, restricted_id) = (
        format!("note-edit-text-{id}"),
        format!("note-edit-kind-{id}"),
        format!("note-edit-restricted-{id}"),
    );
    html! {
        <div class="note-editor" role="group" aria-label={i18n.t("note-edit-title")}
            onkeydown={on_keydown}>
            <p class="note-editor-explain">{ i18n.t("note-edit-explain") }</p>
            <div class="field">
                <label for={text_id.clone()} class="field-label">{ i18n.t("note-edit-text") }</label>
                <textarea id={text_id} class="input textarea note-edit-text" rows="6"
                    value={(*text).clone()} oninput={on_text} disabled={*saving} />
            </div>
            <div class="note-editor-row">
                <div class="field">
                    <label for={kind_id.clone()} class="field-label">{ i18n.t("note-edit-kind") }</label>
                    <select id={kind_id} class="note-edit-kind" onchange={on_kind} disabled={*saving}>
                        { for NoteKind::ALL.iter().map(|&option| html! {
                            <option value={option.as_str()} selected={option == *kind}>
                                { note_kind_label(&i18n, option) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="check">
                    <input id={restricted_id.clone()} type="checkbox" class="note-edit-restricted"
                        checked={*restricted} onchange={on_restricted} disabled={*saving} />
                    <label for={restricted_id}>{ i18n.t("note-restricted-label") }</label>
                </div>
            </div>
            if let Some(text) = &*error {
                <ErrorNote text={text.clone()} />
            }
            <div class="note-actions">
                <button type="button" class="button button-small button-primary note-edit-save"
                    onclick={save.reform(|_: MouseEvent| ())} disabled={*saving || unchanged}>
                    { if *saving { i18n.t("note-edit-saving") } else { i18n.t("note-edit-save") } }
                </button>
                <button type="button" class="button button-small button-quiet note-edit-cancel"
                    onclick={cancel} disabled={*saving}>
                    { i18n.t("note-edit-cancel") }
                </button>
            </div>
        </div>
    }
}

/// The typed text as a note, or why it cannot be one, in the user's language.
fn checked_text(i18n: &I18n, text: &str) -> Result<LongText, String> {
    if text.trim().is_empty() {
        return Err(i18n.t("note-edit-empty"));
    }
    // Control characters can only arrive by pasting, and mean nothing in a note.
    let text: String = text
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    LongText::new(&text).map_err(|_| {
        let count = text.trim().chars().count();
        i18n.t_args(
            "note-edit-too-long",
            &[
                ("count", count.into()),
                ("shown", grouped(i18n, count).into()),
                ("max", grouped(i18n, LongText::MAX_CHARS).into()),
            ],
        )
    })
}

/// A count with the language's digit grouping ("100,000" / "100 000").
fn grouped(i18n: &I18n, count: usize) -> String {
    String::from(js_sys::Number::from(count as f64).to_locale_string(i18n.language.tag()))
}
