-- Version 19: search ranks by when a record (or case) was written, the same on every device, and
-- reads the order without reading note bodies (issue 15; `cases::search_order`,
-- docs/benchmarks.md "Search: first page, side table").
--
-- `written` is the entity's newest field stamp (clock, device) then its id, as fixed-width text:
-- text order is the operations' total order. Each FTS5 entry's rowid is renumbered so that rowid
-- order is `written` order, and a side table keyed by that rowid holds the entry's case (and
-- record type), so the newest-first pass needs only the doclists and this table.
CREATE TABLE search_order (
    fts_rowid   INTEGER PRIMARY KEY,
    case_id     TEXT    NOT NULL,
    entity_type TEXT    NOT NULL,
    written     TEXT    NOT NULL UNIQUE
) STRICT;
CREATE TABLE name_order (
    fts_rowid INTEGER PRIMARY KEY,
    case_id   TEXT    NOT NULL,
    written   TEXT    NOT NULL UNIQUE
) STRICT;

-- search_index: each entry's `written` from its entity's field stamps, and its new rowid: the
-- wanted one (`search_order::wanted_rowid`) or one past the entry before it, in `written` order.
CREATE TABLE search_rekey (
    old_rowid   INTEGER PRIMARY KEY,
    new_rowid   INTEGER NOT NULL,
    case_id     TEXT    NOT NULL,
    entity_type TEXT    NOT NULL,
    written     TEXT    NOT NULL
) STRICT;
WITH stamped AS (
    SELECT r.fts_rowid AS old_rowid, s.case_id AS case_id, coalesce(rec.entity_type, '') AS entity_type,
        coalesce(
            (SELECT max(f.hlc || ' ' || f.device_id) FROM field_stamps f
             WHERE f.entity_id = r.entity_id),
            '0000000000000000-00000000 00000000000000000000000000000000'
        ) || ' ' || r.entity_id AS written
    FROM search_rows r JOIN search_index s ON s.rowid = r.fts_rowid
        LEFT JOIN records rec ON rec.id = r.entity_id
),
parsed AS (
    SELECT *,
        CASE WHEN substr(written, 1, 5) <> '00000' THEN 4398046511103
            ELSE min(4398046511103,
                (instr('0123456789abcdef', substr(written, 6, 1)) - 1) * 1099511627776 +
                (instr('0123456789abcdef', substr(written, 7, 1)) - 1) * 68719476736 +
                (instr('0123456789abcdef', substr(written, 8, 1)) - 1) * 4294967296 +
                (instr('0123456789abcdef', substr(written, 9, 1)) - 1) * 268435456 +
                (instr('0123456789abcdef', substr(written, 10, 1)) - 1) * 16777216 +
                (instr('0123456789abcdef', substr(written, 11, 1)) - 1) * 1048576 +
                (instr('0123456789abcdef', substr(written, 12, 1)) - 1) * 65536 +
                (instr('0123456789abcdef', substr(written, 13, 1)) - 1) * 4096 +
                (instr('0123456789abcdef', substr(written, 14, 1)) - 1) * 256 +
                (instr('0123456789abcdef', substr(written, 15, 1)) - 1) * 16 +
                (instr('0123456789abcdef', substr(written, 16, 1)) - 1) * 1)
        END AS wall,
        CASE WHEN substr(written, 18, 5) <> '00000' THEN 2047
            ELSE min(2047,
                (instr('0123456789abcdef', substr(written, 23, 1)) - 1) * 256 +
                (instr('0123456789abcdef', substr(written, 24, 1)) - 1) * 16 +
                (instr('0123456789abcdef', substr(written, 25, 1)) - 1) * 1)
        END AS counter
    FROM stamped
),
numbered AS (
    SELECT *, ((wall << 21) | (counter << 10)) AS coarse,
        row_number() OVER (ORDER BY written) AS n
    FROM parsed
)
INSERT OR IGNORE INTO search_rekey (old_rowid, new_rowid, case_id, entity_type, written)
    SELECT old_rowid,
        n + 1 + max(coarse - n) OVER (ORDER BY written ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
        case_id, entity_type, written
    FROM numbered;
CREATE VIRTUAL TABLE search_index_v19 USING fts5(
    entity_id UNINDEXED,
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
INSERT INTO search_index_v19 (rowid, entity_id, case_id, body)
    SELECT k.new_rowid, s.entity_id, s.case_id, s.body
    FROM search_rekey k JOIN search_index s ON s.rowid = k.old_rowid
    ORDER BY k.new_rowid;
DROP TABLE search_index;
ALTER TABLE search_index_v19 RENAME TO search_index;
DELETE FROM search_rows WHERE fts_rowid NOT IN (SELECT old_rowid FROM search_rekey);
UPDATE search_rows
    SET fts_rowid = (SELECT k.new_rowid FROM search_rekey k WHERE k.old_rowid = search_rows.fts_rowid);
INSERT INTO search_order (fts_rowid, case_id, entity_type, written)
    SELECT new_rowid, case_id, entity_type, written FROM search_rekey;
DROP TABLE search_rekey;

-- name_index: the same for the cases' own entries.
CREATE TABLE name_rekey (
    old_rowid   INTEGER PRIMARY KEY,
    new_rowid   INTEGER NOT NULL,
    case_id     TEXT    NOT NULL,
    written     TEXT    NOT NULL
) STRICT;
WITH stamped AS (
    SELECT r.fts_rowid AS old_rowid, s.case_id AS case_id,
        coalesce(
            (SELECT max(f.hlc || ' ' || f.device_id) FROM field_stamps f
             WHERE f.entity_id = r.case_id),
            '0000000000000000-00000000 00000000000000000000000000000000'
        ) || ' ' || r.case_id AS written
    FROM name_rows r JOIN name_index s ON s.rowid = r.fts_rowid
),
parsed AS (
    SELECT *,
        CASE WHEN substr(written, 1, 5) <> '00000' THEN 4398046511103
            ELSE min(4398046511103,
                (instr('0123456789abcdef', substr(written, 6, 1)) - 1) * 1099511627776 +
                (instr('0123456789abcdef', substr(written, 7, 1)) - 1) * 68719476736 +
                (instr('0123456789abcdef', substr(written, 8, 1)) - 1) * 4294967296 +
                (instr('0123456789abcdef', substr(written, 9, 1)) - 1) * 268435456 +
                (instr('0123456789abcdef', substr(written, 10, 1)) - 1) * 16777216 +
                (instr('0123456789abcdef', substr(written, 11, 1)) - 1) * 1048576 +
                (instr('0123456789abcdef', substr(written, 12, 1)) - 1) * 65536 +
                (instr('0123456789abcdef', substr(written, 13, 1)) - 1) * 4096 +
                (instr('0123456789abcdef', substr(written, 14, 1)) - 1) * 256 +
                (instr('0123456789abcdef', substr(written, 15, 1)) - 1) * 16 +
                (instr('0123456789abcdef', substr(written, 16, 1)) - 1) * 1)
        END AS wall,
        CASE WHEN substr(written, 18, 5) <> '00000' THEN 2047
            ELSE min(2047,
                (instr('0123456789abcdef', substr(written, 23, 1)) - 1) * 256 +
                (instr('0123456789abcdef', substr(written, 24, 1)) - 1) * 16 +
                (instr('0123456789abcdef', substr(written, 25, 1)) - 1) * 1)
        END AS counter
    FROM stamped
),
numbered AS (
    SELECT *, ((wall << 21) | (counter << 10)) AS coarse,
        row_number() OVER (ORDER BY written) AS n
    FROM parsed
)
INSERT OR IGNORE INTO name_rekey (old_rowid, new_rowid, case_id, written)
    SELECT old_rowid,
        n + 1 + max(coarse - n) OVER (ORDER BY written ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
        case_id, written
    FROM numbered;
CREATE VIRTUAL TABLE name_index_v19 USING fts5(
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO name_index_v19 (rowid, case_id, body)
    SELECT k.new_rowid, s.case_id, s.body
    FROM name_rekey k JOIN name_index s ON s.rowid = k.old_rowid
    ORDER BY k.new_rowid;
DROP TABLE name_index;
ALTER TABLE name_index_v19 RENAME TO name_index;
DELETE FROM name_rows WHERE fts_rowid NOT IN (SELECT old_rowid FROM name_rekey);
UPDATE name_rows
    SET fts_rowid = (SELECT k.new_rowid FROM name_rekey k WHERE k.old_rowid = name_rows.fts_rowid);
INSERT INTO name_order (fts_rowid, case_id, written)
    SELECT new_rowid, case_id, written FROM name_rekey;
DROP TABLE name_rekey;
