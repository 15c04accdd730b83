-- Natter archive: when the sender says it wrote a message (ADR 0012).
-- Released migrations are never edited: add the next version instead.

-- The writer's clock as its client stated it (milliseconds since the epoch), or NULL. Used only to keep one
-- sender's messages of a conversation in the order they were written when the server delivers or archives them in
-- another order; never shown.
ALTER TABLE message ADD COLUMN sender_clock INTEGER;
CREATE INDEX message_by_sender_clock ON message (conversation_id, sender, sender_clock)
    WHERE sender_clock IS NOT NULL;
