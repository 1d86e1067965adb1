//! `#case-consents`: what the person allowed, purpose by purpose (keep notes, share with the
//! coordinator, an attorney, a government referral, named relatives): allowed, withdrawn or not
//! asked, and to whom. Below, every consent recorded, with Withdraw, and a form to record one.

use pristan_ipc::{AddRecord, AnyRecord, UpdateRecord};
use pristan_model::views::ConsentState;
use pristan_model::{Consent, ConsentMethod, ConsentPurpose, Stored};
use yew::prelude::*;

use super::{
    close_on_escape, on_submit, set, short_text, use_add_form, use_form_status, CaseSection,
    FormButtons, SectionProps,
};
use crate::components::{DateField, SelectField, TextField};
use crate::format::{date_value, long_date, parse_date, today};
use crate::hooks::use_focus_on_mount;
use crate::i18n::{use_i18n, I18n};
use crate::labels::{consent_state, options, word};

#[function_component]
pub fn ConsentsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let adding = use_add_form();
    let file = &props.file;
    let action = adding.button("add-consent", i18n.t("consents-add"));
    html! {
        <CaseSection id="case-consents" title={i18n.t("consents-title")} {action}>
            <p class="muted">{ i18n.t("consents-intro") }</p>
            <table id="consent-table" class="table consent-table">
                <thead>
                    <tr>
                        <th scope="col">{ i18n.t("consents-purpose") }</th>
                        <th scope="col">{ i18n.t("consents-state") }</th>
                        <th scope="col">{ i18n.t("consents-recipients") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for file.status.consents.iter().map(|summary| {
                        let state = consent_state(summary.state);
                        let recipients = match (summary.state, summary.recipients.is_empty()) {
                            (ConsentState::Given, true) => html! {
                                <span class="muted">{ i18n.t("consents-anyone") }</span>
                            },
                            (ConsentState::Given, false) => html! { { summary.recipients.join(", ") } },
                            _ => html! {},
                        };
                        html! {
                            <tr class={format!("consent-{state}")}>
                                <th scope="row">{ word(&i18n, "consent-purpose", summary.purpose.as_str()) }</th>
                                <td>
                                    <span class={classes!("badge", format!("badge-consent-{state}"))}>
                                        { word(&i18n, "consent-state", state) }
                                    </span>
                                </td>
                                <td>{ recipients }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if adding.open {
                <ConsentForm section={props.clone()} on_done={adding.on_done.clone()} />
            }
            <h3>{ i18n.t("consents-history") }</h3>
            if file.consents.is_empty() {
                <p class="muted">{ i18n.t("consents-none") }</p>
            } else {
                <ul class="plain-list">
                    { for file.consents.iter().map(|consent| consent_item(&i18n, props, consent)) }
                </ul>
            }
        </CaseSection>
    }
}

fn consent_item(i18n: &I18n, props: &SectionProps, consent: &Stored<Consent>) -> Html {
    let record = &consent.record;
    let mut facts = vec![word(i18n, "consent-method", record.method.as_str())];
    if let Some(date) = record.given_on {
        facts.push(i18n.t_args(
            "consent-given-line",
            &[("date", long_date(i18n, date).into())],
        ));
    }
    if let Some(date) = record.withdrawn_on {
        facts.push(i18n.t_args(
            "consent-withdrawn-on",
            &[("date", long_date(i18n, date).into())],
        ));
    }
    let withdraw = record.withdrawn_on.is_none().then(|| {
        let mut withdrawn = record.clone();
        withdrawn.withdrawn_on = Some(today());
        props
            .send_then_reload(UpdateRecord {
                id: consent.id,
                record: AnyRecord::Consent(withdrawn),
            })
            .reform(|_: MouseEvent| ())
    });
    html! {
        <li class={classes!("record-item", record.withdrawn_on.is_some().then_some("record-withdrawn"))}>
            <div class="record-main">
                <p class="record-title">
                    <strong>{ word(i18n, "consent-purpose", record.purpose.as_str()) }</strong>
                    if !record.recipient.is_empty() {
                        <span>{ " · " }{ record.recipient.as_str() }</span>
                    }
                </p>
                <p class="muted">{ facts.join(" · ") }</p>
                if !record.note.is_empty() {
                    <p>{ record.note.as_str() }</p>
                }
            </div>
            if let Some(withdraw) = withdraw {
                <div class="record-actions">
                    <button type="button" class="button button-small button-quiet consent-withdraw"
                        onclick={withdraw}>
                        { i18n.t("consent-withdraw") }
                    </button>
                </div>
            }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct ConsentFormProps {
    section: SectionProps,
    on_done: Callback<()>,
}

#[function_component]
fn ConsentForm(props: &ConsentFormProps) -> Html {
    let i18n = use_i18n();
    let section = &props.section;
    let purpose = use_state(|| ConsentPurpose::KeepNotes.as_str().to_owned());
    let recipient = use_state(String::new);
    let given_on = use_state(|| date_value(Some(today())));
    let method = use_state(|| ConsentMethod::Verbal.as_str().to_owned());
    let note = use_state(String::new);
    let status = use_form_status();
    let first = NodeRef::default();
    use_focus_on_mount(first.clone());

    let onsubmit = {
        let (purpose, recipient, given_on, method, note, status) = (
            purpose.clone(),
            recipient.clone(),
            given_on.clone(),
            method.clone(),
            note.clone(),
            status.clone(),
        );
        let case_id = section.case_id();
        let (dispatch, on_changed, on_done) = (
            section.dispatch.clone(),
            section.on_changed.clone(),
            props.on_done.clone(),
        );
        on_submit(move || {
            let Some(given) = parse_date(&given_on) else {
                status.refuse(i18n.t("consent-given-missing"));
                return;
            };
            let record = (|| {
                Ok::<_, String>(Consent {
                    case_id: Some(case_id),
                    purpose: ConsentPurpose::parse(&purpose).unwrap_or_default(),
                    recipient: short_text(&i18n, &i18n.t("consent-recipient"), &recipient)?,
                    given_on: Some(given),
                    withdrawn_on: None,
                    method: ConsentMethod::parse(&method).unwrap_or_default(),
                    note: short_text(&i18n, &i18n.t("consent-note"), &note)?,
                })
            })();
            let command = record.map(|record| AddRecord {
                record: AnyRecord::Consent(record),
            });
            status.save(i18n, &dispatch, command, &on_done, &on_changed);
        })
    };
    html! {
        <form id="consent-form" class="form subform" {onsubmit} novalidate=true
            onkeydown={close_on_escape(props.on_done.clone())}>
            <h3>{ i18n.t("consents-add-title") }</h3>
            <div class="form-grid">
                <div class="field span-2">
                    <label for="consent-purpose" class="field-label">{ i18n.t("consents-purpose") }</label>
                    <select id="consent-purpose" class="select" ref={first}
                        onchange={set(&purpose).reform(|event: Event| {
                            event.target_unchecked_into::<web_sys::HtmlSelectElement>().value()
                        })}>
                        { for ConsentPurpose::ALL.iter().map(|value| html! {
                            <option value={value.as_str()} selected={value.as_str() == *purpose}>
                                { word(&i18n, "consent-purpose", value.as_str()) }
                            </option>
                        }) }
                    </select>
                </div>
                <TextField id="consent-recipient" label={i18n.t("consent-recipient")}
                    value={(*recipient).clone()} on_input={set(&recipient)}
                    hint={i18n.t("consent-recipient-hint")} class="span-2" />
                <DateField id="consent-given-on" label={i18n.t("consent-given-on")}
                    value={(*given_on).clone()} on_input={set(&given_on)} />
                <SelectField id="consent-method" label={i18n.t("consent-method")}
                    value={(*method).clone()} on_change={set(&method)}
                    options={options(&i18n, "consent-method", ConsentMethod::ALL, ConsentMethod::as_str)} />
                <TextField id="consent-note" label={i18n.t("consent-note")} value={(*note).clone()}
                    on_input={set(&note)} class="span-2" />
            </div>
            { status.view() }
            <FormButtons submit_id="consent-submit" submit_label={i18n.t("consent-submit")}
                busy={*status.busy} on_cancel={props.on_done.clone()} />
        </form>
    }
}
