//! Opening the SQLCipher database with the vault's raw key and the pragmas DESIGN.md §3 lists.
//! This is the only place that opens a database file (clippy.toml enforces it).

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use super::keyslots::Dek;
use crate::error::{Error, Result};

/// Prepared statements kept per connection: every statement of applying an operation (`ops::store`,
/// `records::store`, `cases`, the search index, field history) fits, with room for others.
const STATEMENT_CACHE: usize = 96;

/// Initialises SQLite and SQLCipher once a process, before any database opens. SQLCipher 4.19
/// finishes its own set-up (`sqlcipher_extra_init`) after SQLite marks itself initialised and
/// outside SQLite's lock, so a second thread opening its first database at that moment went on
/// before SQLCipher was ready, and its `PRAGMA key` failed ("An error occurred with PRAGMA key or
/// rekey"): seen once in CI, two tests unlocking their first vaults together. Every open waits
/// here until the first initialisation has finished.
#[allow(clippy::disallowed_methods)]
fn initialise_once() -> Result<()> {
    static INITIALISED: std::sync::OnceLock<std::result::Result<(), String>> =
        std::sync::OnceLock::new();
    // Opening a connection initialises SQLite, and the thread that initialises it runs
    // SQLCipher's set-up before the open returns; the OnceLock makes every other opener wait for
    // that. An in-memory database holds nothing and is closed at once.
    INITIALISED
        .get_or_init(|| {
            Connection::open_in_memory()
                .map(drop)
                .map_err(|e| e.to_string())
        })
        .clone()
        .map_err(|reason| Error::Invalid {
            field: "database library",
            reason: format!("SQLite and SQLCipher could not be initialised: {reason}"),
        })
}

/// Opens (creating if needed) the database at `path`, keyed with `dek`.
#[allow(clippy::disallowed_methods)]
pub(crate) fn open_keyed(path: &Path, dek: &Dek) -> Result<Connection> {
    initialise_once()?;
    owner_only(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    // Keying must come before any other statement, or SQLCipher treats the file as plaintext.
    // A raw 32-byte key (x'…') skips SQLCipher's own PBKDF2: Argon2id already did that work.
    let hex_key = Zeroizing::new(hex::encode(&dek[..]));
    let statement = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex_key.as_str()));
    conn.execute_batch(&statement)?;
    // Memory security locks and wipes every block SQLite allocates; the lookaside buffer set in
    // .cargo/config.toml (`LOOKASIDE`, checked by the tests below) keeps most small blocks out of
    // malloc, so they are locked once per connection instead of once per allocation.
    conn.execute_batch(
        "PRAGMA cipher_compatibility = 4;
         PRAGMA cipher_memory_security = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    // The first read of the file: with a wrong key SQLCipher reports "file is not a database".
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Invalid {
            field: "journal_mode",
            reason: format!("the database refused write-ahead logging (got {mode})"),
        });
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;",
    )?;
    // Applying an operation runs about twenty statements; an import applies tens of thousands.
    // Prepared once and kept (`prepare_cached`), they are not parsed again for every operation.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(conn)
}

/// Makes the database file readable by its owner only, creating it empty if it is missing. SQLite
/// gives the `-wal` and `-shm` files the database file's permissions, so they follow. Without
/// this a vault made in a folder that already existed (so not created 0700 by us) would get a
/// world-readable database under the usual umask: encrypted, but no one else's to copy.
fn owner_only(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let created = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path);
        match created {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                // Best effort on an existing file: a vault on a read-only medium (a backup
                // drive) must still open, and its contents are encrypted either way.
                if let Ok(meta) = std::fs::metadata(path) {
                    if meta.permissions().mode() & 0o077 != 0 {
                        let _ =
                            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
                    }
                }
            }
            Err(e) => return Err(Error::io("create", path)(e)),
        }
    }
    Ok(())
}

/// Runs SQLite's and SQLCipher's own consistency checks; returns their complaints, if any.
pub(crate) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    for pragma in ["PRAGMA integrity_check", "PRAGMA cipher_integrity_check"] {
        let mut stmt = conn.prepare(pragma)?;
        let rows = stmt.query_map([], |row| row.get::<_, String>(0))?;
        for row in rows {
            let row = row?;
            if row != "ok" {
                problems.push(row);
            }
        }
    }
    Ok(problems)
}

/// Folds the write-ahead log into the database file and empties it.
pub(crate) fn checkpoint(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// Re-encrypts every page under `dek` in one transaction (SQLCipher's `PRAGMA rekey`). In WAL
/// mode the new pages go to the log and become the database at once, with the commit frame.
pub(crate) fn rekey(conn: &Connection, dek: &Dek) -> Result<()> {
    let hex_key = Zeroizing::new(hex::encode(&dek[..]));
    let statement = Zeroizing::new(format!("PRAGMA rekey = \"x'{}'\";", hex_key.as_str()));
    conn.execute_batch(&statement)?;
    Ok(())
}

/// The lookaside buffer size SQLite is compiled with (.cargo/config.toml), as `PRAGMA
/// compile_options` names it.
#[cfg(test)]
const LOOKASIDE: &str = "DEFAULT_LOOKASIDE=2048,2000";

#[cfg(test)]
mod tests {
    use super::*;

    fn options(conn: &Connection) -> Vec<String> {
        let mut stmt = conn.prepare("PRAGMA compile_options").unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    }

    /// Without the large lookaside buffer every small allocation of a query is locked and
    /// unlocked in memory one system call at a time (docs/benchmarks.md): a build made outside
    /// the repository's cargo configuration would be several times slower to search.
    #[test]
    fn sqlcipher_is_built_with_the_large_lookaside_buffer() {
        let dir = tempfile::tempdir().unwrap();
        let dek: Dek = Zeroizing::new([7u8; 32]);
        let conn = open_keyed(&dir.path().join("vault.db"), &dek).unwrap();
        let options = options(&conn);
        assert!(
            options.iter().any(|o| o == LOOKASIDE),
            "SQLCipher was built without {LOOKASIDE}: build from inside the repository, so \
             .cargo/config.toml applies; compile options: {options:?}"
        );
        let security: String = conn
            .query_row("PRAGMA cipher_memory_security", [], |r| r.get(0))
            .unwrap();
        assert_eq!(security, "1", "memory security stays on");
    }
}
