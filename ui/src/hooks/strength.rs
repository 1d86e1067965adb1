//! Rates a passphrase through the shell while the user types it.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use pristan_ipc::{CheckPassphrase, PassphraseStrength};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::backend::call;

/// Waits this long after a keystroke, so a fast typist sends one check, not one per letter.
const PAUSE_MS: u32 = 150;

#[derive(Debug, Clone, PartialEq)]
pub struct StrengthCheck {
    /// The last rating received; it may be for what was typed a keystroke ago.
    pub latest: Option<PassphraseStrength>,
    /// Whether `latest` rates exactly what is typed now.
    pub current: bool,
}

impl StrengthCheck {
    /// Whether the passphrase typed now is accepted for a vault.
    pub fn acceptable(&self) -> bool {
        self.current && self.latest.as_ref().is_some_and(|rating| rating.acceptable)
    }
}

#[hook]
pub fn use_passphrase_strength(passphrase: &str) -> StrengthCheck {
    let rated = use_state(|| None::<(String, PassphraseStrength)>);
    {
        let rated = rated.clone();
        use_effect_with(passphrase.to_owned(), move |passphrase| {
            let superseded = Rc::new(Cell::new(false));
            if passphrase.is_empty() {
                rated.set(None);
            } else {
                let passphrase = passphrase.clone();
                let superseded = superseded.clone();
                spawn_local(async move {
                    TimeoutFuture::new(PAUSE_MS).await;
                    if superseded.get() {
                        return;
                    }
                    let check = CheckPassphrase {
                        passphrase: passphrase.clone(),
                    };
                    // A failed check leaves the meter as it was; the submit button stays
                    // disabled because no current rating accepts the passphrase.
                    if let Ok(rating) = call(&check).await {
                        if !superseded.get() {
                            rated.set(Some((passphrase, rating)));
                        }
                    }
                });
            }
            move || superseded.set(true)
        });
    }
    match &*rated {
        Some((rated_text, rating)) => StrengthCheck {
            latest: Some(rating.clone()),
            current: rated_text == passphrase,
        },
        None => StrengthCheck {
            latest: None,
            current: false,
        },
    }
}
