//! Reading from and writing to the vault from a page: an answer that says the vault is locked
//! sends the user to Unlock, and a query can be reloaded after a change.

use std::cell::Cell;
use std::rc::Rc;

use pristan_ipc::{Command, ErrorKind, IpcError};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;
use crate::hooks::vault_was_locked;
use crate::state::Dispatch;

/// Sends `command` to the shell; if the vault turned out to be locked, shows Unlock as well.
pub async fn vault_call<C: Command>(
    dispatch: &Dispatch,
    command: &C,
) -> Result<C::Response, IpcError> {
    let answer = call(command).await;
    if let Err(error) = &answer {
        vault_was_locked(dispatch, error);
    }
    answer
}

/// The latest answer to a query (`None` until the first one arrives) and a way to ask again.
pub struct Query<T> {
    pub answer: UseStateHandle<Option<Result<T, IpcError>>>,
    pub reload: Callback<()>,
}

/// Asks the shell `make(key)` now, again whenever `key` changes, and when `reload` is called.
/// An answer to an older key or an earlier reload is dropped, so a slow reply never overwrites a
/// newer one. While a reload runs, the previous answer stays on screen.
#[hook]
pub fn use_query<K, C>(dispatch: &Dispatch, key: K, make: fn(&K) -> C) -> Query<C::Response>
where
    K: PartialEq + 'static,
    C: Command + 'static,
    C::Response: 'static,
{
    let answer = use_state(|| None::<Result<C::Response, IpcError>>);
    let generation = use_state(|| 0u32);
    {
        let (answer, dispatch) = (answer.clone(), dispatch.clone());
        use_effect_with((key, *generation), move |(key, _)| {
            let superseded = Rc::new(Cell::new(false));
            let command = make(key);
            {
                let superseded = superseded.clone();
                spawn_local(async move {
                    let result = vault_call(&dispatch, &command).await;
                    let locked = matches!(&result, Err(e) if e.kind == ErrorKind::Locked);
                    if !superseded.get() && !locked {
                        answer.set(Some(result));
                    }
                });
            }
            move || superseded.set(true)
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    Query { answer, reload }
}
