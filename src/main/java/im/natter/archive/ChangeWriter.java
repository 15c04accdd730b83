package im.natter.archive;

import im.natter.domain.model.MessageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the chain of corrections and retractions inside one write transaction, for {@link MessageWriter}.
 *
 * <p>What a message shows is always worked out again from its whole chain (any retraction wins, else the newest
 * correction by time), so the outcome never depends on the order in which the changes and the message arrived,
 * and a change seen twice is stored once.
 */
final class ChangeWriter implements AutoCloseable {

    /** What storing one change came to. */
    sealed interface Outcome {
        /** Stored and applied to message {@code messageId}. */
        record Applied(long messageId) implements Outcome {
        }

        /** Stored; its message is not in the archive yet. */
        record Pending() implements Outcome {
        }

        /** Stored before: nothing changed. */
        record Repeat() implements Outcome {
        }

        /** Its target was written by someone else: not stored, not applied. */
        record Foreign() implements Outcome {
        }
    }

    // the same sender's message first: origin-ids are only unique per sender
    private static final String TARGET_BY_ORIGIN_ID = """
            SELECT id, sender, sender_nick, occupant_id FROM message WHERE conversation_id = ? AND origin_id = ?
            ORDER BY sender = ? DESC LIMIT 1""";
    private static final String TARGET_BY_STANZA_ID = """
            SELECT id, sender, sender_nick, occupant_id FROM message WHERE conversation_id = ? AND stanza_id = ?
            ORDER BY sender = ? DESC LIMIT 1""";
    // XEP-0308 says to name the original, but some clients name the previous correction
    private static final String TARGET_BY_CORRECTION = """
            SELECT m.id, m.sender, m.sender_nick, m.occupant_id FROM message_change ch
            JOIN message m ON m.id = ch.message_id
            WHERE ch.conversation_id = ? AND ch.origin_id = ? AND ch.message_id IS NOT NULL
            ORDER BY ch.sender = ? DESC LIMIT 1""";
    // a moderator names the message by the id the room gave it, whoever wrote it
    private static final String TARGET_OF_MODERATION = """
            SELECT id, sender, sender_nick, occupant_id FROM message
            WHERE conversation_id = ? AND stanza_id = ? AND stanza_id_by = ? LIMIT 1""";
    private static final String INSERT = """
            INSERT INTO message_change (conversation_id, kind, sender, target_id, message_id, body, content_kind,
                                        origin_id, stanza_id, stanza_id_by, server_time, local_time, sort_time,
                                        sender_nick, occupant_id, moderated_by, moderation_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id""";
    private static final String FILL_IN_STANZA_ID = """
            UPDATE OR IGNORE message_change SET stanza_id = ?, stanza_id_by = ?
            WHERE conversation_id = ? AND sender = ? AND origin_id = ? AND stanza_id IS NULL""";
    /*
     * Changes waiting for the message just stored: its sender's (in a room, only from the same occupant: the same
     * occupant-id when both have one, else the same nickname), and a moderator's naming its room stanza-id.
     */
    private static final String ATTACH_PENDING = """
            UPDATE message_change SET message_id = ?1
            WHERE conversation_id = ?2 AND message_id IS NULL AND (
                (moderated_by IS NULL AND sender = ?3 AND target_id IN (?4, ?5)
                 AND (?6 = 0 OR CASE WHEN occupant_id IS NOT NULL AND ?7 IS NOT NULL THEN occupant_id = ?7
                                     ELSE sender_nick IS ?8 END))
                OR (moderated_by IS NOT NULL AND target_id = ?9))""";
    private static final String CHAIN = """
            SELECT kind, body, content_kind, sort_time, moderated_by, moderation_reason FROM message_change
            WHERE message_id = ? ORDER BY sort_time DESC, id DESC""";
    private static final String RETRACT = """
            UPDATE message SET retracted = 1, body = '', original_body = NULL, edited_at = NULL
            WHERE id = ? AND retracted = 0""";
    // a moderator's word stands over the sender's own retraction: the first moderation recorded is kept
    private static final String MODERATE = """
            UPDATE message SET retracted = 1, body = '', original_body = NULL, edited_at = NULL,
                               moderated_by = ?, moderation_reason = ?
            WHERE id = ? AND moderated_by IS NULL""";
    // what was taken back must not linger in the corrections either
    private static final String FORGET_CHAIN_TEXT = "UPDATE message_change SET body = '' WHERE message_id = ?";
    private static final String CORRECT = """
            UPDATE message SET original_body = coalesce(original_body, body), body = ?, content_kind = ?,
                               edited_at = ?
            WHERE id = ? AND retracted = 0""";

    private final Connection connection;
    private final List<PreparedStatement> prepared = new ArrayList<>();
    private PreparedStatement insert;
    private PreparedStatement attachPending;
    private PreparedStatement anyWaiting;
    /**
     * Per conversation, whether changes wait for a message not stored yet: asked once per write, so a page of new
     * messages in a conversation without any costs one lookup, not one per message.
     */
    private final Map<Long, Boolean> waiting = new HashMap<>();

    ChangeWriter(Connection connection) {
        this.connection = connection;
    }

    Outcome store(long conversationId, MessageChange change) throws SQLException {
        Optional<Target> target = change.isModeration() ? moderated(conversationId, change)
                : target(conversationId, change);
        if (target.isPresent() && !change.isModeration() && !sameAuthor(target.get(), change)) {
            return new Outcome.Foreign();
        }
        Long messageId = target.map(Target::messageId).orElse(null);
        if (!insertRow(conversationId, change, messageId)) {
            fillInStanzaId(conversationId, change);
            return new Outcome.Repeat();
        }
        if (messageId == null) {
            waiting.put(conversationId, true);
            return new Outcome.Pending();
        }
        if (!change.isModeration()) {
            // a correction of this correction that came first now knows its message too
            attach(conversationId, messageId, change.sender().value(), change.originId(), null,
                    Author.of(change), null);
        }
        recompute(messageId);
        return new Outcome.Applied(messageId);
    }

    /**
     * Who in a room wrote a message or a change. Only asked of others' messages in rooms, whose sender is the room
     * for everyone: the user's own are recognised by the account as sender.
     *
     * @param check whether the author must match (a room message from someone else)
     */
    record Author(boolean check, String nick, String occupantId) {
        static final Author ANYONE = new Author(false, null, null);

        static Author of(MessageChange change) {
            return of(change.conversation(), change.sender().value(), change.senderNick(), change.occupantId());
        }

        static Author of(im.natter.domain.model.ConversationKey conversation, String sender, String nick,
                String occupantId) {
            boolean check = conversation.kind() == im.natter.domain.model.ConversationKind.ROOM
                    && !sender.equals(conversation.account().address().value());
            return check ? new Author(true, nick, occupantId) : ANYONE;
        }

        boolean matches(String otherNick, String otherOccupantId) {
            if (!check) {
                return true;
            }
            if (occupantId != null && otherOccupantId != null) {
                return occupantId.equals(otherOccupantId);
            }
            return java.util.Objects.equals(nick, otherNick);
        }
    }

    private static boolean sameAuthor(Target target, MessageChange change) {
        return target.sender().equals(change.sender().value())
                && Author.of(change).matches(target.nick(), target.occupantId());
    }

    /**
     * Links the changes that were waiting for the message just stored and applies them.
     *
     * @return whether there were any
     */
    boolean attachWaiting(long conversationId, long messageId, String sender, String originId, String stanzaId,
            Author author, String roomStanzaId) throws SQLException {
        if (originId == null && stanzaId == null || !anyWaiting(conversationId)) {
            return false;
        }
        if (attach(conversationId, messageId, sender, originId, stanzaId, author, roomStanzaId) == 0) {
            return false;
        }
        recompute(messageId);
        return true;
    }

    private boolean anyWaiting(long conversationId) throws SQLException {
        Boolean known = waiting.get(conversationId);
        if (known == null) {
            if (anyWaiting == null) {
                anyWaiting = prepare("SELECT EXISTS (SELECT 1 FROM message_change INDEXED BY message_change_pending"
                        + " WHERE conversation_id = ? AND message_id IS NULL)");
            }
            anyWaiting.setLong(1, conversationId);
            try (ResultSet rows = anyWaiting.executeQuery()) {
                known = rows.next() && rows.getInt(1) != 0;
            }
            waiting.put(conversationId, known);
        }
        return known;
    }

    /** @param roomStanzaId the id a room gave the message, which moderators name; else null */
    private int attach(long conversationId, long messageId, String sender, String id, String otherId, Author author,
            String roomStanzaId) throws SQLException {
        if (id == null && otherId == null) {
            return 0;
        }
        if (attachPending == null) {
            attachPending = prepare(ATTACH_PENDING);
        }
        attachPending.setLong(1, messageId);
        attachPending.setLong(2, conversationId);
        attachPending.setString(3, sender);
        attachPending.setString(4, id);
        attachPending.setString(5, otherId);
        attachPending.setInt(6, author.check() ? 1 : 0);
        attachPending.setString(7, author.occupantId());
        attachPending.setString(8, author.nick());
        attachPending.setString(9, roomStanzaId);
        return attachPending.executeUpdate();
    }

    /** Makes the message show what its whole chain says. */
    private void recompute(long messageId) throws SQLException {
        boolean retracted = false;
        String moderatedBy = null;
        String moderationReason = null;
        String newestText = null;
        String newestKind = null;
        long newestTime = 0;
        try (PreparedStatement chain = connection.prepareStatement(CHAIN)) {
            chain.setLong(1, messageId);
            try (ResultSet rows = chain.executeQuery()) {
                while (rows.next()) {
                    if ("RETRACTION".equals(rows.getString("kind"))) {
                        retracted = true;
                        if (rows.getString("moderated_by") != null) {
                            // newest first: the last one seen is the first moderation
                            moderatedBy = rows.getString("moderated_by");
                            moderationReason = rows.getString("moderation_reason");
                        }
                    } else if (newestText == null) {
                        newestText = rows.getString("body");
                        newestKind = rows.getString("content_kind");
                        newestTime = rows.getLong("sort_time");
                    }
                }
            }
        }
        if (moderatedBy != null) {
            try (PreparedStatement moderate = connection.prepareStatement(MODERATE)) {
                moderate.setString(1, moderatedBy);
                moderate.setString(2, moderationReason);
                moderate.setLong(3, messageId);
                moderate.executeUpdate();
            }
            update(FORGET_CHAIN_TEXT, messageId);
        } else if (retracted) {
            update(RETRACT, messageId);
            update(FORGET_CHAIN_TEXT, messageId);
        } else if (newestText != null) {
            try (PreparedStatement correct = connection.prepareStatement(CORRECT)) {
                correct.setString(1, newestText);
                correct.setString(2, newestKind);
                correct.setLong(3, newestTime);
                correct.setLong(4, messageId);
                correct.executeUpdate();
            }
        }
    }

    private void update(String sql, long messageId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, messageId);
            statement.executeUpdate();
        }
    }

    private record Target(long messageId, String sender, String nick, String occupantId) {
    }

    private Optional<Target> moderated(long conversationId, MessageChange change) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(TARGET_OF_MODERATION)) {
            query.setLong(1, conversationId);
            query.setString(2, change.targetId());
            query.setString(3, change.conversation().peer().value());
            return readTarget(query);
        }
    }

    private static Optional<Target> readTarget(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(new Target(rows.getLong(1), rows.getString(2), rows.getString(3),
                    rows.getString(4))) : Optional.empty();
        }
    }

    private Optional<Target> target(long conversationId, MessageChange change) throws SQLException {
        Optional<Target> found = find(TARGET_BY_ORIGIN_ID, conversationId, change);
        if (found.isEmpty()) {
            // XEP-0424 lets a retraction name the stanza-id (rooms); for 1:1 chats it is normally the origin-id
            found = find(TARGET_BY_STANZA_ID, conversationId, change);
        }
        if (found.isEmpty()) {
            found = find(TARGET_BY_CORRECTION, conversationId, change);
        }
        return found;
    }

    private Optional<Target> find(String sql, long conversationId, MessageChange change) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, conversationId);
            query.setString(2, change.targetId());
            query.setString(3, change.sender().value());
            return readTarget(query);
        }
    }

    private boolean insertRow(long conversationId, MessageChange change, Long messageId) throws SQLException {
        if (insert == null) {
            insert = prepare(INSERT);
        }
        insert.setLong(1, conversationId);
        insert.setString(2, change.kind().name());
        insert.setString(3, change.sender().value());
        insert.setString(4, change.targetId());
        if (messageId == null) {
            insert.setNull(5, java.sql.Types.INTEGER);
        } else {
            insert.setLong(5, messageId);
        }
        insert.setString(6, change.body());
        insert.setString(7, change.contentKind().name());
        insert.setString(8, change.originId());
        insert.setString(9, change.stanzaId());
        insert.setString(10, change.stanzaIdBy());
        Millis.bind(insert, 11, change.serverTime());
        Millis.bind(insert, 12, change.localTime());
        Millis.bind(insert, 13, change.displayTime());
        insert.setString(14, change.senderNick());
        insert.setString(15, change.occupantId());
        insert.setString(16, change.moderatedBy());
        insert.setString(17, change.moderationReason());
        try (ResultSet rows = insert.executeQuery()) {
            return rows.next();
        }
    }

    private void fillInStanzaId(long conversationId, MessageChange change) throws SQLException {
        if (change.originId() == null || change.stanzaId() == null) {
            return;
        }
        try (PreparedStatement fillIn = connection.prepareStatement(FILL_IN_STANZA_ID)) {
            fillIn.setString(1, change.stanzaId());
            fillIn.setString(2, change.stanzaIdBy());
            fillIn.setLong(3, conversationId);
            fillIn.setString(4, change.sender().value());
            fillIn.setString(5, change.originId());
            fillIn.executeUpdate();
        }
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        prepared.add(statement);
        return statement;
    }

    @Override
    public void close() throws SQLException {
        Statements.closeAll(prepared.stream().<Statements.SqlCloseable>map(st -> st::close).toList());
    }
}
