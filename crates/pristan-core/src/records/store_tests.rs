//! The query plans `type_is` is for.

use secrecy::SecretString;

use super::type_is;
use crate::domain::{LegalEvent, Note, Visit};
use crate::records::RecordType;
use crate::{KdfParams, Vault};

/// What SQLite plans for reading one type of record: every type but notes from the index
/// that holds them whole, without reading the table (and so the notes' pages).
fn plan<T: RecordType>(vault: &Vault, sql: &str) -> String {
    let sql = format!(
        "EXPLAIN QUERY PLAN {}",
        sql.replace("{type}", &type_is::<T>("r.entity_type"))
    );
    let mut stmt = vault.connection().prepare(&sql).unwrap();
    let rows = stmt.query_map([], |row| row.get::<_, String>(3)).unwrap();
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .unwrap()
        .join("; ")
}

#[test]
fn records_but_notes_are_read_from_the_covering_index() {
    let tmp = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from("maple orbit candle sixty harbor".to_owned());
    let (vault, _) = Vault::create(&tmp.path().join("v"), &passphrase, KdfParams::MINIMUM).unwrap();
    let all = "SELECT r.id, r.body FROM records r LEFT JOIN cases c ON c.id = r.case_id
               WHERE {type} AND r.deleted = 0 AND coalesce(c.deleted, 0) = 0";
    let one_case = "SELECT id, body FROM records r WHERE case_id = 'x' AND {type} AND deleted = 0";
    for sql in [all, one_case] {
        for plan in [plan::<LegalEvent>(&vault, sql), plan::<Visit>(&vault, sql)] {
            assert!(
                plan.contains("COVERING INDEX records_except_notes"),
                "{plan}"
            );
        }
        assert!(!plan::<Note>(&vault, sql).contains("records_except_notes"));
    }
}
