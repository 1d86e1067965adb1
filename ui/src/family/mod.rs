//! Family mode's interface (issue 14): shown only in the family window, whose address the shell
//! makes `index.html#family-idle-SECONDS`. A relative opens a status card with its passphrase and
//! reads it; after the idle time without input the window closes itself. Nothing is stored: the
//! card and the passphrase live in this component's state only.

mod backend;
mod code_fields;
mod open_form;
mod start_choice;
mod status;

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use pristan_ipc::Language;
use pristan_model::family_card::{CardLanguage, FamilyCard};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::LanguageSelect;
use crate::i18n::I18n;
use open_form::OpenForm;
pub use start_choice::FamilyModeChoice;
use status::CardStatus;

/// The idle time the shell put in the address, if this is the family window.
pub fn family_window_idle_secs() -> Option<u32> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#family-idle-")?.parse().ok()
}

#[derive(Properties, PartialEq)]
pub struct FamilyAppProps {
    pub idle_secs: u32,
}

/// The browser's language if Pristan has it, else English.
fn first_language() -> Language {
    let browser = web_sys::window()
        .map(|w| w.navigator().language().unwrap_or_default())
        .unwrap_or_default();
    if browser.starts_with("ru") {
        Language::Ru
    } else {
        Language::En
    }
}

fn language_of(card: &FamilyCard) -> Language {
    match card.language {
        CardLanguage::Ru => Language::Ru,
        CardLanguage::En => Language::En,
    }
}

#[function_component]
pub fn FamilyApp(props: &FamilyAppProps) -> Html {
    let language = use_state(first_language);
    let card = use_state(|| None::<Rc<FamilyCard>>);
    use_idle_close(props.idle_secs);
    let i18n = I18n::new(*language);
    use_effect_with(i18n, |i18n| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", i18n.language.tag());
            }
            document.set_title(&i18n.t("family-window-title"));
        }
    });

    let on_language = {
        let language = language.clone();
        Callback::from(move |chosen: Language| language.set(chosen))
    };
    let on_opened = {
        let (card, language) = (card.clone(), language.clone());
        Callback::from(move |opened: FamilyCard| {
            language.set(language_of(&opened));
            card.set(Some(Rc::new(opened)));
        })
    };
    let on_another = {
        let card = card.clone();
        Callback::from(move |()| card.set(None))
    };
    let on_close = Callback::from(|_: MouseEvent| spawn_local(backend::close()));
    let minutes = props.idle_secs.div_ceil(60).max(1);

    html! {
        <ContextProvider<I18n> context={i18n}>
            <header class="family-bar">
                <span class="family-brand">{ "Pristan" }</span>
                <LanguageSelect on_change={on_language} />
                <button id="family-close" type="button" class="button" onclick={on_close}>
                    { i18n.t("family-close") }
                </button>
            </header>
            <main class="main family">
                { match &*card {
                    Some(card) => html! { <CardStatus card={card.clone()} {on_another} /> },
                    None => html! { <OpenForm {on_opened} /> },
                } }
                <p class="aside family-idle-note">
                    { i18n.t_args("family-idle-note", &[("minutes", minutes.into())]) }
                </p>
            </main>
        </ContextProvider<I18n>>
    }
}

/// Closes the window after `idle_secs` without a key press, click, touch, scroll or pointer
/// movement. Checked every second; only the person's input moves the deadline.
#[hook]
fn use_idle_close(idle_secs: u32) {
    use_effect_with(idle_secs, move |&idle_secs| {
        let last_input = Rc::new(Cell::new(js_sys::Date::now()));
        let mut listeners = Vec::new();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            for kind in [
                "keydown",
                "pointerdown",
                "pointermove",
                "wheel",
                "touchstart",
                "input",
            ] {
                let last_input = last_input.clone();
                listeners.push(EventListener::new(&document, kind, move |_| {
                    last_input.set(js_sys::Date::now())
                }));
            }
        }
        let closing = Rc::new(Cell::new(false));
        let interval = Interval::new(1_000, move || {
            let idle_ms = js_sys::Date::now() - last_input.get();
            if idle_ms >= f64::from(idle_secs) * 1_000.0 && !closing.replace(true) {
                spawn_local(backend::close());
            }
        });
        move || {
            drop(interval);
            drop(listeners);
        }
    });
}
