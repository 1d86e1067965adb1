-- Version 5: the organisation this vault belongs to, this device's keys, the signed roster, and
-- devices waiting for approval (DESIGN.md §6). Secret keys live only here, inside SQLCipher.

-- One row once the vault has created or joined an organisation. The secret columns are set only
-- on a coordinator's vault, and always together: holding them is what makes it a coordinator's.
CREATE TABLE org (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    org_id         TEXT NOT NULL,
    name           TEXT NOT NULL,
    signing_key    TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    signing_secret TEXT,
    age_identity   TEXT,
    CHECK ((signing_secret IS NULL) = (age_identity IS NULL))
) STRICT;

-- This device's own Ed25519 signing key (64 hex digits) and age X25519 identity
-- (AGE-SECRET-KEY-1…), made on first need.
CREATE TABLE device_keys (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    signing_secret TEXT NOT NULL,
    age_identity   TEXT NOT NULL
) STRICT;

-- The newest accepted roster, exactly as signed.
CREATE TABLE roster (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL,
    roster_json TEXT    NOT NULL,
    signature   TEXT    NOT NULL
) STRICT;

-- Devices seen in bundle headers but not approved yet. The first keys seen for a device are kept;
-- other keys under the same id are refused, never stored.
CREATE TABLE pending_devices (
    device_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    signing_key TEXT NOT NULL,
    recipient   TEXT NOT NULL,
    first_seen  TEXT NOT NULL
) STRICT;
