-- Version 22: each case's legal facts in one row, kept by triggers (issue 15, docs/benchmarks.md
-- "Dashboard and board: one row of legal facts a case").
--
-- The dashboard and the deadlines board read every case's legal events, reduced to what its
-- status is computed from (`case_facts::legal_events_by_case`). Read from the index
-- `legal_event_facts` of migration 18 that was one index entry an event, each stepped and its six
-- columns read one by one (a third of the dashboard, nearly half the board). Here each case with
-- legal events has one row: a JSON array of its events' [id, kind, date, outcome,
-- appeal_waived], the same five values the index holds (in its order; the reader sorts by id).
--
-- Triggers, not Rust, keep it: like the indexes of migration 18 it is written in the statement
-- that writes a record, so every path that writes `records` (local writes, imports, forget,
-- conflict resolution, the release of a held case, case packets) keeps it in its own transaction,
-- and it cannot be read stale. A trigger rebuilds the rows of the cases a changed legal event
-- was and is in from `legal_event_facts` (one search of the index a case). Nothing in it depends
-- on today's date: deadlines are still computed from the events each time they are read.
--
-- IF NOT EXISTS, and the rows written again: a test vault set back to an older version by its
-- user_version runs this again over what it already holds.
CREATE TABLE IF NOT EXISTS case_legal_facts (
    case_id TEXT PRIMARY KEY,
    events  TEXT NOT NULL
) STRICT;

-- What the row of each case should hold, from the index alone. The triggers ask it for one or
-- two cases: SQLite moves their `case_id = …` into the grouped scan, a search of the index
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

-- The rows of the cases named (the old case and the new one, when an event moves) are deleted
-- and written again; a case left with no legal event keeps no row.
CREATE TRIGGER IF NOT EXISTS case_legal_facts_insert AFTER INSERT ON records
WHEN NEW.entity_type = 'legal_event' AND NEW.case_id IS NOT NULL
BEGIN
    DELETE FROM case_legal_facts WHERE case_id = NEW.case_id;
    INSERT INTO case_legal_facts (case_id, events)
        SELECT case_id, events FROM legal_facts_by_case WHERE case_id = NEW.case_id;
END;

CREATE TRIGGER IF NOT EXISTS case_legal_facts_delete AFTER DELETE ON records
WHEN OLD.entity_type = 'legal_event' AND OLD.case_id IS NOT NULL
BEGIN
    DELETE FROM case_legal_facts WHERE case_id = OLD.case_id;
    INSERT INTO case_legal_facts (case_id, events)
        SELECT case_id, events FROM legal_facts_by_case WHERE case_id = OLD.case_id;
END;

CREATE TRIGGER IF NOT EXISTS case_legal_facts_update AFTER UPDATE ON records
WHEN OLD.entity_type = 'legal_event' OR NEW.entity_type = 'legal_event'
BEGIN
    DELETE FROM case_legal_facts WHERE case_id IN (OLD.case_id, NEW.case_id);
    INSERT INTO case_legal_facts (case_id, events)
        SELECT case_id, events FROM legal_facts_by_case WHERE case_id IN (OLD.case_id, NEW.case_id);
END;
