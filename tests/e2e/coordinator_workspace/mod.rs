//! A coordinator's workspace (issue 13). Two coordinators of one organisation, each with a vault:
//! the second ("Second office") received the office's cases in a bundle through a folder,
//! corroborated an evidence item and confirmed the person's activity, and sent its bundle back.
//! In the app, the office coordinator opens on the ranked removal-imminent list (the count and the
//! way to the board on top; no attorney of record beats an older final order), sees on the case
//! page the second coordinator's step and confirmation, records the verifying step and confirms
//! too — "verified by two coordinators" — marks a referral, reads the case history, records a
//! removal flight and links a case to it, and the deadlines board then shows that case first with
//! the flight's countdown; j/k and Enter move and open; a filter narrows; then in Russian.
//! The dossier: refused in the dialog without the person's consent, then, once the consent is
//! recorded on the case page, exported into a chosen folder — pdftotext finds the Cyrillic name
//! and the confidentiality marking. The working group's list (semicolons) holds her and says
//! Ivan Petrov was left out for lack of consent. A pathway is retired and no longer offered;
//! a case is linked to the flight from its own page and unlinked. The Russian top bar fits on
//! one line at 1280 px. Screenshots go to artifacts/e2e/coordinator_workspace/.
//!
//! One journey in one app session, in steps by screen: `verification.rs` (the ranked dashboard,
//! two coordinators' verification, a referral), `dossier.rs` (pathways, the dossier and its
//! consent, the case history), `board.rs` (a removal flight and the deadlines board),
//! `working_group.rs` (the working group's list, then the screens in Russian). The vault the app
//! opens is made by `fixture.rs`.

mod board;
mod dossier;
mod fixture;
mod helpers;
mod verification;
mod working_group;

use chrono::Local;

use crate::harness::App;

const TEST: &str = "coordinator_workspace";
const PASSPHRASE: &str = "harbour lantern quietly seven";

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn coordinator_ranks_removal_and_walks_the_board() {
    let home = tempfile::tempdir().unwrap();
    let today = Local::now().date_naive();
    let vault_dir = home.path().join(".local/share/org.pristan.casebook/vault");
    let second = tempfile::tempdir().unwrap();
    let people = fixture::make_vault(&vault_dir, today, second.path());
    let exports = tempfile::tempdir().unwrap();
    let mut app = App::start(TEST, home.path(), 0).await;

    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#dashboard").await;

    verification::ranked_dashboard_then_two_coordinators_verify(&mut app, &people).await;
    dossier::pathways_dossier_and_history(&mut app, &people, exports.path()).await;
    board::flight_then_the_board(&mut app, &people, today).await;
    working_group::working_group_list_then_russian(&mut app, exports.path()).await;
    app.quit().await;
}
