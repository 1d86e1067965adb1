//! `#case-family-cards`: the status cards issued for this case's relatives (issue 14): for whom,
//! in which language, when issued and last refreshed, revoked or not, and the card code the
//! family types (never the passphrase), with Refresh and Revoke. A refresh the consent check
//! refuses says why; the relay's answer is said too. "Issue a card" opens the form in
//! `family_card_issue`.

use chrono::{DateTime, Utc};
use pristan_ipc::{
    FamilyCardOutcome, FamilyCardRow, IssuedFamilyCard, ListFamilyCards, RefreshFamilyCard,
    RevokeFamilyCard,
};
use pristan_model::family_card::CardLanguage;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use super::family_card_issue::{issued_panel, IssueCardForm};
use super::{use_add_form, CaseSection, SectionProps};
use crate::components::ConfirmButton;
use crate::format::moment;
use crate::hooks::{use_query, vault_call};
use crate::i18n::{use_i18n, I18n};

#[function_component]
pub fn FamilyCardsSection(props: &SectionProps) -> Html {
    let i18n = use_i18n();
    let cards = use_query(&props.dispatch, props.case_id(), |id| ListFamilyCards {
        case_id: *id,
    });
    let outcome = use_state(|| None::<(String, FamilyCardOutcome)>);
    let adding = use_add_form();
    // The card just issued, with its passphrase: kept only until "Done".
    let issued = use_state(|| None::<IssuedFamilyCard>);
    let on_issued = {
        let (issued, reload, close) =
            (issued.clone(), cards.reload.clone(), adding.on_done.clone());
        Callback::from(move |card: IssuedFamilyCard| {
            issued.set(Some(card));
            close.emit(());
            reload.emit(());
        })
    };
    let on_done = {
        let issued = issued.clone();
        Callback::from(move |()| issued.set(None))
    };
    let action = if issued.is_some() {
        html! {}
    } else {
        adding.button("family-card-issue-open", i18n.t("family-card-issue-open"))
    };
    let run = {
        let (dispatch, on_error, reload, outcome) = (
            props.dispatch.clone(),
            props.on_error.clone(),
            cards.reload.clone(),
            outcome.clone(),
        );
        Callback::from(move |(card_id, refresh): (String, bool)| {
            let (dispatch, on_error, reload, outcome) = (
                dispatch.clone(),
                on_error.clone(),
                reload.clone(),
                outcome.clone(),
            );
            spawn_local(async move {
                let answer = if refresh {
                    vault_call(
                        &dispatch,
                        &RefreshFamilyCard {
                            card_id: card_id.clone(),
                        },
                    )
                    .await
                } else {
                    vault_call(
                        &dispatch,
                        &RevokeFamilyCard {
                            card_id: card_id.clone(),
                        },
                    )
                    .await
                };
                match answer {
                    Ok(done) => outcome.set(Some((card_id, done))),
                    Err(error) => on_error.emit(error),
                }
                reload.emit(());
            });
        })
    };
    let rows: Vec<FamilyCardRow> = match &*cards.answer {
        Some(Ok(rows)) => rows.clone(),
        _ => Vec::new(),
    };
    html! {
        <CaseSection id="case-family-cards" title={i18n.t("family-cards-title")} {action}>
            if adding.open {
                <IssueCardForm section={props.clone()} {on_issued}
                    on_cancel={adding.on_done.clone()} />
            }
            if let Some(card) = &*issued {
                { issued_panel(&i18n, card, on_done) }
            }
            if rows.is_empty() {
                <p class="muted">{ i18n.t("family-cards-none") }</p>
            } else {
                <ul id="family-card-list" class="plain-list">
                    { for rows.iter().map(|row| card_item(&i18n, row, &run, &outcome)) }
                </ul>
            }
        </CaseSection>
    }
}

fn when(i18n: &I18n, text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| moment(i18n, t.with_timezone(&Utc)))
        .unwrap_or_default()
}

fn card_item(
    i18n: &I18n,
    row: &FamilyCardRow,
    run: &Callback<(String, bool)>,
    outcome: &UseStateHandle<Option<(String, FamilyCardOutcome)>>,
) -> Html {
    let name = row
        .relative_name
        .clone()
        .unwrap_or_else(|| i18n.t("family-card-relative-removed"));
    let language = match row.language {
        CardLanguage::Ru => i18n.t("family-card-language-ru"),
        CardLanguage::En => i18n.t("family-card-language-en"),
    };
    let date = |key: &str, at: &str| i18n.t_args(key, &[("date", when(i18n, at).into())]);
    let relay = match (&row.withdrawn_at, &row.published_at) {
        (Some(at), _) => date("family-card-withdrawn", at),
        (None, Some(at)) => date("family-card-published", at),
        (None, None) => i18n.t("family-card-not-published"),
    };
    let id = row.card_id.clone();
    let refresh = {
        let (run, id) = (run.clone(), id.clone());
        Callback::from(move |_: MouseEvent| run.emit((id.clone(), true)))
    };
    let revoke = {
        let (run, id) = (run.clone(), id.clone());
        Callback::from(move |()| run.emit((id.clone(), false)))
    };
    let said = match &**outcome {
        Some((card, done)) if *card == row.card_id => outcome_text(i18n, done),
        _ => None,
    };
    html! {
        <li class="family-card-item" id={format!("family-card-{}", row.card_id)}>
            <p>
                <strong>{ i18n.t_args("family-card-for", &[("name", name.into())]) }</strong>
                { " · " }{ language }
                if row.revoked_at.is_some() {
                    { " · " }<span class="badge">{ i18n.t("family-card-revoked-badge") }</span>
                }
            </p>
            <p class="muted">
                { date("family-card-issued", &row.issued_at) }{ " · " }
                { date("family-card-refreshed", &row.refreshed_at) }
                if let Some(at) = &row.revoked_at {
                    { " · " }{ date("family-card-revoked", at) }
                }
            </p>
            if let Some(code) = &row.code {
                <p>
                    { i18n.t("family-card-code") }{ " " }
                    <code class="family-card-code">{ code }</code>
                    { " · " }{ relay }
                </p>
            }
            if row.revoked_at.is_none() && !row.consent_in_force {
                <p class="note">{ i18n.t("family-card-refused-no-consent") }</p>
            }
            if let Some(text) = said {
                <p class="note" role="status">{ text }</p>
            }
            if row.revoked_at.is_none() {
                <div class="button-row">
                    <button type="button" class="button" onclick={refresh}>
                        { i18n.t("family-card-refresh") }
                    </button>
                    <ConfirmButton on_confirm={revoke} label={i18n.t("family-card-revoke")}
                        question={i18n.t("family-card-revoke-question")}
                        yes={i18n.t("family-card-revoke-yes")} />
                </div>
            }
        </li>
    }
}

/// What a refresh or revoke did, in words; `None` when there is nothing to say.
fn outcome_text(i18n: &I18n, done: &FamilyCardOutcome) -> Option<String> {
    if let Some(refused) = done.refused {
        return Some(i18n.t(refused.message_id()));
    }
    let mut parts = Vec::new();
    if let Some(path) = &done.path {
        parts.push(i18n.t_args("family-card-saved", &[("path", path.clone().into())]));
    }
    if done.on_relay {
        parts.push(i18n.t(if done.path.is_some() {
            "family-card-relay-updated"
        } else {
            "family-card-relay-deleted"
        }));
    }
    if let Some(problem) = done.relay_problem {
        parts.push(i18n.t_args(
            "family-card-relay-failed",
            &[("problem", i18n.t(&problem.message_id()).into())],
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
