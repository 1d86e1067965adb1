//! The coordinator workspace's first steps: the ranked removal-imminent list on the dashboard, the
//! second coordinator's verification step arriving, the office's own step and confirmation (two
//! coordinators), and a referral marked as an emergency.

use super::fixture::People;
use crate::harness::App;

pub(super) async fn ranked_dashboard_then_two_coordinators_verify(app: &mut App, people: &People) {
    // The dashboard: the count and the way to the board on top, then ranked.
    app.wait_for_text(
        "#dashboard-removal-title",
        "2 people could be removed any day",
    )
    .await;
    let first = app
        .text("#dashboard-removal-imminent .removal-item:first-child")
        .await;
    assert!(
        first.contains("No. 1")
            && first.contains("Olga Smirnova")
            && first.contains("No attorney of record")
            && first.contains("Final order 30 days ago")
            && first.contains("No visit recorded yet"),
        "{first}"
    );
    let second = app
        .text("#dashboard-removal-imminent .removal-item:nth-child(2)")
        .await;
    assert!(
        second.contains("Ivan Petrov") && second.contains("Last contact 7 days ago"),
        "{second}"
    );
    app.shot("dashboard-ranked").await;

    // Smirnova's case page: the second coordinator's step and confirmation arrived.
    app.click("#dashboard-removal-imminent .removal-item:first-child button")
        .await;
    app.wait_for_text("#case-name", "Olga Smirnova").await;
    app.wait_for_text(
        "#verification-verdict",
        "Confirmed by one coordinator: a second, different coordinator must confirm it",
    )
    .await;
    let steps = app.text(&format!("#verify-{}", people.evidence)).await;
    assert!(
        steps.contains("Corroborated")
            && steps.contains("Second office")
            && steps.contains("the court's own listing"),
        "{steps}"
    );
    let confirmations = app.text("#verification-confirmation-list").await;
    assert!(confirmations.contains("Second office"), "{confirmations}");
    app.scroll_to("#case-verification").await;
    app.shot("verification-one-coordinator").await;

    // The office records the verifying step and confirms: two different coordinators.
    let form = format!("#verify-{}", people.evidence);
    app.find(&format!("{form}-level"))
        .await
        .select_by_value("verified")
        .await
        .unwrap();
    app.type_into(
        &format!("{form}-method"),
        "case number checked with her attorney in Moscow by phone",
    )
    .await;
    app.click(&format!("{form}-save")).await;
    app.wait_for_text(&format!("#verify-{}", people.evidence), "Office laptop")
        .await;
    app.type_into(
        "#confirm-activity-checked",
        "read the charge sheet and the court listing myself",
    )
    .await;
    app.click("#confirm-activity-submit").await;
    app.wait_for_text(
        "#verification-verdict",
        "Political activity verified by two coordinators",
    )
    .await;
    app.scroll_to("#case-verification").await;
    app.shot("verification-two-coordinators").await;

    // A referral to Canada's public policy, as an emergency.
    app.find("#referral-pathway").await;
    let pathway = app
        .client
        .execute(
            "return document.querySelector('#referral-pathway option:nth-child(2)').value;",
            vec![],
        )
        .await
        .unwrap();
    app.find("#referral-pathway")
        .await
        .select_by_value(pathway.as_str().unwrap())
        .await
        .unwrap();
    app.find("#referral-priority")
        .await
        .select_by_value("emergency")
        .await
        .unwrap();
    app.click("#referral-mark-submit").await;
    app.wait_for_text("#referral-list", "Candidate").await;
    let referral = app.text("#referral-list").await;
    assert!(
        referral.contains("Canada") && referral.contains("Emergency"),
        "{referral}"
    );
    app.scroll_to("#case-referrals").await;
    app.shot("referral-marked").await;
}
