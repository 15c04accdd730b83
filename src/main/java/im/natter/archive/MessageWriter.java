package im.natter.archive;

import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessageChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Stores messages inside one write transaction: the one place that decides what is a repeat. Its statements are
 * prepared once and reused for every message, so a page of history costs one prepare per statement, not per row.
 *
 * <p>Repeats are recognised by the unique indexes (same stanza-id from the same assigner, or same origin-id from
 * the same sender in the same conversation), whatever direction or route the copy came by. A repeat that carries
 * a stanza-id the stored copy lacks (typically the user's own message, stored before the server had given it
 * one) fills it in, so the archive's copy of it matches by stanza-id later.
 */
final class MessageWriter implements AutoCloseable {

    /** Which incoming messages add to their conversation's unread count. */
    enum Unread {
        /** Every new incoming message: it has just arrived. */
        EVERY_INCOMING,
        /** Only those newer than what the user has read: history fetched later may be long read. */
        AFTER_READ_POINT
    }

    private static final String INSERT = """
            INSERT INTO message (conversation_id, direction, sender, sender_nick, body, content_kind, origin_id,
                                 stanza_id, stanza_id_by, server_time, local_time, sort_time, state, error,
                                 reply_to_id, occupant_id, mentions_me)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            RETURNING id""";

    // OR IGNORE: should another row already hold that stanza-id, the repeat stays a repeat rather than failing
    private static final String FILL_IN_STANZA_ID = """
            UPDATE OR IGNORE message SET stanza_id = ?, stanza_id_by = ?
            WHERE conversation_id = ? AND sender = ? AND origin_id = ? AND stanza_id IS NULL""";

    /*
     * A room message without any id (join history of a room without an archive) seen before: same nickname and
     * text, sent at the same time. A copy seen live has no server time, only the time it arrived, which lies a
     * moment after the time the room's history states.
     */
    private static final String SEEN_WITHOUT_IDS = """
            SELECT 1 FROM message
            WHERE conversation_id = ?1 AND sender_nick IS ?2 AND coalesce(original_body, body) = ?3
              AND stanza_id IS NULL AND origin_id IS NULL
              AND (server_time = ?4 OR (server_time IS NULL AND local_time BETWEEN ?4 - ?5 AND ?4 + ?5))
            LIMIT 1""";
    /** How far the arrival time of a live copy may lie from the time a room's history gives for it. */
    static final long LIVE_COPY_MARGIN_MILLIS = 120_000;

    private static final String COUNT_UNREAD = """
            UPDATE conversation SET unread = unread + 1
            WHERE id = ? AND (? = 0 OR read_until IS NULL OR read_until < ?)""";

    private final Connection connection;
    private final Map<ConversationKey, Long> conversationIds = new HashMap<>();
    private PreparedStatement insert;
    private PreparedStatement fillIn;
    private PreparedStatement countUnread;
    private PreparedStatement seenWithoutIds;
    private ChangeWriter changes;

    /** {@code connection} must be the writer's, inside the transaction the messages belong to. */
    MessageWriter(Connection connection) {
        this.connection = connection;
    }

    /**
     * Stores {@code message} (its id must be 0), creating its conversation if needed.
     *
     * @return the message as stored, with its id; empty when it is a repeat
     */
    Optional<ChatMessage> insert(ChatMessage message, Unread unread) throws SQLException {
        if (message.id() != 0) {
            throw new IllegalArgumentException("a message to insert has id 0, not " + message.id());
        }
        long conversationId = conversationId(message.conversation(), message.localTime());
        if (seenWithoutIds(conversationId, message)) {
            return Optional.empty();
        }
        OptionalLong id = insertRow(conversationId, message);
        if (id.isEmpty()) {
            fillInStanzaId(conversationId, message);
            return Optional.empty();
        }
        if (message.direction() == Direction.INCOMING) {
            countUnread(conversationId, message, unread);
        }
        String roomStanzaId = message.conversation().kind() == ConversationKind.ROOM
                && message.conversation().peer().value().equals(message.stanzaIdBy()) ? message.stanzaId() : null;
        if (changes().attachWaiting(conversationId, id.getAsLong(), message.sender().value(), message.originId(),
                message.stanzaId(), ChangeWriter.Author.of(message.conversation(), message.sender().value(),
                        message.senderNick(), message.occupantId()), roomStanzaId)) {
            return byId(id.getAsLong());
        }
        return Optional.of(asStored(message, id.getAsLong()));
    }

    /**
     * Stores a correction or retraction and applies it (see {@link im.natter.domain.port.MessageStore#applyChange}).
     * The changed message is read back by the caller, so several changes to one message report it once.
     *
     * @param changed collects the ids of stored messages this changed
     * @param added   collects a correction of someone else's message, stored as a message of its own
     */
    void applyChange(MessageChange change, Unread unread, Set<Long> changed, List<ChatMessage> added)
            throws SQLException {
        long conversationId = conversationId(change.conversation(), change.localTime());
        switch (changes().store(conversationId, change)) {
            case ChangeWriter.Outcome.Applied applied -> changed.add(applied.messageId());
            case ChangeWriter.Outcome.Foreign foreign -> {
                if (change.kind() == MessageChange.Kind.CORRECTION) {
                    insert(asOwnMessage(change), unread).ifPresent(added::add);
                }
            }
            case ChangeWriter.Outcome.Pending pending -> {
            }
            case ChangeWriter.Outcome.Repeat repeat -> {
            }
        }
    }

    Optional<ChatMessage> byId(long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + "WHERE m.id = ?")) {
            query.setLong(1, id);
            return MessageRows.first(query);
        }
    }

    private ChangeWriter changes() {
        if (changes == null) {
            changes = new ChangeWriter(connection);
        }
        return changes;
    }

    /** A correction that may not change what it names is just a message from its sender. */
    private static ChatMessage asOwnMessage(MessageChange c) {
        boolean own = c.sender().equals(c.conversation().account().address());
        return new ChatMessage(0, c.conversation(), own ? Direction.OUTGOING : Direction.INCOMING, c.sender(),
                c.senderNick(), c.body(), c.contentKind(), c.originId(), c.stanzaId(), c.stanzaIdBy(),
                c.serverTime(), c.localTime(), own ? DeliveryState.ON_SERVER : DeliveryState.RECEIVED, null, null,
                false, null, c.occupantId(), null, null, false);
    }

    @Override
    public void close() throws SQLException {
        var all = new java.util.ArrayList<Statements.SqlCloseable>();
        if (changes != null) {
            all.add(changes::close);
        }
        for (PreparedStatement statement : new PreparedStatement[] {insert, fillIn, countUnread,
                seenWithoutIds}) {
            if (statement != null) {
                all.add(statement::close);
            }
        }
        Statements.closeAll(all);
    }

    private long conversationId(ConversationKey key, Instant created) throws SQLException {
        Long known = conversationIds.get(key);
        if (known != null) {
            return known;
        }
        long id = ArchiveKeys.ensureConversation(connection, key, created);
        conversationIds.put(key, id);
        return id;
    }

    private OptionalLong insertRow(long conversationId, ChatMessage message) throws SQLException {
        if (insert == null) {
            insert = connection.prepareStatement(INSERT);
        }
        insert.setLong(1, conversationId);
        insert.setString(2, message.direction().name());
        insert.setString(3, message.sender().value());
        insert.setString(4, message.senderNick());
        insert.setString(5, message.body());
        insert.setString(6, message.contentKind().name());
        insert.setString(7, message.originId());
        insert.setString(8, message.stanzaId());
        insert.setString(9, message.stanzaIdBy());
        Millis.bind(insert, 10, message.serverTime());
        Millis.bind(insert, 11, message.localTime());
        Millis.bind(insert, 12, message.displayTime());
        insert.setString(13, message.state().name());
        insert.setString(14, message.error());
        insert.setString(15, message.replyToId());
        insert.setString(16, message.occupantId());
        insert.setInt(17, message.mentionsMe() ? 1 : 0);
        try (ResultSet rows = insert.executeQuery()) {
            return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
        }
    }

    private boolean seenWithoutIds(long conversationId, ChatMessage message) throws SQLException {
        if (message.conversation().kind() != ConversationKind.ROOM || message.stanzaId() != null
                || message.originId() != null || message.serverTime() == null) {
            return false;
        }
        if (seenWithoutIds == null) {
            seenWithoutIds = connection.prepareStatement(SEEN_WITHOUT_IDS);
        }
        seenWithoutIds.setLong(1, conversationId);
        seenWithoutIds.setString(2, message.senderNick());
        seenWithoutIds.setString(3, message.body());
        seenWithoutIds.setLong(4, message.serverTime().toEpochMilli());
        seenWithoutIds.setLong(5, LIVE_COPY_MARGIN_MILLIS);
        try (ResultSet rows = seenWithoutIds.executeQuery()) {
            return rows.next();
        }
    }

    private void fillInStanzaId(long conversationId, ChatMessage message) throws SQLException {
        if (message.originId() == null || message.stanzaId() == null) {
            return;
        }
        if (fillIn == null) {
            fillIn = connection.prepareStatement(FILL_IN_STANZA_ID);
        }
        fillIn.setString(1, message.stanzaId());
        fillIn.setString(2, message.stanzaIdBy());
        fillIn.setLong(3, conversationId);
        fillIn.setString(4, message.sender().value());
        fillIn.setString(5, message.originId());
        fillIn.executeUpdate();
    }

    private void countUnread(long conversationId, ChatMessage message, Unread unread) throws SQLException {
        if (countUnread == null) {
            countUnread = connection.prepareStatement(COUNT_UNREAD);
        }
        countUnread.setLong(1, conversationId);
        countUnread.setInt(2, unread == Unread.AFTER_READ_POINT ? 1 : 0);
        Millis.bind(countUnread, 3, message.displayTime());
        countUnread.executeUpdate();
    }

    /** What reading the row back would give: times are kept to the millisecond. */
    private static ChatMessage asStored(ChatMessage m, long id) {
        return new ChatMessage(id, m.conversation(), m.direction(), m.sender(), m.senderNick(), m.body(),
                m.contentKind(), m.originId(), m.stanzaId(), m.stanzaIdBy(), millis(m.serverTime()),
                millis(m.localTime()), m.state(), m.error(), m.editedAt(), m.retracted(), m.replyToId(),
                m.occupantId(), m.moderatedBy(), m.moderationReason(), m.mentionsMe());
    }

    private static Instant millis(Instant time) {
        return time == null ? null : Instant.ofEpochMilli(time.toEpochMilli());
    }
}
