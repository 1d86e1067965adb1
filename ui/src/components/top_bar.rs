//! The bar across the top of every screen: the app's name, the language switch, and while the
//! vault is open, the casebook's navigation (Dashboard · Deadlines board · Cases · New case · Sync), Settings and Lock.

use pristan_ipc::Language;
use yew::prelude::*;

use crate::components::LanguageSelect;
use crate::i18n::use_i18n;

/// The places the navigation leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavPlace {
    Dashboard,
    /// The deadlines board across every case.
    Board,
    /// Reported removal flights.
    Flights,
    Cases,
    NewCase,
    /// Sync, and under it the coordinator's Devices and Conflicts.
    Sync,
}

impl NavPlace {
    const ALL: [NavPlace; 6] = [
        NavPlace::Dashboard,
        NavPlace::Board,
        NavPlace::Flights,
        NavPlace::Cases,
        NavPlace::NewCase,
        NavPlace::Sync,
    ];

    fn id(self) -> &'static str {
        match self {
            NavPlace::Dashboard => "nav-dashboard",
            NavPlace::Board => "nav-board",
            NavPlace::Flights => "nav-flights",
            NavPlace::Cases => "nav-cases",
            NavPlace::NewCase => "nav-new-case",
            NavPlace::Sync => "nav-sync",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    /// Whether the navigation shows (the vault is open and past the recovery code).
    pub show_navigation: bool,
    /// The navigation's place that is on screen now, marked for the eye and screen readers.
    pub current: Option<NavPlace>,
    pub show_settings: bool,
    pub show_lock: bool,
    /// False on the settings page, which has the language switch in its own section.
    pub show_language: bool,
    pub on_navigate: Callback<NavPlace>,
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
            if props.show_navigation {
                <nav class="main-nav" aria-label={i18n.t("nav-label")}>
                    { for NavPlace::ALL.iter().map(|&place| {
                        let current = props.current == Some(place);
                        let onclick = props.on_navigate.reform(move |_: MouseEvent| place);
                        html! {
                            <button id={place.id()} type="button"
                                class={classes!("nav-link", current.then_some("nav-current"))}
                                aria-current={current.then_some("page")}
                                {onclick}>
                                { i18n.t(place.id()) }
                            </button>
                        }
                    }) }
                </nav>
            }
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
