//! The vault's schema for the workload: pristan-core's own migration files, applied in order, so
//! that the workload's tables, indexes and FTS5 search tables are the vault's (not a copy that
//! drifts). Migration 1 is written inline in `vault/migrations.rs`; its two tables are repeated
//! here, and a test in the main workspace (`pristan-cli`, `bench_all::storage`) checks that every
//! other migration the core applies is a file this reads.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// Migration 1 of `crates/pristan-core/src/vault/migrations.rs` (released, so never edited).
pub const MIGRATION_1: &str = "
    CREATE TABLE vault_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE vault_settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
";

/// The migration files in `dir` (`NNN_name.sql`), by number.
pub fn migration_files(dir: &Path) -> Result<Vec<(u32, PathBuf)>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".sql") {
            continue;
        }
        let number: u32 = name
            .split('_')
            .next()
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("{name}: a migration file is named NNN_what.sql"))?;
        files.push((number, path));
    }
    files.sort();
    Ok(files)
}

/// Creates the vault's schema on an empty database, each migration in its own transaction as
/// the core applies them. Returns the versions applied.
pub fn apply(conn: &mut Connection, dir: &Path) -> Result<Vec<u32>, String> {
    let mut versions = vec![1];
    run(conn, 1, MIGRATION_1)?;
    for (number, path) in migration_files(dir)? {
        let sql = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        run(conn, number, &sql)?;
        versions.push(number);
    }
    Ok(versions)
}

fn run(conn: &mut Connection, version: u32, sql: &str) -> Result<(), String> {
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    tx.execute_batch(sql)
        .and_then(|()| tx.pragma_update(None, "user_version", version))
        .and_then(|()| tx.commit())
        .map_err(|e| format!("migration {version}: {e}"))
}
