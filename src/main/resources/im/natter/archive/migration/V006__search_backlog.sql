-- Natter archive: the search index follows the messages in batches instead of row by row (ADR 0014).
-- Released migrations are never edited: add the next version instead.
--
-- Indexing a body as its row is stored was a third of the cost of storing a message, paid while a history catch-up
-- competes with the server and the network for the same cores. A stored message now only notes its id here; the
-- archive indexes the backlog in batches when the writer is idle, and before anything reads the index (a search,
-- the integrity check), so a search still finds every stored message.
CREATE TABLE search_backlog (
    message_id INTEGER PRIMARY KEY
);

DROP TRIGGER message_fts_after_insert;
CREATE TRIGGER message_search_backlog_after_insert AFTER INSERT ON message BEGIN
    INSERT OR IGNORE INTO search_backlog (message_id) VALUES (new.id);
END;

-- FTS5's 'delete' must name exactly what was indexed, so a body still in the backlog is not 'deleted' from the
-- index (it never was in it), only from the backlog. One trigger, so the two steps cannot run in the wrong order.
DROP TRIGGER message_fts_after_delete;
CREATE TRIGGER message_fts_after_delete AFTER DELETE ON message BEGIN
    INSERT INTO message_fts (message_fts, rowid, body)
        SELECT 'delete', old.id, old.body
        WHERE NOT EXISTS (SELECT 1 FROM search_backlog WHERE message_id = old.id);
    DELETE FROM search_backlog WHERE message_id = old.id;
END;

-- A body changed while waiting in the backlog is indexed as it is when its turn comes.
DROP TRIGGER message_fts_after_update;
CREATE TRIGGER message_fts_after_update AFTER UPDATE OF body ON message
    WHEN NOT EXISTS (SELECT 1 FROM search_backlog WHERE message_id = old.id) BEGIN
    INSERT INTO message_fts (message_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO message_fts (rowid, body) VALUES (new.id, new.body);
END;
