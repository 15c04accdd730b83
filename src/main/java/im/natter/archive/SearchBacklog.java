package im.natter.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Stored messages whose text is not in the search index yet (migration V006, ADR 0014). Indexing waits for the
 * writer to be idle, and is done in batches: FTS5 then writes one index segment per batch instead of one per
 * transaction of messages, which is also less work in all.
 */
final class SearchBacklog {

    /** Small enough that a write arriving meanwhile waits for one batch only. */
    static final int BATCH = 1000;

    private static final String INDEX = """
            INSERT INTO message_fts (rowid, body)
            SELECT m.id, m.body FROM search_backlog b JOIN message m ON m.id = b.message_id
            WHERE b.message_id <= ?""";
    private static final String FORGET = "DELETE FROM search_backlog WHERE message_id <= ?";
    private static final String LAST_OF_BATCH = """
            SELECT max(message_id) FROM (SELECT message_id FROM search_backlog ORDER BY message_id LIMIT ?)""";
    private static final String WAITING = "SELECT count(*) FROM search_backlog";

    private SearchBacklog() {
    }

    /**
     * Indexes up to {@code max} waiting messages, oldest first, inside the caller's write transaction.
     *
     * @return whether messages are still waiting
     */
    static boolean indexSome(Connection connection, int max) throws SQLException {
        long last;
        try (PreparedStatement query = connection.prepareStatement(LAST_OF_BATCH)) {
            query.setInt(1, max);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                last = rows.getLong(1);
                if (rows.wasNull()) {
                    return false;
                }
            }
        }
        try (PreparedStatement index = connection.prepareStatement(INDEX)) {
            index.setLong(1, last);
            index.executeUpdate();
        }
        try (PreparedStatement forget = connection.prepareStatement(FORGET)) {
            forget.setLong(1, last);
            forget.executeUpdate();
        }
        return waiting(connection) > 0;
    }

    /** Indexes everything waiting, inside the caller's write transaction: the index is then complete. */
    static void indexAll(Connection connection) throws SQLException {
        while (indexSome(connection, Integer.MAX_VALUE)) {
            // a batch of all cannot leave any; the loop only guards against rows added meanwhile by triggers
        }
    }

    static long waiting(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(WAITING);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
