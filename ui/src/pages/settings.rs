//! Settings: language, auto-lock, backups, changing the passphrase, rotating the vault's key, what
//! wrong passphrases do, and making this laptop's vault unreadable (duress).

use pristan_ipc::{IpcError, Language, SetAutoLock};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::backend::call;
use crate::components::{ErrorNote, LanguageSelect};
use crate::errors::describe;
use crate::hooks::{use_focus_on_mount, vault_was_locked};
use crate::i18n::use_i18n;
use crate::pages::backup_settings::BackupSettings;
use crate::pages::change_passphrase::ChangePassphraseForm;
use crate::pages::duress_settings::DuressSettings;
use crate::pages::rotate_key::RotateKeyForm;
use crate::pages::unlock_policy_settings::UnlockPolicySettings;
use crate::state::{Action, Dispatch};

/// The auto-lock choices offered, in minutes.
const AUTO_LOCK_CHOICES: [u32; 6] = [1, 2, 5, 10, 15, 30];

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub dispatch: Dispatch,
    pub auto_lock_minutes: u32,
    pub on_language: Callback<Language>,
}

#[function_component]
pub fn SettingsPage(props: &SettingsProps) -> Html {
    let i18n = use_i18n();
    let saving = use_state(|| false);
    let saved = use_state(|| false);
    // Rebuilds the select after a failed save, so that it shows the setting actually in force.
    let select_version = use_state(|| 0_u32);
    let error = use_state(|| None::<IpcError>);
    let back_button = use_node_ref();
    use_focus_on_mount(back_button.clone());

    let on_auto_lock = {
        let (saving, saved, error) = (saving.clone(), saved.clone(), error.clone());
        let (select_version, dispatch) = (select_version.clone(), props.dispatch.clone());
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            let Ok(minutes) = select.value().parse::<u32>() else {
                return;
            };
            saving.set(true);
            saved.set(false);
            error.set(None);
            let (saving, saved, error) = (saving.clone(), saved.clone(), error.clone());
            let (select_version, dispatch) = (select_version.clone(), dispatch.clone());
            spawn_local(async move {
                let answer = call(&SetAutoLock { minutes }).await;
                saving.set(false);
                match answer {
                    Ok(()) => {
                        dispatch.dispatch(Action::AutoLockSaved(minutes));
                        saved.set(true);
                    }
                    Err(failure) => {
                        if !vault_was_locked(&dispatch, &failure) {
                            select_version.set(select_version.wrapping_add(1));
                            error.set(Some(failure));
                        }
                    }
                }
            });
        })
    };
    let back = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowHome))
    };
    let mut choices = AUTO_LOCK_CHOICES.to_vec();
    if !choices.contains(&props.auto_lock_minutes) {
        choices.push(props.auto_lock_minutes);
        choices.sort_unstable();
    }

    html! {
        <section id="settings" class="page">
            <div class="page-heading">
                <button id="settings-back" type="button" class="button button-quiet back-button"
                    ref={back_button} onclick={back}>
                    { i18n.t("settings-back") }
                </button>
                <h1>{ i18n.t("settings-title") }</h1>
            </div>

            <section class="panel" aria-labelledby="settings-language-title">
                <h2 id="settings-language-title">{ i18n.t("settings-language-title") }</h2>
                <LanguageSelect on_change={props.on_language.clone()} />
            </section>

            <section class="panel" aria-labelledby="settings-auto-lock-title">
                <h2 id="settings-auto-lock-title">{ i18n.t("settings-auto-lock-title") }</h2>
                <p>{ i18n.t("settings-auto-lock-intro") }</p>
                <div class="field">
                    <label for="auto-lock-select" class="field-label">
                        { i18n.t("settings-auto-lock-label") }
                    </label>
                    <select id="auto-lock-select" key={select_version.to_string()} onchange={on_auto_lock} disabled={*saving}>
                        { for choices.iter().map(|&minutes| html! {
                            <option value={minutes.to_string()}
                                selected={minutes == props.auto_lock_minutes}>
                                { i18n.t_args("auto-lock-minutes", &[("minutes", minutes.into())]) }
                            </option>
                        }) }
                    </select>
                </div>
                if *saved {
                    <p id="auto-lock-saved" class="note note-success" role="status">
                        { i18n.t("settings-saved") }
                    </p>
                }
                if let Some(failure) = &*error {
                    <ErrorNote text={describe(&i18n, failure)} />
                }
            </section>

            <BackupSettings dispatch={props.dispatch.clone()} />

            <ChangePassphraseForm dispatch={props.dispatch.clone()} />
            <RotateKeyForm dispatch={props.dispatch.clone()} />
            <UnlockPolicySettings dispatch={props.dispatch.clone()} />
            <DuressSettings dispatch={props.dispatch.clone()} />
        </section>
    }
}
