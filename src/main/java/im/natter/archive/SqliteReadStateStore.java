package im.natter.archive;

import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.Direction;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConversationStore;
import im.natter.domain.port.ReadStateStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Read points set by the user's other devices (XEP-0490, or a displayed marker they sent). Uses the read point
 * ({@code read_until}) and the stanza-id lookup index of schema version 2; no schema of its own.
 */
public final class SqliteReadStateStore implements ReadStateStore {

    private static final String BY_STANZA_ID = """
            SELECT sort_time FROM message WHERE conversation_id = ? AND stanza_id = ? AND stanza_id_by = ?""";
    private static final String BY_ORIGIN_ID = """
            SELECT max(sort_time) FROM message WHERE conversation_id = ? AND origin_id = ?""";
    // The read point only moves forward; the unread count is then what came in after it.
    private static final String MOVE = """
            UPDATE conversation SET read_until = max(coalesce(read_until, ?2), ?2),
                unread = (SELECT count(*) FROM message m WHERE m.conversation_id = ?1 AND m.direction = ?3
                          AND m.sort_time > max(coalesce(read_until, ?2), ?2))
            WHERE id = ?1 AND (read_until IS NULL OR read_until < ?2)""";

    private final Database database;
    private final ConversationStore conversations;

    public SqliteReadStateStore(Database database, ConversationStore conversations) {
        this.database = Objects.requireNonNull(database, "database");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
    }

    @Override
    public Optional<Conversation> markReadUpTo(ConversationKey key, String stanzaId, String stanzaIdBy,
            String originId) throws ArchiveException {
        if (stanzaId == null && originId == null) {
            return Optional.empty();
        }
        boolean moved = database.write(connection -> {
            OptionalLong conversationId = ArchiveKeys.conversation(connection, key);
            if (conversationId.isEmpty()) {
                return false;
            }
            OptionalLong until = sortTime(connection, conversationId.getAsLong(), stanzaId, stanzaIdBy, originId);
            if (until.isEmpty()) {
                return false;
            }
            try (PreparedStatement update = connection.prepareStatement(MOVE)) {
                update.setLong(1, conversationId.getAsLong());
                update.setLong(2, until.getAsLong());
                update.setString(3, Direction.INCOMING.name());
                return update.executeUpdate() > 0;
            }
        });
        return moved ? conversations.conversation(key) : Optional.empty();
    }

    private static OptionalLong sortTime(Connection connection, long conversationId, String stanzaId,
            String stanzaIdBy, String originId) throws SQLException {
        boolean byStanzaId = stanzaId != null;
        try (PreparedStatement query = connection.prepareStatement(byStanzaId ? BY_STANZA_ID : BY_ORIGIN_ID)) {
            query.setLong(1, conversationId);
            query.setString(2, byStanzaId ? stanzaId : originId);
            if (byStanzaId) {
                query.setString(3, stanzaIdBy);
            }
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return OptionalLong.empty();
                }
                long t = rows.getLong(1);
                return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(t);
            }
        }
    }
}
