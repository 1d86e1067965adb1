//! The dashboard's reminder when the last backup is more than a week old (switched off in
//! Settings).

use pristan_ipc::GetBackupStatus;
use yew::prelude::*;

use crate::hooks::use_query;
use crate::i18n::use_i18n;
use crate::state::{Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct BackupReminderProps {
    pub dispatch: Dispatch,
}

#[function_component]
pub fn BackupReminder(props: &BackupReminderProps) -> Html {
    let i18n = use_i18n();
    let status = use_query(&props.dispatch, (), |_| GetBackupStatus);
    let Some(Ok(status)) = &*status.answer else {
        return html! {};
    };
    if !status.reminder_due {
        return html! {};
    }
    let open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowSettings))
    };
    let text = if status.last_backup_at.is_some() {
        i18n.t("backup-reminder-due")
    } else {
        i18n.t("backup-reminder-never")
    };
    html! {
        <aside id="backup-reminder" class="note note-warning backup-reminder" role="status">
            <span>{ text }</span>
            <button id="backup-reminder-open" type="button" class="button button-small"
                onclick={open}>
                { i18n.t("backup-reminder-open") }
            </button>
        </aside>
    }
}
