-- Natter message archive, schema version 1.
-- Everything hangs off an account from the start, so a second account needs no migration.
-- Times are epoch milliseconds (INTEGER); enums are stored by name.
-- Released migrations are never edited: add V002__... instead.

CREATE TABLE account (
    id      INTEGER PRIMARY KEY,
    address TEXT    NOT NULL UNIQUE
);

CREATE TABLE contact (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    address      TEXT    NOT NULL,
    name         TEXT,
    subscription TEXT    NOT NULL,
    ask_pending  INTEGER NOT NULL DEFAULT 0 CHECK (ask_pending IN (0, 1)),
    UNIQUE (account_id, address)
);

CREATE TABLE contact_group (
    contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    PRIMARY KEY (contact_id, name)
) WITHOUT ROWID;

CREATE TABLE subscription_request (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    address    TEXT    NOT NULL,
    nickname   TEXT,
    received   INTEGER NOT NULL,
    UNIQUE (account_id, address)
);

CREATE TABLE conversation (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    peer       TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    unread     INTEGER NOT NULL DEFAULT 0 CHECK (unread >= 0),
    created    INTEGER NOT NULL,
    UNIQUE (account_id, peer, kind)
);

CREATE TABLE message (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    direction       TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    sender_nick     TEXT,
    body            TEXT    NOT NULL,
    content_kind    TEXT    NOT NULL,
    origin_id       TEXT,
    stanza_id       TEXT,
    stanza_id_by    TEXT,
    server_time     INTEGER,
    local_time      INTEGER NOT NULL,
    -- the time shown and ordered by: server time unless it lies in the future (ChatMessage.displayTime)
    sort_time       INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    error           TEXT
);

-- A message that arrives again (carbons, MAM catch-up, room history) hits one of these and is not stored twice.
CREATE UNIQUE INDEX message_by_stanza_id ON message (conversation_id, stanza_id_by, stanza_id)
    WHERE stanza_id IS NOT NULL;
CREATE UNIQUE INDEX message_by_origin_id ON message (conversation_id, sender, origin_id)
    WHERE origin_id IS NOT NULL;

-- Paging through a conversation, newest first, and finding its last message.
CREATE INDEX message_by_time ON message (conversation_id, sort_time, id);
-- Receipts and server acks name our message only by its origin-id, not by conversation.
CREATE INDEX message_origin_lookup ON message (origin_id) WHERE origin_id IS NOT NULL;
-- The outbox.
CREATE INDEX message_queued ON message (sort_time, id) WHERE state = 'QUEUED';

-- Full-text index over message bodies; the rows live in message, the triggers keep the index in step.
CREATE VIRTUAL TABLE message_fts USING fts5 (
    body,
    content = 'message',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER message_fts_after_insert AFTER INSERT ON message BEGIN
    INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);
END;

CREATE TRIGGER message_fts_after_delete AFTER DELETE ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

CREATE TRIGGER message_fts_after_update AFTER UPDATE OF body ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);
END;
