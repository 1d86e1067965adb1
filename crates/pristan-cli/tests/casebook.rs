//! Cases, visits, notes, tasks, legal events and deadlines through the `pristan` command line,
//! as a coordinator's script would use them.
//!
//! Modules: `support` runs the binary. Here: the issue's search examples, a visit with notes, tasks,
//! deadlines (weekend and holiday roll-forward, removal-imminent first), and refused input.

mod support;

use pristan_core::domain::{LegalEvent, Note, Task, Visit};
use pristan_core::Vault;
use secrecy::SecretString;
use serde_json::Value;
use support::{TestVault, PASSPHRASE};

fn add_petrov(vault: &TestVault) -> String {
    vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--name",
        "Ivan Petrov",
        "--native-name",
        "Иван Петров",
        "--a-number",
        "12345678",
        "--json",
    ])
}

fn search(vault: &TestVault, query: &str) -> Vec<Value> {
    vault
        .json(&["case", "search", "--passphrase-stdin", query, "--json"])
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn the_issue_examples_find_the_case_by_cyrillic_name_and_any_a_number_form() {
    let vault = TestVault::new();
    let id = vault.ok(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--name",
        "Ivan Petrov",
        "--native-name",
        "Иван Петров",
        "--a-number",
        "12345678",
    ]);
    let id = id.trim();
    for query in ["Петров", "012345678", "A-012-345-678", "12345678"] {
        let hits = search(&vault, query);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(hits[0]["id"], id, "{query}");
        assert_eq!(hits[0]["a_number"], "012345678");
        assert_eq!(hits[0]["matched"], Value::Null, "the case itself matched");
    }
}

#[test]
fn a_visit_with_two_notes_is_found_by_the_text_of_either_note() {
    let vault = TestVault::new();
    let case = add_petrov(&vault);
    let visit = vault.id(&[
        "visit",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--date",
        "2026-11-20",
        "--time",
        "14:30",
        "--mode",
        "video",
        "--language",
        "Russian",
        "--interpreter",
        "Olga M.",
    ]);
    let first = vault.id(&[
        "note",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--visit",
        &visit,
        "--kind",
        "needs",
        "--text",
        "- просит очки для чтения, +2.5; shoes size 43",
    ]);
    let file = vault.path().parent().unwrap().join("medical.txt");
    std::fs::write(
        &file,
        "Blood pressure pills ran out on Monday.\nThe clinic said Thursday.",
    )
    .unwrap();
    let second = vault.id(&[
        "note",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &case,
        "--visit",
        &visit,
        "--kind",
        "medical",
        "--restricted",
        "--text-file",
        file.to_str().unwrap(),
    ]);

    for (query, note) in [("очки", &first), ("pressure pills", &second)] {
        let hits = search(&vault, query);
        assert_eq!(hits.len(), 1, "{query}: {hits:?}");
        assert_eq!(hits[0]["id"], case.as_str());
        assert_eq!(hits[0]["matched"]["entity_type"], "note");
        assert_eq!(hits[0]["matched"]["entity_id"], note.as_str());
    }

    let v = unlock(&vault);
    let visit = v.get::<Visit>(visit.parse().unwrap()).unwrap().unwrap();
    assert_eq!(visit.record.language.as_str(), "Russian");
    assert_eq!(visit.record.interpreter.as_str(), "Olga M.");
    assert_eq!(visit.record.start_time.unwrap().to_string(), "14:30:00");
    let notes = v.list::<Note>(case.parse().unwrap()).unwrap();
    assert_eq!(notes.len(), 2);
    assert!(notes.iter().all(|n| n.record.visit_id == Some(visit.id)));
    let medical = notes.iter().find(|n| n.id.to_string() == second).unwrap();
    assert_eq!(
        medical.record.text.as_str(),
        "Blood pressure pills ran out on Monday.\nThe clinic said Thursday."
    );
    assert_eq!(medical.record.sensitivity.as_str(), "restricted");
}

#[test]
fn tasks_are_listed_open_first_by_due_date_and_can_be_filtered() {
    let vault = TestVault::new();
    let petrov = add_petrov(&vault);
    let other = vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        "Fyodor Solovyov",
        "--native-name",
        "Фёдор Соловьёв",
    ]);
    let add = |case: &str, title: &str, due: Option<&str>, priority: &str| {
        let mut args = vec![
            "task",
            "add",
            "--passphrase-stdin",
            "--json",
            "--case",
            case,
            "--title",
            title,
            "--priority",
            priority,
            "--assignee",
            "Anna K.",
        ];
        if let Some(due) = due {
            args.extend(["--due", due]);
        }
        vault.id(&args)
    };
    let glasses = add(
        &petrov,
        "Bring reading glasses",
        Some("2026-11-27"),
        "normal",
    );
    let call = add(
        &petrov,
        "Call the attorney about the EOIR-26",
        Some("2026-11-23"),
        "urgent",
    );
    let books = add(&other, "Send books in Russian", None, "low");
    vault.ok(&["task", "done", "--passphrase-stdin", &call]);

    let all = vault.json(&["task", "list", "--passphrase-stdin", "--json"]);
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [glasses.as_str(), books.as_str(), call.as_str()]);
    assert_eq!(all[0]["title"], "Bring reading glasses");
    assert_eq!(all[0]["due"], "2026-11-27");
    assert_eq!(all[0]["assignee"], "Anna K.");
    assert_eq!(all[2]["status"], "done");
    assert_eq!(all[2]["priority"], "urgent");

    let open = vault.json(&["task", "list", "--passphrase-stdin", "--json", "--open"]);
    assert_eq!(open.as_array().unwrap().len(), 2);
    let petrovs = vault.json(&[
        "task",
        "list",
        "--passphrase-stdin",
        "--json",
        "--open",
        "--case",
        &petrov,
    ]);
    assert_eq!(petrovs.as_array().unwrap().len(), 1);
    assert_eq!(petrovs[0]["id"], glasses.as_str());
    let text = vault.ok(&["task", "list", "--passphrase-stdin"]);
    assert!(text.contains("Bring reading glasses") && text.contains("(Ivan Petrov)"));
}

fn event(vault: &TestVault, case: &str, kind: &str, date: &str, extra: &[&str]) -> String {
    let mut args = vec![
        "event",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        case,
        "--kind",
        kind,
        "--date",
        date,
    ];
    args.extend(extra);
    vault.id(&args)
}

fn deadlines(vault: &TestVault, today: &str, case: Option<&str>) -> Value {
    let mut args = vec![
        "deadlines",
        "--passphrase-stdin",
        "--json",
        "--today",
        today,
    ];
    if let Some(case) = case {
        args.extend(["--case", case]);
    }
    vault.json(&args)
}

#[test]
fn an_ij_decision_whose_thirtieth_day_is_thanksgiving_is_due_the_next_business_day() {
    let vault = TestVault::new();
    let case = add_petrov(&vault);
    // 27 October 2026 + 30 days = Thursday 26 November, Thanksgiving Day → Friday 27 November.
    let decision = event(
        &vault,
        &case,
        "ij_decision",
        "2026-10-27",
        &["--outcome", "denied", "--court", "Otero Immigration Court"],
    );
    let report = deadlines(&vault, "2026-11-02", None);
    assert_eq!(
        report["disclaimer"],
        "estimate — confirm with the attorney of record"
    );
    assert_eq!(report["removal_imminent"], serde_json::json!([]));
    let rows = report["deadlines"].as_array().unwrap();
    assert_eq!(rows.len(), 1, "{rows:?}");
    let bia = &rows[0];
    assert_eq!(bia["kind"], "bia_appeal");
    assert_eq!(bia["case"]["id"], case.as_str());
    assert_eq!(bia["trigger_date"], "2026-10-27");
    assert_eq!(bia["trigger_event_id"], decision.as_str());
    assert_eq!(bia["trigger_event_kind"], "ij_decision");
    assert_eq!(bia["nominal_date"], "2026-11-26");
    assert_eq!(bia["due"], "2026-11-27");
    assert_eq!(
        bia["rolled_for"],
        serde_json::json!({"type": "holiday", "holiday": "thanksgiving_day", "name": "Thanksgiving Day"})
    );
    assert!(bia["source"].as_str().unwrap().contains("8 CFR 1003.38(b)"));
    assert_eq!(bia["counting"], "bia_practice_manual");
    assert_eq!(bia["status"], "open");
    assert_eq!(bia["days_left"], 25);
    assert_eq!(
        bia["removal_stayed"], true,
        "stayed through the appeal window"
    );
    assert_eq!(
        bia["disclaimer"],
        "estimate — confirm with the attorney of record"
    );

    let text = vault.ok(&["deadlines", "--passphrase-stdin", "--today", "2026-11-02"]);
    assert!(text.contains("2026-11-27 Fri"), "{text}");
    assert!(text.contains("2026-11-26 is Thanksgiving Day"), "{text}");
    assert!(
        text.contains("estimate — confirm with the attorney of record"),
        "{text}"
    );

    // A timely appeal meets the deadline and keeps the stay.
    let appeal = event(&vault, &case, "bia_appeal_filed", "2026-11-20", &[]);
    let report = deadlines(&vault, "2026-12-15", Some(&case));
    let bia = &report["deadlines"][0];
    assert_eq!(bia["status"], "met");
    assert_eq!(bia["met_by"], appeal.as_str());
    assert_eq!(bia["removal_stayed"], true);
}

#[test]
fn removal_imminent_cases_come_first_and_weekends_roll_forward() {
    let vault = TestVault::new();
    let petrov = add_petrov(&vault);
    let sokolova = vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        "Alyona Sokolova",
        "--native-name",
        "Алёна Соколова",
    ]);
    // 12 February 2026 + 30 = Saturday 14 March → Monday 16 March.
    event(
        &vault,
        &petrov,
        "ij_decision",
        "2026-02-12",
        &["--outcome", "denied"],
    );
    // The BIA dismissed her appeal: the order is final and nothing stays removal.
    event(
        &vault,
        &sokolova,
        "ij_decision",
        "2025-12-01",
        &["--outcome", "denied"],
    );
    event(&vault, &sokolova, "bia_appeal_filed", "2025-12-20", &[]);
    event(
        &vault,
        &sokolova,
        "bia_decision",
        "2026-03-02",
        &["--outcome", "dismissed"],
    );

    let report = deadlines(&vault, "2026-03-03", None);
    assert_eq!(report["removal_imminent"].as_array().unwrap().len(), 1);
    assert_eq!(report["removal_imminent"][0]["id"], sokolova.as_str());
    let rows = report["deadlines"].as_array().unwrap();
    let summary: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["case"]["name"].as_str().unwrap(),
                r["kind"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            // Removal-imminent first: open, soonest first, then met.
            ("Alyona Sokolova", "petition_for_review", "open"),
            ("Alyona Sokolova", "motion_to_reconsider", "open"),
            ("Alyona Sokolova", "motion_to_reopen", "open"),
            ("Alyona Sokolova", "bia_appeal", "met"),
            ("Ivan Petrov", "bia_appeal", "open"),
        ]
    );
    let petrovs = &rows[4];
    assert_eq!(petrovs["nominal_date"], "2026-03-14");
    assert_eq!(petrovs["due"], "2026-03-16");
    assert_eq!(
        petrovs["rolled_for"],
        serde_json::json!({"type": "weekend"})
    );
    assert_eq!(rows[0]["removal_imminent"], true);
    assert_eq!(rows[0]["due"], "2026-04-01");

    let text = vault.ok(&["deadlines", "--passphrase-stdin", "--today", "2026-03-03"]);
    let imminent = text.find("REMOVAL IMMINENT").expect("flagged");
    assert!(imminent < text.find("Ivan Petrov").unwrap(), "{text}");

    // A stay granted lifts the flag.
    event(
        &vault,
        &sokolova,
        "stay_decision",
        "2026-03-03",
        &["--outcome", "granted"],
    );
    let report = deadlines(&vault, "2026-03-03", None);
    assert_eq!(report["removal_imminent"], serde_json::json!([]));
}

#[test]
fn bad_input_is_refused_before_the_passphrase_and_nothing_is_written() {
    let vault = TestVault::new();
    let case = add_petrov(&vault);
    let no_passphrase = "";
    let refusals: Vec<(Vec<String>, &str)> = vec![
        (argv(&format!("event add --passphrase-stdin --case {case} --kind ij_decison --date 2026-11-02")), "possible values"),
        (argv(&format!("event add --passphrase-stdin --case {case} --kind ij_decision --date 02/11/2026")), "use YYYY-MM-DD"),
        (argv(&format!("event add --passphrase-stdin --case {case} --kind master_hearing --date 2026-11-02 --time 9am --tz America/Chicago")), "use HH:MM"),
        (argv(&format!("event add --passphrase-stdin --case {case} --kind master_hearing --date 2026-11-02 --time 09:00")), "--tz"),
        (argv(&format!("event add --passphrase-stdin --case {case} --kind bia_decision --date 2026-11-02 --appeal-waived")), "only to --kind ij_decision"),
        (argv(&format!("note add --passphrase-stdin --case {case} --kind gossip --text x")), "possible values"),
        (argv(&format!("note add --passphrase-stdin --case {case} --kind welfare")), "--text"),
        (
            ["note", "add", "--passphrase-stdin", "--case", case.as_str(), "--kind", "welfare", "--text", "   "].map(str::to_owned).to_vec(),
            "the note is empty",
        ),
        (argv("visit add --passphrase-stdin --case 12345 --date 2026-11-02"), "32 lowercase hex"),
        (argv(&format!("visit add --passphrase-stdin --case {case} --date 2026-11-02 --mode letter")), "possible values"),
        (argv(&format!("task add --passphrase-stdin --case {case} --title x --due tomorrow")), "use YYYY-MM-DD"),
    ];
    for (args, expected) in &refusals {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stderr) = vault.fails(&args, no_passphrase);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("standard input ended"),
            "{args:?} asked for the passphrase first: {stderr}"
        );
    }

    // Unknown ids are found out once the vault is open, and still nothing is written.
    let stranger = "0123456789abcdef0123456789abcdef";
    let unknown: Vec<(Vec<String>, &str)> = vec![
        (argv(&format!("visit add --passphrase-stdin --case {stranger} --date 2026-11-02")), "there is no case 0123456789abcdef0123456789abcdef: see pristan case list"),
        (argv(&format!("event add --passphrase-stdin --case {stranger} --kind ij_decision --date 2026-11-02")), "there is no case"),
        (argv(&format!("task add --passphrase-stdin --case {stranger} --title Call")), "there is no case"),
        (argv(&format!("note add --passphrase-stdin --case {case} --visit {stranger} --kind welfare --text x")), "there is no visit"),
        (argv(&format!("visit add --passphrase-stdin --case {case} --date 2026-11-02 --facility {stranger}")), "there is no facility"),
        (argv(&format!("deadlines --passphrase-stdin --case {stranger}")), "there is no case"),
    ];
    for (args, expected) in &unknown {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stderr) = vault.fails(&args, PASSPHRASE);
        assert_eq!(code, Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }

    let v = unlock(&vault);
    assert_eq!(v.cases().unwrap().len(), 1);
    assert!(v.list_all::<Visit>().unwrap().is_empty());
    assert!(v.list_all::<Note>().unwrap().is_empty());
    assert!(v.list_all::<Task>().unwrap().is_empty());
    assert!(v.list_all::<LegalEvent>().unwrap().is_empty());
}

#[test]
fn a_note_names_a_visit_of_its_own_case_only() {
    let vault = TestVault::new();
    let petrov = add_petrov(&vault);
    let other = vault.id(&[
        "case",
        "add",
        "--passphrase-stdin",
        "--json",
        "--name",
        "Pyotr Korolyov",
    ]);
    let visit = vault.id(&[
        "visit",
        "add",
        "--passphrase-stdin",
        "--json",
        "--case",
        &other,
        "--date",
        "2026-11-02",
    ]);
    let (_, stderr) = vault.fails(
        &[
            "note",
            "add",
            "--passphrase-stdin",
            "--case",
            &petrov,
            "--visit",
            &visit,
            "--kind",
            "welfare",
            "--text",
            "Calm",
        ],
        PASSPHRASE,
    );
    assert!(stderr.contains("a visit to another case"), "{stderr}");
}

/// The arguments of one command line, split at spaces (no argument here contains one).
fn argv(line: &str) -> Vec<String> {
    line.split(' ').map(str::to_owned).collect()
}

fn unlock(vault: &TestVault) -> Vault {
    Vault::unlock(vault.path(), &SecretString::from(PASSPHRASE.to_owned())).unwrap()
}
