-- Natter message archive, schema version 3: messages that change other messages.
-- Corrections (XEP-0308) and retractions (XEP-0424) are kept as a chain of their own, each stored once by its own
-- keys and linked to the message it changes; replies (XEP-0461) remember what they answer.
-- Released migrations are never edited: add V004__... instead.

-- When the newest correction was sent (NULL: never corrected); body then holds the corrected text.
ALTER TABLE message ADD COLUMN edited_at INTEGER;
-- The sender took the message back: body is '' so its text leaves the search index too.
ALTER TABLE message ADD COLUMN retracted INTEGER NOT NULL DEFAULT 0 CHECK (retracted IN (0, 1));
-- The origin-id or stanza-id of the message this one answers.
ALTER TABLE message ADD COLUMN reply_to_id TEXT;
-- The text as first received, kept once a correction replaces body (not searched).
ALTER TABLE message ADD COLUMN original_body TEXT;

CREATE TABLE message_change (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('CORRECTION', 'RETRACTION')),
    sender          TEXT    NOT NULL,
    -- the id the change names; it may arrive before the message it names (archive order, carbons)
    target_id       TEXT    NOT NULL,
    -- the message it changes, once that is stored and known to be the same sender's; NULL until then
    message_id      INTEGER REFERENCES message (id) ON DELETE CASCADE,
    body            TEXT    NOT NULL,
    content_kind    TEXT    NOT NULL,
    origin_id       TEXT,
    stanza_id       TEXT,
    stanza_id_by    TEXT,
    server_time     INTEGER,
    local_time      INTEGER NOT NULL,
    sort_time       INTEGER NOT NULL
);

-- The same correction or retraction arriving again (live, carbon, archive) hits one of these.
CREATE UNIQUE INDEX message_change_by_stanza_id ON message_change (conversation_id, stanza_id_by, stanza_id)
    WHERE stanza_id IS NOT NULL;
CREATE UNIQUE INDEX message_change_by_origin_id ON message_change (conversation_id, sender, origin_id)
    WHERE origin_id IS NOT NULL;
-- Changes still waiting for their message, looked up whenever a message is stored.
CREATE INDEX message_change_pending ON message_change (conversation_id, sender, target_id) WHERE message_id IS NULL;
-- A message's chain, newest first.
CREATE INDEX message_change_chain ON message_change (message_id, sort_time) WHERE message_id IS NOT NULL;
