package im.natter.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Frees a millisecond in a conversation's order. Messages sort by sort time, then row id, and a new row has the
 * highest id, so a new message can go between two stored ones only if a millisecond lies free between them; when
 * both share one (a server stamping whole seconds puts whole bursts in one), the later run moves up to make one.
 */
final class OrderGaps {

    /** The times of the messages stored after a place, nearest first (read until the first free millisecond). */
    private static final String RUN_AFTER = """
            SELECT sort_time FROM message INDEXED BY message_by_time
            WHERE conversation_id = ?1 AND sort_time >= ?2 AND (sort_time > ?2 OR id > ?3)
            ORDER BY sort_time, id""";
    private static final String IN_RUN = """
            SELECT id FROM message INDEXED BY message_by_time
            WHERE conversation_id = ?1 AND sort_time >= ?2 AND sort_time < ?4 AND (sort_time > ?2 OR id > ?3)""";
    private static final String MOVE_RUN = """
            UPDATE message SET sort_time = sort_time + 1
            WHERE conversation_id = ?1 AND sort_time >= ?2 AND sort_time < ?4 AND (sort_time > ?2 OR id > ?3)""";

    private OrderGaps() {
    }

    /**
     * Makes a free millisecond right after the message at ({@code sortTime}, {@code id}) when the next stored
     * message shares its millisecond: a new message stored at {@code sortTime} then sorts right after it and before
     * that next one, which otherwise no place could do. Moves the run of messages stored in the milliseconds that
     * follow, each up by one, so their order among themselves stays as it was. The spot need not hold a message:
     * ({@code t}, {@code id - 1}) frees the place right before the message ({@code t}, {@code id}).
     *
     * @return the ids of the messages moved (each now sorts one millisecond later)
     */
    static List<Long> makeAfter(Connection connection, long conversation, long sortTime, long id)
            throws SQLException {
        long free = sortTime + 1;
        try (PreparedStatement query = connection.prepareStatement(RUN_AFTER)) {
            query.setLong(1, conversation);
            query.setLong(2, sortTime);
            query.setLong(3, id);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next() || rows.getLong(1) != sortTime) {
                    return List.of(); // the next message is a millisecond or more later: there is room
                }
                while (rows.next()) {
                    long time = rows.getLong(1);
                    if (time == free) {
                        free++;
                    } else if (time > free) {
                        break;
                    }
                }
            }
        }
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(IN_RUN)) {
            bindRun(select, conversation, sortTime, id, free);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        try (PreparedStatement update = connection.prepareStatement(MOVE_RUN)) {
            bindRun(update, conversation, sortTime, id, free);
            update.executeUpdate();
        }
        return ids;
    }

    private static void bindRun(PreparedStatement statement, long conversation, long sortTime, long id, long free)
            throws SQLException {
        statement.setLong(1, conversation);
        statement.setLong(2, sortTime);
        statement.setLong(3, id);
        statement.setLong(4, free);
    }
}
