-- Version 22: each case's legal facts in one row (issue 15, docs/benchmarks.md
-- "Dashboard and board: one row of legal facts a case").
--
-- The dashboard and the deadlines board read every case's legal events, reduced to what its
-- status is computed from (`case_facts::legal_events_by_case`). Read from the index
-- `legal_event_facts` of migration 18 that was one index entry an event, each stepped and its six
-- columns read one by one (a third of the dashboard, nearly half the board). Here each case with
-- legal events has one row: a JSON array of its events' [id, kind, date, outcome,
-- appeal_waived], the same five values the index holds (in its order; the reader sorts by id).
--
-- `case_facts::legal_facts_changed` writes a case's row again, in the transaction that writes one
-- of its legal events: `records::store` when an event is saved or deleted, forget when the case
-- is forgotten, and `sharing::release` when the case's records are applied again. Those are the
-- only writes of a legal event's row in `records`; `case_facts::tests` checks the rows against
-- the index after each of them. (Triggers on `records` kept it too, but any trigger on the table
-- makes every write to it open a statement savepoint, which makes FTS5 write its pending entries
-- to disk at each one: a whole-vault import took 64-70 s instead of 38-40 s.) Nothing in it
-- depends on today's date: deadlines are still computed from the events each time they are read.
--
-- IF NOT EXISTS, and the rows written again: a test vault set back to an older version by its
-- user_version runs this again over what it already holds.
CREATE TABLE IF NOT EXISTS case_legal_facts (
    case_id TEXT PRIMARY KEY,
    -- NULL only inside `legal_facts_changed`, which deletes the row of a case left without events.
    events  TEXT
) STRICT;

-- What the row of each case should hold, from the index alone. `legal_facts_changed` asks it for
-- one case: SQLite moves its `case_id = ?` into the grouped scan, a search of the index
-- (`case_facts::tests` checks the plan).
CREATE VIEW IF NOT EXISTS legal_facts_by_case AS
    SELECT case_id,
           json_group_array(json_array(
               id, json_extract(body, '$.kind'), json_extract(body, '$.date'),
               json_extract(body, '$.outcome'), json_extract(body, '$.appeal_waived'))) AS events
    FROM records INDEXED BY legal_event_facts
    WHERE entity_type = 'legal_event' AND deleted = 0 AND case_id IS NOT NULL
    GROUP BY case_id;

DELETE FROM case_legal_facts;
INSERT INTO case_legal_facts (case_id, events) SELECT case_id, events FROM legal_facts_by_case;
