package im.natter.archive;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Times are stored as epoch milliseconds; null stays null. */
final class Millis {

    private Millis() {
    }

    static void bind(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setLong(index, time.toEpochMilli());
        }
    }

    static Instant read(ResultSet rows, String column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
