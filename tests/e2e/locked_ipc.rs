//! A locked app refuses every vault command (issue 16). The list of commands is pristan-ipc's
//! own (`every_command_name`), so a command added later cannot be forgotten here: each one not in
//! `WITHOUT_OPEN_VAULT` is called through the real IPC (`window.__TAURI_INTERNALS__.invoke('ipc',
//! …)`, exactly as the page's own code calls it) before the first unlock and again after locking,
//! with no arguments and with made-up ones, and must answer `Locked`. In between, unlocked, the
//! same calls reach the vault (so the check can fail). The family window's refusal by Tauri's
//! runtime authority is `family_mode::tauri_refuses_vault_commands_in_the_family_window_and_family_commands_in_the_main`.

use pristan_core::{KdfParams, Vault};
use secrecy::SecretString;
use serde_json::Value;

use crate::harness::App;

const TEST: &str = "locked_ipc";
const PASSPHRASE: &str = "harbour lantern quietly seven";

/// Calls `ipc` with each name in `names` and `args`, in the page, one after the other; returns
/// `{name: {ok} | {err}}`.
async fn call_all(app: &App, names: &[&str], args: Value) -> Value {
    app.client
        .execute_async(
            "const [names, args, done] = arguments;
             const out = {};
             (async () => {
               for (const name of names) {
                 try {
                   const ok = await window.__TAURI_INTERNALS__.invoke('ipc', { request: { name, args } });
                   out[name] = { ok: ok === undefined ? null : ok };
                 } catch (err) {
                   out[name] = { err };
                 }
               }
               done(out);
             })();",
            vec![
                serde_json::to_value(names).unwrap(),
                args,
            ],
        )
        .await
        .unwrap()
}

fn assert_all_locked(answers: &Value, names: &[&str], when: &str) {
    for name in names {
        let answer = &answers[*name];
        assert_eq!(
            answer["err"]["kind"]["type"], "locked",
            "{when}: {name} answered {answer}"
        );
    }
}

#[tokio::test]
#[ignore = "end-to-end: needs a display, tauri-driver and a build with the UI embedded"]
async fn every_vault_command_answers_locked_through_the_real_ipc_while_locked() {
    let home = tempfile::tempdir().unwrap();
    let vault_dir = home.path().join(".local/share/org.pristan.casebook/vault");
    std::fs::create_dir_all(vault_dir.parent().unwrap()).unwrap();
    let passphrase = SecretString::from(PASSPHRASE.to_owned());
    Vault::create(&vault_dir, &passphrase, KdfParams::MINIMUM)
        .unwrap()
        .0
        .lock()
        .unwrap();

    let names: Vec<&str> = pristan_ipc::every_command_name()
        .into_iter()
        .filter(|n| !pristan_ipc::WITHOUT_OPEN_VAULT.contains(n))
        .collect();
    assert!(names.len() > 70, "only {} vault commands", names.len());

    let mut app = App::start(TEST, home.path(), 0).await;
    app.find("#unlock-passphrase").await;
    let made_up = serde_json::json!({"id": "00000000000000000000000000000000", "case_id": "x"});
    for args in [Value::Null, made_up.clone()] {
        let answers = call_all(&app, &names, args).await;
        assert_all_locked(&answers, &names, "before the first unlock");
    }
    app.shot("locked-before-unlock").await;

    // Unlocked, the same route reaches the vault.
    app.type_into("#unlock-passphrase", PASSPHRASE).await;
    app.click("#unlock-submit").await;
    app.find("#nav-cases").await;
    let open = call_all(&app, &["get_vault_summary", "list_cases"], Value::Null).await;
    assert!(open["get_vault_summary"]["ok"].is_object(), "{open}");
    assert!(!open["list_cases"]["ok"].is_null(), "{open}");

    app.click_ending_the_page("#lock-button").await;
    app.find("#unlock-passphrase").await;
    for args in [Value::Null, made_up] {
        let answers = call_all(&app, &names, args).await;
        assert_all_locked(&answers, &names, "after locking");
    }
    app.shot("locked-after-lock").await;
    // The refusals changed nothing: the vault opens as before.
    app.quit().await;
    Vault::unlock(&vault_dir, &passphrase)
        .unwrap()
        .lock()
        .unwrap();
}
