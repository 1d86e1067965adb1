-- Version 12: sync through a relay (docs/relay-protocol.md, docs/sync-plan.md "The relay path").

-- What the invitation this volunteer joined with said of the relay: the address (a RelaySetting
-- whose signature was checked when joining) and the join ticket for the first bundle.
CREATE TABLE relay_join (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    setting_json TEXT,
    ticket       TEXT
) STRICT;

-- The outbox: the exact encrypted bytes of each bundle exported for the relay, kept until the
-- relay acknowledges them and re-sent byte for byte (age encryption is randomised: exporting
-- again would make another object). `destination` is 'org' (the organisation inbox) or
-- 'device' (the mailbox of the device whose keys follow). `held_back` is set when the relay
-- refused the bundle as too large or over quota: it stays, is reported, and blocks nothing.
CREATE TABLE relay_outbox (
    sha256         TEXT    PRIMARY KEY,
    queued         INTEGER NOT NULL,
    destination    TEXT    NOT NULL CHECK (destination IN ('org', 'device')),
    to_device      TEXT,
    to_signing_key TEXT,
    to_recipient   TEXT,
    bytes          BLOB    NOT NULL,
    created_at     TEXT    NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT,
    held_back      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A coordinator sends a device a new case packet through the relay only when what the packet
-- would carry changed: the digest of the last one queued for it.
CREATE TABLE relay_packets (
    device_id TEXT PRIMARY KEY,
    digest    TEXT NOT NULL
) STRICT;

-- This device's relay state: when it last synced, whether it syncs by itself.
CREATE TABLE relay_state (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    last_synced_at TEXT,
    auto_sync      INTEGER NOT NULL DEFAULT 0
) STRICT;
