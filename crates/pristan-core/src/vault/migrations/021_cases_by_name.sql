-- Version 21: the case list is read in order from an index (issue 15, docs/benchmarks.md
-- "Dashboard: the case list without a sort").
--
-- `Vault::cases` lists every case not deleted by name, in any letter case, then id: the dashboard,
-- the deadlines board and the cases page all start from it. Without an index SQLite copied every
-- case, all sixteen columns, into its sorter, and the sorter's allocations (each locked and wiped
-- by SQLCipher) were two thirds of reading the list. With this index it walks the names in order
-- and reads each case by rowid. Partial, as the list is: a deleted case is never listed.
-- IF NOT EXISTS: a test vault set back to version 20 by its user_version keeps the index.
CREATE INDEX IF NOT EXISTS cases_by_name ON cases (name COLLATE NOCASE, id) WHERE deleted = 0;
