-- Version 16: family status cards issued from this vault (issue 14, docs/family-card.md).
-- Local state, never an operation: a card's passphrase and message stay on the device that
-- issued the card and never travel in a bundle. The passphrase is kept (inside the encrypted
-- database) so a refresh re-encrypts with the words the family already has; revoking wipes it.
CREATE TABLE family_cards (
    id           TEXT PRIMARY KEY,   -- random; also the card file's name
    case_id      TEXT NOT NULL,
    relative_id  TEXT NOT NULL,
    language     TEXT NOT NULL,      -- 'ru' | 'en'
    words        TEXT NOT NULL,      -- the passphrase's word list: 'ru' | 'en'
    message      TEXT NOT NULL,
    whom_to_call TEXT NOT NULL,
    passphrase   TEXT,               -- NULL once revoked
    issued_at    TEXT NOT NULL,
    refreshed_at TEXT NOT NULL,
    revoked_at   TEXT
) STRICT;
CREATE INDEX family_cards_by_case ON family_cards (case_id);
