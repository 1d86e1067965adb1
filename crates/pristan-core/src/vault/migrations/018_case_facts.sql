-- Version 18: what the dashboard and the deadlines board read of each case, kept by SQLite itself
-- (issue 15, docs/benchmarks.md "Per-case summary (issue 15)", `case_facts`). Each is a partial
-- index over `records`: SQLite updates it in the statement that changes a record, so every path
-- that writes `records` (local writes, imports, forget, conflict resolution, release of a held
-- case, case packets) keeps it, in its own transaction, and it can never be read stale. Nothing in
-- them depends on today's date: deadlines are still computed from the legal events each time.
--
-- Each index also holds `entity_type` and `deleted`, which its condition names, so that SQLite
-- reads it alone ("covering"), never the table and its notes' pages.
--
-- A case's legal events, reduced to what `case_status` and the removal ranking read of them.
CREATE INDEX legal_event_facts ON records (
    case_id, id,
    json_extract(body, '$.kind'), json_extract(body, '$.date'),
    json_extract(body, '$.outcome'), json_extract(body, '$.appeal_waived'),
    entity_type, deleted
) WHERE entity_type = 'legal_event' AND deleted = 0;
-- Each case's visit dates: its last contact is the latest on or before today.
CREATE INDEX visit_days ON records (case_id, json_extract(body, '$.date'), entity_type, deleted)
    WHERE entity_type = 'visit' AND deleted = 0;
-- Visits by date, whole: the dashboard's upcoming visits are the few dated today or later.
CREATE INDEX visits_by_day ON records (json_extract(body, '$.date'), id, body, entity_type, deleted)
    WHERE entity_type = 'visit' AND deleted = 0;
-- Open tasks, whole (a task without a status is open, as the model reads it).
CREATE INDEX open_tasks ON records (case_id, id, body, entity_type, deleted)
    WHERE entity_type = 'task' AND deleted = 0
      AND coalesce(json_extract(body, '$.status'), 'open') = 'open';
