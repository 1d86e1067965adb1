//! A volunteer backs up the vault from Settings onto a "drive" folder, and on a second computer
//! (a fresh home folder) restores it from the first screen, unlocks it with the same passphrase
//! and finds the case. The new-case form asks for consent to share with the coordinator.

use std::path::PathBuf;

use crate::harness::App;

const PASSPHRASE: &str = "maple orbit candle sixty harbor";
const PERSON: &str = "Ivan Petrov";

/// The one `pristan-backup-*` folder on the drive.
fn backup_folder(drive: &std::path::Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(drive)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("pristan-backup-"))
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

/// Scrolls `css` into view and waits for two frames, so the screenshot shows what was typed.
async fn show(app: &App, css: &str) {
    app.find(css).await;
    app.client
        .execute_async(
            "const [css, done] = arguments;
             document.querySelector(css).scrollIntoView({block: 'center'});
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![css.into()],
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

#[tokio::test]
#[ignore = "needs Xvfb, tauri-driver and the built app: run by scripts/test.sh"]
async fn back_up_in_settings_then_restore_on_another_computer() {
    let drive = tempfile::tempdir().unwrap();
    let first_home = tempfile::tempdir().unwrap();
    let mut app = App::start("backup_restore", first_home.path(), 0).await;
    app.find("#create-passphrase").await;
    app.create_vault(PASSPHRASE).await;
    app.find("#recovery-code").await;
    app.click("#recovery-ack").await;
    app.click("#recovery-continue").await;
    app.find("#home").await;

    // A case, with the consent question answered in the same form.
    app.click("#nav-new-case").await;
    app.type_into("#new-case-name", PERSON).await;
    app.find("#new-case-share").await;
    app.click("#new-case-share").await;
    show(&app, "#new-case-share").await;
    app.shot("new-case-consent").await;
    app.click("#new-case-submit").await;
    app.find("#case-page").await;

    // Settings → Backup: what it protects against, then a backup onto the drive.
    app.click("#settings-button").await;
    app.find("#settings-backup").await;
    let intro = app.text("#settings-backup").await;
    assert!(intro.contains("lost, stolen or broken"), "{intro}");
    assert!(intro.contains("coordinator"), "{intro}");
    app.type_into("#backup-folder", drive.path().to_str().unwrap())
        .await;
    app.click("#backup-submit").await;
    app.wait_for_text("#backup-done", "Backup saved").await;
    app.wait_for_text("#backup-last", "Last backup").await;
    app.shot("settings-backup-done").await;
    let step = app.next_step();
    app.quit().await;
    let folder = backup_folder(drive.path());

    // Another computer: no vault yet, so the first screen offers to restore.
    let second_home = tempfile::tempdir().unwrap();
    let mut app = App::start("backup_restore", second_home.path(), step).await;
    app.click("#create-restore").await;
    app.find("#restore-folder").await;
    app.type_into("#restore-folder", folder.to_str().unwrap())
        .await;
    app.type_into("#restore-secret", PASSPHRASE).await;
    show(&app, "#restore-folder").await;
    app.shot("restore-filled").await;
    app.click("#restore-submit").await;
    app.find("#unlock-passphrase").await;
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#home").await;
    app.click("#nav-cases").await;
    app.wait_for_text("#cases", PERSON).await;
    app.shot("restored-cases").await;
    app.quit().await;
}
