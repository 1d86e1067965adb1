-- Version 4: saving a record no longer scans the whole search index or every note.
-- (Measured in docs/benchmarks.md: saving a note took about a second on a 50,000-note vault.)

-- The search index again, now with prefix indexes for the as-you-type queries ("петр"*), keeping
-- every entry and its rowid.
CREATE VIRTUAL TABLE search_index_v4 USING fts5(
    entity_id UNINDEXED,
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index_v4 (rowid, entity_id, case_id, body)
    SELECT rowid, entity_id, case_id, body FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_v4 RENAME TO search_index;

-- FTS5 finds rows only by rowid or MATCH, so each entry's rowid is kept here by entity.
CREATE TABLE search_rows (
    entity_id TEXT    PRIMARY KEY,
    fts_rowid INTEGER NOT NULL
) STRICT;
INSERT INTO search_rows (entity_id, fts_rowid) SELECT entity_id, rowid FROM search_index;

-- Which note replaces which: every note save and every case page asks.
CREATE INDEX records_note_replaces ON records (json_extract(body, '$.replaces'))
    WHERE entity_type = 'note';
