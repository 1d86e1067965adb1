//! What shows before the shell has answered, or if it never does.

use pristan_ipc::IpcError;
use yew::prelude::*;

use crate::components::ErrorNote;
use crate::errors::describe;
use crate::i18n::use_i18n;
use crate::state::{Action, Dispatch};

#[function_component]
pub fn StartingPage() -> Html {
    let i18n = use_i18n();
    html! {
        <section class="card" aria-busy="true">
            <h1>{ i18n.t("starting-title") }</h1>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct StartFailedProps {
    pub dispatch: Dispatch,
    pub error: IpcError,
}

#[function_component]
pub fn StartFailedPage(props: &StartFailedProps) -> Html {
    let i18n = use_i18n();
    let retry = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::RetryStart))
    };
    html! {
        <section class="card">
            <h1>{ i18n.t("start-failed-title") }</h1>
            <p>{ i18n.t("start-failed-body") }</p>
            <ErrorNote text={describe(&i18n, &props.error)} />
            <div class="actions">
                <button type="button" class="button button-primary" onclick={retry} autofocus=true>
                    { i18n.t("start-retry") }
                </button>
            </div>
        </section>
    }
}
