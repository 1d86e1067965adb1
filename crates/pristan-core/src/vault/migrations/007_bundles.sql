-- Version 7: bundles sent and received, and quarantined bundle files (kept encrypted, as they
-- arrived) with the reason they were not imported.

-- Bundles written here. Numbers count per stream: this device's own operations (to_device = ''),
-- and each volunteer's case packets (to_device = that device).
CREATE TABLE bundles_sent (
    kind        TEXT    NOT NULL,
    to_device   TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    first_seq   INTEGER,
    last_seq    INTEGER,
    header_hash TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (to_device, number)
) STRICT;

-- A bundle applied here, by the hash of its signed header: importing it again is a no-op.
CREATE TABLE bundles_seen (
    header_hash TEXT    PRIMARY KEY,
    sender      TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    kind        TEXT    NOT NULL,
    ops         INTEGER NOT NULL,
    imported_at TEXT    NOT NULL
) STRICT;
CREATE INDEX bundles_seen_by_sender ON bundles_seen (sender, number);

CREATE TABLE quarantine (
    file_hash   TEXT    PRIMARY KEY,
    file_name   TEXT    NOT NULL,
    bytes       BLOB    NOT NULL,
    reason      TEXT    NOT NULL,
    waiting     INTEGER NOT NULL,
    sender      TEXT,
    received_at TEXT    NOT NULL
) STRICT;

-- The volunteers' devices a case is assigned to (sorted device ids, space-separated).
ALTER TABLE cases ADD COLUMN assigned_to TEXT NOT NULL DEFAULT '';
