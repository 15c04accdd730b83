-- Natter message archive, schema version 2: history catch-up from the server's archive (XEP-0313).
-- Released migrations are never edited: add V003__... instead.

-- How far each server archive has been read. The cursor is written in the same transaction as its page.
CREATE TABLE sync_state (
    account_id      INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- whose archive: '' for the account's own, else a room's address. Not NULL, because NULLs never collide
    -- in a key and the account's own cursor would then be stored once per page.
    with_address    TEXT    NOT NULL DEFAULT '',
    last_archive_id TEXT    NOT NULL,
    last_synced     INTEGER NOT NULL,
    PRIMARY KEY (account_id, with_address)
) WITHOUT ROWID;

-- The sort_time of the newest message the user has read. Messages fetched from the archive count as unread
-- only when newer, so scrolling back through old history does not make a read chat unread again.
ALTER TABLE conversation ADD COLUMN read_until INTEGER;

-- Displayed markers, retractions and read-state sync name a message by its stanza-id, not by conversation.
CREATE INDEX message_stanza_lookup ON message (stanza_id, stanza_id_by) WHERE stanza_id IS NOT NULL;
