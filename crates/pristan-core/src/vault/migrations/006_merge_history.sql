-- Version 6: what merging needs beyond last-writer-wins: the writes to each field that no later
-- write had seen (its heads; two or more are a conflict for a coordinator), and the ids of
-- forgotten entities. See ops/history.rs.

-- The heads of each materialised field, with the value each wrote as canonical JSON. A write
-- leaves this table once a later write names it as seen.
CREATE TABLE field_writes (
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (entity_id, field, hlc, device_id)
) STRICT;

-- Writes that a later write had seen when it was made: a write named here is not a head.
CREATE TABLE field_supersedes (
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (entity_id, field, hlc, device_id)
) STRICT;

-- Forgotten cases and their records: only the random ids stay, so older bundles cannot bring the
-- person back.
CREATE TABLE forgotten (
    entity_id TEXT PRIMARY KEY
) STRICT;

-- Operations written before this version do not say what they had seen, so each field starts
-- with one head: the write that shows. Only assignments write fields; the `deleted` and `record`
-- stamps of tombstones and immutable records are not values and never conflict. `->` gives the
-- value as JSON text, as serde_json wrote it into the operation (compact, keys sorted).
INSERT OR IGNORE INTO field_writes (entity_id, field, hlc, device_id, value)
    SELECT s.entity_id, s.field, s.hlc, s.device_id, o.change -> ('$.fields."' || s.field || '"')
    FROM field_stamps s
    JOIN ops o ON o.entity_id = s.entity_id AND o.hlc = s.hlc AND o.device_id = s.device_id
    WHERE o.change ->> '$.type' = 'assign'
      AND o.change -> ('$.fields."' || s.field || '"') IS NOT NULL;
