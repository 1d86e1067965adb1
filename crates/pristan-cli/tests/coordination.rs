//! The coordinator's records through the `pristan` command line (issue 13): consents and their
//! withdrawal stopping a referral, relatives, evidence and its review steps, confirmations,
//! referrals, flights with their triage list, and the case history, each with `--json`.

mod support;

use serde_json::Value;
use support::TestVault;

const CANADA: &str = "Government of Canada (IRCC)";

fn case(vault: &TestVault, name: &str) -> String {
    vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        name,
        "--native-name",
        "Иван Петров",
    ])
}

#[test]
fn consent_gates_a_referral_and_its_withdrawal_stops_it() {
    let vault = TestVault::new();
    let case = case(&vault, "Ivan Petrov");
    let pathways = vault.json(&["referral", "pathways", "--passphrase-stdin", "--json"]);
    let pathways = pathways.as_array().unwrap();
    assert_eq!(pathways.len(), 2, "{pathways:?}");
    assert_eq!(pathways[0]["legal_basis"], "IRPA s.25.2");
    let pathway = pathways[0]["id"].as_str().unwrap();
    let referral = vault.id(&[
        "referral",
        "mark",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--pathway",
        pathway,
        "--priority",
        "emergency",
    ]);
    let list = |vault: &TestVault| -> Value {
        vault.json(&["referral", "list", "--passphrase-stdin", "--json"])[0].clone()
    };
    let row = list(&vault);
    assert_eq!(row["referral_id"], referral.as_str());
    assert_eq!(row["referral"]["recipient"], CANADA);
    assert_eq!(row["consent_refusal"]["kind"], "no_consent");
    let text = vault.ok(&["referral", "list", "--passphrase-stdin"]);
    assert!(
        text.contains("NOT SENDABLE") && text.contains(CANADA),
        "{text}"
    );

    let consent = vault.id(&[
        "consent",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--purpose",
        "government_referral",
        "--recipient",
        CANADA,
        "--given-on",
        "2026-01-05",
    ]);
    assert_eq!(list(&vault)["consent_refusal"], Value::Null);

    vault.ok(&["consent", "withdraw", "--passphrase-stdin", &consent]);
    let row = list(&vault);
    assert_eq!(row["consent_refusal"]["kind"], "consent_withdrawn");
    let consents = vault.json(&[
        "consent",
        "list",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
    ]);
    assert!(consents[0]["withdrawn_on"].is_string(), "{consents}");

    vault.ok(&[
        "referral",
        "status",
        "--passphrase-stdin",
        &referral,
        "--status",
        "submitted",
        "--on",
        "2026-02-01",
        "--recommendation",
        "Refer urgently.",
    ]);
    let row = list(&vault);
    assert_eq!(row["referral"]["status"], "submitted");
    assert_eq!(row["referral"]["submitted_on"], "2026-02-01");
    assert_eq!(row["referral"]["recommendation"], "Refer urgently.");
    let history = vault.json(&[
        "case",
        "history",
        "--passphrase-stdin",
        "--json",
        &case,
        "--kind",
        "referral",
    ]);
    let history = history.as_array().unwrap();
    assert!(history.iter().all(|e| e["kind"] == "referral"));
    assert!(history
        .iter()
        .any(|e| e["field"] == "status" && e["from"] == "candidate" && e["to"] == "submitted"));

    // A government referral's consent must name whom it goes to.
    let (_, stderr) = vault.fails(
        &[
            "consent",
            "add",
            "--passphrase-stdin",
            "--case",
            &case,
            "--purpose",
            "government_referral",
            "--recipient",
            " ",
        ],
        support::PASSPHRASE,
    );
    assert!(stderr.contains("--recipient"), "{stderr}");
}

#[test]
fn evidence_steps_confirmations_relatives_and_a_flights_triage() {
    let vault = TestVault::new();
    let case = case(&vault, "Ivan Petrov");
    let relative = vault.id(&[
        "relative",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--name",
        "Maria Petrova",
        "--relation",
        "wife",
        "--whereabouts",
        "in_russia",
    ]);
    let relatives = vault.json(&[
        "relative",
        "list",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
    ]);
    assert_eq!(relatives[0]["id"], relative.as_str());
    let evidence = vault.id(&[
        "evidence",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--summary",
        "Charged for anti-war posts",
        "--category",
        "criminal_case_in_russia",
    ]);
    vault.id(&[
        "evidence",
        "verify",
        "--passphrase-stdin",
        "--json",
        &evidence,
        "--level",
        "verified",
        "--method",
        "court site",
    ]);
    let items = vault.json(&[
        "evidence",
        "list",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
    ]);
    assert_eq!(items[0]["level"], "verified");
    assert_eq!(items[0]["steps"][0]["review"]["method"], "court site");
    // A supporting file must be one of the case's.
    let (_, stderr) = vault.fails(
        &[
            "evidence",
            "verify",
            "--passphrase-stdin",
            &evidence,
            "--level",
            "documented",
            "--method",
            "x",
            "--attachment",
            "00",
        ],
        support::PASSPHRASE,
    );
    assert!(
        stderr.contains("no attachment with that SHA-256"),
        "{stderr}"
    );

    vault.id(&[
        "activity",
        "confirm",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--method",
        "read the court record",
    ]);
    let (_, stderr) = vault.fails(
        &[
            "activity",
            "confirm",
            "--passphrase-stdin",
            "--case",
            &case,
            "--method",
            "again",
        ],
        support::PASSPHRASE,
    );
    assert!(stderr.contains("already confirmed"), "{stderr}");
    let shown = vault.json(&[
        "activity",
        "show",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
    ]);
    // A vault in no organisation has no coordinators in a roster: nothing it confirms counts.
    assert_eq!(shown["activity"]["verdict"], "unconfirmed");
    assert_eq!(shown["checklist"].as_array().unwrap().len(), 7);
    let steps = vault.json(&[
        "case",
        "history",
        "--passphrase-stdin",
        "--json",
        &case,
        "--kind",
        "verification_step",
    ]);
    assert_eq!(steps.as_array().unwrap().len(), 3, "{steps}");

    let flight = vault.id(&[
        "flight",
        "add",
        "--passphrase-stdin",
        "--json",
        "--date",
        "2026-12-05",
        "--route",
        "Alexandria LA → Moscow",
        "--source",
        "an attorney",
    ]);
    vault.id(&[
        "flight",
        "link",
        "--passphrase-stdin",
        "--json",
        &flight,
        "--case",
        &case,
    ]);
    let triage = vault.json(&["flight", "show", "--passphrase-stdin", "--json", &flight]);
    assert_eq!(triage["rows"][0]["case"]["id"], case.as_str());
    assert_eq!(triage["rows"][0]["group"], "no_final_order");
    let text = vault.ok(&["flight", "show", "--passphrase-stdin", &flight]);
    assert!(
        text.contains("Ivan Petrov") && text.contains("Alexandria"),
        "{text}"
    );
    let (_, stderr) = vault.fails(
        &["flight", "add", "--passphrase-stdin"],
        support::PASSPHRASE,
    );
    assert!(stderr.contains("--date or --route"), "{stderr}");
}
