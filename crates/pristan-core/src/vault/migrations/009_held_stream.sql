-- Version 9: the held stream (see `sharing`). Changes to a case whose person has not agreed to
-- share with the coordinator are recorded under this second random device id, which is never
-- exported, so they consume none of this device's exported sequence numbers.
INSERT INTO vault_meta (key, value) VALUES ('held_stream_id', lower(hex(randomblob(16))));
