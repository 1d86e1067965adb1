//! The root component: holds the state, provides translations, and picks the page to show.

use pristan_ipc::{GetAppState, Language, SetLanguage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::TopBar;
use crate::hooks::{lock_now, use_session_watch};
use crate::i18n::I18n;
use crate::pages::{
    CreateVaultPage, HomePage, RecoverPage, RecoveryCodePage, SettingsPage, StartFailedPage,
    StartingPage, UnlockPage,
};
use crate::state::{Action, AppModel, Dispatch, Screen};

#[function_component]
pub fn App() -> Html {
    let model = use_reducer(AppModel::default);
    let dispatch = model.dispatcher();
    let starting = model.screen == Screen::Starting;
    {
        let dispatch = dispatch.clone();
        use_effect_with(starting, move |&starting| {
            if starting {
                spawn_local(load_app_state(dispatch));
            }
        });
    }
    use_session_watch(dispatch.clone(), model.screen.is_unlocked());
    let i18n = I18n::new(model.language);
    use_effect_with(i18n, show_language_in_document);

    let on_language = {
        let dispatch = dispatch.clone();
        Callback::from(move |language: Language| {
            dispatch.dispatch(Action::LanguageChosen(language));
            // The choice applies at once; saving it is best effort, and a failure only means the
            // next start opens in the old language.
            spawn_local(async move {
                let _ = call(&SetLanguage { language }).await;
            })
        })
    };
    let on_lock = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| lock_now(&dispatch))
    };
    let on_settings = {
        let dispatch = dispatch.clone();
        Callback::from(move |()| dispatch.dispatch(Action::ShowSettings))
    };
    let is_settings = model.screen == Screen::Settings;

    html! {
        <ContextProvider<I18n> context={i18n}>
            <TopBar
                show_settings={model.screen == Screen::Home}
                show_lock={model.screen == Screen::Home || is_settings}
                show_language={!is_settings}
                {on_settings}
                {on_lock}
                on_language={on_language.clone()}
            />
            <main class="main" key={model.generation.to_string()}>
                { page(&model, dispatch, on_language) }
            </main>
        </ContextProvider<I18n>>
    }
}

fn page(model: &AppModel, dispatch: Dispatch, on_language: Callback<Language>) -> Html {
    match &model.screen {
        Screen::Starting => html! { <StartingPage /> },
        Screen::StartFailed(error) => {
            html! { <StartFailedPage {dispatch} error={error.clone()} /> }
        }
        Screen::CreateVault => html! { <CreateVaultPage {dispatch} /> },
        Screen::RecoveryCode { code, origin } => html! {
            <RecoveryCodePage {dispatch} code={code.clone()} origin={*origin} />
        },
        Screen::Unlock => html! {
            <UnlockPage
                {dispatch}
                initial_wait_secs={model.unlock_wait_secs}
                locked_by_inactivity={model.locked_by_inactivity}
            />
        },
        Screen::Recover => html! { <RecoverPage {dispatch} /> },
        Screen::Home => html! { <HomePage {dispatch} /> },
        Screen::Settings => html! {
            <SettingsPage {dispatch} auto_lock_minutes={model.auto_lock_minutes} {on_language} />
        },
    }
}

async fn load_app_state(dispatch: Dispatch) {
    match call(&GetAppState).await {
        Ok(state) => dispatch.dispatch(Action::Started(state)),
        Err(error) => dispatch.dispatch(Action::StartFailed(error)),
    }
}

/// Tells the browser (and screen readers) which language the page is in, and names the window.
fn show_language_in_document(i18n: &I18n) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", i18n.language.tag());
    }
    document.set_title(&i18n.t("app-title"));
}
