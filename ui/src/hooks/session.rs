//! Watching the session: the panic key, telling the shell the user is still there, and noticing
//! when the shell locked the vault on its own.
//!
//! `Touch`, sent on the person's key presses and clicks, is the only command the shell counts as
//! activity: autosaves, polls and page loads never hold the vault open.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Interval;
use pristan_ipc::{ErrorKind, GetAppState, IpcError, Lock, Touch};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{Document, Event, KeyboardEvent};
use yew::prelude::*;

use crate::backend::call;
use crate::state::{Action, Dispatch, LockReason};

/// At most one `Touch` per this many milliseconds: enough for an idle timer counted in minutes.
const TOUCH_EVERY_MS: f64 = 15_000.0;
/// How often the UI asks whether the shell has locked the vault while it is open.
const POLL_EVERY_MS: u32 = 3_000;

/// Drops every piece of state at once, then asks the shell to lock.
pub fn lock_now(dispatch: &Dispatch) {
    dispatch.dispatch(Action::Locked(LockReason::ByUser));
    spawn_local(async {
        // One retry: the screen already shows the vault as locked, so the shell must agree.
        if call(&Lock).await.is_err() {
            let _ = call(&Lock).await;
        }
    });
}

/// If `error` says the vault is locked, drops the state and shows Unlock; returns whether it did.
pub fn vault_was_locked(dispatch: &Dispatch, error: &IpcError) -> bool {
    let locked = error.kind == ErrorKind::Locked;
    if locked {
        dispatch.dispatch(Action::Locked(LockReason::Inactivity));
    }
    locked
}

/// Installs the panic key (Ctrl+Shift+L) always, and while the vault is open, activity reports
/// and the poll that notices an auto-lock.
#[hook]
pub fn use_session_watch(dispatch: Dispatch, unlocked: bool) {
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = document().map(|document| {
                EventListener::new(&document, "keydown", move |event| {
                    if let Some(key) = as_panic_key(event) {
                        key.prevent_default();
                        lock_now(&dispatch);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let last_touch = use_mut_ref(|| f64::NEG_INFINITY);
    use_effect_with(unlocked, move |&unlocked| {
        let listeners = unlocked
            .then(document)
            .flatten()
            .map(|document| activity_listeners(&document, &last_touch, &dispatch));
        let poll = unlocked.then(|| {
            Interval::new(POLL_EVERY_MS, move || {
                spawn_local(check_still_unlocked(dispatch.clone()));
            })
        });
        move || {
            drop(listeners);
            drop(poll);
        }
    });
}

fn activity_listeners(
    document: &Document,
    last_touch: &Rc<RefCell<f64>>,
    dispatch: &Dispatch,
) -> [EventListener; 2] {
    ["keydown", "mousedown"].map(|event_name| {
        let last_touch = last_touch.clone();
        let dispatch = dispatch.clone();
        EventListener::new(document, event_name, move |event| {
            // The panic key locks; reporting it as activity would only race the lock. Events
            // made by script are not the person's input.
            if as_panic_key(event).is_some() || !event.is_trusted() {
                return;
            }
            let now = js_sys::Date::now();
            if now - *last_touch.borrow() < TOUCH_EVERY_MS {
                return;
            }
            *last_touch.borrow_mut() = now;
            let dispatch = dispatch.clone();
            spawn_local(async move {
                if let Err(error) = call(&Touch).await {
                    vault_was_locked(&dispatch, &error);
                }
            });
        })
    })
}

async fn check_still_unlocked(dispatch: Dispatch) {
    match call(&GetAppState).await {
        Ok(state) if !state.unlocked => dispatch.dispatch(Action::Locked(LockReason::Inactivity)),
        Ok(_) => {}
        Err(error) => {
            vault_was_locked(&dispatch, &error);
        }
    }
}

/// Ctrl+Shift+L, matched by physical key too so that it works with a Russian layout.
fn as_panic_key(event: &Event) -> Option<&KeyboardEvent> {
    let key = event.dyn_ref::<KeyboardEvent>()?;
    let is_l = key.key().eq_ignore_ascii_case("l") || key.code() == "KeyL";
    (key.ctrl_key() && key.shift_key() && is_l).then_some(key)
}

fn document() -> Option<Document> {
    web_sys::window()?.document()
}
