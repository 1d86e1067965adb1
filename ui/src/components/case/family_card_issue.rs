//! Issuing a status card from `#case-family-cards` (issue 14): a form (the relative, the card's
//! language, a short message, the folder), and once it is issued a panel with the passphrase in
//! large words, the card code and the relay's address on one line, and the file, with the advice
//! to read it aloud or print it now. "Done" clears the passphrase from the page's state: it is
//! never shown again.

use pristan_ipc::{FamilyCardRefusal, IssueFamilyCard, IssuedFamilyCard, NotPublished};
use pristan_model::family_card::CardLanguage;
use pristan_model::EntityId;
use yew::prelude::*;

use super::{set, use_form_status, SectionProps};
use crate::components::{SelectField, TextArea, TextField};
use crate::i18n::{use_i18n, I18n};

#[derive(Properties, PartialEq, Clone)]
pub struct IssueFormProps {
    pub section: SectionProps,
    /// Called with the issued card (never with a refusal, which the form says itself).
    pub on_issued: Callback<IssuedFamilyCard>,
    pub on_cancel: Callback<()>,
}

#[function_component]
pub fn IssueCardForm(props: &IssueFormProps) -> Html {
    let i18n = use_i18n();
    let relatives = &props.section.file.relatives;
    let relative = use_state(|| {
        relatives
            .first()
            .map(|r| r.id.to_string())
            .unwrap_or_default()
    });
    let language = use_state(|| "ru".to_owned());
    let message = use_state(String::new);
    let contact = use_state(String::new);
    let folder = use_state(String::new);
    let refused = use_state(|| None::<FamilyCardRefusal>);
    let form = use_form_status();
    if relatives.is_empty() {
        return html! {
            <div id="family-card-issue-form" class="record-form">
                <p class="note">{ i18n.t("family-card-issue-no-relatives") }</p>
                <button type="button" class="button button-quiet"
                    onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                    { i18n.t("family-card-issue-cancel") }
                </button>
            </div>
        };
    }
    let options = relatives
        .iter()
        .map(|r| (r.id.to_string(), r.record.name.to_string()))
        .collect::<Vec<_>>();
    let languages = vec![
        ("ru".to_owned(), i18n.t("family-card-language-ru")),
        ("en".to_owned(), i18n.t("family-card-language-en")),
    ];
    let onsubmit = {
        let (form, refused, on_issued) = (form.clone(), refused.clone(), props.on_issued.clone());
        let dispatch = props.section.dispatch.clone();
        let case_id = props.section.case_id();
        let (relative, language, message, contact, folder) = (
            relative.clone(),
            language.clone(),
            message.clone(),
            contact.clone(),
            folder.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Ok(relative_id) = relative.parse::<EntityId>() else {
                return;
            };
            let command = IssueFamilyCard {
                case_id,
                relative_id,
                language: if *language == "en" {
                    CardLanguage::En
                } else {
                    CardLanguage::Ru
                },
                message: (*message).clone(),
                whom_to_call: contact.trim().to_owned(),
                folder: Some(folder.trim().to_owned()).filter(|f| !f.is_empty()),
            };
            let (refused, on_issued) = (refused.clone(), on_issued.clone());
            refused.set(None);
            form.send(i18n, &dispatch, command, move |answer| {
                match answer.refused {
                    Some(reason) => refused.set(Some(reason)),
                    None => on_issued.emit(answer),
                }
            });
        })
    };
    html! {
        <form id="family-card-issue-form" class="record-form" {onsubmit}>
            <SelectField id="family-card-issue-relative" label={i18n.t("family-card-issue-relative")}
                value={(*relative).clone()} options={options} on_change={set(&relative)} />
            <SelectField id="family-card-issue-language" label={i18n.t("family-card-issue-language")}
                value={(*language).clone()} options={languages} on_change={set(&language)} />
            <TextArea id="family-card-issue-message" label={i18n.t("family-card-issue-message")}
                value={(*message).clone()} on_input={set(&message)}
                hint={Some(i18n.t("family-card-issue-message-hint"))} />
            <TextField id="family-card-issue-contact" label={i18n.t("family-card-issue-contact")}
                value={(*contact).clone()} on_input={set(&contact)}
                hint={Some(i18n.t("family-card-issue-contact-hint"))} />
            <TextField id="family-card-issue-folder" label={i18n.t("family-card-issue-folder")}
                value={(*folder).clone()} on_input={set(&folder)}
                hint={Some(i18n.t("family-card-issue-folder-hint"))} />
            if let Some(reason) = *refused {
                <p id="family-card-issue-refused" class="note note-warning" role="alert">
                    { refusal_text(&i18n, reason) }
                </p>
            }
            { form.view() }
            <div class="button-row">
                <button id="family-card-issue-submit" type="submit" class="button button-primary"
                    disabled={*form.busy}>
                    { i18n.t("family-card-issue-submit") }
                </button>
                <button type="button" class="button button-quiet"
                    onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                    { i18n.t("family-card-issue-cancel") }
                </button>
            </div>
        </form>
    }
}

/// Why no card was issued, in words for the person issuing it.
fn refusal_text(i18n: &I18n, reason: FamilyCardRefusal) -> String {
    match reason {
        FamilyCardRefusal::NoConsent => i18n.t("family-card-issue-refused-no-consent"),
        FamilyCardRefusal::NoSuchRelative => i18n.t("family-card-issue-refused-no-such-relative"),
        other => i18n.t(other.message_id()),
    }
}

/// The card just issued: the passphrase large and clear, shown this once.
pub fn issued_panel(i18n: &I18n, card: &IssuedFamilyCard, on_done: Callback<()>) -> Html {
    let not_published = card.not_published.map(|why| match why {
        NotPublished::Relay(problem) => i18n.t_args(
            why.message_id(),
            &[("problem", i18n.t(&problem.message_id()).into())],
        ),
        other => i18n.t(other.message_id()),
    });
    html! {
        <div id="family-card-issued" class="note note-success" role="status">
            <p><strong>{ i18n.t("family-card-issued-title") }</strong></p>
            <p>{ i18n.t("family-card-issued-passphrase") }</p>
            if let Some(words) = &card.passphrase {
                <p id="family-card-passphrase" class="family-card-passphrase">{ words }</p>
            }
            <p><strong>{ i18n.t("family-card-issued-once") }</strong></p>
            if let (Some(code), Some(relay)) = (&card.code, &card.relay) {
                <p id="family-card-issued-code">
                    { i18n.t("family-card-issued-code") }{ " " }
                    <code class="family-card-code">{ format!("{relay}  {code}") }</code>
                </p>
            }
            if let Some(text) = not_published {
                <p class="note">{ text }</p>
            }
            if let Some(path) = &card.path {
                <p id="family-card-issued-file">
                    { i18n.t_args("family-card-issued-file", &[("path", path.clone().into())]) }
                </p>
            }
            <button id="family-card-issued-done" type="button" class="button button-primary"
                onclick={on_done.reform(|_: MouseEvent| ())}>
                { i18n.t("family-card-issued-done") }
            </button>
        </div>
    }
}
