//! The database schema, as numbered migrations. `PRAGMA user_version` records how far a vault
//! has come; opening a vault applies the missing ones, each in its own transaction.

use rusqlite::Connection;

use crate::error::{Error, Result};

pub(crate) struct Migration {
    pub version: u32,
    pub sql: &'static str,
}

/// Append only: a released migration is never edited, or vaults made with it would differ.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: "
            CREATE TABLE vault_meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;
            CREATE TABLE vault_settings (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            ) STRICT;
        ",
    },
    Migration {
        version: 2,
        sql: include_str!("migrations/002_operation_log_and_cases.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("migrations/003_case_records.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("migrations/004_search_lookups.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("migrations/005_organisation.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("migrations/006_merge_history.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("migrations/007_bundles.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("migrations/009_held_stream.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("migrations/010_hardening.sql"),
    },
    // 8 was given to this migration while it was written on a branch; it landed after 9 and 10,
    // so it is 11: a vault already at 10 must still receive it.
    Migration {
        version: 11,
        sql: include_str!("migrations/011_forks_and_succession.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("migrations/012_relay.sql"),
    },
    Migration {
        version: 16,
        sql: include_str!("migrations/016_family_cards.sql"),
    },
    Migration {
        version: 17,
        sql: include_str!("migrations/017_name_index.sql"),
    },
    Migration {
        version: 18,
        sql: include_str!("migrations/018_case_facts.sql"),
    },
    Migration {
        version: 19,
        sql: include_str!("migrations/019_search_order.sql"),
    },
    Migration {
        version: 20,
        sql: include_str!("migrations/020_search_forwards.sql"),
    },
    Migration {
        version: 21,
        sql: include_str!("migrations/021_cases_by_name.sql"),
    },
    Migration {
        version: 22,
        sql: include_str!("migrations/022_case_legal_facts.sql"),
    },
];

#[cfg(test)]
pub(crate) fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub(crate) fn current_version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the schema up to the last of `migrations`. A failing migration is rolled back whole,
/// leaving the vault at the previous version with its data intact.
pub(crate) fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<u32> {
    let supported = migrations.last().map_or(0, |m| m.version);
    let start = current_version(conn)?;
    let mut version = start;
    if version > supported {
        return Err(Error::SchemaTooNew {
            found: version,
            supported,
        });
    }
    for migration in migrations.iter().filter(|m| m.version > start) {
        let apply = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(migration.sql)?;
            tx.pragma_update(None, "user_version", migration.version)?;
            tx.commit()
        };
        apply(conn).map_err(|source| Error::Migration {
            version: migration.version,
            source,
        })?;
        version = migration.version;
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::database::open_keyed;
    use crate::vault::keyslots::new_dek;

    /// Rows that a vault at each version could hold, to check that upgrades keep them.
    fn seed(conn: &Connection, version: u32) {
        if version >= 2 {
            conn.execute_batch(
                "INSERT INTO cases (id, name) VALUES ('00000000000000000000000000000001', 'Ivan');",
            )
            .unwrap();
        }
        if version >= 1 {
            conn.execute_batch(
                "INSERT INTO vault_meta VALUES ('canary', 'kept across upgrades');
                 INSERT INTO vault_settings VALUES ('device_name', 'Laptop Ж');",
            )
            .unwrap();
        }
    }

    fn check_seeded(conn: &Connection, seeded_at: u32) {
        if seeded_at >= 2 {
            let name: String = conn
                .query_row("SELECT name FROM cases", [], |r| r.get(0))
                .unwrap();
            assert_eq!(name, "Ivan");
        }
        // Every upgraded vault has its own device id from version 2 on.
        if current_version(conn).unwrap() >= 2 {
            let id: String = conn
                .query_row(
                    "SELECT value FROM vault_meta WHERE key = 'device_id'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(id.len(), 32);
        }
        if seeded_at >= 1 {
            let value: String = conn
                .query_row(
                    "SELECT value FROM vault_meta WHERE key = 'canary'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(value, "kept across upgrades");
        }
    }

    #[test]
    fn every_earlier_version_upgrades_to_the_latest_keeping_its_data() {
        // Every version a vault can be at: 0 and each migration's (numbers may skip, since
        // branches are given numbers of their own).
        let starts = std::iter::once(0)
            .chain(MIGRATIONS.iter().map(|m| m.version))
            .filter(|&v| v < latest_version());
        for start in starts {
            let dir = tempfile::tempdir().unwrap();
            let dek = new_dek();
            let path = dir.path().join("vault.db");
            {
                let mut conn = open_keyed(&path, &dek).unwrap();
                let older: Vec<_> = MIGRATIONS.iter().filter(|m| m.version <= start).collect();
                for m in older {
                    conn.execute_batch(m.sql).unwrap();
                    conn.pragma_update(None, "user_version", m.version).unwrap();
                }
                seed(&conn, start);
                assert_eq!(current_version(&conn).unwrap(), start);
                migrate(&mut conn, MIGRATIONS).unwrap();
            }
            let conn = open_keyed(&path, &dek).unwrap();
            assert_eq!(
                current_version(&conn).unwrap(),
                latest_version(),
                "from {start}"
            );
            check_seeded(&conn, start);
        }
    }

    #[test]
    fn version_6_gives_each_assigned_field_one_head_the_value_that_shows() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open_keyed(&dir.path().join("vault.db"), &new_dek()).unwrap();
        let before: Vec<Migration> = MIGRATIONS
            .iter()
            .filter(|m| m.version < 6)
            .map(|m| Migration {
                version: m.version,
                sql: m.sql,
            })
            .collect();
        migrate(&mut conn, &before).unwrap();
        let (case, dev) = ("0".repeat(31) + "1", "0".repeat(31) + "d");
        let (older, newer) = ("0000000000000001-00000000", "0000000000000002-00000000");
        conn.execute_batch(&format!(
            "INSERT INTO ops VALUES ('{dev}', 1, '{older}', 'case', '{case}',
                 '{{\"type\":\"assign\",\"fields\":{{\"name\":\"Old\",\"a_number\":null}}}}');
             INSERT INTO ops VALUES ('{dev}', 2, '{newer}', 'case', '{case}',
                 '{{\"type\":\"assign\",\"fields\":{{\"name\":\"Иван\"}}}}');
             INSERT INTO ops VALUES ('{dev}', 3, '0000000000000003-00000000', 'case', '{case}',
                 '{{\"type\":\"delete\"}}');
             INSERT INTO field_stamps VALUES ('{case}', 'name', '{newer}', '{dev}'),
                 ('{case}', 'a_number', '{older}', '{dev}'),
                 ('{case}', 'deleted', '0000000000000003-00000000', '{dev}');"
        ))
        .unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        let mut stmt = conn
            .prepare("SELECT field, hlc, value FROM field_writes ORDER BY field")
            .unwrap();
        let rows: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let expected = [("a_number", older, "null"), ("name", newer, "\"Иван\"")]
            .map(|(f, h, v)| (f.to_owned(), h.to_owned(), v.to_owned()));
        assert_eq!(rows, expected);
    }

    #[test]
    fn a_failing_migration_leaves_the_vault_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let dek = new_dek();
        let mut conn = open_keyed(&dir.path().join("vault.db"), &dek).unwrap();
        migrate(&mut conn, MIGRATIONS).unwrap();
        seed(&conn, latest_version());
        let broken = [Migration {
            version: latest_version() + 1,
            sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
        }];
        let all: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|m| Migration {
                version: m.version,
                sql: m.sql,
            })
            .chain(broken)
            .collect();
        let err = migrate(&mut conn, &all).unwrap_err();
        assert!(matches!(err, Error::Migration { .. }), "{err}");
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        let half: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            half, 0,
            "the failed migration's first statement must be rolled back"
        );
        check_seeded(&conn, latest_version());
    }

    #[test]
    fn a_vault_from_a_newer_pristan_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open_keyed(&dir.path().join("vault.db"), &new_dek()).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 5)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn, MIGRATIONS),
            Err(Error::SchemaTooNew { .. })
        ));
    }
}
