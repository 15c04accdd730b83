-- Natter message archive: group rooms (XEP-0045) and what modern rooms add.
-- Released migrations are never edited: add the next version instead.
--
-- Room-scoped stanza-id uniqueness needs no new index: message_by_stanza_id (V001) is already unique on
-- (conversation_id, stanza_id_by, stanza_id), so an id the room gave can never collide with one the account's
-- server gave, nor with another room's.

-- The XEP-0421 occupant-id the room stamped on a message: ties a person across nickname changes, so that only
-- they may correct or retract it.
ALTER TABLE message ADD COLUMN occupant_id TEXT;
-- A moderator removed the message for everyone (XEP-0425): who, and why. retracted is then 1 and body ''.
ALTER TABLE message ADD COLUMN moderated_by TEXT;
ALTER TABLE message ADD COLUMN moderation_reason TEXT;
-- The message names the user's nickname (highlight, and the MENTIONS notification level).
ALTER TABLE message ADD COLUMN mentions_me INTEGER NOT NULL DEFAULT 0 CHECK (mentions_me IN (0, 1));

-- Who in the room sent a correction or retraction, checked against the message it names.
ALTER TABLE message_change ADD COLUMN sender_nick TEXT;
ALTER TABLE message_change ADD COLUMN occupant_id TEXT;
-- A moderator's retraction: it may name anyone's message, by the room's stanza-id.
ALTER TABLE message_change ADD COLUMN moderated_by TEXT;
ALTER TABLE message_change ADD COLUMN moderation_reason TEXT;

-- Which of a room's messages ask for the user's attention.
ALTER TABLE conversation ADD COLUMN notification_level TEXT NOT NULL DEFAULT 'ALL'
    CHECK (notification_level IN ('ALL', 'MENTIONS', 'NONE'));

-- Join history of a room without an archive carries neither stanza-id nor (always) origin-id; such a message
-- seen again is recognised by its nickname, text and time.
CREATE INDEX message_without_ids ON message (conversation_id, sender_nick, sort_time)
    WHERE stanza_id IS NULL AND origin_id IS NULL;
-- Unread mentions per conversation, counted after its read point.
CREATE INDEX message_mentions ON message (conversation_id, sort_time) WHERE mentions_me = 1;
