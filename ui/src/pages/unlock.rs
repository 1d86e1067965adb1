//! Opens an existing vault with its passphrase.

use pristan_ipc::{ErrorKind, IpcError, Unlock};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, SecretField, SubmitRow};
use crate::errors::{describe, wait_message, ErrorText};
use crate::hooks::{use_countdown, use_focus_on_mount, use_still_working};
use crate::i18n::{use_i18n, I18n};
use crate::pages::setter;
use crate::startup_marks::{self, UNLOCK_SHOWN};
use crate::state::{Action, Dispatch};

/// Below this many attempts left, the error also says a wait is coming.
const WARN_AT_ATTEMPTS: u32 = 3;

#[derive(Properties, PartialEq)]
pub struct UnlockProps {
    pub dispatch: Dispatch,
    /// A wait the shell reported at start, after wrong attempts before a restart.
    pub initial_wait_secs: u64,
    pub locked_by_inactivity: bool,
}

#[function_component]
pub fn UnlockPage(props: &UnlockProps) -> Html {
    let i18n = use_i18n();
    let passphrase = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<IpcError>);
    let countdown = use_countdown(props.initial_wait_secs);
    let still_working = use_still_working(*busy);
    let field = use_node_ref();
    use_focus_on_mount(field.clone());
    use_effect_with((), |()| startup_marks::mark(UNLOCK_SHOWN));

    let waiting = countdown.remaining_secs > 0;
    let can_submit = !passphrase.is_empty() && !*busy && !waiting;
    let onsubmit = {
        let (passphrase, busy, error) = (passphrase.clone(), busy.clone(), error.clone());
        let (dispatch, start_wait, field) = (
            props.dispatch.clone(),
            countdown.start.clone(),
            field.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if !can_submit {
                return;
            }
            busy.set(true);
            error.set(None);
            let command = Unlock {
                passphrase: (*passphrase).clone(),
            };
            let (passphrase, busy, error) = (passphrase.clone(), busy.clone(), error.clone());
            let (dispatch, start_wait, field) =
                (dispatch.clone(), start_wait.clone(), field.clone());
            spawn_local(async move {
                match call(&command).await {
                    Ok(()) => dispatch.dispatch(Action::Unlocked),
                    Err(failure) => {
                        if let ErrorKind::TooManyAttempts { retry_after_secs } = failure.kind {
                            start_wait.emit(retry_after_secs);
                        }
                        busy.set(false);
                        passphrase.set(String::new());
                        error.set(Some(failure));
                        if let Some(input) = field.cast::<web_sys::HtmlElement>() {
                            let _ = input.focus();
                        }
                    }
                }
            });
        })
    };
    let go_recover = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowRecover))
    };
    let shown_error = if waiting {
        Some(ErrorText {
            message: wait_message(&i18n, countdown.remaining_secs),
            detail: None,
        })
    } else {
        error
            .as_ref()
            .and_then(|failure| unlock_error_text(&i18n, failure))
    };

    html! {
        <>
        <section class="card">
            <h1>{ i18n.t("unlock-title") }</h1>
            if props.locked_by_inactivity {
                <p id="lock-note" class="note" role="status">{ i18n.t("lock-note-inactivity") }</p>
            }
            <p>{ i18n.t("unlock-intro") }</p>
            <form class="form" {onsubmit}>
                <SecretField
                    id="unlock-passphrase"
                    label={i18n.t("unlock-passphrase-label")}
                    value={(*passphrase).clone()}
                    on_input={setter(&passphrase)}
                    autofocus=true
                    input_ref={field}
                />
                if let Some(text) = shown_error {
                    <ErrorNote id="unlock-error" {text} />
                }
                <SubmitRow id="unlock-submit" label={i18n.t("unlock-submit")}
                    working={i18n.t(if still_working { "unlock-working-long" } else { "unlock-working" })} enabled={can_submit} busy={*busy} />
            </form>
            <p class="aside">
                <button id="go-recover" type="button" class="link-button" onclick={go_recover}>
                    { i18n.t("go-recover") }
                </button>
            </p>
        </section>
        <crate::family::FamilyModeChoice />
        </>
    }
}

/// The words for a failed unlock; none once a wait has run out, since trying again is fine then.
fn unlock_error_text(i18n: &I18n, failure: &IpcError) -> Option<ErrorText> {
    match failure.kind {
        ErrorKind::TooManyAttempts { .. } => None,
        ErrorKind::WrongPassphrase {
            attempts_before_wait,
        } => {
            let mut message = i18n.t("unlock-wrong");
            if (1..=WARN_AT_ATTEMPTS).contains(&attempts_before_wait) {
                message.push(' ');
                message.push_str(&i18n.t_args(
                    "unlock-attempts-left",
                    &[("count", attempts_before_wait.into())],
                ));
            }
            Some(ErrorText {
                message,
                detail: None,
            })
        }
        _ => Some(describe(i18n, failure)),
    }
}
