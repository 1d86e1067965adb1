//! `#case-verification`: how far each evidence item has been checked, step by step (who, when,
//! how, and the supporting file), with a form for the next step; the two-coordinator confirmation
//! of the person's activity; and the checklist of what the case still needs.

use pristan_ipc::{ConfirmActivity, VerifyEvidence};
use pristan_model::verification::{ActivityVerdict, EvidenceStanding, ReviewStep};
use pristan_model::{EntityId, VerificationLevel};
use yew::prelude::*;

use super::{on_submit, CaseSection, SectionProps};
use crate::components::{SelectField, TextArea};
use crate::format::moment;
use crate::i18n::{use_i18n, I18n};
use crate::labels::word;

#[function_component]
pub fn VerificationSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let coordination = &props.file.coordination;
    let verdict = coordination.activity.verdict;
    html! {
        <CaseSection id="case-verification" title={i18n.t("verification-title")}>
            <p id="verification-verdict" class={classes!("verdict", verdict_class(verdict))}>
                { i18n.t(verdict.message_id()) }
            </p>
            <h3>{ i18n.t("verification-checklist") }</h3>
            <ul id="verification-checklist" class="checklist">
                { for coordination.checklist.iter().map(|line| html! {
                    <li class={classes!("checklist-line", if line.done { "checklist-done" } else { "checklist-missing" })}>
                        <span aria-hidden="true">{ if line.done { "✓ " } else { "○ " } }</span>
                        { i18n.t(line.item.message_id()) }
                        <span class="visually-hidden">
                            { " — " }{ i18n.t(if line.done { "checklist-state-done" } else { "checklist-state-missing" }) }
                        </span>
                    </li>
                }) }
            </ul>
            <h3>{ i18n.t("verification-evidence") }</h3>
            if coordination.evidence.is_empty() {
                <p class="muted">{ i18n.t("evidence-none") }</p>
            } else {
                <ul class="plain-list">
                    { for coordination.evidence.iter().map(|standing| html! {
                        <EvidenceSteps section={props.clone()} standing={standing.clone()} />
                    }) }
                </ul>
            }
            <h3>{ i18n.t("verification-confirmations") }</h3>
            if coordination.activity.confirmations.is_empty() {
                <p class="muted">{ i18n.t("verification-no-confirmation") }</p>
            } else {
                <ul id="verification-confirmation-list" class="plain-list">
                    { for coordination.activity.confirmations.iter().map(|c| html! {
                        <li class="record-item">
                            <p class="record-title">
                                { i18n.t_args("verification-confirmed-by", &[
                                    ("who", who(&i18n, &c.by.name).into()),
                                    ("when", moment(&i18n, c.at).into()),
                                ]) }
                                if !c.counts {
                                    <span class="badge badge-open">{ i18n.t("verification-does-not-count") }</span>
                                }
                            </p>
                            <p class="prewrap">{ c.confirmation.checked.as_str() }</p>
                        </li>
                    }) }
                </ul>
            }
            if verdict != ActivityVerdict::Verified {
                <ConfirmForm section={props.clone()} />
            }
        </CaseSection>
    }
}

fn verdict_class(verdict: ActivityVerdict) -> &'static str {
    match verdict {
        ActivityVerdict::Unconfirmed => "verdict-unconfirmed",
        ActivityVerdict::OneCoordinator => "verdict-one",
        ActivityVerdict::Verified => "verdict-verified",
    }
}

fn who(i18n: &I18n, name: &str) -> String {
    if name.trim().is_empty() {
        i18n.t("verification-unknown-device")
    } else {
        name.to_owned()
    }
}

#[derive(Properties, PartialEq)]
struct EvidenceStepsProps {
    section: SectionProps,
    standing: EvidenceStanding,
}

/// One evidence item: its summary and level, each step, and the form for the next step.
#[function_component]
fn EvidenceSteps(props: &EvidenceStepsProps) -> Html {
    let i18n = use_i18n();
    let file = &props.section.file;
    let standing = &props.standing;
    let item = file.evidence.iter().find(|e| e.id == standing.evidence_id);
    let (category, summary) = match item {
        Some(item) => (
            word(&i18n, "evidence-category", item.record.category.as_str()),
            item.record.summary.to_string(),
        ),
        None => (String::new(), String::new()),
    };
    let id = format!("verify-{}", standing.evidence_id);
    html! {
        <li id={id} class="record-item verification-item">
            <div class="record-main">
                <p class="record-title">
                    <strong>{ category }</strong>{ " " }
                    <span class={classes!("badge", format!("level-{}", standing.level.as_str()))}>
                        { word(&i18n, "verification", standing.level.as_str()) }
                    </span>
                </p>
                <p class="prewrap">{ summary }</p>
                if !standing.steps.is_empty() {
                    <ol class="verification-steps">
                        { for standing.steps.iter().map(|step| step_line(&i18n, &props.section, step)) }
                    </ol>
                }
                <StepForm section={props.section.clone()} evidence={standing.evidence_id}
                    current={standing.level} />
            </div>
        </li>
    }
}

fn step_line(i18n: &I18n, section: &SectionProps, step: &ReviewStep) -> Html {
    let attachment = step.review.attachment_sha256.as_ref().map(|sha| {
        section
            .file
            .attachments
            .iter()
            .find(|a| a.record.sha256.as_str() == sha.as_str())
            .map(|a| a.record.file_name.to_string())
            .unwrap_or_else(|| sha.as_str().chars().take(12).collect())
    });
    html! {
        <li class="verification-step">
            <span class="verification-step-head">
                { word(i18n, "verification", step.review.level.as_str()) }
                { " — " }
                { i18n.t_args("verification-step-by", &[
                    ("who", who(i18n, &step.by.name).into()),
                    ("when", moment(i18n, step.at).into()),
                ]) }
            </span>
            <span class="verification-step-method prewrap">
                { i18n.t_args("verification-step-how", &[("method", step.review.method.to_string().into())]) }
            </span>
            if let Some(file) = attachment {
                <span class="verification-step-file">
                    { i18n.t_args("verification-step-file", &[("file", file.into())]) }
                </span>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct StepFormProps {
    section: SectionProps,
    evidence: EntityId,
    current: VerificationLevel,
}

/// The next step for one item: the level reached, how it was checked, the supporting file.
#[function_component]
fn StepForm(props: &StepFormProps) -> Html {
    let i18n = use_i18n();
    let next = VerificationLevel::ALL
        .iter()
        .copied()
        .find(|l| *l > props.current)
        .unwrap_or(props.current);
    let level = use_state(|| next.as_str().to_owned());
    let method = use_state(String::new);
    let attachment = use_state(String::new);
    let base = format!("verify-{}", props.evidence);
    let levels: Vec<(String, String)> = VerificationLevel::ALL
        .iter()
        .map(|l| {
            (
                l.as_str().to_owned(),
                word(&i18n, "verification", l.as_str()),
            )
        })
        .collect();
    let files: Vec<(String, String)> = props
        .section
        .file
        .attachments
        .iter()
        .map(|a| (a.record.sha256.to_string(), a.record.file_name.to_string()))
        .collect();
    let onsubmit = {
        let (section, evidence) = (props.section.clone(), props.evidence);
        let (level, method, attachment) = (level.clone(), method.clone(), attachment.clone());
        on_submit(move || {
            let Some(chosen) = VerificationLevel::parse(&level) else {
                return;
            };
            let command = VerifyEvidence {
                evidence,
                level: chosen,
                method: (*method).clone(),
                attachment_sha256: (!attachment.is_empty()).then(|| (*attachment).clone()),
            };
            method.set(String::new());
            section.send_then_reload(command).emit(());
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    html! {
        <form class="verification-form" {onsubmit}>
            <SelectField id={format!("{base}-level")} label={i18n.t("verification-step-level")}
                value={(*level).clone()} options={levels} on_change={set(&level)} />
            <TextArea id={format!("{base}-method")} label={i18n.t("verification-step-method")}
                value={(*method).clone()} on_input={set(&method)}
                hint={i18n.t("verification-step-method-hint")} />
            if !files.is_empty() {
                <SelectField id={format!("{base}-file")} label={i18n.t("verification-step-attachment")}
                    value={(*attachment).clone()} options={files}
                    empty={Some(i18n.t("none-chosen"))} on_change={set(&attachment)} />
            }
            <button id={format!("{base}-save")} type="submit" class="button button-small"
                disabled={method.trim().is_empty()}>
                { i18n.t("verification-step-save") }
            </button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ConfirmFormProps {
    section: SectionProps,
}

/// "I confirm this person's activity", with what was checked.
#[function_component]
fn ConfirmForm(props: &ConfirmFormProps) -> Html {
    let i18n = use_i18n();
    let checked = use_state(String::new);
    let onsubmit = {
        let (section, checked) = (props.section.clone(), checked.clone());
        on_submit(move || {
            let command = ConfirmActivity {
                case: section.case_id(),
                checked: (*checked).clone(),
            };
            checked.set(String::new());
            section.send_then_reload(command).emit(());
        })
    };
    let on_change = {
        let checked = checked.clone();
        Callback::from(move |value: String| checked.set(value))
    };
    html! {
        <form id="confirm-activity" class="verification-form" {onsubmit}>
            <TextArea id="confirm-activity-checked" label={i18n.t("verification-confirm-checked")}
                value={(*checked).clone()} on_input={on_change}
                hint={i18n.t("verification-confirm-hint")} />
            <button id="confirm-activity-submit" type="submit" class="button button-primary button-small"
                disabled={checked.trim().is_empty()}>
                { i18n.t("verification-confirm") }
            </button>
        </form>
    }
}
