package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.ChatMessage;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.DeliveryState;
import im.natter.domain.model.MessageChange;
import im.natter.domain.model.StoredMessages;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.MessageStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The message archive on SQLite. What counts as a repeat is decided in {@link MessageWriter}. */
public final class SqliteMessageStore implements MessageStore {

    private final Database database;

    public SqliteMessageStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Optional<ChatMessage> insert(ChatMessage message) throws ArchiveException {
        return store(message).added().stream().findFirst();
    }

    @Override
    public StoredMessages store(ChatMessage message) throws ArchiveException {
        if (message.id() != 0) {
            throw new IllegalArgumentException("a message to insert has id 0, not " + message.id());
        }
        return database.write(connection -> {
            try (MessageWriter writer = new MessageWriter(connection)) {
                List<ChatMessage> added = writer.insert(message, MessageWriter.Unread.EVERY_INCOMING)
                        .map(List::of).orElse(List.of());
                return new StoredMessages(added, readBack(writer, writer.moved()));
            }
        });
    }

    @Override
    public Optional<ChatMessage> updateState(AccountId account, String originId, DeliveryState state, String error)
            throws ArchiveException {
        Objects.requireNonNull(state, "state");
        return database.write(connection -> {
            Optional<ChatMessage> current = ownMessage(connection, account, originId);
            if (current.isEmpty() || !current.get().state().canMoveTo(state)) {
                return Optional.empty();
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE message SET state = ?, error = ? WHERE id = ?")) {
                update.setString(1, state.name());
                update.setString(2, error);
                update.setLong(3, current.get().id());
                update.executeUpdate();
            }
            return byId(connection, current.get().id());
        });
    }

    @Override
    public List<ChatMessage> page(ConversationKey conversation, long beforeId, int limit) throws ArchiveException {
        if (limit < 0) {
            throw new IllegalArgumentException("limit < 0");
        }
        if (limit == 0) {
            return List.of();
        }
        return database.read(connection -> {
            OptionalLong conversationId = ArchiveKeys.conversation(connection, conversation);
            if (conversationId.isEmpty()) {
                return List.of();
            }
            // (sort_time, id) is the total order of a conversation; the index on it makes every page a range scan
            String sql = MessageRows.SELECT + "WHERE m.conversation_id = ?"
                    + (beforeId == 0 ? "" : " AND (m.sort_time, m.id) <"
                            + " (SELECT sort_time, id FROM message WHERE id = ? AND conversation_id = ?)")
                    + " ORDER BY m.sort_time DESC, m.id DESC LIMIT ?";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                int i = 1;
                query.setLong(i++, conversationId.getAsLong());
                if (beforeId != 0) {
                    query.setLong(i++, beforeId);
                    query.setLong(i++, conversationId.getAsLong());
                }
                query.setInt(i, limit);
                List<ChatMessage> newestFirst = MessageRows.list(query);
                Collections.reverse(newestFirst);
                return newestFirst;
            }
        });
    }

    @Override
    public List<ChatMessage> queued(AccountId account) throws ArchiveException {
        return database.read(connection -> {
            // without statistics the planner would walk every message of the account instead of the small outbox
            try (PreparedStatement query = connection.prepareStatement(
                    MessageRows.selectFrom("message m INDEXED BY message_queued") + """
                    WHERE a.address = ? AND m.state = 'QUEUED' AND m.direction = 'OUTGOING'
                    ORDER BY m.sort_time, m.id""")) {
                query.setString(1, account.address().value());
                return MessageRows.list(query);
            }
        });
    }

    @Override
    public List<ChatMessage> unconfirmedSince(AccountId account, java.time.Instant since) throws ArchiveException {
        return database.read(connection -> {
            // per conversation a range of its time index; conversations are few next to their messages
            try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + """
                    WHERE a.address = ? AND c.kind = 'CHAT' AND m.sort_time >= ? AND m.local_time >= ?
                      AND m.direction = 'OUTGOING' AND m.state = 'ON_SERVER'
                      AND EXISTS (SELECT 1 FROM message d
                                  WHERE d.conversation_id = m.conversation_id AND d.state = 'DELIVERED')
                    ORDER BY m.sort_time, m.id""")) {
                query.setString(1, account.address().value());
                query.setLong(2, since.toEpochMilli());
                query.setLong(3, since.toEpochMilli());
                return MessageRows.list(query);
            }
        });
    }

    @Override
    public Optional<ChatMessage> findByOriginId(AccountId account, String originId) throws ArchiveException {
        return database.read(connection -> {
            // the user's own message first: origin-ids are only unique per sender
            try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + """
                    WHERE a.address = ? AND m.origin_id = ?
                    ORDER BY m.direction = 'OUTGOING' DESC, m.id DESC LIMIT 1""")) {
                query.setString(1, account.address().value());
                query.setString(2, originId);
                return MessageRows.first(query);
            }
        });
    }

    @Override
    public StoredMessages applyChange(MessageChange change) throws ArchiveException {
        Objects.requireNonNull(change, "change");
        return database.write(connection -> {
            try (MessageWriter writer = new MessageWriter(connection)) {
                Set<Long> changed = new LinkedHashSet<>();
                List<ChatMessage> added = new ArrayList<>();
                writer.applyChange(change, MessageWriter.Unread.EVERY_INCOMING, changed, added);
                changed.addAll(writer.moved());
                return new StoredMessages(added, readBack(writer, changed));
            }
        });
    }

    @Override
    public Optional<ChatMessage> findReferenced(ConversationKey conversation, String id) throws ArchiveException {
        Objects.requireNonNull(conversation, "conversation");
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        return database.read(connection -> {
            OptionalLong conversationId = ArchiveKeys.conversation(connection, conversation);
            if (conversationId.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + """
                    WHERE m.conversation_id = ?1 AND (m.origin_id = ?2 OR m.stanza_id = ?2 OR m.id = (
                        SELECT message_id FROM message_change WHERE conversation_id = ?1 AND origin_id = ?2
                        AND message_id IS NOT NULL LIMIT 1))
                    ORDER BY m.origin_id = ?2 DESC, m.id LIMIT 1""")) {
                query.setLong(1, conversationId.getAsLong());
                query.setString(2, id);
                return MessageRows.first(query);
            }
        });
    }

    /** The messages {@code ids} names as they are now, in that order. */
    static List<ChatMessage> readBack(MessageWriter writer, Set<Long> ids) throws SQLException {
        List<ChatMessage> now = new ArrayList<>(ids.size());
        for (long id : ids) {
            writer.byId(id).ifPresent(now::add);
        }
        return now;
    }

    private static Optional<ChatMessage> byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + "WHERE m.id = ?")) {
            query.setLong(1, id);
            return MessageRows.first(query);
        }
    }

    private static Optional<ChatMessage> ownMessage(Connection connection, AccountId account, String originId)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(MessageRows.SELECT + """
                WHERE a.address = ? AND m.origin_id = ? AND m.direction = 'OUTGOING'
                ORDER BY m.id DESC LIMIT 1""")) {
            query.setString(1, account.address().value());
            query.setString(2, originId);
            return MessageRows.first(query);
        }
    }
}
