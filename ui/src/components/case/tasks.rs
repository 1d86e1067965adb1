//! `#case-tasks`: follow-ups for this case, open ones first, each ticked off with one click; and
//! a form to add one.

use pristan_ipc::{AddRecord, AnyRecord, UpdateRecord};
use pristan_model::{EntityType, Priority, Stored, Task, TaskStatus};
use yew::prelude::*;

use super::{
    close_on_escape, long_text, on_submit, set, short_text, use_add_form, use_form_status,
    CaseSection, FormButtons, SectionProps,
};
use crate::components::{ConfirmButton, DateField, SelectField, TextArea, TextField};
use crate::format::{due_in, full_date, parse_date, today};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn TasksSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let adding = use_add_form();
    let tasks = &props.file.tasks;
    let action = adding.button("add-task", i18n.t("tasks-add"));
    html! {
        <CaseSection id="case-tasks" title={i18n.t("tasks-title")} {action}>
            if adding.open {
                <TaskForm section={props.clone()} on_done={adding.on_done.clone()} />
            }
            if tasks.is_empty() {
                <p class="muted">{ i18n.t("tasks-none") }</p>
            } else {
                <ul class="plain-list">
                    { for tasks.iter().map(|task| task_item(&i18n, props, task)) }
                </ul>
            }
        </CaseSection>
    }
}

fn task_item(i18n: &I18n, props: &SectionProps, task: &Stored<Task>) -> Html {
    let record = &task.record;
    let open = record.status == TaskStatus::Open;
    let toggle_done = {
        let mut changed = record.clone();
        changed.status = if open {
            TaskStatus::Done
        } else {
            TaskStatus::Open
        };
        props
            .send_then_reload(UpdateRecord {
                id: task.id,
                record: AnyRecord::Task(changed),
            })
            .reform(|_: Event| ())
    };
    let mut facts = Vec::new();
    if let Some(due) = record.due {
        let mut due_text = i18n.t_args("task-due-line", &[("date", full_date(i18n, due).into())]);
        if open {
            due_text = format!("{due_text} ({})", due_in(i18n, today(), due));
        }
        facts.push(due_text);
    }
    if !record.assignee.is_empty() {
        facts.push(record.assignee.to_string());
    }
    if !open {
        facts.push(word(i18n, "task-status", record.status.as_str()));
    }
    let check_id = format!("task-done-{}", task.id);
    let overdue = open && record.due.is_some_and(|due| due < today());
    html! {
        <li class={classes!("record-item", "task-item", (!open).then_some("task-closed"),
            overdue.then_some("task-overdue"))}>
            <input id={check_id.clone()} type="checkbox" class="task-check" checked={!open}
                onchange={toggle_done} />
            <div class="record-main">
                <p class="record-title">
                    <label for={check_id} class="task-title">{ record.title.as_str() }</label>
                    { priority_badge(i18n, record.priority) }
                </p>
                if !facts.is_empty() {
                    <p class="muted">{ facts.join(" · ") }</p>
                }
                if !record.details.is_empty() {
                    <p class="prewrap">{ record.details.as_str() }</p>
                }
            </div>
            <div class="record-actions">
                <ConfirmButton on_confirm={props.delete(task.id, EntityType::Task)}
                    what={record.title.to_string()} />
            </div>
        </li>
    }
}

/// High and urgent tasks carry a badge; most tasks are normal and need none.
pub fn priority_badge(i18n: &I18n, priority: Priority) -> Html {
    match priority {
        Priority::High | Priority::Urgent => html! {
            <span class={classes!("badge", format!("badge-priority-{}", priority.as_str()))}>
                { word(i18n, "priority", priority.as_str()) }
            </span>
        },
        Priority::Low | Priority::Normal => html! {},
    }
}

#[derive(Properties, PartialEq)]
struct TaskFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn TaskForm(props: &TaskFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let title = use_state(String::new);
    let details = use_state(String::new);
    let due = use_state(String::new);
    let assignee = use_state(String::new);
    let priority = use_state(|| Priority::Normal.as_str().to_owned());
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let (title, details, due, assignee, priority, status) = (
            title.clone(),
            details.clone(),
            due.clone(),
            assignee.clone(),
            priority.clone(),
            status.clone(),
        );
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            if title.trim().is_empty() {
                status.refuse(i18n.t("task-title-missing"));
                return;
            }
            let record = (|| {
                Ok::<_, String>(Task {
                    case_id: Some(case_id),
                    title: short_text(&i18n, &i18n.t("task-title"), &title)?,
                    details: long_text(&i18n, &i18n.t("task-details"), &details)?,
                    due: parse_date(&due),
                    assignee: short_text(&i18n, &i18n.t("task-assignee"), &assignee)?,
                    priority: Priority::parse(&priority).unwrap_or_default(),
                    status: TaskStatus::Open,
                })
            })();
            let command = record.map(|record| AddRecord {
                record: AnyRecord::Task(record),
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    html! {
        <form id="task-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("tasks-add-title") }</h3>
            <div class="form-grid">
                <TextField id="task-title" label={i18n.t("task-title")} value={(*title).clone()}
                    on_input={set(&title)} input_ref={first} class="span-2" />
                <DateField id="task-due" label={i18n.t("task-due")} value={(*due).clone()}
                    on_input={set(&due)} />
                <SelectField id="task-priority" label={i18n.t("task-priority")}
                    value={(*priority).clone()} on_change={set(&priority)}
                    options={options(&i18n, "priority", Priority::ALL, Priority::as_str)} />
                <TextField id="task-assignee" label={i18n.t("task-assignee")}
                    value={(*assignee).clone()} on_input={set(&assignee)} />
                <TextArea id="task-details" label={i18n.t("task-details")} value={(*details).clone()}
                    on_input={set(&details)} class="span-2" />
            </div>
            { status.view() }
            <FormButtons submit_id="task-submit" submit_label={i18n.t("task-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
