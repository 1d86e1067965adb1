//! `#case-evidence`: evidence of political activity, each with how far it has been checked
//! (claimed → documented → corroborated → verified), a way to change that, and a form to add
//! one.

use pristan_ipc::{AddRecord, AnyRecord, GetSyncStatus, UpdateRecord};
use pristan_model::sync::Role;
use pristan_model::{EntityType, Evidence, EvidenceCategory, Stored, VerificationLevel};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{
    close_on_escape, long_text, on_submit, set, short_text, use_add_form, use_form_status,
    CaseSection, FormButtons, SectionProps,
};
use crate::components::{ConfirmButton, DateField, SelectField, TextArea, TextField};
use crate::format::{long_date, parse_date, today};
use crate::hooks::{use_focus_on_mount, use_query};
use crate::i18n::{use_i18n, I18n};
use crate::labels::{options, word};

#[function_component]
pub fn EvidenceSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    // Marking evidence "verified" is a coordinator's (the core refuses it from a volunteer's
    // device): a volunteer is not offered the level.
    let status = use_query(&props.dispatch, (), |_| GetSyncStatus);
    let may_verify = match &*status.answer {
        Some(Ok(status)) => status.org.as_ref().map(|org| org.role) != Some(Role::Volunteer),
        _ => true,
    };
    let adding = use_add_form();
    let evidence = &props.file.evidence;
    let action = adding.button("add-evidence", i18n.t("evidence-add"));
    html! {
        <CaseSection id="case-evidence" title={i18n.t("evidence-title")} {action}>
            if adding.open {
                <EvidenceForm section={props.clone()} on_done={adding.on_done.clone()} {may_verify} />
            }
            if evidence.is_empty() {
                <p class="muted">{ i18n.t("evidence-none") }</p>
            } else {
                <ul class="plain-list">
                    { for evidence.iter().map(|item| evidence_item(&i18n, props, item, may_verify)) }
                </ul>
            }
        </CaseSection>
    }
}

fn evidence_item(
    i18n: &I18n,
    props: &SectionProps,
    item: &Stored<Evidence>,
    may_verify: bool,
) -> Html {
    let record = &item.record;
    let category = word(i18n, "evidence-category", record.category.as_str());
    let change_level = {
        let props = props.clone();
        let (id, record) = (item.id, record.clone());
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            let Some(verification) = VerificationLevel::parse(&value) else {
                return;
            };
            let mut changed = record.clone();
            changed.verification = verification;
            // Reaching "verified" records the day; who verified is typed in the add form.
            if verification == VerificationLevel::Verified && changed.verified_on.is_none() {
                changed.verified_on = Some(today());
            }
            props
                .send_then_reload(UpdateRecord {
                    id,
                    record: AnyRecord::Evidence(changed),
                })
                .emit(());
        })
    };
    let select_id = format!("evidence-level-{}", item.id);
    html! {
        <li class="record-item">
            <div class="record-main">
                <p class="record-title">
                    <strong>{ category.clone() }</strong>
                    if let Some(date) = record.date {
                        <span class="muted">{ " · " }{ long_date(i18n, date) }</span>
                    }
                </p>
                <p class="prewrap">{ record.summary.as_str() }</p>
                if let (false, Some(date)) = (record.verified_by.is_empty(), record.verified_on) {
                    <p class="muted">
                        { i18n.t_args("evidence-verified-line", &[
                            ("who", record.verified_by.to_string().into()),
                            ("date", long_date(i18n, date).into()),
                        ]) }
                    </p>
                }
            </div>
            <div class="record-actions">
                <label for={select_id.clone()} class="inline-label">
                    { i18n.t("evidence-verification") }
                </label>
                <select id={select_id} class={classes!("select", "select-small",
                    format!("level-{}", record.verification.as_str()))}
                    onchange={change_level} title={i18n.t("verification-change")}>
                    { for offered_levels(may_verify, record.verification).map(|value| html! {
                        <option value={value.as_str()} selected={*value == record.verification}>
                            { word(i18n, "verification", value.as_str()) }
                        </option>
                    }) }
                </select>
                <ConfirmButton on_confirm={props.delete(item.id, EntityType::Evidence)} what={category} />
            </div>
        </li>
    }
}

/// The levels offered: all of them to a coordinator; to a volunteer all but "verified", unless
/// the evidence already is (so the list shows what is true).
fn offered_levels(
    may_verify: bool,
    current: VerificationLevel,
) -> impl Iterator<Item = &'static VerificationLevel> {
    VerificationLevel::ALL.iter().filter(move |level| {
        may_verify || **level != VerificationLevel::Verified || **level == current
    })
}

#[derive(Properties, PartialEq)]
struct EvidenceFormProps {
    section: SectionProps,
    on_done: Callback<()>,
    may_verify: bool,
}

#[function_component]
fn EvidenceForm(props: &EvidenceFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let category = use_state(|| EvidenceCategory::Protest.as_str().to_owned());
    let summary = use_state(String::new);
    let date = use_state(String::new);
    let level = use_state(|| VerificationLevel::Claimed.as_str().to_owned());
    let verified_by = use_state(String::new);
    let verified_on = use_state(String::new);
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let (category, summary, date, level, verified_by, verified_on, status) = (
            category.clone(),
            summary.clone(),
            date.clone(),
            level.clone(),
            verified_by.clone(),
            verified_on.clone(),
            status.clone(),
        );
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            if summary.trim().is_empty() {
                status.refuse(i18n.t("evidence-summary-missing"));
                return;
            }
            let record = (|| {
                Ok::<_, String>(Evidence {
                    case_id: Some(case_id),
                    category: EvidenceCategory::parse(&category).unwrap_or_default(),
                    summary: long_text(&i18n, &i18n.t("evidence-summary"), &summary)?,
                    date: parse_date(&date),
                    verification: VerificationLevel::parse(&level).unwrap_or_default(),
                    verified_by: short_text(&i18n, &i18n.t("evidence-verified-by"), &verified_by)?,
                    verified_on: parse_date(&verified_on),
                })
            })();
            let command = record.map(|record| AddRecord {
                record: AnyRecord::Evidence(record),
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    let checked =
        VerificationLevel::parse(&level).unwrap_or_default() != VerificationLevel::Claimed;
    html! {
        <form id="evidence-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("evidence-add-title") }</h3>
            <div class="form-grid">
                <div class="field">
                    <label for="evidence-category" class="field-label">{ i18n.t("evidence-category") }</label>
                    <select id="evidence-category" class="select" ref={first}
                        onchange={set(&category).reform(|event: Event| {
                            event.target_unchecked_into::<HtmlSelectElement>().value()
                        })}>
                        { for EvidenceCategory::ALL.iter().map(|value| html! {
                            <option value={value.as_str()} selected={value.as_str() == *category}>
                                { word(&i18n, "evidence-category", value.as_str()) }
                            </option>
                        }) }
                    </select>
                </div>
                <DateField id="evidence-date" label={i18n.t("evidence-date")} value={(*date).clone()}
                    on_input={set(&date)} />
                <TextArea id="evidence-summary" label={i18n.t("evidence-summary")}
                    value={(*summary).clone()} on_input={set(&summary)} class="span-2" />
                <SelectField id="evidence-level" label={i18n.t("evidence-verification")}
                    value={(*level).clone()} on_change={set(&level)}
                    options={options(
                        &i18n,
                        "verification",
                        &offered_levels(props.may_verify, VerificationLevel::Claimed)
                            .copied()
                            .collect::<Vec<_>>(),
                        VerificationLevel::as_str,
                    )} />
                if checked {
                    <TextField id="evidence-verified-by" label={i18n.t("evidence-verified-by")}
                        value={(*verified_by).clone()} on_input={set(&verified_by)} />
                    <DateField id="evidence-verified-on" label={i18n.t("evidence-verified-on")}
                        value={(*verified_on).clone()} on_input={set(&verified_on)} />
                }
            </div>
            { status.view() }
            <FormButtons submit_id="evidence-submit" submit_label={i18n.t("evidence-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
