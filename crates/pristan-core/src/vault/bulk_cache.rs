//! A larger page cache while a bulk write runs: a bundle's import, a batch of records.
//!
//! SQLite's page cache is 2 MiB by default. A bulk write touches far more pages than that (each
//! new record goes into several indexes at places spread over the whole file), so with the small
//! cache SQLite reads and decrypts the same pages again and again within one transaction. With
//! 64 MiB, importing the standard vault took 1.5 times less time, and the demo generator 1.4
//! times less (docs/benchmarks.md, "Bulk writes with a larger page cache").
//!
//! The cache holds decrypted pages, and `cipher_memory_security` locks each of them in memory so
//! that none is written to swap. Locking stops silently at the process's limit (`ulimit -l`,
//! often 8 MiB), and memory past it can be swapped. So the cache grows only as far as memory can
//! be locked: to half the limit, or to 64 MiB where there is no limit (or the process may lock any
//! amount), both read once a process. Where the limit cannot be read it stays as it is.
//! Afterwards it goes back to its size before, and SQLite frees the pages past it; SQLCipher wipes
//! each one as it is freed.

use rusqlite::Connection;

use crate::error::Result;

/// The largest cache a bulk write uses, in KiB.
const MOST_KIB: i64 = 64 * 1024;
/// SQLite's default cache, in KiB: a bulk write never gets less.
const USUAL_KIB: i64 = 2000;

/// How much memory this process may lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LockBudget {
    /// No limit, or the process may lock any amount (`CAP_IPC_LOCK`).
    Unlimited,
    /// At most this many bytes in all.
    Bytes(u64),
    /// Not known on this system (Linux always knows).
    #[cfg_attr(target_os = "linux", allow(dead_code))]
    Unknown,
}

/// The page cache for a bulk write, in KiB, given what may be locked.
pub(crate) fn bulk_cache_kib(budget: LockBudget) -> i64 {
    match budget {
        LockBudget::Unlimited => MOST_KIB,
        LockBudget::Bytes(bytes) => {
            i64::try_from(bytes / 1024 / 2).map_or(MOST_KIB, |kib| kib.clamp(USUAL_KIB, MOST_KIB))
        }
        LockBudget::Unknown => USUAL_KIB,
    }
}

/// Runs `write` with the page cache enlarged as far as memory can be locked, and puts the cache
/// back as it was afterwards, whether `write` succeeded or not.
pub(crate) fn with_bulk_cache<T, V>(
    on: &mut V,
    conn: impl Fn(&V) -> &Connection,
    write: impl FnOnce(&mut V) -> Result<T>,
) -> Result<T> {
    // The limit and the capability are read once, on the first bulk write.
    static BUDGET: std::sync::OnceLock<LockBudget> = std::sync::OnceLock::new();
    with_cache_of(
        bulk_cache_kib(*BUDGET.get_or_init(lock_budget)),
        on,
        conn,
        write,
    )
}

/// Runs `write` with a page cache of at least `kib`, then puts the cache back as it was.
fn with_cache_of<T, V>(
    kib: i64,
    on: &mut V,
    conn: impl Fn(&V) -> &Connection,
    write: impl FnOnce(&mut V) -> Result<T>,
) -> Result<T> {
    let before: i64 = conn(on).query_row("PRAGMA cache_size", [], |row| row.get(0))?;
    // A positive size counts pages, a negative one KiB: compare as KiB.
    let before_kib = if before < 0 {
        before.saturating_neg()
    } else {
        let page: i64 = conn(on).query_row("PRAGMA page_size", [], |row| row.get(0))?;
        before.saturating_mul(page) / 1024
    };
    if kib <= before_kib {
        return write(on);
    }
    conn(on).execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
    let written = write(on);
    // What `write` did stands whether or not the size goes back: an import that committed is
    // not reported as refused because of the cache. A cache left large is freed and wiped when
    // the vault locks (no failure of this pragma is known).
    let _ = conn(on).execute_batch(&format!("PRAGMA cache_size = {before}"));
    written
}

#[cfg(target_os = "linux")]
fn lock_budget() -> LockBudget {
    use rustix::process::{getrlimit, Resource};
    // CAP_IPC_LOCK (bit 14 of the effective set) lets a process lock past its limit.
    let may_lock_any = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("CapEff:"))?;
            u64::from_str_radix(line["CapEff:".len()..].trim(), 16).ok()
        })
        .is_some_and(|caps| caps & (1 << 14) != 0);
    match getrlimit(Resource::Memlock).current {
        _ if may_lock_any => LockBudget::Unlimited,
        None => LockBudget::Unlimited,
        Some(bytes) => LockBudget::Bytes(bytes),
    }
}

#[cfg(not(target_os = "linux"))]
fn lock_budget() -> LockBudget {
    LockBudget::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn the_cache_grows_only_as_far_as_memory_can_be_locked() {
        assert_eq!(bulk_cache_kib(LockBudget::Unlimited), 65536);
        // The usual 8 MiB limit: half of it.
        assert_eq!(bulk_cache_kib(LockBudget::Bytes(8 << 20)), 4096);
        assert_eq!(bulk_cache_kib(LockBudget::Bytes(1 << 40)), 65536);
        // A tiny limit (64 KiB on older systems) never shrinks the cache below SQLite's usual.
        assert_eq!(bulk_cache_kib(LockBudget::Bytes(64 << 10)), 2000);
        assert_eq!(bulk_cache_kib(LockBudget::Bytes(0)), 2000);
        assert_eq!(bulk_cache_kib(LockBudget::Bytes(u64::MAX)), 65536);
        assert_eq!(bulk_cache_kib(LockBudget::Unknown), 2000);
    }

    #[test]
    fn the_cache_is_put_back_after_a_write_that_succeeds_or_fails() {
        let mut conn = Connection::open_in_memory().unwrap();
        let before = size(&conn);
        assert_eq!(before, -2000, "SQLite's usual 2,000 KiB");
        let during = with_cache_of(65536, &mut conn, |c| c, |c| Ok(size(c))).unwrap();
        assert_eq!(during, -65536);
        assert_eq!(size(&conn), before);
        // A cache already as large is left as it is.
        let during = with_cache_of(1000, &mut conn, |c| c, |c| Ok(size(c))).unwrap();
        assert_eq!(during, before);
        let failed: Result<()> = with_cache_of(
            65536,
            &mut conn,
            |c| c,
            |c| {
                c.execute_batch("SELECT * FROM no_such_table")?;
                Ok(())
            },
        );
        assert!(failed.is_err());
        assert_eq!(size(&conn), before);
    }

    #[test]
    fn a_cache_counted_in_pages_is_measured_with_the_page_size() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("PRAGMA page_size = 65536; CREATE TABLE t (x); PRAGMA cache_size = 100")
            .unwrap();
        // 100 pages of 64 KiB are 6,400 KiB: more than 4,096, so nothing changes.
        let during = with_cache_of(4096, &mut conn, |c| c, |c| Ok(size(c))).unwrap();
        assert_eq!(during, 100);
        let during = with_cache_of(8192, &mut conn, |c| c, |c| Ok(size(c))).unwrap();
        assert_eq!(during, -8192);
        assert_eq!(size(&conn), 100);
    }
}
