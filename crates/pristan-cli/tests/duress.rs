//! `pristan duress` and `pristan unlock-policy` (docs/SECURITY.md §6–7).

mod support;

use support::{text, TestVault, PASSPHRASE};

#[test]
fn duress_needs_the_typed_confirmation_and_then_destroys_the_keys() {
    let vault = TestVault::new();
    // Without a terminal and without --confirm, or with a wrong word: nothing happens.
    let (_, err) = vault.fails(&["duress"], "DESTROY");
    assert!(err.contains("nothing was destroyed"), "{err}");
    let (_, err) = vault.fails(&["duress", "--confirm", "destroy"], "");
    assert!(err.contains("nothing was destroyed"), "{err}");
    assert!(vault.dir.join("keyslots").is_file());
    vault.ok(&["status", "--passphrase-stdin"]);

    let out = vault.ok(&["duress", "--confirm", "DESTROY"]);
    assert!(out.contains("can no longer be opened"), "{out}");
    assert!(!vault.dir.join("keyslots").exists());
    let (code, err) = vault.fails(&["status", "--passphrase-stdin"], PASSPHRASE);
    assert_eq!(code, Some(4), "no vault: {err}");
}

#[test]
fn unlock_policy_warns_and_is_off_until_set() {
    let vault = TestVault::new();
    let out = vault.ok(&["unlock-policy"]);
    assert!(out.starts_with("Off"), "{out}");
    let (_, err) = vault.fails(
        &["unlock-policy", "--wipe-after", "2", "--passphrase-stdin"],
        PASSPHRASE,
    );
    assert!(err.contains("from 5 to 100"), "{err}");

    let out = support::run(
        &vault.dir,
        &["unlock-policy", "--wipe-after", "5", "--passphrase-stdin"],
        PASSPHRASE,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("can never be opened"));
    assert!(vault.ok(&["unlock-policy"]).contains("after 5 wrong"));

    // A wrong passphrase does not change the policy.
    let (code, _) = vault.fails(
        &["unlock-policy", "--wipe-off", "--passphrase-stdin"],
        "wrong wrong wrong wrong",
    );
    assert_eq!(code, Some(2));
    assert!(vault.ok(&["unlock-policy"]).contains("after 5 wrong"));
    vault.ok(&["unlock-policy", "--wipe-off", "--passphrase-stdin"]);
    assert!(vault.ok(&["unlock-policy"]).starts_with("Off"));
}
