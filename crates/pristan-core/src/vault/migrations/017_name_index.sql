-- Version 17: names answer first, and search no longer ranks every matching note (issue 15,
-- docs/benchmarks.md). A case's own entry (names, aliases, A-number, nationality) moves from
-- `search_index` to `name_index`, which has a one-letter prefix index for the first keystroke.
-- Both tables are searched newest entry first (by rowid), which stops after the page shown.
CREATE VIRTUAL TABLE name_index USING fts5(
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
-- As `search_rows`: each case's entry's rowid, since FTS5 finds rows only by rowid or MATCH.
CREATE TABLE name_rows (
    case_id   TEXT    PRIMARY KEY,
    fts_rowid INTEGER NOT NULL
) STRICT;
-- The rowids are kept, so the newest entries stay the newest.
INSERT INTO name_index (rowid, case_id, body)
    SELECT s.rowid, s.case_id, s.body
    FROM search_rows r JOIN search_index s ON s.rowid = r.fts_rowid
    WHERE r.entity_id IN (SELECT id FROM cases);
INSERT INTO name_rows (case_id, fts_rowid)
    SELECT entity_id, fts_rowid FROM search_rows WHERE entity_id IN (SELECT id FROM cases);
DELETE FROM search_index
    WHERE rowid IN (SELECT fts_rowid FROM search_rows WHERE entity_id IN (SELECT id FROM cases));
DELETE FROM search_rows WHERE entity_id IN (SELECT id FROM cases);
-- Deleting from FTS5 leaves the words in older segments until they are merged.
INSERT INTO search_index (search_index) VALUES ('optimize');

-- Every record but notes, whole, by type and case (issue 15): the dashboard, the deadlines board
-- and a case page read one type of record at a time, and these rows are scattered among tens of
-- thousands of notes in `records`, so reading them decrypted most of its pages. Queries name the
-- type as a literal with `entity_type <> 'note'` so that SQLite can use this index
-- (`records::store::type_is`).
CREATE INDEX records_except_notes ON records (entity_type, case_id, deleted, id, body)
    WHERE entity_type <> 'note';
