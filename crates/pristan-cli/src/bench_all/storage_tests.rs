//! Tests that the storage workload (benches/storage-workload, its own workspace, never built by
//! the main one) stays in step with the vault: its source is compiled here against the
//! workspace's SQLite (SQLCipher with no key, so plain), it creates the schema from the same
//! migrations the core applies, its statements run on that schema and find what they wrote, and
//! it pins the workspace's rusqlite and SQLite. No times are asserted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{least_disturbed, parse};

#[allow(dead_code)]
#[path = "../../../../benches/storage-workload/src/apply.rs"]
mod apply;
#[allow(dead_code)]
#[path = "../../../../benches/storage-workload/src/schema.rs"]
mod schema;
#[allow(dead_code)]
#[path = "../../../../benches/storage-workload/src/search.rs"]
mod search;
#[allow(dead_code)]
#[path = "../../../../benches/storage-workload/src/text.rs"]
mod text;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn migrated() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    schema::apply(
        &mut conn,
        &root().join("crates/pristan-core/src/vault/migrations"),
    )
    .unwrap();
    conn.set_prepared_statement_cache_capacity(96);
    conn
}

#[test]
fn the_workload_applies_every_migration_the_core_applies() {
    let source = read(&root().join("crates/pristan-core/src/vault/migrations.rs"));
    // The versions listed in `MIGRATIONS`, in order.
    let list = source
        .split_once("const MIGRATIONS")
        .and_then(|(_, rest)| rest.split_once("\n];"))
        .expect("migrations.rs defines MIGRATIONS")
        .0;
    let core: Vec<u32> = list
        .lines()
        .filter_map(|l| l.trim().strip_prefix("version: "))
        .map(|v| v.trim_end_matches(',').parse().expect("a version number"))
        .collect();
    let mut conn = Connection::open_in_memory().unwrap();
    let applied = schema::apply(
        &mut conn,
        &root().join("crates/pristan-core/src/vault/migrations"),
    )
    .unwrap();
    assert_eq!(
        applied, core,
        "the workload reads migration files; a migration written inline in migrations.rs would \
         be missed"
    );
    assert!(
        words(&source).contains(&words(schema::MIGRATION_1)),
        "migration 1 as the workload repeats it is the core's"
    );
}

fn search(conn: &Connection, typed: &str) -> Vec<String> {
    search::search(conn, typed).unwrap()
}

#[test]
fn the_workload_statements_run_on_the_vault_schema_and_find_what_they_wrote() {
    let mut conn = migrated();
    let mut w = apply::Writer::new("d".repeat(32));
    let tx = conn.transaction().unwrap();
    let case =
        |tx: &rusqlite::Transaction<'_>, w: &mut apply::Writer, id: &str, latin, cyrillic| {
            let fields = [
                ("name", latin),
                ("native_name", cyrillic),
                ("a_number", "200000001"),
                ("nationality", "Russia"),
            ];
            apply::add_case(tx, w, id, &fields).unwrap();
        };
    case(&tx, &mut w, "c1", "Ivan Petrov", "Иван Петров");
    case(&tx, &mut w, "c2", "Olga Orlova", "Ольга Орлова");
    apply::save_note(&tx, &mut w, "n1", "c2", "Asked for reading glasses.", None).unwrap();
    apply::save_note(
        &tx,
        &mut w,
        "n2",
        "c1",
        "Нужны тёплые носки и \"свитер\".",
        None,
    )
    .unwrap();
    tx.commit().unwrap();

    assert_eq!(search(&conn, "Petrov"), ["c1"]);
    assert_eq!(search(&conn, "Петров"), ["c1"]);
    assert_eq!(search(&conn, "glasses"), ["c2"]);
    assert_eq!(search(&conn, "теплые свитер"), ["c1"], "ё typed as е");

    let tx = conn.transaction().unwrap();
    apply::save_note(&tx, &mut w, "n3", "c2", "Asked for warm socks.", Some("n1")).unwrap();
    tx.commit().unwrap();
    assert!(
        search(&conn, "glasses").is_empty(),
        "the corrected text is not found"
    );
    assert_eq!(search(&conn, "socks"), ["c2"]);

    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM ops"), 5);
    assert_eq!(count("SELECT max_seq FROM version_vector"), 5);
    assert_eq!(count("SELECT count(*) FROM search_rows"), 2);
    assert_eq!(count("SELECT count(*) FROM name_rows"), 2);
    assert_eq!(
        count("SELECT count(*) FROM records WHERE case_id = 'c2' AND entity_type = 'note'"),
        2
    );
}

#[test]
fn invented_notes_are_a_few_hundred_characters_in_english_or_russian() {
    let mut rng = text::Rng::new(1);
    for _ in 0..50 {
        let note = text::note(&mut rng, ("Ivan", "Иван"));
        assert!((100..1200).contains(&note.len()), "{note}");
        assert!(!note.contains('{'), "{note}");
    }
}

fn versions(lock: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut name = None;
    for line in lock.lines() {
        if let Some(n) = line.strip_prefix("name = ") {
            name = Some(n.trim_matches('"').to_owned());
        } else if let (Some(v), Some(n)) = (line.strip_prefix("version = "), name.take()) {
            out.insert(n, v.trim_matches('"').to_owned());
        }
    }
    out
}

#[test]
fn the_workload_builds_the_workspace_rusqlite_and_sqlite() {
    let workspace = versions(&read(&root().join("Cargo.lock")));
    let workload_dir = root().join("benches/storage-workload");
    let workload = versions(&read(&workload_dir.join("Cargo.lock")));
    for name in ["rusqlite", "libsqlite3-sys", "sqlcipher-src"] {
        assert_eq!(workload.get(name), workspace.get(name), "{name}");
    }
    let manifest = read(&workload_dir.join("Cargo.toml"));
    let pinned = format!("rusqlite = \"={}\"", workspace["rusqlite"]);
    assert!(manifest.contains(&pinned), "Cargo.toml pins {pinned}");
}

#[test]
fn output_is_parsed_and_each_kind_comes_from_its_least_disturbed_run() {
    let first = parse(
        "{\"kind\":\"build\",\"build\":\"sqlcipher\",\"memory_security\":true,\"sqlite\":\"3.53.4\",\"cipher\":\"4.19.0 community\"}\n\
         {\"kind\":\"fill\",\"count\":2,\"ops\":1000,\"p50_ms\":40.0,\"p95_ms\":50.0,\"p99_ms\":50.0,\"total_s\":0.1,\"ops_per_s\":10000.0,\"cpu_s\":0.08,\"found\":0}\n\
         {\"kind\":\"search\",\"count\":8,\"ops\":8,\"p50_ms\":5.0,\"p95_ms\":9.0,\"p99_ms\":9.0,\"total_s\":0.05,\"ops_per_s\":160.0,\"cpu_s\":null,\"found\":3}\n\
         {\"kind\":\"size\",\"bytes\":1048576}\n",
    )
    .unwrap();
    assert_eq!(first.versions, "SQLCipher 4.19.0 community (SQLite 3.53.4)");
    assert_eq!(first.bytes, 1 << 20);
    assert_eq!(first.kinds["search"].cpu_s, None);
    assert_eq!(first.kinds["fill"].cpu_s, Some(0.08));
    let mut second = first.clone();
    second.kinds.get_mut("fill").unwrap().total_s = 0.05;
    second.kinds.get_mut("search").unwrap().total_s = 0.5;
    let best = least_disturbed(&[first, second]);
    assert_eq!(best.kinds["fill"].total_s, 0.05);
    assert_eq!(best.kinds["search"].total_s, 0.05);
    assert!(parse("").is_err());
    assert!(parse("not json").is_err());
}
