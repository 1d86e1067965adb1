//! Sync now through a real relay (`pristan relay serve` on 127.0.0.1, started by `TestRelay`):
//! a volunteer writes up a visit and presses Sync now; the coordinator's window presses Sync now
//! and sees the visit; with the relay stopped, Sync now says the relay cannot be reached and the
//! bundle stays queued; restarted, it goes through. The organisation, the relay address and the
//! volunteer's approval are set up through the core beforehand (the folder test covers joining
//! through the windows). Screenshots land in artifacts/e2e/relay_sync/.
//!
//! Needs the `pristan` binary too (`cargo build -p pristan-cli`), found beside this test.

use std::path::{Path, PathBuf};

use pristan_core::app_settings::APP_IDENTIFIER;
use pristan_core::cases::NewCase;
use pristan_core::org::{Invitation, Role};
use pristan_core::{KdfParams, Vault};
use pristan_relay_client::sync_now;
use pristan_testkit::relay::TestRelay;
use secrecy::SecretString;

use crate::harness::App;

const TEST: &str = "relay_sync";
const PASSPHRASE: &str = "copper meadow violin eleven";
const CASE: &str = "Ivan Petrov";
const LATER_CASE: &str = "Olga Sidorova";
const NOTE: &str = "Asked for books in Russian and a phone card.";
const FACILITY: &str = "Krome North Service Processing Center";

/// The vault folder the app uses under `home` (see `app_settings::default_vault_dir`).
fn vault_dir(home: &Path) -> PathBuf {
    home.join(".local/share").join(APP_IDENTIFIER).join("vault")
}

fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE.to_owned())
}

/// A coordinator and an approved volunteer whose organisation syncs through `relay`.
fn organisation(coordinator_home: &Path, volunteer_home: &Path) -> TestRelay {
    let (mut coordinator, _) = Vault::create(
        &vault_dir(coordinator_home),
        &passphrase(),
        KdfParams::MINIMUM,
    )
    .unwrap();
    coordinator.set_device_name("Office laptop").unwrap();
    coordinator.create_org("Tuesday visitors group").unwrap();
    let key = coordinator.org().unwrap().unwrap().org_signing_key;
    let relay = TestRelay::start(TestRelay::find_binary(), &key);
    coordinator.set_relay(Some(&relay.url())).unwrap();
    let (mut volunteer, _) = Vault::create(
        &vault_dir(volunteer_home),
        &passphrase(),
        KdfParams::MINIMUM,
    )
    .unwrap();
    volunteer.set_device_name("Anna's laptop").unwrap();
    let invitation = Invitation::from_text(&coordinator.invitation().unwrap().to_text()).unwrap();
    volunteer.join_org(&invitation).unwrap();
    volunteer
        .add_case(NewCase {
            name: "First contact".into(),
            share_with_coordinator: true,
            ..NewCase::default()
        })
        .unwrap();
    sync_now(&mut volunteer, None, &mut |_| {}).unwrap();
    sync_now(&mut coordinator, None, &mut |_| {}).unwrap();
    coordinator
        .approve_device(volunteer.device_id(), Role::Volunteer)
        .unwrap();
    coordinator.retry_quarantine(&mut |_| {}).unwrap();
    sync_now(&mut coordinator, None, &mut |_| {}).unwrap();
    let approved = sync_now(&mut volunteer, None, &mut |_| {}).unwrap();
    assert_eq!(approved.import.imported, 1, "{approved:?}");
    coordinator.lock().unwrap();
    volunteer.lock().unwrap();
    relay
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver, the built app and the pristan binary: run by scripts/test.sh"]
async fn relay_sync_now_carries_a_visit_and_keeps_it_queued_while_the_relay_is_down() {
    let coordinator_home = tempfile::tempdir().unwrap();
    let volunteer_home = tempfile::tempdir().unwrap();
    // The core's relay client is blocking: it runs off the test's async threads.
    let (coordinator_dir, volunteer_dir) = (
        coordinator_home.path().to_owned(),
        volunteer_home.path().to_owned(),
    );
    let mut relay =
        tokio::task::spawn_blocking(move || organisation(&coordinator_dir, &volunteer_dir))
            .await
            .unwrap();

    // The volunteer writes up a visit and presses Sync now.
    let mut volunteer = App::start(TEST, volunteer_home.path(), 0).await;
    unlock(&volunteer).await;
    write_up_a_visit(&volunteer).await;
    volunteer.click("#nav-sync").await;
    volunteer.find("#sync-relay").await;
    volunteer.wait_for_text("#relay-reachable", "answers").await;
    volunteer
        .wait_for_text("#relay-waiting", "not yet sent")
        .await;
    volunteer.scroll_to("#sync-relay").await;
    volunteer.shot("volunteer-before-sync").await;
    volunteer.click("#relay-sync-now").await;
    volunteer
        .wait_for_text("#relay-result-counts", "Sent 1")
        .await;
    volunteer.find("#relay-result-nothing-new").await;
    volunteer
        .wait_for_text("#relay-waiting", "Nothing waits")
        .await;
    volunteer
        .wait_for_text("#sync-unsent", "Everything has been sent")
        .await;
    volunteer.scroll_to("#relay-result").await;
    volunteer.shot("volunteer-synced").await;
    let step = volunteer.next_step();
    volunteer.quit().await;

    // The coordinator presses Sync now and sees the visit.
    let mut coordinator = App::start(TEST, coordinator_home.path(), step).await;
    unlock(&coordinator).await;
    coordinator.click("#nav-sync").await;
    coordinator.find("#relay-settings").await;
    coordinator.find("#relay-invitation-carries").await;
    coordinator.scroll_to("#sync-relay").await;
    coordinator.shot("coordinator-relay-settings").await;
    coordinator.click("#relay-sync-now").await;
    coordinator
        .wait_for_text("#relay-result-counts", "received 1")
        .await;
    coordinator.find("#sync-import-results").await;
    coordinator.scroll_to("#relay-result").await;
    coordinator.shot("coordinator-synced").await;
    open_case(&coordinator).await;
    coordinator.wait_for_text("#case-notes", NOTE).await;
    coordinator.scroll_to("#case-notes").await;
    coordinator.shot("coordinator-sees-visit").await;
    let step = coordinator.next_step();
    coordinator.quit().await;

    // The relay goes down: the volunteer's next change stays queued, and the screen says why.
    relay.kill9();
    let mut volunteer = App::start(TEST, volunteer_home.path(), step).await;
    unlock(&volunteer).await;
    volunteer.click("#nav-new-case").await;
    volunteer.type_into("#new-case-name", LATER_CASE).await;
    volunteer.click("#new-case-share").await;
    volunteer.click("#new-case-submit").await;
    volunteer.find("#case-page").await;
    volunteer.click("#nav-sync").await;
    volunteer.find("#sync-relay").await;
    volunteer.click("#relay-sync-now").await;
    volunteer.find("#relay-result-unreachable").await;
    volunteer
        .wait_for_text("#relay-waiting", "One bundle waits")
        .await;
    volunteer
        .wait_for_text("#relay-reachable", "cannot be reached")
        .await;
    volunteer.scroll_to("#sync-relay").await;
    volunteer.shot("volunteer-relay-down").await;
    volunteer.scroll_to("#relay-result").await;
    volunteer.shot("volunteer-relay-down-result").await;

    // Back up: the same Sync now goes through.
    relay.restart();
    volunteer.click("#relay-sync-now").await;
    volunteer
        .wait_for_text("#relay-result-counts", "Sent 1")
        .await;
    volunteer
        .wait_for_text("#relay-waiting", "Nothing waits")
        .await;
    volunteer.wait_for_text("#relay-reachable", "answers").await;
    volunteer.scroll_to("#sync-relay").await;
    volunteer.shot("volunteer-relay-back").await;
    volunteer.quit().await;

    // And the coordinator's vault receives it.
    let coordinator_dir = vault_dir(coordinator_home.path());
    let got = tokio::task::spawn_blocking(move || {
        let mut coordinator = Vault::unlock(&coordinator_dir, &passphrase()).unwrap();
        sync_now(&mut coordinator, None, &mut |_| {}).unwrap()
    })
    .await
    .unwrap();
    assert_eq!(got.import.imported, 1, "{got:?}");
    assert_eq!(got.import.totals.new_cases, 1);
    drop(relay);
}

async fn unlock(app: &App) {
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#nav-cases").await;
}

/// A case, and a visit written up with one note, as a volunteer does after a visit.
async fn write_up_a_visit(app: &App) {
    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", CASE).await;
    app.click("#new-case-submit").await;
    app.find("#case-page").await;
    app.click("#write-up-visit").await;
    app.find("#visit-writeup #visit-facility")
        .await
        .select_by_value("add")
        .await
        .unwrap();
    app.type_into("#visit-new-facility", FACILITY).await;
    app.click("#visit-new-facility-add").await;
    app.gone("#visit-new-facility").await;
    app.type_into("#note-welfare", NOTE).await;
    app.tick("#visit-share-check").await;
    app.click("#visit-finish").await;
    app.find("#case-page").await;
    app.gone("#visit-writeup").await;
    app.wait_for_text("#case-notes", NOTE).await;
}

async fn open_case(app: &App) {
    app.click("#nav-cases").await;
    app.type_into("#case-search", "Petrov").await;
    app.wait_for_text("#case-results .case-result", CASE).await;
    app.click("#case-results .case-result").await;
    app.find("#case-page #case-notes").await;
}
