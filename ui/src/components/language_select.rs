//! The language switch, `#lang-select`, present on every screen.

use pristan_ipc::Language;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct LanguageSelectProps {
    pub on_change: Callback<Language>,
}

#[function_component]
pub fn LanguageSelect(props: &LanguageSelectProps) -> Html {
    let i18n = use_i18n();
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Some(language) = Language::from_tag(&select.value()) {
                on_change.emit(language);
            }
        })
    };
    // The label is for screen readers only: the options name the languages plainly.
    html! {
        <div class="language-select">
            <label for="lang-select" class="visually-hidden">{ i18n.t("language-label") }</label>
            <select id="lang-select" {onchange}>
                { for Language::ALL.iter().map(|&language| html! {
                    <option
                        value={language.tag()}
                        lang={language.tag()}
                        selected={language == i18n.language}
                    >
                        { native_name(language) }
                    </option>
                }) }
            </select>
        </div>
    }
}

/// Each language is named in itself, so a user lost in the other one can still find theirs.
fn native_name(language: Language) -> &'static str {
    match language {
        Language::En => "English",
        Language::Ru => "Русский",
    }
}
