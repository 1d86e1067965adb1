-- Version 8: forks (two different operations under one device and sequence number), devices that
-- continue under a new identity, and rosters that merge (docs/sync-plan.md, "Forks").

-- Operations kept beside the log, never dropped: a second, different operation for a
-- (device, seq) the log already holds (reason 'fork'), an operation under this device's own id
-- that it never wrote ('fork' too), or one past a revoked device's last good sequence number
-- ('revoked', moved out of the log when the revocation arrived; its effects stay until the
-- author's new identity issues it again). Not part of the state hash.
CREATE TABLE forked_ops (
    device_id     TEXT    NOT NULL,
    seq           INTEGER NOT NULL,
    op_hash       TEXT    NOT NULL,
    op_json       TEXT    NOT NULL,
    reason        TEXT    NOT NULL CHECK (reason IN ('fork', 'revoked')),
    bundle_sender TEXT,
    bundle_number INTEGER,
    received_at   TEXT    NOT NULL,
    PRIMARY KEY (device_id, seq, op_hash)
) STRICT;

-- Each time this vault moved to a new device identity: the old id, why, and which of the old
-- identity's operations it wrote itself (carry_from..carry_to: those no bundle had carried start
-- at carry_from), which the new identity carries to the coordinators unchanged until a revocation
-- makes it issue those past the last good one again under its own id.
CREATE TABLE identity_history (
    old_device   TEXT    PRIMARY KEY,
    new_device   TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    rotated_at   TEXT    NOT NULL,
    carry_from   INTEGER NOT NULL,
    carry_to     INTEGER NOT NULL,
    carried      INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A waiting device may say which device it continues (a restored or copied vault).
ALTER TABLE pending_devices ADD COLUMN replaces TEXT;

-- Every accepted roster that no other kept roster includes: two coordinators' concurrent
-- versions are both kept, and the roster in force is their merge.
CREATE TABLE roster_frontier (
    signature   TEXT    PRIMARY KEY,
    version     INTEGER NOT NULL,
    roster_json TEXT    NOT NULL
) STRICT;
INSERT INTO roster_frontier (signature, version, roster_json)
    SELECT signature, version, roster_json FROM roster;
