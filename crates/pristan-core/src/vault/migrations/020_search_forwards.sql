-- Version 20: search reads its entries forwards (issue 15; `cases::search_order`,
-- docs/benchmarks.md "Search: reading forwards").
--
-- Version 19 gave every FTS5 entry a rowid in `written` order, newest largest, and searches read
-- them `ORDER BY rowid DESC`. FTS5 iterates a segment backwards by first collecting the offsets of
-- a page's rowids in an array it grows a few entries at a time, each growth one more locked and
-- wiped allocation (`cipher_memory_security`): 18 % of the search profile. Here every rowid is
-- negated, so the newest entry has the smallest rowid and searches read `ORDER BY rowid ASC`,
-- which FTS5 answers by reading its doclists forwards. Order, side tables and lookups are
-- otherwise as version 19 left them; every rowid of 19 is positive, so no negated rowid can meet
-- one not yet negated.
CREATE VIRTUAL TABLE search_index_v20 USING fts5(
    entity_id UNINDEXED,
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index_v20 (rowid, entity_id, case_id, body)
    SELECT -rowid, entity_id, case_id, body FROM search_index ORDER BY rowid DESC;
DROP TABLE search_index;
ALTER TABLE search_index_v20 RENAME TO search_index;
UPDATE search_rows SET fts_rowid = -fts_rowid;
UPDATE search_order SET fts_rowid = -fts_rowid;

CREATE VIRTUAL TABLE name_index_v20 USING fts5(
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO name_index_v20 (rowid, case_id, body)
    SELECT -rowid, case_id, body FROM name_index ORDER BY rowid DESC;
DROP TABLE name_index;
ALTER TABLE name_index_v20 RENAME TO name_index;
UPDATE name_rows SET fts_rowid = -fts_rowid;
UPDATE name_order SET fts_rowid = -fts_rowid;
