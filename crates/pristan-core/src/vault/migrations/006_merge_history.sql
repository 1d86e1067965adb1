-- Version 6: what merging needs beyond last-writer-wins: every write to a field with the writes it
-- had seen (to find concurrent writes, kept as conflicts), and the ids of forgotten entities.

-- Every write to a materialised field: its stamp and value.
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

-- Forgotten cases: only the random id stays, so older bundles cannot bring the person back.
CREATE TABLE forgotten (
    entity_id TEXT PRIMARY KEY
) STRICT;
