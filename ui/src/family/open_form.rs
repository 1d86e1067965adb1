//! Choosing, dropping or pasting a card, or typing its address and card code, and typing its
//! passphrase.

use pristan_model::family_card::FamilyCard;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{DragEvent, File, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::backend;
use super::code_fields::{CodeFields, EXAMPLE_ADDRESS};
use crate::components::{ErrorNote, SecretField, SubmitRow};
use crate::errors::ErrorText;
use crate::i18n::use_i18n;

/// A file larger than this is not read at all (a card is a few kilobytes).
const MAX_FILE_BYTES: f64 = 64.0 * 1024.0;

#[derive(Properties, PartialEq)]
pub struct OpenFormProps {
    pub on_opened: Callback<FamilyCard>,
}

#[function_component]
pub fn OpenForm(props: &OpenFormProps) -> Html {
    let i18n = use_i18n();
    let card_text = use_state(String::new);
    let passphrase = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let address = use_state(String::new);
    let code = use_state(String::new);

    let read_file = {
        let (card_text, error) = (card_text.clone(), error.clone());
        Callback::from(move |file: File| {
            let (card_text, error) = (card_text.clone(), error.clone());
            if file.size() > MAX_FILE_BYTES {
                error.set(Some("family-error-not-a-card".to_owned()));
                return;
            }
            spawn_local(async move {
                match JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string())
                {
                    Some(text) => {
                        card_text.set(text);
                        error.set(None);
                    }
                    None => error.set(Some("family-error-unreadable".to_owned())),
                }
            });
        })
    };
    let on_choose = {
        let read_file = read_file.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_file.emit(file);
            }
            // Forget the path: the next choice of the same file is read again.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let (read_file, dragging) = (read_file.clone(), dragging.clone());
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            let file = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                read_file.emit(file);
            }
        })
    };
    let on_paste = {
        let card_text = card_text.clone();
        Callback::from(move |event: InputEvent| {
            let area: HtmlTextAreaElement = event.target_unchecked_into();
            card_text.set(area.value());
        })
    };
    let on_passphrase = {
        let passphrase = passphrase.clone();
        Callback::from(move |text: String| passphrase.set(text))
    };
    let on_address = {
        let address = address.clone();
        Callback::from(move |text: String| address.set(text))
    };
    let on_code = {
        let code = code.clone();
        Callback::from(move |text: String| code.set(text))
    };
    let onsubmit = {
        let (card_text, passphrase, busy, error) = (
            card_text.clone(),
            passphrase.clone(),
            busy.clone(),
            error.clone(),
        );
        let (address, code) = (address.clone(), code.clone());
        let on_opened = props.on_opened.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // A typed code is what the person chose last: it goes before a file or pasted text.
            let by_code = !code.trim().is_empty();
            if !by_code && card_text.trim().is_empty() {
                error.set(Some("family-error-no-card".to_owned()));
                return;
            }
            if by_code && address.trim().is_empty() {
                error.set(Some("family-error-no-relay".to_owned()));
                return;
            }
            if passphrase.trim().is_empty() {
                error.set(Some("family-error-empty-passphrase".to_owned()));
                return;
            }
            busy.set(true);
            error.set(None);
            let (card, typed) = ((*card_text).clone(), (*passphrase).clone());
            let (relay, typed_code) = ((*address).clone(), (*code).clone());
            let (busy, error, passphrase, on_opened) = (
                busy.clone(),
                error.clone(),
                passphrase.clone(),
                on_opened.clone(),
            );
            spawn_local(async move {
                let opened = if by_code {
                    backend::fetch_card(&relay, &typed_code, &typed).await
                } else {
                    backend::open_card(&card, &typed).await
                };
                busy.set(false);
                match opened {
                    Ok(card) => {
                        passphrase.set(String::new());
                        on_opened.emit(card);
                    }
                    Err(message_id) => error.set(Some(message_id)),
                }
            });
        })
    };

    let has_card = !card_text.trim().is_empty();
    let drop_class = classes!("family-drop", dragging.then_some("family-drop-active"));
    html! {
        <section class="card" id="family-open">
            <h1>{ i18n.t("family-title") }</h1>
            <p>{ i18n.t("family-intro") }</p>
            <form class="form" {onsubmit}>
                <div id="family-drop" class={drop_class}
                    ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
                    <label class="button" for="family-file">{ i18n.t("family-choose-file") }</label>
                    <input id="family-file" class="visually-hidden" type="file"
                        accept=".age,.txt,text/plain" onchange={on_choose} />
                    <p class="aside">{ i18n.t("family-drop-here") }</p>
                </div>
                <label for="family-paste">{ i18n.t("family-paste-label") }</label>
                <textarea id="family-paste" class="family-paste" rows="4" spellcheck="false"
                    autocomplete="off" value={(*card_text).clone()} oninput={on_paste} />
                if has_card {
                    <p id="family-card-ready" class="note" role="status">
                        { i18n.t("family-card-ready") }
                    </p>
                }
                <CodeFields address={(*address).clone()} code={(*code).clone()}
                    {on_address} {on_code} />
                <SecretField
                    id="family-passphrase"
                    label={i18n.t("family-passphrase-label")}
                    value={(*passphrase).clone()}
                    on_input={on_passphrase}
                    described_by={AttrValue::from("family-passphrase-hint")}
                />
                <p id="family-passphrase-hint" class="aside">{ i18n.t("family-passphrase-hint") }</p>
                if let Some(id) = &*error {
                    <ErrorNote id="family-error" text={ErrorText {
                        message: i18n.t_args(id, &[("example", EXAMPLE_ADDRESS.into())]),
                        detail: None,
                    }} />
                }
                <SubmitRow id="family-open-submit" label={i18n.t("family-open")}
                    working={i18n.t(if code.trim().is_empty() { "family-opening" } else { "family-fetching" })}
                    enabled={!*busy} busy={*busy} />
            </form>
        </section>
    }
}
