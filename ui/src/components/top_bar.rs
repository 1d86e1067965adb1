//! The bar across the top of every screen: the app's name, the language switch, and while the
//! vault is open, Settings and Lock.

use pristan_ipc::Language;
use yew::prelude::*;

use crate::components::LanguageSelect;
use crate::i18n::use_i18n;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub show_settings: bool,
    pub show_lock: bool,
    /// False on the settings page, which has the language switch in its own section.
    pub show_language: bool,
    pub on_settings: Callback<()>,
    pub on_lock: Callback<()>,
    pub on_language: Callback<Language>,
}

#[function_component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let i18n = use_i18n();
    let on_settings = props.on_settings.reform(|_: MouseEvent| ());
    let on_lock = props.on_lock.reform(|_: MouseEvent| ());
    html! {
        <header class="top-bar">
            <span class="brand">{ i18n.t("app-title") }</span>
            <div class="top-bar-actions">
                if props.show_language {
                    <LanguageSelect on_change={props.on_language.clone()} />
                }
                if props.show_settings {
                    <button id="settings-button" type="button" class="button button-quiet"
                        onclick={on_settings}>
                        { i18n.t("settings-button") }
                    </button>
                }
                if props.show_lock {
                    <button id="lock-button" type="button" class="button button-quiet"
                        onclick={on_lock} title={i18n.t("lock-button-title")}>
                        { i18n.t("lock-button") }
                    </button>
                }
            </div>
        </header>
    }
}
