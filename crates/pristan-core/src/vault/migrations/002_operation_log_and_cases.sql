-- Version 2: the operation log (DESIGN.md §5) and the first materialised entity, cases, with
-- full-text search. Every change is an operation; the tables below `ops` are derived from it.

-- This device's identity in the log: random, never reused.
INSERT INTO vault_meta (key, value) VALUES ('device_id', lower(hex(randomblob(16))));

CREATE TABLE ops (
    device_id   TEXT    NOT NULL,
    seq         INTEGER NOT NULL CHECK (seq > 0),
    hlc         TEXT    NOT NULL,
    entity_type TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    change      TEXT    NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT;
CREATE INDEX ops_by_entity ON ops (entity_id);
CREATE INDEX ops_by_hlc ON ops (hlc);

-- The highest sequence number seen from each device, own included.
CREATE TABLE version_vector (
    device_id TEXT    PRIMARY KEY,
    max_seq   INTEGER NOT NULL
) STRICT;

-- Which operation last wrote each materialised field, so that merging is one comparison a field.
CREATE TABLE field_stamps (
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, field)
) STRICT;

CREATE TABLE cases (
    id             TEXT    PRIMARY KEY,
    name           TEXT    NOT NULL DEFAULT '',
    native_name    TEXT    NOT NULL DEFAULT '',
    a_number       TEXT,
    date_of_birth  TEXT,
    nationality    TEXT    NOT NULL DEFAULT '',
    custody_status TEXT    NOT NULL DEFAULT 'unknown',
    deleted        INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Names (Latin and native script), A-numbers and, later, notes and evidence. unicode61 with
-- remove_diacritics folds case in every script and drops accents (and the diaeresis of ё).
CREATE VIRTUAL TABLE search_index USING fts5(
    entity_id UNINDEXED,
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
