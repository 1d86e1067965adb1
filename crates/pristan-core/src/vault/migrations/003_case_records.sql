-- Version 3: everything else a case holds (DESIGN.md §4), still materialised from the operation log.

-- More case fields, each merged on its own like the first ones.
ALTER TABLE cases ADD COLUMN aliases          TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN languages        TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN facility_id      TEXT;
ALTER TABLE cases ADD COLUMN attorney_name    TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN attorney_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN g28              TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE cases ADD COLUMN eoir28           TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE cases ADD COLUMN eoir27           TEXT NOT NULL DEFAULT 'unknown';

-- Visits, notes, events, tasks, consents, relatives, evidence, facilities and attachments: one
-- row each, the fields as a JSON object checked against the Rust type before they are written.
-- `case_id` is copied out of the body so a case's records are one index lookup.
CREATE TABLE records (
    id          TEXT    PRIMARY KEY,
    entity_type TEXT    NOT NULL,
    case_id     TEXT,
    body        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(body)),
    deleted     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX records_by_case ON records (case_id, entity_type);
CREATE INDEX records_by_type ON records (entity_type);

-- Attachment contents, named by their SHA-256. Inside the encrypted database like everything else.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
) STRICT;

-- Unfinished visit write-ups, autosaved while typing. Local to this device and outside the
-- operation log: only a finished write-up becomes operations, so half-typed notes never travel.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    case_id    TEXT NOT NULL,
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL
) STRICT;
