//! "Export a dossier" in `#case-referrals`: a dialog built from the shell's choices for the case
//! — which referral (when there are several) and whether the person's consent lets it go today,
//! a redaction choice per section, notes added one by one (a restricted one only after a second
//! yes), the folder — which saves the PDF and says where, or says what is missing and what to do.
//! The consent gate itself is the core's: this dialog only shows its answer.

use std::collections::BTreeSet;

use pristan_ipc::{DossierChoices, ExportDossier, ExportedFile, GetDossierChoices, GetSyncStatus};
use pristan_model::{DossierSection, EntityId};
use yew::prelude::*;

use super::dossier_notes::note_choices;
use super::{set, toggle, use_form_status, SectionProps};
use crate::components::sync::{size_text, FolderField};
use crate::components::{CheckField, ErrorNote, SelectField};
use crate::errors::{describe, referral_refusal_sentence};
use crate::hooks::{focus_after_render, use_query};
use crate::i18n::{use_i18n, I18n};

#[function_component]
pub fn DossierExport(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let open = use_state(|| false);
    if props.file.coordination.referrals.is_empty() {
        return html! {};
    }
    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| {
                open.set(true);
                focus_after_render("dossier-dialog-title".into());
            })
        };
        return html! {
            <button id="dossier-export-open" type="button" class="button button-small" {onclick}>
                { i18n.t("dossier-export-open") }
            </button>
        };
    }
    html! { <DossierDialog section={props.clone()} on_close={toggle(&open, false)} /> }
}

#[derive(Properties, PartialEq)]
struct DialogProps {
    section: SectionProps,
    on_close: Callback<()>,
}

#[function_component]
fn DossierDialog(props: &DialogProps) -> Html {
    let i18n = use_i18n();
    let dispatch = &props.section.dispatch;
    // Read again whenever the case changes (a consent recorded above, a note added).
    let choices = use_query(dispatch, props.section.file.clone(), |file| {
        GetDossierChoices {
            case_id: file.case.id,
        }
    });
    let status = use_query(dispatch, (), |_| GetSyncStatus);
    let chosen_referral = use_state(|| None::<EntityId>);
    let withheld = use_state(BTreeSet::<DossierSection>::new);
    let notes = use_state(BTreeSet::<EntityId>::new);
    let asking = use_state(|| None::<EntityId>);
    let folder = use_state(String::new);
    let form = use_form_status();
    let saved = use_state(|| None::<ExportedFile>);
    let close = props.on_close.reform(|_: MouseEvent| ());
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                on_close.emit(());
            }
        })
    };
    let body = match &*choices.answer {
        None => html! { <p class="muted" role="status">{ i18n.t("loading") }</p> },
        Some(Err(error)) => html! { <ErrorNote text={describe(&i18n, error)} /> },
        Some(Ok(offered)) => {
            let referral = chosen_referral
                .and_then(|id| offered.referrals.iter().find(|r| r.id == id))
                .or(offered.referrals.first());
            let refusal = referral.and_then(|r| r.refusal.clone());
            let suggestions = match &*status.answer {
                Some(Ok(status)) => status.suggested_folders.clone(),
                _ => Vec::new(),
            };
            let onclick = {
                let (form, saved, dispatch) = (form.clone(), saved.clone(), dispatch.clone());
                let command = ExportDossier {
                    case_id: props.section.case_id(),
                    referral_id: referral.map(|r| r.id),
                    withhold: withheld.iter().copied().collect(),
                    include_notes: notes.iter().copied().collect(),
                    folder: Some(folder.trim().to_owned()).filter(|f| !f.is_empty()),
                };
                Callback::from(move |_: MouseEvent| {
                    let saved = saved.clone();
                    saved.set(None);
                    form.send(i18n, &dispatch, command.clone(), move |file| {
                        saved.set(Some(file));
                    });
                })
            };
            html! {
                <>
                    { referral_choice(&i18n, offered, referral.map(|r| r.id), &chosen_referral) }
                    if let Some(refusal) = &refusal {
                        <div id="dossier-refusal" class="note note-warning" role="alert">
                            <p><strong>{ i18n.t("dossier-refused") }</strong></p>
                            <p>{ referral_refusal_sentence(&i18n, refusal) }</p>
                            <p><a href="#case-consents">{ i18n.t("dossier-go-to-consents") }</a></p>
                        </div>
                    }
                    { sections(&i18n, offered, &withheld) }
                    { note_choices(&i18n, &props.section.file, offered, &notes, &asking) }
                    <FolderField id="dossier-folder" label={i18n.t("export-folder")}
                        value={(*folder).clone()} on_input={set(&folder)} suggestions={suggestions}
                        hint={Some(i18n.t("export-folder-hint"))} />
                    { form.view() }
                    if let Some(file) = &*saved {
                        <div id="dossier-saved" class="note note-success" role="status">
                            <p>{ i18n.t_args("dossier-saved", &[
                                ("path", file.path.clone().into()),
                                ("size", size_text(&i18n, file.bytes).into()),
                            ]) }</p>
                            <p class="muted">{ i18n.t("export-keep-safe") }</p>
                        </div>
                    }
                    <div class="actions">
                        <button id="dossier-export" type="button" class="button button-primary"
                            disabled={*form.busy || refusal.is_some() || referral.is_none()} {onclick}>
                            { if *form.busy { i18n.t("dossier-typesetting") } else { i18n.t("dossier-export") } }
                        </button>
                        <button id="dossier-close" type="button" class="button button-quiet" onclick={close.clone()}>
                            { i18n.t("export-close") }
                        </button>
                    </div>
                </>
            }
        }
    };
    html! {
        <div id="dossier-dialog" class="subpanel export-dialog" role="dialog"
            aria-labelledby="dossier-dialog-title" {onkeydown}>
            <h3 id="dossier-dialog-title" tabindex="-1">{ i18n.t("dossier-dialog-title") }</h3>
            <p class="muted">{ i18n.t("dossier-dialog-intro") }</p>
            { body }
        </div>
    }
}

/// The referral to export, when the case has more than one.
fn referral_choice(
    i18n: &I18n,
    offered: &DossierChoices,
    current: Option<EntityId>,
    chosen: &UseStateHandle<Option<EntityId>>,
) -> Html {
    if offered.referrals.len() < 2 {
        return html! {};
    }
    let options: Vec<(String, String)> = offered
        .referrals
        .iter()
        .map(|r| {
            let label = if r.recipient.is_empty() {
                r.pathway.clone()
            } else {
                format!("{} → {}", r.pathway, r.recipient)
            };
            (r.id.to_string(), label)
        })
        .collect();
    let on_change = {
        let chosen = chosen.clone();
        Callback::from(move |value: String| chosen.set(value.parse().ok()))
    };
    html! {
        <SelectField id="dossier-referral" label={i18n.t("dossier-referral")}
            value={current.map(|id| id.to_string()).unwrap_or_default()} {options} {on_change} />
    }
}

/// A tick box per section that may be withheld; the cover and the consents are always printed.
fn sections(
    i18n: &I18n,
    offered: &DossierChoices,
    withheld: &UseStateHandle<BTreeSet<DossierSection>>,
) -> Html {
    html! {
        <fieldset id="dossier-sections" class="export-choices">
            <legend>{ i18n.t("dossier-sections") }</legend>
            <p class="muted">{ i18n.t("dossier-sections-always") }</p>
            <div class="export-check-grid">
            { for offered.sections.iter().map(|&section| {
                let on_change = {
                    let withheld = withheld.clone();
                    Callback::from(move |include: bool| {
                        let mut next = (*withheld).clone();
                        if include { next.remove(&section); } else { next.insert(section); }
                        withheld.set(next);
                    })
                };
                html! {
                    <CheckField id={format!("dossier-include-{}", section.as_str())}
                        label={i18n.t(section.message_id())}
                        checked={!withheld.contains(&section)} {on_change} />
                }
            }) }
            </div>
        </fieldset>
    }
}
