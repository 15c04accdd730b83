package im.natter.archive;

import im.natter.domain.model.AccountId;
import im.natter.domain.model.Address;
import im.natter.domain.model.ContentKind;
import im.natter.domain.model.Conversation;
import im.natter.domain.model.ConversationKey;
import im.natter.domain.model.ConversationKind;
import im.natter.domain.model.Direction;
import im.natter.domain.model.MessagePreview;
import im.natter.domain.model.NotificationLevel;
import im.natter.domain.port.ArchiveException;
import im.natter.domain.port.ConversationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Conversations with their newest message and unread count, most recent activity first. */
public final class SqliteConversationStore implements ConversationStore {

    // A conversation without messages counts as active when it was opened, so a new chat shows at the top.
    private static final String SELECT = """
            SELECT a.address AS account, c.peer, c.kind, c.unread, c.notification_level,
                   m.body, m.direction, m.content_kind, m.sort_time,
                   (SELECT count(*) FROM message n INDEXED BY message_mentions
                    WHERE n.conversation_id = c.id AND n.mentions_me = 1 AND n.direction = 'INCOMING'
                      AND (c.read_until IS NULL OR n.sort_time > c.read_until)) AS mentions
            FROM conversation c
            JOIN account a ON a.id = c.account_id
            LEFT JOIN message m ON m.id = (SELECT l.id FROM message l WHERE l.conversation_id = c.id
                                           ORDER BY l.sort_time DESC, l.id DESC LIMIT 1)
            WHERE a.address = ?
            """;
    private static final String ORDER = " ORDER BY coalesce(m.sort_time, c.created) DESC, c.id DESC";

    private final Database database;
    private final Clock clock;

    /** {@code clock} dates conversations opened before their first message. */
    public SqliteConversationStore(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SqliteConversationStore(Database database) {
        this(database, Clock.systemUTC());
    }

    @Override
    public List<Conversation> conversations(AccountId account) throws ArchiveException {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(SELECT + ORDER)) {
                query.setString(1, account.address().value());
                List<Conversation> conversations = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        conversations.add(map(rows));
                    }
                }
                return conversations;
            }
        });
    }

    @Override
    public Optional<Conversation> conversation(ConversationKey key) throws ArchiveException {
        return database.read(connection -> find(connection, key));
    }

    @Override
    public List<Conversation> conversations(Collection<ConversationKey> keys) throws ArchiveException {
        if (keys.isEmpty()) {
            return List.of();
        }
        return database.read(connection -> {
            List<Conversation> found = new ArrayList<>(keys.size());
            for (ConversationKey key : keys) {
                find(connection, key).ifPresent(found::add);
            }
            return found;
        });
    }

    @Override
    public Conversation open(ConversationKey key) throws ArchiveException {
        return database.write(connection -> {
            ArchiveKeys.ensureConversation(connection, key, clock.instant());
            return find(connection, key).orElseThrow();
        });
    }

    @Override
    public Conversation markRead(ConversationKey key) throws ArchiveException {
        return database.write(connection -> {
            long id = ArchiveKeys.ensureConversation(connection, key, clock.instant());
            // The read point only moves forward. (SQLite's two-argument max() is NULL if either argument is.)
            try (PreparedStatement update = connection.prepareStatement("""
                    WITH newest AS (SELECT max(sort_time) AS t FROM message WHERE conversation_id = ?1)
                    UPDATE conversation SET unread = 0,
                        read_until = max(coalesce(read_until, (SELECT t FROM newest)),
                                         coalesce((SELECT t FROM newest), read_until))
                    WHERE id = ?1""")) {
                update.setLong(1, id);
                update.executeUpdate();
            }
            return find(connection, key).orElseThrow();
        });
    }

    @Override
    public Conversation setNotificationLevel(ConversationKey key, NotificationLevel level) throws ArchiveException {
        Objects.requireNonNull(level, "level");
        return database.write(connection -> {
            long id = ArchiveKeys.ensureConversation(connection, key, clock.instant());
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE conversation SET notification_level = ? WHERE id = ?")) {
                update.setString(1, level.name());
                update.setLong(2, id);
                update.executeUpdate();
            }
            return find(connection, key).orElseThrow();
        });
    }

    private static Optional<Conversation> find(Connection connection, ConversationKey key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(SELECT + " AND c.peer = ? AND c.kind = ?")) {
            query.setString(1, key.account().address().value());
            query.setString(2, key.peer().value());
            query.setString(3, key.kind().name());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
        }
    }

    private static Conversation map(ResultSet rows) throws SQLException {
        ConversationKey key = new ConversationKey(new AccountId(new Address(rows.getString("account"))),
                new Address(rows.getString("peer")), ConversationKind.valueOf(rows.getString("kind")));
        MessagePreview preview = null;
        String direction = rows.getString("direction");
        if (direction != null) {
            preview = new MessagePreview(rows.getString("body"), Direction.valueOf(direction),
                    ContentKind.valueOf(rows.getString("content_kind")), Millis.read(rows, "sort_time"));
        }
        // the read point moves only with messages, so mentions are never more than the unread ones
        return new Conversation(key, preview, rows.getInt("unread"),
                Math.min(rows.getInt("mentions"), rows.getInt("unread")),
                NotificationLevel.valueOf(rows.getString("notification_level")));
    }
}
