//! The Backup section of Settings: what a backup protects against, when the last one was made,
//! backing up now into a folder on another drive, and the weekly reminder's switch.

use chrono::{DateTime, Utc};
use pristan_ipc::{BackupStatus, GetBackupStatus, IpcError, MakeBackup, SetBackupReminder};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::sync::FolderField;
use crate::components::{CheckField, ErrorNote, SubmitRow};
use crate::errors::describe;
use crate::format;
use crate::hooks::{use_query, vault_call};
use crate::i18n::{use_i18n, I18n};
use crate::pages::{setter, PageProps};

#[function_component]
pub fn BackupSettings(props: &PageProps) -> Html {
    let i18n = use_i18n();
    let status = use_query(&props.dispatch, (), |_| GetBackupStatus);
    let folder = use_state(String::new);
    let busy = use_state(|| false);
    let done = use_state(|| None::<String>);
    let error = use_state(|| None::<IpcError>);

    let onsubmit = {
        let (folder, busy, done, error) =
            (folder.clone(), busy.clone(), done.clone(), error.clone());
        let (dispatch, reload) = (props.dispatch.clone(), status.reload.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy || folder.trim().is_empty() {
                return;
            }
            busy.set(true);
            done.set(None);
            error.set(None);
            let command = MakeBackup {
                to: folder.trim().to_owned(),
            };
            let (busy, done, error) = (busy.clone(), done.clone(), error.clone());
            let (dispatch, reload) = (dispatch.clone(), reload.clone());
            spawn_local(async move {
                let answer = vault_call(&dispatch, &command).await;
                busy.set(false);
                match answer {
                    Ok(made) => {
                        done.set(Some(made.path));
                        reload.emit(());
                    }
                    Err(failure) => error.set(Some(failure)),
                }
            });
        })
    };
    let on_reminder = {
        let (dispatch, reload, error) =
            (props.dispatch.clone(), status.reload.clone(), error.clone());
        Callback::from(move |on: bool| {
            let (dispatch, reload, error) = (dispatch.clone(), reload.clone(), error.clone());
            spawn_local(async move {
                match vault_call(&dispatch, &SetBackupReminder { on }).await {
                    Ok(()) => reload.emit(()),
                    Err(failure) => error.set(Some(failure)),
                }
            });
        })
    };
    let current: Option<BackupStatus> = match &*status.answer {
        Some(Ok(answer)) => Some(answer.clone()),
        _ => None,
    };
    let suggestions = current
        .as_ref()
        .map(|s| s.suggested_folders.clone())
        .unwrap_or_default();

    html! {
        <section id="settings-backup" class="panel" aria-labelledby="settings-backup-title">
            <h2 id="settings-backup-title">{ i18n.t("settings-backup-title") }</h2>
            <p>{ i18n.t("settings-backup-protects") }</p>
            <p class="note note-warning">{ i18n.t("settings-backup-where") }</p>
            <p>{ i18n.t("settings-backup-coordinator") }</p>
            if let Some(current) = &current {
                <p id="backup-last" class="muted">{ last_backup(&i18n, current) }</p>
            }
            <form class="form" {onsubmit}>
                <FolderField id="backup-folder" label={i18n.t("settings-backup-folder")}
                    value={(*folder).clone()} on_input={setter(&folder)} suggestions={suggestions}
                    hint={Some(i18n.t("settings-backup-folder-hint"))} />
                if let Some(path) = &*done {
                    <p id="backup-done" class="note note-success" role="status">
                        { i18n.t_args("settings-backup-done", &[("path", path.clone().into())]) }
                    </p>
                }
                if let Some(failure) = &*error {
                    <ErrorNote text={describe(&i18n, failure)} />
                }
                <SubmitRow id="backup-submit" label={i18n.t("settings-backup-submit")}
                    working={i18n.t("settings-backup-working")}
                    enabled={!*busy && !folder.trim().is_empty()} busy={*busy} />
            </form>
            if let Some(current) = &current {
                <CheckField id="backup-reminder" label={i18n.t("settings-backup-reminder")}
                    checked={current.reminder_on} on_change={on_reminder} />
            }
        </section>
    }
}

fn last_backup(i18n: &I18n, status: &BackupStatus) -> String {
    match status
        .last_backup_at
        .as_deref()
        .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
    {
        Some(at) => i18n.t_args(
            "settings-backup-last",
            &[("when", format::moment(i18n, at.with_timezone(&Utc)).into())],
        ),
        None => i18n.t("settings-backup-never"),
    }
}
