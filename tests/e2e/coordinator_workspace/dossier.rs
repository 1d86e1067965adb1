//! Pathways, the referral dossier and the case history: a retired pathway is no longer offered;
//! the dossier is refused without the person's consent, then exported with a restricted note
//! chosen on purpose; the history shows both coordinators' verification steps.

use std::path::Path;

use pristan_core::domain::BUILT_IN_PATHWAYS;

use super::fixture::People;
use super::helpers::{only_file, pdf_text};
use crate::harness::App;

pub(super) async fn pathways_dossier_and_history(app: &mut App, people: &People, exports: &Path) {
    // The list of pathways: retiring the Human Rights Defenders stream takes it off the choices.
    let hrd = BUILT_IN_PATHWAYS[1].id;
    app.click("#pathways-edit").await;
    app.click(&format!("#pathway-{hrd}-retire")).await;
    app.wait_for_text(&format!("#pathway-{hrd}"), "No longer offered")
        .await;
    let offered = app.text("#referral-pathway").await;
    assert!(
        !offered.contains("Human Rights Defenders") && offered.contains("Canada"),
        "{offered}"
    );
    app.shot("pathways-retired").await;
    app.click("#pathways-done").await;

    // The dossier is refused without the person's consent to a referral to the recipient.
    app.click("#dossier-export-open").await;
    app.wait_for_text(
        "#dossier-refusal",
        "has not agreed to a referral to Government of Canada (IRCC)",
    )
    .await;
    let button = app.find("#dossier-export").await;
    assert!(
        button.attr("disabled").await.unwrap().is_some(),
        "no export without consent"
    );
    app.scroll_to("#dossier-dialog").await;
    app.shot("dossier-refused").await;

    // Her consent, recorded on the case page, lets it go: into the folder chosen.
    app.click("#add-consent").await;
    app.find("#consent-purpose")
        .await
        .select_by_value("government_referral")
        .await
        .unwrap();
    app.type_into("#consent-recipient", "Government of Canada (IRCC)")
        .await;
    app.click("#consent-submit").await;
    app.gone("#dossier-refusal").await;
    app.find("#dossier-include-family")
        .await
        .click()
        .await
        .unwrap();
    // The restricted note is added on purpose, after the second yes; the other note is not.
    let restricted = format!("#dossier-note-{}", people.restricted_note);
    app.find(&restricted).await.click().await.unwrap();
    app.click(&format!("{restricted}-yes")).await;
    let notes = app.text("#dossier-notes").await;
    assert!(
        notes.contains("Beaten in custody") && notes.contains("Russian-English dictionary"),
        "{notes}"
    );
    app.type_into("#dossier-folder", &exports.display().to_string())
        .await;
    app.scroll_to("#dossier-dialog").await;
    app.shot("dossier-choices").await;
    app.click("#dossier-export").await;
    app.wait_for_text("#dossier-saved", "pristan-dossier-")
        .await;
    app.scroll_to("#dossier-notes").await;
    app.shot("dossier-exported").await;
    let pdf = only_file(exports, "pdf");
    let text = pdf_text(&pdf);
    assert!(
        text.contains("Ольга Смирнова") && text.contains("CONFIDENTIAL"),
        "{text}"
    );
    assert!(
        text.contains("Beaten in custody"),
        "the chosen note: {text}"
    );
    assert!(!text.contains("dictionary"), "a note not chosen: {text}");
    app.click("#dossier-close").await;

    // The case history: verification steps only, the second coordinator's received.
    app.find("#history-kind")
        .await
        .select_by_value("verification_step")
        .await
        .unwrap();
    app.wait_for_text("#history-list", "(received)").await;
    let history = app.text("#history-list").await;
    assert!(
        history.contains("Second office") && history.contains("Office laptop"),
        "{history}"
    );
    app.scroll_to("#case-history").await;
    app.shot("case-history").await;
}
