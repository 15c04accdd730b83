-- Natter archive: one index per message id instead of two (ADR 0014).
-- Released migrations are never edited: add the next version instead.
--
-- A stanza-id and an origin-id each had a unique index led by the conversation (to stop repeats) and a second one
-- led by the id (for receipts, markers and read-state sync, which name a message without its conversation). Led by
-- the id, the unique index does both jobs: a repeat is still found by all its columns, a lookup by the id's prefix.
-- Every stored message paid for the two extra indexes.
DROP INDEX message_by_stanza_id;
DROP INDEX message_stanza_lookup;
CREATE UNIQUE INDEX message_by_stanza_id ON message (stanza_id, stanza_id_by, conversation_id)
    WHERE stanza_id IS NOT NULL;

DROP INDEX message_by_origin_id;
DROP INDEX message_origin_lookup;
CREATE UNIQUE INDEX message_by_origin_id ON message (origin_id, conversation_id, sender)
    WHERE origin_id IS NOT NULL;
