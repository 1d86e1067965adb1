//! The root component: holds the state, provides translations, and picks the page to show.

use pristan_ipc::{GetAppState, Language, SetLanguage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{NavPlace, TopBar};
use crate::hooks::{lock_now, use_session_watch};
use crate::i18n::I18n;
use crate::pages::{
    BoardPage, CasePage, CasesPage, ConflictsPage, CreateVaultPage, DashboardPage, DevicesPage,
    FlightsPage, NewCasePage, RecoverPage, RecoveryCodePage, RestorePage, SettingsPage,
    StartFailedPage, StartingPage, SyncPage, UnlockPage, VaultDestroyedPage, VisitGuidePage,
    VisitWriteUpPage,
};
use crate::startup_marks::{self, FIRST_SCREEN, STATE_ANSWERED};
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
                startup_marks::mark(FIRST_SCREEN);
                spawn_local(load_app_state(dispatch));
            }
        });
    }
    use_session_watch(dispatch.clone(), model.screen.is_unlocked());
    // Each screen starts at its top, not where the previous one was scrolled to.
    use_effect_with(model.screen.clone(), |_| {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
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
    let on_navigate = {
        let dispatch = dispatch.clone();
        Callback::from(move |place: NavPlace| {
            dispatch.dispatch(match place {
                NavPlace::Dashboard => Action::ShowHome,
                NavPlace::Board => Action::ShowBoard,
                NavPlace::Flights => Action::ShowFlights,
                NavPlace::Cases => Action::ShowCases,
                NavPlace::NewCase => Action::ShowNewCase,
                NavPlace::Sync => Action::ShowSync,
            })
        })
    };
    let is_settings = model.screen == Screen::Settings;
    let show_navigation = model.screen.shows_navigation();

    html! {
        <ContextProvider<I18n> context={i18n}>
            <TopBar
                {show_navigation}
                current={nav_place(&model.screen)}
                show_settings={show_navigation && !is_settings}
                show_lock={show_navigation}
                show_language={!is_settings}
                {on_navigate}
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
        Screen::Restore => html! { <RestorePage {dispatch} /> },
        Screen::Dashboard => html! { <DashboardPage {dispatch} /> },
        Screen::VaultDestroyed => html! { <VaultDestroyedPage /> },
        Screen::Cases => html! { <CasesPage {dispatch} /> },
        Screen::Board => html! { <BoardPage {dispatch} /> },
        Screen::Flights => html! { <FlightsPage {dispatch} /> },
        Screen::NewCase => html! { <NewCasePage {dispatch} /> },
        // Keyed by the case, so that opening another case starts from a fresh page.
        Screen::Case(id) => html! { <CasePage key={id.to_string()} {dispatch} id={*id} /> },
        Screen::VisitWriteUp { case_id, draft_id } => html! {
            <VisitWriteUpPage key={draft_id.to_string()} {dispatch} case_id={*case_id} draft_id={*draft_id} />
        },
        Screen::Settings => html! {
            <SettingsPage {dispatch} auto_lock_minutes={model.auto_lock_minutes} {on_language} />
        },
        Screen::VisitGuide => html! { <VisitGuidePage {dispatch} /> },
        Screen::Sync => html! { <SyncPage {dispatch} /> },
        Screen::Devices => html! { <DevicesPage {dispatch} /> },
        Screen::Conflicts => html! { <ConflictsPage {dispatch} /> },
    }
}

/// Which navigation entry the screen belongs to; a case page belongs to Cases.
fn nav_place(screen: &Screen) -> Option<NavPlace> {
    match screen {
        Screen::Dashboard => Some(NavPlace::Dashboard),
        Screen::Board => Some(NavPlace::Board),
        Screen::Flights => Some(NavPlace::Flights),
        Screen::Cases | Screen::Case(_) | Screen::VisitWriteUp { .. } => Some(NavPlace::Cases),
        Screen::NewCase => Some(NavPlace::NewCase),
        Screen::Sync | Screen::Devices | Screen::Conflicts => Some(NavPlace::Sync),
        _ => None,
    }
}

async fn load_app_state(dispatch: Dispatch) {
    let answer = call(&GetAppState).await;
    startup_marks::mark(STATE_ANSWERED);
    match answer {
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
