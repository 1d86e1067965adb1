-- Version 10: the quarantine lists a refused file by name, size, hash and reason, and keeps its
-- bytes only when it may import later (`kept`); `size` is the file's size either way.
ALTER TABLE quarantine ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarantine ADD COLUMN kept INTEGER NOT NULL DEFAULT 1;
UPDATE quarantine SET size = length(bytes);

-- Which devices hold a case, or may (assigned, sent it in a case packet, or wrote about it): a
-- case packet carries a forget instruction only to them (ops::holders). Forgets already in the
-- log travelled to every device, and still do ('*').
CREATE TABLE case_holders (
    case_id   TEXT NOT NULL,
    device_id TEXT NOT NULL,
    PRIMARY KEY (case_id, device_id)
) STRICT;
INSERT OR IGNORE INTO case_holders (case_id, device_id)
    SELECT entity_id, '*' FROM ops WHERE json_extract(change, '$.type') = 'forget';
