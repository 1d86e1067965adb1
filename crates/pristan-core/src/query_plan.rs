//! For tests: what SQLite plans for a statement (`EXPLAIN QUERY PLAN`), so that a test can check
//! that a read uses the index it was written for.

use rusqlite::Connection;

/// The steps SQLite plans for `sql`, in order. Every parameter is bound to NULL: a plan is made
/// before any value is known.
pub(crate) fn query_plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    let steps = stmt
        .query_map(rusqlite::params_from_iter(nulls), |row| {
            row.get::<_, String>(3)
        })
        .unwrap();
    steps.collect::<rusqlite::Result<_>>().unwrap()
}
